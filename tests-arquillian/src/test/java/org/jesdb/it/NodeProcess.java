package org.jesdb.it;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** A JESDB node started from the runnable jar as its own process, as the README starts it. */
final class NodeProcess implements AutoCloseable {
    private final Process process;
    private final Path log;
    final int port;
    final Api api;

    private NodeProcess(Process process, Path log, int port) {
        this.process = process;
        this.log = log;
        this.port = port;
        this.api = Api.of("http://127.0.0.1:" + port + "/");
    }

    /** Starts {@code java -jar jesdb.jar} on a free HTTP and Hazelcast port, with the given environment. */
    static NodeProcess start(Path workDir, Map<String, String> env) throws IOException {
        int hazelcastPort = freePort();
        return start(workDir, env, hazelcastPort, "127.0.0.1:" + hazelcastPort, List.of());
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
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dhazelcast.phone.home.enabled=false", "-Xmx512m",
                "-jar", System.getProperty("jesdb.jar"),
                "--port", Integer.toString(port),
                "--startport", Integer.toString(hazelcastPort),
                "--clustermode", "tcpip:" + members));
        command.addAll(extra);
        Files.createDirectories(workDir);
        Path log = Files.createTempFile(workDir, "node-", ".log");
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(env);
        return new NodeProcess(builder.start(), log, port);
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

    /** SIGKILL: no shutdown hook, no flush, like a crash. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
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
    }
}
