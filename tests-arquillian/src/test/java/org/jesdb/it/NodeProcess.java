package org.jesdb.it;

import static org.awaitility.Awaitility.await;

import jakarta.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jesdb.it.netns.NetworkNamespaces;
import org.jesdb.chaos.TcpForwarder;

/** A JESDB node started from the runnable jar as its own process, as the README starts it. */
final class NodeProcess implements AutoCloseable {
    /**
     * Every node JVM's options: no Hazelcast phone-home; a small heap; and C1 only with the serial
     * collector, which brings a node to ready in about 9.6 s instead of 12.8 s on these 2-core
     * machines (tests start dozens of nodes and never run one long enough for C2 to pay off).
     */
    static final List<String> JVM_OPTIONS = List.of("-Dhazelcast.phone.home.enabled=false", "-Xmx512m",
            "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");

    private final Process process;
    private final Path log;
    final int port;
    final Api api;
    /** A process that lives and dies with the node (the HTTP forwarder of a node in a namespace), or null. */
    private final Process companion;

    private NodeProcess(Process process, Path log, int port) {
        this(process, log, port, "127.0.0.1", null);
    }

    private NodeProcess(Process process, Path log, int port, String host, Process companion) {
        this.process = process;
        this.log = log;
        this.port = port;
        this.api = Api.of("http://" + host + ":" + port + "/");
        this.companion = companion;
    }

    /**
     * Starts member {@code i} of {@code nodes} inside its network namespace: Hazelcast and Raft on
     * its cluster link (where links can be cut), HTTP on the namespace's loopback, forwarded to its
     * test link for the test to reach.
     */
    static NodeProcess startInNamespace(NetworkNamespaces spaces, int i, int nodes, Path workDir, Map<String, String> env,
                                        String clusterName) throws IOException {
        StringBuilder members = new StringBuilder();
        for (int n = 1; n <= nodes; n++) {
            members.append(n == 1 ? "" : ",").append(NetworkNamespaces.clusterAddress(n)).append(":5900");
        }
        List<String> command = new ArrayList<>(spaces.inside(i));
        command.add(java());
        command.addAll(JVM_OPTIONS);
        command.addAll(List.of("-jar", System.getProperty("jesdb.jar"), "--port", "8080", "--startport", "5900",
                "--clustermode", "tcpip:" + members, "--interfaces", NetworkNamespaces.clusterAddress(i),
                "--clustername", clusterName));
        Files.createDirectories(workDir);
        Path log = Files.createTempFile(workDir, "node-" + i + "-", ".log");
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().remove("JESDB_ADMIN_PASSWORD");
        builder.environment().putAll(withAdminPassword(env));
        Process node = builder.start();
        List<String> forward = new ArrayList<>(spaces.inside(i));
        forward.addAll(List.of(java(), "-cp", System.getProperty("java.class.path"), TcpForwarder.class.getName(),
                NetworkNamespaces.testAddress(i), "8080", "127.0.0.1", "8080"));
        Process forwarder = new ProcessBuilder(forward).redirectErrorStream(true)
                .redirectOutput(workDir.resolve("forwarder-" + i + ".log").toFile()).start();
        return new NodeProcess(node, log, 8080, NetworkNamespaces.testAddress(i), forwarder);
    }

    /** What scripts/local-cluster.sh computes: jesdb- and 16 hex digits of the secret's SHA-256. */
    static String clusterName(String secret) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
            return "jesdb-" + HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /**
     * {@code env} with the test admin's password, unless it names another (security is on by
     * default); an empty JESDB_ADMIN_PASSWORD in {@code env} means none at all: the node starts
     * without the variable, as a node a user starts without it.
     */
    static Map<String, String> withAdminPassword(Map<String, String> env) {
        Map<String, String> all = new java.util.HashMap<>(env);
        all.putIfAbsent("JESDB_ADMIN_PASSWORD", TestAdmin.PASSWORD);
        all.remove("JESDB_ADMIN_PASSWORD", "");
        return all;
    }

    /** Starts {@code java -jar jesdb.jar} on a free HTTP and Hazelcast port, with the given environment. */
    static NodeProcess start(Path workDir, Map<String, String> env) throws IOException {
        int hazelcastPort = freePort();
        return start(workDir, env, hazelcastPort, "127.0.0.1:" + hazelcastPort, List.of());
    }

    /**
     * Starts {@code java -jar jesdb.jar} as {@link #start(Path, Map)} does, with more Payara Micro
     * options (e.g. {@code --sslport}).
     */
    static NodeProcess start(Path workDir, Map<String, String> env, List<String> options) throws IOException {
        int hazelcastPort = freePort();
        return start(workDir, env, hazelcastPort, "127.0.0.1:" + hazelcastPort, options);
    }

    /**
     * Starts a cluster member: its Hazelcast on {@code hazelcastPort}, looking for the others at
     * {@code members} (a tcpip list), under {@code clusterName}.
     */
    static NodeProcess startMember(Path workDir, Map<String, String> env, int hazelcastPort, String members,
                                   String clusterName) throws IOException {
        return start(workDir, env, hazelcastPort, members, List.of("--clustername", clusterName));
    }

    private static NodeProcess start(Path workDir, Map<String, String> env, int hazelcastPort, String members,
                                     List<String> extra) throws IOException {
        int port = freePort();
        List<String> command = new ArrayList<>();
        command.add(java());
        command.addAll(JVM_OPTIONS);
        command.addAll(List.of("-jar", System.getProperty("jesdb.jar"),
                "--port", Integer.toString(port),
                "--startport", Integer.toString(hazelcastPort),
                "--clustermode", "tcpip:" + members));
        command.addAll(extra);
        if (!extra.contains("--sslport")) {
            // a free port: the default (the HTTP port + 363) could be another test node's port
            command.addAll(List.of("--sslport", Integer.toString(freePort())));
        }
        Files.createDirectories(workDir);
        Path log = Files.createTempFile(workDir, "node-", ".log");
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().remove("JESDB_ADMIN_PASSWORD");
        builder.environment().putAll(withAdminPassword(env));
        return new NodeProcess(builder.start(), log, port);
    }

    /**
     * Runs {@code script} (bash) inside node {@code i}'s namespace, with exactly the JESDB_
     * settings in {@code env} (none inherited from the test's own environment); its HTTP API is
     * expected on the namespace's test link at {@code port}.
     */
    static NodeProcess startScript(NetworkNamespaces spaces, int i, Path script, Path workDir, Map<String, String> env,
                                   int port) throws IOException {
        Files.createDirectories(workDir);
        Path log = Files.createTempFile(workDir, "node-", ".log");
        List<String> command = new ArrayList<>(spaces.inside(i));
        command.addAll(List.of("bash", script.toString()));
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("JESDB_"));
        builder.environment().putAll(env);
        builder.environment().put("TMPDIR", workDir.toString());
        return new NodeProcess(builder.start(), log, port, NetworkNamespaces.testAddress(i), null);
    }

    NodeProcess awaitReady() {
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).until(() -> {
            if (!process.isAlive()) {
                throw new IllegalStateException("the node exited with " + process.exitValue() + "; log:\n" + logTail());
            }
            try {
                return api.get("health/ready").status() == 200;
            } catch (java.io.UncheckedIOException notYet) {
                return false;
            }
        });
        return this;
    }

    /**
     * Waits until the node refuses to start: its output has {@code refusal} and it never becomes
     * ready; answers its output. A node that becomes ready instead fails the test.
     */
    String awaitRefusal(String refusal) {
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).until(() -> {
            if (logText().contains(refusal)) {
                return true;
            }
            if (!process.isAlive()) {
                throw new AssertionError("the node exited with " + process.exitValue() + " without saying '" + refusal
                        + "'; log:\n" + logTail());
            }
            try {
                if (api.get("health/ready").status() == 200) {
                    throw new AssertionError("the node started on damaged data; log:\n" + logTail());
                }
            } catch (java.io.UncheckedIOException notYet) {
                // not listening yet
            }
            return false;
        });
        return logText();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** SIGSTOP: the JVM stops dead, its sockets stay open, as in a long GC pause or a frozen VM. */
    void pause() throws IOException, InterruptedException {
        signal("STOP");
    }

    /** SIGCONT after {@link #pause}. */
    void resume() throws IOException, InterruptedException {
        signal("CONT");
    }

    private void signal(String name) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).redirectErrorStream(true).start();
        if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
            throw new IOException("kill -" + name + " " + process.pid() + " failed");
        }
    }

    /** Waits until every node is ready, in parallel: members of a new group wait for each other. */
    static void awaitAllReady(List<NodeProcess> nodes) throws Exception {
        ExecutorService waiting = Executors.newFixedThreadPool(nodes.size());
        try {
            List<Future<NodeProcess>> ready = new ArrayList<>();
            for (NodeProcess node : nodes) {
                ready.add(waiting.submit(node::awaitReady));
            }
            for (Future<NodeProcess> future : ready) {
                future.get();
            }
        } finally {
            waiting.shutdown();
        }
    }

    /**
     * The index in {@code nodes} of the member whose readiness check names it LEADER, waiting up
     * to 60 s for one (an election may be under way; a stopped member is passed over).
     */
    static int leaderIndex(List<NodeProcess> nodes) {
        int[] found = {-1};
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).until(() -> {
            for (int i = 0; i < nodes.size(); i++) {
                if (isLeader(nodes.get(i))) {
                    found[0] = i;
                    return true;
                }
            }
            return false;
        });
        return found[0];
    }

    private static boolean isLeader(NodeProcess node) {
        try {
            JsonObject health = node.api.get("health/ready").json();
            return "LEADER".equals(health.getJsonArray("checks").getJsonObject(0).getJsonObject("data").getString("role", ""));
        } catch (RuntimeException downOrBooting) {
            return false;
        }
    }

    /** SIGKILL: no shutdown hook, no flush, like a crash. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
        if (companion != null) {
            companion.destroyForcibly();
            companion.waitFor(30, TimeUnit.SECONDS);
        }
    }

    /** The node's whole output so far. */
    String logText() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    String logTail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
        if (companion != null) {
            companion.destroyForcibly();
            companion.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
