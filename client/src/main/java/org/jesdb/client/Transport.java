package org.jesdb.client;

import jakarta.json.Json;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.ByteArrayInputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import jakarta.json.JsonException;

/**
 * Sends one API call to the nodes, as a gateway does: reads in turn over all nodes; writes to
 * the node that last took a write. A call that may be repeated safely (a read, or an append,
 * whose event ids make it idempotent) goes to the next node when one is unreachable or answers
 * 503, until the call's timeout; other writes only when the connection could not be made.
 * Answers are turned into the typed {@link Errors}.
 */
final class Transport {
    private static final String PROBLEM = "urn:jesdb:problem:";

    private final List<URI> nodes;
    private final Duration timeout;
    private final HttpClient http;
    private final AtomicInteger readTurn = new AtomicInteger();
    private volatile int writeNode;
    /** The client's own threads: HTTP callbacks and retry pauses, never the JVM's common pool. */
    private final ExecutorService threads = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "jesdb-client");
        thread.setDaemon(true);
        return thread;
    });

    Transport(List<URI> nodes, Duration timeout) {
        this.nodes = List.copyOf(nodes);
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).executor(threads)
                .connectTimeout(Duration.ofMillis(Math.max(1, Math.min(2_000, timeout.toMillis())))).build();
    }

    /** An answer: status and body (JSON). */
    record Reply(int status, byte[] body) {
        JsonObject json() {
            try (JsonReader reader = Json.createReader(new ByteArrayInputStream(body))) {
                return reader.readObject();
            }
        }
    }

    /** Sends {@code method path} with a JSON body (or null); completes with a 2xx answer or a typed error. */
    CompletableFuture<Reply> send(String method, String path, String body, boolean write, boolean repeatable) {
        long deadline = System.nanoTime() + timeout.toNanos();
        int first = write ? writeNode : Math.floorMod(readTurn.getAndIncrement(), nodes.size());
        return attempt(method, path, body, write, repeatable, deadline, first, 0, null);
    }

    private CompletableFuture<Reply> attempt(String method, String path, String body, boolean write, boolean repeatable,
                                             long deadline, int node, int tries, JesdbException last) {
        long left = deadline - System.nanoTime();
        if (left <= 0 || (last != null && left < TimeUnit.MILLISECONDS.toNanos(50))) {
            // Too little time for another try: the last node's answer says more than a timeout would.
            return CompletableFuture.failedFuture(last != null ? last
                    : new Errors.Timeout("no answer within " + timeout.toMillis() + " ms", null, 0));
        }
        URI target = URI.create(nodes.get(node) + path);
        HttpRequest.Builder request = HttpRequest.newBuilder(target).timeout(Duration.ofNanos(left))
                .header("Accept", "application/json");
        if (body != null) {
            request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        int next = (node + 1) % nodes.size();
        // The request timeout covers the headers only: the whole answer must come within the time left too.
        return http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofByteArray())
                .orTimeout(left, TimeUnit.NANOSECONDS)
                .handle((response, failure) -> {
                    if (failure == null) {
                        return answered(response, write, repeatable, node);
                    }
                    Throwable cause = failure instanceof CompletionException ? failure.getCause() : failure;
                    boolean notSent = cause instanceof ConnectException || cause instanceof HttpConnectTimeoutException;
                    boolean late = cause instanceof HttpTimeoutException || cause instanceof TimeoutException;
                    JesdbException error = late && !notSent
                            ? new Errors.Timeout("no answer from " + nodes.get(node) + " within " + timeout.toMillis()
                            + " ms" + (write ? "; the write's outcome is unknown: retry it with the same event ids" : ""), cause, 0)
                            : new Errors.NoNodeAvailable("node " + nodes.get(node) + " cannot be reached: " + cause, cause, 0);
                    if (notSent || repeatable) {
                        return retry(error);
                    }
                    throw new CompletionException(error);
                })
                .thenCompose(outcome -> outcome.retry == null ? CompletableFuture.completedFuture(outcome.reply)
                        : later(tries, deadline).thenCompose(ignored -> attempt(method, path, body, write, repeatable, deadline, next,
                        tries + 1, outcome.retry)));
    }

    /** Either a reply, or an error after which the next node is tried. */
    private record Outcome(Reply reply, JesdbException retry) {
    }

    private static Outcome retry(JesdbException error) {
        return new Outcome(null, error);
    }

    private Outcome answered(HttpResponse<byte[]> response, boolean write, boolean repeatable, int node) {
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            if (write) {
                writeNode = node;
            }
            return new Outcome(new Reply(status, response.body()), null);
        }
        JesdbException error = error(status, response.body());
        boolean starting = status == 404 && !isProblem(response);
        // A node still starting (Payara's own 404) or one that names the leader did nothing; any
        // other 503 may hide an unknown outcome, and only a repeatable call goes on after it.
        if (starting || (status == 503 && (repeatable || "not-leader".equals(error.type())))) {
            return retry(error);
        }
        throw new CompletionException(error);
    }

    private static boolean isProblem(HttpResponse<byte[]> response) {
        return response.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json");
    }

    private CompletableFuture<Void> later(int tries, long deadline) {
        long left = Math.max(0, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
        long pause = Math.min(left, Math.min(1_000, 50L << Math.min(tries, 5)));
        return CompletableFuture.runAsync(() -> { }, CompletableFuture.delayedExecutor(pause, TimeUnit.MILLISECONDS, threads));
    }

    /** The typed error for a problem document (or a bare status). */
    static JesdbException error(int status, byte[] body) {
        JsonObject problem;
        try (JsonReader reader = Json.createReader(new ByteArrayInputStream(body))) {
            problem = reader.readObject();
        } catch (JsonException | IllegalStateException notJson) {
            return new JesdbException("http-" + status, status, "HTTP " + status);
        }
        String type = problem.getString("type", PROBLEM + "http-" + status).replace(PROBLEM, "");
        String detail = problem.getString("detail", "HTTP " + status);
        return switch (status) {
            case 409 -> "wrong-expected-version".equals(type)
                    ? new Errors.WrongExpectedVersion(detail, actualVersion(problem.get("actualVersion")))
                    : new JesdbException(type, status, detail);
            case 410 -> new Errors.StreamDeleted(detail);
            case 404 -> "stream-not-found".equals(type) ? new Errors.StreamNotFound(detail) : new Errors.NotFound(type, detail);
            case 400, 413, 415, 422 -> new Errors.InvalidRequest(type, status, detail,
                    problem.get("field") instanceof JsonString field ? field.getString() : null);
            case 401, 403 -> new Errors.Unauthorized(type, status, detail);
            case 504 -> new Errors.Timeout(detail, null, 504);
            case 503 -> new Errors.NoNodeAvailable(detail, null, 503);
            default -> new JesdbException(type, status, detail);
        };
    }

    private static long actualVersion(JsonValue value) {
        if (value instanceof JsonNumber number) {
            return number.longValue();
        }
        if (value instanceof JsonString text && text.getString().matches("-?\\d+")) {
            return Long.parseLong(text.getString());
        }
        return -1;
    }

    void close() {
        // (HttpClient has no close on Java 17: its connections end with its threads and when it is collected)
        threads.shutdownNow();
    }

}
