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
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import jakarta.json.JsonException;
import javax.net.ssl.SSLContext;

/**
 * Sends one API call to the nodes, as a gateway does: reads in turn over all nodes; writes to
 * the leader when it is known (else to the node that last took a write). A call that may be
 * repeated safely (a read, or an append, whose event ids make it idempotent) goes to the next
 * node when one is unreachable or answers 503, until the call's timeout; other writes only when
 * the connection could not be made, or the node named the leader instead. Answers are turned
 * into the typed {@link Errors}.
 */
final class Transport {
    private static final String PROBLEM = "urn:jesdb:problem:";
    /** Asking the nodes who they are and who leads: at most this often. */
    private static final long DISCOVERY_EVERY_NANOS = TimeUnit.SECONDS.toNanos(2);

    /** Where a call goes first: any node (reads), or the leader (writes, persistent subscriptions' delivery). */
    enum Route { ANY_NODE, LEADER }

    private final Nodes nodes;
    private final Duration timeout;
    private final Credentials credentials;
    private final HttpClient http;
    private final AtomicLong lastDiscovery = new AtomicLong(System.nanoTime() - DISCOVERY_EVERY_NANOS);
    /** The subscriptions following through this transport: closing the client stops them. */
    private final Set<SseFollower> followers = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;
    /** The client's own threads: HTTP callbacks and retry pauses, never the JVM's common pool. */
    private final ExecutorService threads = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "jesdb-client");
        thread.setDaemon(true);
        return thread;
    });

    Transport(List<URI> urls, Duration timeout) {
        this(urls, timeout, Credentials.NONE);
    }

    Transport(List<URI> urls, Duration timeout, Credentials credentials) {
        this(urls, timeout, credentials, null);
    }

    /** {@code tls}: the context for https:// nodes, or null for the JDK's default trust. */
    Transport(List<URI> urls, Duration timeout, Credentials credentials, SSLContext tls) {
        this.nodes = new Nodes(urls);
        this.timeout = timeout;
        this.credentials = credentials;
        HttpClient.Builder builder = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).executor(threads)
                .connectTimeout(Duration.ofMillis(Math.max(1, Math.min(2_000, timeout.toMillis()))));
        if (tls != null) {
            builder.sslContext(tls);
        }
        this.http = builder.build();
        discover();
    }

    Duration timeout() {
        return timeout;
    }

    /** Adds the client's credentials, if it has any, to {@code request}. */
    HttpRequest.Builder authorized(HttpRequest.Builder request) {
        return credentials.header() == null ? request : request.header("Authorization", credentials.header());
    }

    HttpClient http() {
        return http;
    }

    Nodes nodes() {
        return nodes;
    }

    ExecutorService threads() {
        return threads;
    }

    /** An answer: status and body (JSON). */
    record Reply(int status, byte[] body) {
        JsonObject json() {
            try (JsonReader reader = Json.createReader(new ByteArrayInputStream(body))) {
                return reader.readObject();
            }
        }
    }

    /** Sends a read: any node, in turn; repeated on another node when one cannot answer. */
    CompletableFuture<Reply> read(String path) {
        return send("GET", path, null, Route.ANY_NODE, true);
    }

    /** Sends {@code method path} with a JSON body (or null); completes with a 2xx answer or a typed error. */
    CompletableFuture<Reply> send(String method, String path, String body, Route route, boolean repeatable) {
        if (closed) {
            return CompletableFuture.failedFuture(new JesdbException("client-closed", 0, "the client is closed"));
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        int first = route == Route.LEADER ? nodes.forWrite() : nodes.forRead();
        return attempt(new Call(method, path, body, route, repeatable, deadline), first, 0, null);
    }

    /** One call, as tried on one node after another. */
    private record Call(String method, String path, String body, Route route, boolean repeatable, long deadline) {
        boolean write() {
            return !"GET".equals(method);
        }
    }

    private CompletableFuture<Reply> attempt(Call call, int node, int tries, JesdbException last) {
        long left = call.deadline - System.nanoTime();
        if (left <= 0 || (last != null && left < TimeUnit.MILLISECONDS.toNanos(50))) {
            // Too little time for another try: the last node's answer says more than a timeout would.
            return CompletableFuture.failedFuture(last != null ? last
                    : new Errors.Timeout("no answer within " + timeout.toMillis() + " ms", null, 0));
        }
        HttpRequest.Builder request = authorized(HttpRequest.newBuilder(URI.create(nodes.url(node) + call.path)))
                .timeout(Duration.ofNanos(left)).header("Accept", "application/json");
        if (call.body != null) {
            request.header("Content-Type", "application/json").method(call.method, HttpRequest.BodyPublishers.ofString(call.body));
        } else {
            request.method(call.method, HttpRequest.BodyPublishers.noBody());
        }
        // The request timeout covers the headers only: the whole answer must come within the time left too.
        return http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofByteArray())
                .orTimeout(left, TimeUnit.NANOSECONDS)
                .handle((response, failure) -> failure == null ? answered(call, response, node) : failed(call, failure, node))
                .thenCompose(outcome -> {
                    if (outcome.retry == null) {
                        return CompletableFuture.completedFuture(outcome.reply);
                    }
                    int next = nodes.after(node, outcome.leader);
                    return later(tries, call.deadline).thenCompose(ignored -> attempt(call, next, tries + 1, outcome.retry));
                });
    }

    private Outcome failed(Call call, Throwable failure, int node) {
        Throwable cause = failure instanceof CompletionException ? failure.getCause() : failure;
        boolean notSent = cause instanceof ConnectException || cause instanceof HttpConnectTimeoutException;
        boolean late = cause instanceof HttpTimeoutException || cause instanceof TimeoutException;
        JesdbException error;
        if (notSent) {
            error = new Errors.NoNodeAvailable("node " + nodes.url(node) + " cannot be reached: " + cause, cause, 0);
        } else if (late) {
            error = new Errors.Timeout("no answer from " + nodes.url(node) + " within " + timeout.toMillis() + " ms"
                    + (call.write() ? "; the write's outcome is unknown: retry it with the same event ids" : ""), cause, 0);
        } else if (call.write()) {
            // Sent, then the connection broke: the node may have done it.
            error = new Errors.Timeout("the connection to " + nodes.url(node) + " broke before its answer: " + cause
                    + "; the write's outcome is unknown: retry it with the same event ids", cause, 0);
        } else {
            error = new Errors.NoNodeAvailable("the connection to " + nodes.url(node) + " broke: " + cause, cause, 0);
        }
        if (notSent) {
            nodes.unreachable(node);
            discover();
        }
        if (notSent || call.repeatable) {
            return retry(error, null);
        }
        throw new CompletionException(error);
    }

    /** Either a reply, or an error after which the next node is tried. */
    private record Outcome(Reply reply, JesdbException retry, String leader) {
    }

    private static Outcome retry(JesdbException error, String leader) {
        return new Outcome(null, error, leader);
    }

    private Outcome answered(Call call, HttpResponse<byte[]> response, int node) {
        nodes.reachable(node);
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            if (call.route == Route.LEADER) {
                nodes.tookWrite(node);
            }
            return new Outcome(new Reply(status, response.body()), null, null);
        }
        JesdbException error = error(status, response.body());
        boolean starting = status == 404 && !isProblem(response);
        if (status == 503 && "not-leader".equals(problemType(response.body()))) {
            // It did nothing and named the leader: go there (once the client knows its address).
            String leader = notLeaderNamed(status, response.body());
            nodes.learnedLeader(leader);
            discover();
            return retry(error, leader);
        }
        // A node still starting (Payara's own 404) did nothing; any other 503, a gateway's 502 (its
        // node failed) and a node's 504 (its own timeout, e.g. while the group elects a new leader)
        // may hide an unknown outcome: only a repeatable call goes on after them, while time is left.
        if (starting || ((status == 503 || status == 502 || status == 504) && call.repeatable)) {
            return retry(error, null);
        }
        throw new CompletionException(error);
    }

    private static String problemType(byte[] body) {
        try (JsonReader reader = Json.createReader(new ByteArrayInputStream(body))) {
            return reader.readObject().getString("type", "").replace(PROBLEM, "");
        } catch (JsonException | IllegalStateException | ClassCastException notJson) {
            return "";
        }
    }

    /** The leader a not-leader answer names, or null (another answer, or no leader named). */
    static String notLeaderNamed(int status, byte[] body) {
        if (status != 503 || !"not-leader".equals(problemType(body))) {
            return null;
        }
        try (JsonReader reader = Json.createReader(new ByteArrayInputStream(body))) {
            return reader.readObject().get("leader") instanceof JsonString leader ? leader.getString() : null;
        } catch (JsonException | IllegalStateException notJson) {
            return null;
        }
    }

    /**
     * Asks the nodes not yet identified who they are and who leads, without holding up any
     * call: writes go to the leader once it is known. At most every two seconds.
     */
    void discover() {
        long last = lastDiscovery.get();
        long now = System.nanoTime();
        if (now - last < DISCOVERY_EVERY_NANOS || !lastDiscovery.compareAndSet(last, now)) {
            return;
        }
        for (int i = 0; i < nodes.size(); i++) {
            int node = i;
            HttpRequest request = authorized(HttpRequest.newBuilder(URI.create(nodes.url(node) + "/api/cluster")))
                    .timeout(timeout).header("Accept", "application/json").GET().build();
            http.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray()).orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                    .thenAccept(response -> {
                        if (response.statusCode() == 200) {
                            ClusterView view = EventJson.cluster(new Reply(200, response.body()).json());
                            nodes.learned(node, view.node(), view.leader());
                        }
                    })
                    .exceptionally(unknown -> null);
        }
    }

    private static boolean isProblem(HttpResponse<byte[]> response) {
        return response.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json");
    }

    /** Completes after a pause that grows with the tries; needs no pool, so a closed client cannot leave it hanging. */
    private static CompletableFuture<Void> later(int tries, long deadline) {
        long left = Math.max(0, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
        long pause = Math.min(left, Math.min(1_000, 50L << Math.min(tries, 5)));
        return new CompletableFuture<Void>().completeOnTimeout(null, pause, TimeUnit.MILLISECONDS);
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
            case 504, 502 -> new Errors.Timeout(detail, null, status);
            case 503 -> new Errors.NoNodeAvailable(detail, null, 503);
            case 507 -> new Errors.InsufficientStorage(detail);
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

    void following(SseFollower follower) {
        followers.add(follower);
    }

    void unfollowing(SseFollower follower) {
        followers.remove(follower);
    }

    /** Stops the subscriptions, then the threads; calls made afterwards fail at once. */
    void close() {
        closed = true;
        followers.forEach(SseFollower::stop);
        // (HttpClient has no close on Java 17: its connections end with its threads and when it is collected)
        threads.shutdownNow();
    }

}
