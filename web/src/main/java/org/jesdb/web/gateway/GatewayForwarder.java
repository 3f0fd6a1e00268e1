package org.jesdb.web.gateway;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.core.Response.Status;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLHandshakeException;
import org.jesdb.ejb.cluster.HttpNodeDirectory;
import org.jesdb.ejb.cluster.HttpNodeDirectory.StoreNode;
import org.jesdb.ejb.config.JesdbConfig;
import org.jesdb.ejb.lifecycle.StoreLifecycle;
import org.jesdb.web.csrf.SameOrigin;
import org.jesdb.web.errors.Problem;
import org.jesdb.web.json.JsonBody;

/**
 * Forwards one API request to a store node, as ExESDB's Gater does: nodes taken in turn (round
 * robin), the next one tried when a node cannot be reached, the named leader tried when a node
 * answers {@code not-leader}. Only what certainly changed nothing is tried again elsewhere: a
 * write whose connection failed before it was sent, a {@code not-leader} refusal, a node still
 * starting; and any read that got no answer or a 503. A write that may have reached a node is
 * answered as it is (or {@code 502 node-failed}): the client retries it, with the same event
 * ids, which the store applies once.
 */
@ApplicationScoped
public class GatewayForwarder {
    /**
     * Request headers the HTTP client sets itself, or that belong to one connection; and Origin,
     * which this gateway checks against its own Host ({@link SameOrigin}): the node would
     * compare it with the node's address and refuse the gateway's console.
     */
    private static final Set<String> NOT_FORWARDED = Set.of("connection", "content-length", "expect", "host", "upgrade",
            "keep-alive", "proxy-authenticate", "proxy-authorization", "te", "trailer", "transfer-encoding", "http2-settings",
            "origin");
    private static final int MAX_PROBLEM_BYTES = 64 * 1024;
    /** Adding a member waits until it has the data (EventStore allows 10 minutes). */
    private static final Duration MEMBERSHIP_TIMEOUT = Duration.ofMinutes(11);
    /**
     * Each forwarded response holds one of the container's 200 HTTP threads while it streams
     * (an SSE subscription for as long as it lasts): at most this many at once, so that the
     * gateway always has threads left for short calls and its health checks.
     */
    private static final int MAX_CONCURRENT = 150;

    /** Trusts the certificates the nodes published; renewed from the directory on each request. */
    private final NodeCertificateTrust trust = NodeCertificateTrust.withSystemTrust();
    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .sslContext(trust.sslContext())
            .connectTimeout(Duration.ofSeconds(2))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    private final AtomicInteger turn = new AtomicInteger();
    private final Semaphore slots = new Semaphore(MAX_CONCURRENT);

    @EJB
    StoreLifecycle lifecycle;

    @Inject
    HttpNodeDirectory directory;

    public void forward(HttpServletRequest in, HttpServletResponse out) throws IOException {
        String path = in.getRequestURI();
        if (!path.startsWith("/api/") || path.contains("//") || path.contains("/./") || path.contains("/../")) {
            // Only a plain API path goes on to a node, and only to that node's own origin.
            problem(out, Problem.of(Status.BAD_REQUEST, "invalid-input", "not an API path: " + path).with("field", "path"));
            return;
        }
        String origin = in.getHeader("Origin");
        if (SameOrigin.refuses(in.getMethod(), origin, in.getHeader("Host"))) {
            problem(out, SameOrigin.problem(origin));
            return;
        }
        if (!slots.tryAcquire()) {
            problem(out, Problem.of(Status.SERVICE_UNAVAILABLE, "gateway-busy", "this gateway forwards "
                    + MAX_CONCURRENT + " requests and streams already; retry, or use another gateway").retryAfterSeconds(1));
            return;
        }
        try {
            forwardWithin(in, out, lifecycle.config());
        } finally {
            slots.release();
        }
    }

    private void forwardWithin(HttpServletRequest in, HttpServletResponse out, JesdbConfig config) throws IOException {
        byte[] body = readBody(in, maxBodyBytes(config));
        if (body == null) {
            problem(out, Problem.of(Status.REQUEST_ENTITY_TOO_LARGE, "too-large",
                    "the request body is larger than " + maxBodyBytes(config) + " bytes").with("field", "body"));
            return;
        }
        List<StoreNode> nodes = directory.nodes(config);
        if (nodes.isEmpty()) {
            noNode(out, "this gateway knows no store node of store '" + config.storeId() + "' that is up");
            return;
        }
        trust.trustNodes(nodes);
        boolean read = "GET".equals(in.getMethod()) || "HEAD".equals(in.getMethod());
        NodeChoice choice = new NodeChoice(nodes, turn.getAndIncrement());
        Answer held = null;
        IOException unreachable = null;
        for (StoreNode node = choice.next(); node != null; node = choice.next()) {
            HttpRequest request;
            try {
                request = request(in, node, body, config);
            } catch (IllegalArgumentException unforwardable) {
                // the same for every node: a header or a method the JDK's HTTP client will not send
                problem(out, Problem.of(Status.BAD_REQUEST, "invalid-input", "this gateway cannot forward the request: "
                        + unforwardable.getMessage()).with("field", "request"));
                return;
            }
            HttpResponse<InputStream> response;
            try {
                response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
            } catch (ConnectException | HttpConnectTimeoutException notSent) {
                unreachable = notSent;
                continue;
            } catch (IOException broken) {
                if (read || refusedHandshake(broken)) {
                    unreachable = broken;
                    continue;
                }
                problem(out, Problem.of(Status.BAD_GATEWAY, "node-failed", "node '" + node.id() + "' failed during the "
                        + "request, which may have been applied: retry it (an append with the same event ids is applied once)"));
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                noNode(out, "interrupted");
                return;
            }
            if (startingUp(response)) {
                // The node's HTTP listener is up but JESDB is not deployed yet: nothing was done.
                response.body().close();
                continue;
            }
            if (response.statusCode() == 503) {
                Answer refusal = Answer.of(response);
                if (read || refusal.leader() != null) {
                    // A read changed nothing; not-leader names where a write must go, and changed nothing either.
                    held = refusal;
                    if (refusal.leader() != null) {
                        choice.leaderIs(refusal.leader());
                    }
                    continue;
                }
                refusal.writeTo(out);
                return;
            }
            ResponseRelay.relay(response, node, out);
            return;
        }
        if (held != null) {
            held.writeTo(out);
        } else {
            noNode(out, "no store node could be reached: " + (unreachable == null ? "" : unreachable.getMessage()));
        }
    }

    /** A node's short answer, held back while another node may do better. */
    private record Answer(int status, String contentType, String retryAfter, byte[] body, String leader) {

        static Answer of(HttpResponse<InputStream> response) throws IOException {
            byte[] body;
            try (InputStream stream = response.body()) {
                body = stream.readNBytes(MAX_PROBLEM_BYTES);
            }
            String leader = null;
            try {
                JsonObject problem = JsonBody.parseObject(new ByteArrayInputStream(body), MAX_PROBLEM_BYTES);
                if (problem.getString("type", "").endsWith(":not-leader") && problem.get("leader") instanceof JsonString named) {
                    leader = named.getString();
                }
            } catch (RuntimeException notJson) {
                // a 503 without a problem document names no leader
            }
            return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse("application/problem+json"),
                    response.headers().firstValue("Retry-After").orElse("1"), body, leader);
        }

        void writeTo(HttpServletResponse out) throws IOException {
            out.setStatus(status);
            out.setContentType(contentType);
            out.setHeader("Retry-After", retryAfter);
            out.getOutputStream().write(body);
        }
    }

    /**
     * A TLS handshake that failed (a certificate this gateway does not trust): the request was
     * never sent. The HTTP client may wrap the handshake's exception in a plain IOException.
     */
    private static boolean refusedHandshake(IOException e) {
        return e instanceof SSLHandshakeException || e.getCause() instanceof SSLHandshakeException;
    }

    /** Every answer of JESDB's API carries JSON; Payara's own 404 page, before the deployment, does not. */
    private static boolean startingUp(HttpResponse<InputStream> response) {
        return response.statusCode() == 404 && !response.headers().firstValue("Content-Type").orElse("").contains("json");
    }

    private HttpRequest request(HttpServletRequest in, StoreNode node, byte[] body, JesdbConfig config) {
        // The node's origin and the client's path: never another host, whatever the path holds.
        URI origin = node.url();
        String query = in.getQueryString() == null ? "" : "?" + RawUriText.escapeIllegal(in.getQueryString());
        URI target = URI.create(origin.getScheme() + "://" + origin.getRawAuthority()
                + RawUriText.escapeIllegal(in.getRequestURI()) + query);
        HttpRequest.Builder request = HttpRequest.newBuilder(target)
                .timeout(in.getRequestURI().startsWith("/api/cluster/members") ? MEMBERSHIP_TIMEOUT
                        : config.timeout().multipliedBy(2).plusSeconds(5))
                .method(in.getMethod(), body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        for (String name : Collections.list(in.getHeaderNames())) {
            if (!NOT_FORWARDED.contains(name.toLowerCase(Locale.ROOT))) {
                for (String value : Collections.list(in.getHeaders(name))) {
                    request.header(name, value);
                }
            }
        }
        request.header("X-Forwarded-For", in.getRemoteAddr());
        return request.build();
    }

    /** The body, or null when it is longer than {@code max}. */
    private static byte[] readBody(HttpServletRequest in, int max) throws IOException {
        byte[] body = in.getInputStream().readNBytes(max + 1);
        return body.length > max ? null : body;
    }

    /** A JSON append of the largest allowed size, with room for its envelope and escaping. */
    private static int maxBodyBytes(JesdbConfig config) {
        return (int) Math.min(Integer.MAX_VALUE - 8, 3L * config.limits().maxAppendBytes() + (1 << 20));
    }

    private static void noNode(HttpServletResponse out, String detail) throws IOException {
        problem(out, Problem.of(Status.SERVICE_UNAVAILABLE, "no-node-available", detail).retryAfterSeconds(1));
    }

    private static void problem(HttpServletResponse out, Problem problem) throws IOException {
        problem.writeTo(out);
    }
}
