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
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;
import org.jesdb.ejb.cluster.HttpNodeDirectory;
import org.jesdb.ejb.cluster.HttpNodeDirectory.StoreNode;
import org.jesdb.ejb.config.JesdbConfig;
import org.jesdb.ejb.lifecycle.StoreLifecycle;
import org.jesdb.web.errors.Problem;
import org.jesdb.web.json.JsonBody;

/**
 * Forwards one API request to a store node, as ExESDB's Gater does: nodes taken in turn (round
 * robin), another one tried when a node cannot be reached or answers 503, the leader tried
 * first when a node names it (persistent subscription consumers run there). A request that
 * may have reached a node is retried only when it is a read (GET, HEAD): a write that failed
 * half way is reported, and the client retries it with the same event ids, which is safe.
 * Responses, SSE streams included, are copied through as they arrive.
 */
@ApplicationScoped
public class GatewayForwarder {
    private static final Logger LOG = Logger.getLogger(GatewayForwarder.class.getName());
    /** Headers that belong to one connection, or that the HTTP client sets itself. */
    private static final Set<String> NOT_FORWARDED = Set.of("connection", "content-length", "expect", "host", "upgrade",
            "keep-alive", "proxy-authenticate", "proxy-authorization", "te", "trailer", "transfer-encoding", "http2-settings");
    private static final int MAX_PROBLEM_BYTES = 64 * 1024;
    /** Adding a member waits until it has the data (EventStore allows 10 minutes). */
    private static final Duration MEMBERSHIP_TIMEOUT = Duration.ofMinutes(11);

    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    private final AtomicInteger turn = new AtomicInteger();

    @EJB
    StoreLifecycle lifecycle;

    @Inject
    HttpNodeDirectory directory;

    /** An answer held back because another node may do better (a 503). */
    private record Refusal(int status, String contentType, byte[] body, String leader) {
    }

    public void forward(HttpServletRequest in, HttpServletResponse out) throws IOException {
        JesdbConfig config = lifecycle.config();
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
        List<StoreNode> order = new ArrayList<>(nodes);
        Collections.rotate(order, -Math.floorMod(turn.getAndIncrement(), nodes.size()));
        boolean read = "GET".equals(in.getMethod()) || "HEAD".equals(in.getMethod());
        Refusal refusal = null;
        IOException unreachable = null;
        for (int attempt = 0; attempt <= nodes.size(); attempt++) {
            StoreNode node = pick(order, attempt, refusal);
            HttpResponse<InputStream> response;
            try {
                response = client.send(request(in, node, body, config), HttpResponse.BodyHandlers.ofInputStream());
            } catch (ConnectException | HttpConnectTimeoutException notReached) {
                unreachable = notReached;
                continue;
            } catch (IOException broken) {
                if (read) {
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
            if (response.statusCode() == 503 && attempt < nodes.size()) {
                refusal = refusal(response);
                continue;
            }
            if (startingUp(response) && attempt < nodes.size()) {
                // The node's HTTP listener is up but JESDB is not deployed yet: nothing was done.
                response.body().close();
                continue;
            }
            relay(response, node, out);
            return;
        }
        if (refusal != null) {
            out.setStatus(refusal.status());
            out.setContentType(refusal.contentType());
            out.setHeader("Retry-After", "1");
            out.getOutputStream().write(refusal.body());
        } else {
            noNode(out, "no store node could be reached: " + (unreachable == null ? "" : unreachable.getMessage()));
        }
    }

    /** Every answer of JESDB's API carries JSON; Payara's own 404 page, before the deployment, does not. */
    private static boolean startingUp(HttpResponse<InputStream> response) {
        return response.statusCode() == 404 && !response.headers().firstValue("Content-Type").orElse("").contains("json");
    }

    /** The leader a refusing node named, if it is known here; else the next node in turn. */
    private static StoreNode pick(List<StoreNode> order, int attempt, Refusal refusal) {
        if (refusal != null && refusal.leader() != null) {
            for (StoreNode node : order) {
                if (node.id().equals(refusal.leader())) {
                    return node;
                }
            }
        }
        return order.get(attempt % order.size());
    }

    private HttpRequest request(HttpServletRequest in, StoreNode node, byte[] body, JesdbConfig config) {
        String target = in.getRequestURI() + (in.getQueryString() == null ? "" : "?" + in.getQueryString());
        HttpRequest.Builder request = HttpRequest.newBuilder(node.url().resolve(target))
                .timeout(target.startsWith("/api/cluster/members") ? MEMBERSHIP_TIMEOUT : config.timeout().multipliedBy(2).plusSeconds(5))
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

    private static Refusal refusal(HttpResponse<InputStream> response) throws IOException {
        byte[] body;
        try (InputStream stream = response.body()) {
            body = stream.readNBytes(MAX_PROBLEM_BYTES);
        }
        String leader = null;
        try {
            JsonObject problem = JsonBody.parseObject(new ByteArrayInputStream(body), MAX_PROBLEM_BYTES);
            if (problem.get("leader") instanceof JsonString named) {
                leader = named.getString();
            }
        } catch (RuntimeException notJson) {
            // a 503 without a problem document names no leader
        }
        return new Refusal(503, response.headers().firstValue("Content-Type").orElse("application/problem+json"), body, leader);
    }

    /** Status, headers, then the body as it comes (an SSE stream is flushed event by event). */
    private static void relay(HttpResponse<InputStream> response, StoreNode node, HttpServletResponse out) throws IOException {
        out.setStatus(response.statusCode());
        response.headers().map().forEach((name, values) -> {
            if (!NOT_FORWARDED.contains(name.toLowerCase(Locale.ROOT))) {
                values.forEach(value -> out.addHeader(name, relative(name, value, node)));
            }
        });
        try (InputStream body = response.body()) {
            OutputStream sink = out.getOutputStream();
            out.flushBuffer();
            byte[] buffer = new byte[16 * 1024];
            for (int n = body.read(buffer); n >= 0; n = body.read(buffer)) {
                sink.write(buffer, 0, n);
                if (body.available() == 0) {
                    sink.flush();
                }
            }
        } catch (IOException clientGone) {
            // The client went away (or the node did mid-stream): closing the body ends the upstream request.
            LOG.fine(() -> "a forwarded response from node '" + node.id() + "' ended early: " + clientGone);
        }
    }

    /** A Location that points at the node becomes a path, so the client stays on the gateway. */
    private static String relative(String name, String value, StoreNode node) {
        String origin = node.url().toString();
        if ("location".equalsIgnoreCase(name) && value.startsWith(origin)) {
            String path = value.substring(origin.length());
            return path.startsWith("/") ? path : "/" + path;
        }
        return value;
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
        out.setStatus(problem.status());
        out.setContentType("application/problem+json");
        if (problem.retryAfter() != null) {
            out.setHeader("Retry-After", problem.retryAfter());
        }
        out.getOutputStream().write(problem.toJson().toString().getBytes(StandardCharsets.UTF_8));
    }
}
