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

/**
 * Keeps one SSE connection open for a subscription, on a thread of its own (reads block): it
 * connects to a node, hands each event on, and when the connection is lost, the node closes the
 * subscription (the leader moved, the node stops), or a node cannot serve it (still starting, no
 * leader, any 5xx), connects again, to another node, until it is stopped. Where it resumes is the
 * subclass's: a transient subscription asks for the events after the last one it delivered, a
 * persistent one resumes from its checkpoint on the server. Only a 4xx ends it on its own (a
 * deleted subscription answers 404 when it reconnects).
 *
 * <p>The listener is called on this thread only, never after {@link #onEnd}, which this thread
 * calls once, as it exits. {@link #stop()} interrupts this thread only while it waits for a node,
 * never inside the listener.
 */
abstract class SseFollower {
    private static final System.Logger LOG = System.getLogger(SseFollower.class.getName());
    /** The server writes a comment every 5 s: this long without a line means the connection is dead. */
    private static final long SILENCE_NANOS = TimeUnit.SECONDS.toNanos(20);
    private static final int MAX_PROBLEM_BYTES = 64 * 1024;

    private final Transport transport;
    private final Transport.Route route;
    private final Object listenerLock = new Object();
    private volatile boolean stopped;
    private boolean inListener;
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
        transport.following(this);
        reader.start();
    }

    /** Stops following: the connection is closed; the reader thread tells onEnd (null) as it exits. */
    final void stop() {
        stopped = true;
        closeBody();
        Thread reader = thread;
        synchronized (listenerLock) {
            if (reader != null && reader != Thread.currentThread() && !inListener) {
                reader.interrupt();
            }
        }
    }

    private void run() {
        Throwable cause = null;
        try {
            cause = follow();
        } catch (RuntimeException | Error listenerOrParse) {
            cause = listenerOrParse;
        } finally {
            stopped = true;
            closeBody();
            transport.unfollowing(this);
            Thread.interrupted(); // a stop's interrupt is not the listener's business
            onEnd(cause);
        }
    }

    /** Connects again and again until stopped (answers null) or refused for good (answers why). */
    private Throwable follow() {
        int failures = 0;
        Nodes nodes = transport.nodes();
        node = route == Transport.Route.LEADER ? nodes.forWrite() : nodes.forRead();
        while (!stopped) {
            String leader = null;
            String why;
            try {
                HttpResponse<InputStream> response = transport.http().send(request(), HttpResponse.BodyHandlers.ofInputStream());
                nodes.reachable(node);
                if (response.statusCode() == 200) {
                    failures = 0;
                    why = read(response.body());
                } else {
                    Refusal refusal = refused(response);
                    if (refusal.end != null) {
                        return refusal.end;
                    }
                    leader = refusal.leader;
                    why = "HTTP " + response.statusCode();
                }
            } catch (ConnectException | HttpConnectTimeoutException unreachable) {
                nodes.unreachable(node);
                transport.discover();
                why = "cannot connect: " + unreachable;
            } catch (IOException lost) {
                why = "connection lost: " + lost;
            } catch (InterruptedException interrupted) {
                return stopped ? null : interrupted;
            }
            if (!stopped) {
                if (++failures % 10 == 0) {
                    LOG.log(System.Logger.Level.WARNING, "a subscription ({0}) has failed to connect {1} times; last: {2}",
                            path(), failures, why);
                }
                node = nodes.after(node, leader);
                if (pause(failures)) {
                    return stopped ? null : new InterruptedException("the subscription's thread was interrupted");
                }
            }
        }
        return null;
    }

    private HttpRequest request() {
        // The timeout covers the wait for the answer's headers only, not the stream that follows.
        HttpRequest.Builder request = transport.authorized(HttpRequest.newBuilder(URI.create(transport.nodes().url(node) + path())))
                .timeout(transport.timeout()).header("Accept", "text/event-stream").GET();
        String[] extra = headers();
        for (int i = 0; i + 1 < extra.length; i += 2) {
            request.header(extra[i], extra[i + 1]);
        }
        return request.build();
    }

    /** Hands on the events of one connection; answers why it ended (the server's reason, or its end). */
    private String read(InputStream stream) throws IOException {
        body = stream;
        if (stopped) {
            closeBody();
            return "stopped";
        }
        lastLine = System.nanoTime();
        watchSilence(stream);
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
            SseEvent event;
            while ((event = SseEvent.read(reader, () -> lastLine = System.nanoTime())) != null) {
                if ("subscription-closed".equals(event.name())) {
                    // The leader moved or the node stops: connect again (a deleted subscription then answers 404).
                    return "closed by the server: " + event.data();
                }
                synchronized (listenerLock) {
                    if (stopped) {
                        return "stopped";
                    }
                    inListener = true;
                }
                try {
                    onEvent(event);
                } finally {
                    synchronized (listenerLock) {
                        inListener = false;
                    }
                    lastLine = System.nanoTime();
                }
            }
        }
        return "the connection ended";
    }

    /** Closes a connection that has said nothing for too long (a slow listener is not silence). */
    private void watchSilence(InputStream stream) {
        CompletableFuture.delayedExecutor(5, TimeUnit.SECONDS, transport.threads()).execute(() -> {
            if (body != stream || stopped) {
                return;
            }
            boolean listening;
            synchronized (listenerLock) {
                listening = inListener;
            }
            if (!listening && System.nanoTime() - lastLine > SILENCE_NANOS) {
                closeBody();
            } else {
                watchSilence(stream);
            }
        });
    }

    /** Either the end of the subscription, or a try elsewhere (the leader's id when a not-leader answer names it). */
    private record Refusal(Throwable end, String leader) {
    }

    /** A node's refusal: only a 4xx ends the subscription (but Payara's own 404 while a node starts). */
    private Refusal refused(HttpResponse<InputStream> response) throws IOException {
        byte[] problem;
        try (InputStream stream = response.body()) {
            problem = stream.readNBytes(MAX_PROBLEM_BYTES);
        }
        int status = response.statusCode();
        boolean starting = status == 404 && !response.headers().firstValue("Content-Type").orElse("").contains("json");
        if (status >= 400 && status < 500 && !starting) {
            return new Refusal(Transport.error(status, problem), null);
        }
        String leader = Transport.notLeaderNamed(status, problem);
        transport.nodes().learnedLeader(leader);
        return new Refusal(null, leader);
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

    /** Waits before the next try, longer after each failure (up to 5 s); answers whether it was interrupted. */
    private boolean pause(int failures) {
        try {
            Thread.sleep(Math.min(5_000, 50L << Math.min(failures, 7)));
            return false;
        } catch (InterruptedException interrupted) {
            return true;
        }
    }
}
