package org.jesdb.bench.postgres;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.jesdb.bench.host.ExternalCommand;
import org.jesdb.bench.host.HostCpu;

/**
 * The peer: a PostgreSQL server of the machine's own installation, initialised into a folder of
 * the run, started on 127.0.0.1 on a free port with default durability ({@code fsync=on},
 * {@code synchronous_commit=on}), and stopped at the end. As root it runs as the
 * {@code postgres} user, as PostgreSQL requires.
 */
public final class PostgresServer implements AutoCloseable {
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(120);
    private static final String USER = "bench";

    private final Path binDir;
    private final Path folder;
    private final Path dataDir;
    private final int port;
    private final List<String> runAs;
    private final Thread shutdownHook;
    private final String version;
    private final AtomicBoolean stopped = new AtomicBoolean();

    private PostgresServer(Path binDir, Path folder, int port, List<String> runAs, String version) {
        this.binDir = binDir;
        this.folder = folder;
        this.dataDir = folder.resolve("data");
        this.port = port;
        this.runAs = runAs;
        this.version = version;
        this.shutdownHook = new Thread(() -> pgCtl("stop", "-m", "immediate", "-w", "-t", "30"), "jesdb-bench-pg-stopper");
    }

    /**
     * Finds the binaries ({@code binDir} if given, else the newest {@code /usr/lib/postgresql/N/bin},
     * else the PATH), initialises a new cluster in {@code folder} and starts it.
     *
     * @throws PeerUnavailableException with the reason, when any step fails
     */
    public static PostgresServer start(Optional<Path> binDir, Path folder, String sharedBuffers) {
        Path bin = binDir.or(PostgresServer::findBinaries).orElseThrow(() -> new PeerUnavailableException(
                "no PostgreSQL binaries (initdb, pg_ctl) found in /usr/lib/postgresql/*/bin or on the PATH; "
                        + "install Debian's postgresql package or pass --pg-bin"));
        if (!Files.isExecutable(bin.resolve("initdb")) || !Files.isExecutable(bin.resolve("pg_ctl"))) {
            throw new PeerUnavailableException("no initdb or pg_ctl in " + bin);
        }
        List<String> runAs = runAsPrefix();
        Path home = prepareFolder(folder, !runAs.isEmpty());
        int port = freeLoopbackPort();
        ExternalCommand.Result versionOut = ExternalCommand.run(List.of(bin.resolve("postgres").toString(), "--version"),
                COMMAND_TIMEOUT);
        PostgresServer server = new PostgresServer(bin, home, port, runAs, versionOut.output().trim());
        server.initialise();
        server.startServer(sharedBuffers);
        return server;
    }

    private static Optional<Path> findBinaries() {
        Path debian = Path.of("/usr/lib/postgresql");
        if (Files.isDirectory(debian)) {
            try (Stream<Path> versions = Files.list(debian)) {
                Optional<Path> newest = versions.map(v -> v.resolve("bin"))
                        .filter(b -> Files.isExecutable(b.resolve("initdb")))
                        .max(Comparator.comparingInt(PostgresServer::majorVersion));
                if (newest.isPresent()) {
                    return newest;
                }
            } catch (IOException e) {
                // fall through to the PATH
            }
        }
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(java.io.File.pathSeparator)) {
            Path candidate = Path.of(dir);
            if (Files.isExecutable(candidate.resolve("initdb")) && Files.isExecutable(candidate.resolve("pg_ctl"))) {
                return Optional.of(candidate.toAbsolutePath());
            }
        }
        return Optional.empty();
    }

    private static int majorVersion(Path bin) {
        try {
            return Integer.parseInt(bin.getParent().getFileName().toString());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** PostgreSQL refuses to run as root: then every command runs as the postgres user. */
    private static List<String> runAsPrefix() {
        if (!"root".equals(System.getProperty("user.name"))) {
            return List.of();
        }
        if (Files.isExecutable(Path.of("/usr/sbin/runuser")) || Files.isExecutable(Path.of("/sbin/runuser"))) {
            return List.of(Files.isExecutable(Path.of("/usr/sbin/runuser")) ? "/usr/sbin/runuser" : "/sbin/runuser",
                    "-u", "postgres", "--");
        }
        throw new PeerUnavailableException("running as root, and no runuser to run PostgreSQL as the postgres user");
    }

    /**
     * Creates the folder, owned by the postgres user when running as root. If that user cannot
     * reach the folder (a parent closed to others), a folder under the system temp folder is used.
     */
    private static Path prepareFolder(Path folder, boolean asPostgresUser) {
        try {
            Files.createDirectories(folder);
            if (!asPostgresUser) {
                return folder;
            }
            UserPrincipalLookupService users = folder.getFileSystem().getUserPrincipalLookupService();
            Files.setOwner(folder, users.lookupPrincipalByName("postgres"));
            GroupPrincipal group = users.lookupPrincipalByGroupName("postgres");
            Files.getFileAttributeView(folder, PosixFileAttributeView.class).setGroup(group);
            ExternalCommand.Result canWrite = ExternalCommand.run(List.of("/usr/sbin/runuser", "-u", "postgres", "--",
                    "test", "-w", folder.toString()), COMMAND_TIMEOUT);
            if (canWrite.ok()) {
                return folder;
            }
            Path fallback = Files.createTempDirectory("jesdb-bench-pg-");
            Files.setOwner(fallback, users.lookupPrincipalByName("postgres"));
            System.out.println("note: the postgres user cannot reach " + folder + "; PostgreSQL's data goes to " + fallback);
            return fallback;
        } catch (IOException e) {
            throw new PeerUnavailableException("cannot prepare " + folder + " for PostgreSQL: " + e.getMessage());
        }
    }

    private void initialise() {
        List<String> command = new ArrayList<>(runAs);
        command.addAll(List.of(binDir.resolve("initdb").toString(), "-D", dataDir.toString(), "-U", USER,
                "-A", "trust", "-E", "UTF8", "--locale=C"));
        ExternalCommand.Result result = ExternalCommand.run(command, COMMAND_TIMEOUT);
        if (!result.ok()) {
            throw new PeerUnavailableException("initdb failed (" + result.exitCode() + "): " + tail(result.output()));
        }
    }

    private void startServer(String sharedBuffers) {
        // Default durability; checkpoints spread out so that none falls into a short measurement.
        String options = String.join(" ",
                "-c listen_addresses=127.0.0.1", "-p " + port, "-c unix_socket_directories=''",
                "-c fsync=on", "-c synchronous_commit=on", "-c full_page_writes=on",
                "-c shared_buffers=" + sharedBuffers, "-c max_connections=200",
                "-c max_wal_size=8GB", "-c checkpoint_timeout=30min");
        ExternalCommand.Result result = pgCtl("start", "-w", "-t", "90", "-l", folder.resolve("postgres.log").toString(),
                "-o", options);
        if (!result.ok()) {
            throw new PeerUnavailableException("PostgreSQL did not start (" + result.exitCode() + "): " + tail(result.output())
                    + "\nsee " + folder.resolve("postgres.log"));
        }
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    private ExternalCommand.Result pgCtl(String... arguments) {
        List<String> command = new ArrayList<>(runAs);
        command.add(binDir.resolve("pg_ctl").toString());
        command.add("-D");
        command.add(dataDir.toString());
        command.addAll(List.of(arguments));
        return ExternalCommand.run(command, COMMAND_TIMEOUT);
    }

    public String version() {
        return version;
    }

    /** A new connection to {@code database}; {@code options} are server settings for this session. */
    Connection connect(String database, String options) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", USER);
        properties.setProperty("connectTimeout", "10");
        properties.setProperty("socketTimeout", "120");
        properties.setProperty("tcpKeepAlive", "false");
        properties.setProperty("ApplicationName", "jesdb-bench");
        if (options != null) {
            properties.setProperty("options", options);
        }
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/" + database, properties);
    }

    void createDatabase(String name) throws SQLException {
        try (Connection admin = connect("postgres", null); Statement statement = admin.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        }
    }

    void dropDatabase(String name) throws SQLException {
        try (Connection admin = connect("postgres", null); Statement statement = admin.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        }
    }

    /** CPU time of the postmaster and all its children (backends, WAL writer, checkpointer). */
    long cpuNanos() {
        try {
            long pid = Long.parseLong(Files.readAllLines(dataDir.resolve("postmaster.pid")).get(0).trim());
            return HostCpu.processTreeCpuNanos(pid);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    private static int freeLoopbackPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new PeerUnavailableException("no free loopback port: " + e.getMessage());
        }
    }

    private static String tail(String output) {
        String trimmed = output.strip();
        return trimmed.length() <= 1_500 ? trimmed : "…" + trimmed.substring(trimmed.length() - 1_500);
    }

    @Override
    public void close() {
        if (!stopped.compareAndSet(false, true)) {
            return;
        }
        ExternalCommand.Result result = pgCtl("stop", "-m", "fast", "-w", "-t", "60");
        if (!result.ok()) {
            pgCtl("stop", "-m", "immediate", "-w", "-t", "30");
        }
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or has run
        }
    }
}
