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
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A JESDB node started from the runnable jar as its own process, on free loopback ports and
 * with its own data and Payara root folders, as the README starts one. Stopped with SIGTERM,
 * and killed if it does not stop in time; a shutdown hook stops it if the harness is interrupted.
 */
final class NodeProcess implements AutoCloseable {
    private static final Duration READY_POLL = Duration.ofMillis(500);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

    private final Process process;
    private final Path log;
    private final Thread shutdownHook;
    final URI base;

    private NodeProcess(Process process, Path log, int port) {
        this.process = process;
        this.log = log;
        this.base = URI.create("http://127.0.0.1:" + port + "/");
        this.shutdownHook = new Thread(process::destroyForcibly, "jesdb-bench-node-stopper");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    static NodeProcess start(Path jar, Path folder, List<String> jvmOptions) throws IOException {
        int port = freeLoopbackPort();
        int hazelcastPort = freeLoopbackPort();
        Files.createDirectories(folder);
        Path log = folder.resolve("node.log");
        List<String> command = new java.util.ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Dhazelcast.phone.home.enabled=false");
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", jar.toString(),
                "--port", Integer.toString(port),
                "--startport", Integer.toString(hazelcastPort),
                "--clustermode", "tcpip:127.0.0.1:" + hazelcastPort,
                "--rootdir", folder.resolve("payara").toString()));
        ProcessBuilder builder = new ProcessBuilder(command).directory(folder.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("JESDB_DATA_DIR", folder.resolve("data").toString());
        return new NodeProcess(builder.start(), log, port);
    }

    /** Waits until GET /health/ready answers 200, at most {@code timeout}. */
    void awaitReady(HttpClient http, Duration timeout) throws IOException, InterruptedException {
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

    long pid() {
        return process.pid();
    }

    String logTail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException | RuntimeException e) {
            return "(no log: " + e + ")";
        }
    }

    private static int freeLoopbackPort() throws IOException {
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
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or has run: nothing left to undo
        }
    }
}
