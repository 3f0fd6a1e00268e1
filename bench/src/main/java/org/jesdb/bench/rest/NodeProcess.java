package org.jesdb.bench.rest;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.jesdb.client.JesdbClient;

/**
 * A JESDB node started from the runnable jar as its own process, on free loopback ports and
 * with its own data and Payara root folders, as the README starts one, with security on (the
 * default) and a known admin. Stopped with SIGTERM,
 * and killed if it does not stop in time; a shutdown hook stops it if the harness is interrupted.
 */
public final class NodeProcess implements AutoCloseable {
    private static final Duration READY_POLL = Duration.ofMillis(500);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

    private final Process process;
    private final Path log;
    private final Thread shutdownHook;
    private final Launch launch;
    final URI base;

    /**
     * How a node is started, kept so that it can be started again on the same ports and data.
     *
     * @param members   Hazelcast's tcpip member list
     * @param extraArgs further Payara Micro arguments (a cluster name)
     * @param env       JESDB_ settings, but the admin's password
     * @param admin     the admin the node starts with (its password goes in the environment)
     */
    public record Launch(Path jar, Path folder, List<String> jvmOptions, int port, int hazelcastPort, String members,
                        List<String> extraArgs, Map<String, String> env, AdminCredentials admin) {
        public Launch {
            jvmOptions = List.copyOf(jvmOptions);
            extraArgs = List.copyOf(extraArgs);
            env = Map.copyOf(env);
        }
    }

    private NodeProcess(Process process, Path log, Launch launch) {
        this.process = process;
        this.log = log;
        this.launch = launch;
        this.base = URI.create("http://127.0.0.1:" + launch.port() + "/");
        this.shutdownHook = new Thread(process::destroyForcibly, "jesdb-bench-node-stopper");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** A single node on free ports, its data in {@code folder}/data. */
    static NodeProcess start(Path jar, Path folder, List<String> jvmOptions, AdminCredentials admin) throws IOException {
        int hazelcastPort = freeLoopbackPort();
        return start(new Launch(jar, folder, jvmOptions, freeLoopbackPort(), hazelcastPort, "127.0.0.1:" + hazelcastPort,
                List.of(), Map.of("JESDB_DATA_DIR", folder.resolve("data").toString()), admin));
    }

    /** Starts a node as {@code launch} says; its output is appended to {@code node.log} in its folder. */
    public static NodeProcess start(Launch launch) throws IOException {
        Path folder = launch.folder();
        Files.createDirectories(folder);
        Path log = folder.resolve("node.log");
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Dhazelcast.phone.home.enabled=false");
        command.addAll(launch.jvmOptions());
        command.addAll(List.of("-jar", launch.jar().toString(),
                "--port", Integer.toString(launch.port()),
                "--startport", Integer.toString(launch.hazelcastPort()),
                "--clustermode", "tcpip:" + launch.members(),
                "--rootdir", folder.resolve("payara").toString()));
        command.addAll(launch.extraArgs());
        ProcessBuilder builder = new ProcessBuilder(command).directory(folder.toFile())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(launch.env());
        // in the environment, not on the command line, where every user of the machine could read it
        builder.environment().put("JESDB_ADMIN_PASSWORD", launch.admin().password());
        return new NodeProcess(builder.start(), log, launch);
    }

    /** Starts this node again, on the same ports and data (after {@link #kill}). */
    public NodeProcess restart() throws IOException {
        return start(launch);
    }

    /** SIGKILL, as a power cut would stop it; waits until the process is gone. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
        removeShutdownHook();
    }

    public URI base() {
        return base;
    }

    /** Who every request to this node signs in as. */
    public AdminCredentials admin() {
        return launch.admin();
    }

    /** A Java client of this node alone, signed in. */
    public JesdbClient client(Duration timeout) {
        return JesdbClient.builder().nodes(base.toString()).timeout(timeout)
                .credentials(admin().user(), admin().password()).build();
    }

    /** Waits until GET /health/ready answers 200, at most {@code timeout}. */
    public void awaitReady(HttpClient http, Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        HttpRequest ready = HttpRequest.newBuilder(base.resolve("health/ready")).timeout(Duration.ofSeconds(5)).GET().build();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("the node exited with code " + process.exitValue() + "; its log:\n" + logTail());
            }
            try {
                if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notListeningYet) {
                // keep polling until the deadline
            }
            Thread.sleep(READY_POLL.toMillis());
        }
        throw new IOException("the node was not ready within " + timeout.toSeconds() + " s; its log:\n" + logTail());
    }

    public long pid() {
        return process.pid();
    }

    public String logTail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException | RuntimeException e) {
            return "(no log: " + e + ")";
        }
    }

    public static int freeLoopbackPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
        removeShutdownHook();
    }

    private void removeShutdownHook() {
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException | IllegalArgumentException goneAlready) {
            // the hook is running, has run, or was removed by kill(): nothing left to undo
        }
    }
}
