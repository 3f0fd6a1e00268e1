package org.jesdb.client;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Keeps one SSE connection open for a subscription, on a thread of its own (reads block): it
 * connects to a node, hands each event on, and when the connection is lost, or a node cannot
 * serve it (still starting, no leader, not the leader), connects again, to another node, until it
 * is stopped. Where it resumes is the subclass's: a transient subscription asks for the events
 * after the last one it delivered, a persistent one resumes from its checkpoint on the server.
 * Errors that another try cannot mend (a missing subscription, a refused request) end it.
 */
abstract class SseFollower {
    /** The server writes a comment every 5 s: this long without a line means the connection is dead. */
    private static final long SILENCE_NANOS = TimeUnit.SECONDS.toNanos(20);
    private static final int MAX_PROBLEM_BYTES = 64 * 1024;

    private final Transport transport;
    private final Transport.Route route;
    private final AtomicBoolean stopped = new AtomicBoolean();
    private volatile InputStream body;
    private volatile long lastLine;
    private volatile Thread thread;
    private int node = -1;

    SseFollower(Transport transport, Transport.Route route) {
        this.transport = transport;
        this.route = route;
    }

    /** The path and query to connect to, asked again on each connection. */
    abstract String path();

    /** Extra request headers on each connection (e.g. Last-Event-ID), as name/value pairs. */
    String[] headers() {
        return new String[0];
    }

    /** One event; an exception thrown here ends the subscription with it. */
    abstract void onEvent(SseEvent event);

    /** The subscription ended: {@code cause} is null when it was stopped by the caller. Called once. */
    abstract void onEnd(Throwable cause);

    final void start(String name) {
        Thread reader = new Thread(this::run, name);
        reader.setDaemon(true);
        thread = reader;
        reader.start();
    }

    final boolean isStopped() {
        return stopped.get();
    }

    /** Stops following; the connection is closed, and onEnd is told (with null) unless it ended already. */
    final void stop() {
        end(null);
    }

    private void end(Throwable cause) {
        if (!stopped.compareAndSet(false, true)) {
            return;
        }
        closeBody();
        Thread reader = thread;
        if (reader != null && reader != Thread.currentThread()) {
            reader.interrupt();
        }
        onEnd(cause);
    }

    private void run() {
        int failures = 0;
        Nodes nodes = transport.nodes();
        node = route == Transport.Route.LEADER ? nodes.forWrite() : nodes.forRead();
        while (!stopped.get()) {
            String leader = null;
            try {
                HttpResponse<InputStream> response = transport.http().send(request(), HttpResponse.BodyHandlers.ofInputStream());
                nodes.reachable(node);
                if (response.statusCode() == 200) {
                    failures = 0;
                    follow(response.body());
                } else {
                    leader = refused(response);
                }
            } catch (ConnectException | HttpConnectTimeoutException unreachable) {
                nodes.unreachable(node);
                transport.discover();
            } catch (IOException lost) {
                // the connection broke or fell silent: connect again
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                end(null);
                return;
            } catch (RuntimeException | Error listenerOrParse) {
                end(listenerOrParse);
                return;
            }
            if (!stopped.get()) {
                node = nodes.after(node, leader);
                pause(failures++);
            }
        }
    }

    private HttpRequest request() {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(transport.nodes().url(node) + path()))
                .header("Accept", "text/event-stream").GET();
        String[] extra = headers();
        for (int i = 0; i + 1 < extra.length; i += 2) {
            request.header(extra[i], extra[i + 1]);
        }
        return request.build();
    }

    private void follow(InputStream stream) throws IOException {
        body = stream;
        if (stopped.get()) {
            closeBody();
            return;
        }
        lastLine = System.nanoTime();
        watchSilence(stream);
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
            SseEvent event;
            while (!stopped.get() && (event = SseEvent.read(reader, () -> lastLine = System.nanoTime())) != null) {
                if ("subscription-closed".equals(event.name())) {
                    end(new Errors.NotFound("subscription-closed", "the server closed the subscription: " + event.data()));
                    return;
                }
                onEvent(event);
            }
        }
    }

    /** Closes a connection that has said nothing for too long, so that it is made again. */
    private void watchSilence(InputStream stream) {
        CompletableFuture.delayedExecutor(5, TimeUnit.SECONDS, transport.threads()).execute(() -> {
            if (body != stream || stopped.get()) {
                return;
            }
            if (System.nanoTime() - lastLine > SILENCE_NANOS) {
                closeBody();
            } else {
                watchSilence(stream);
            }
        });
    }

    /**
     * A node's refusal: ends the subscription unless another try may succeed. Answers the leader
     * a not-leader refusal names, so the next try goes there.
     */
    private String refused(HttpResponse<InputStream> response) throws IOException {
        byte[] problem;
        try (InputStream stream = response.body()) {
            problem = stream.readNBytes(MAX_PROBLEM_BYTES);
        }
        int status = response.statusCode();
        boolean starting = status == 404 && !response.headers().firstValue("Content-Type").orElse("").contains("json");
        if (starting || status == 503 || status == 502 || status == 504) {
            String leader = Transport.notLeaderNamed(status, problem);
            transport.nodes().learnedLeader(leader);
            return leader;
        }
        end(Transport.error(status, problem));
        return null;
    }

    private void closeBody() {
        InputStream stream = body;
        if (stream != null) {
            try {
                stream.close();
            } catch (IOException alreadyGone) {
                // closing only makes the reader stop
            }
        }
    }

    private void pause(int failures) {
        try {
            Thread.sleep(Math.min(5_000, 100L << Math.min(failures, 6)));
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            end(null);
        }
    }
}
