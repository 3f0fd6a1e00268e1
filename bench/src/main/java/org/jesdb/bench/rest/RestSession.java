package org.jesdb.bench.rest;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.jesdb.client.JesdbClient;
import org.jesdb.client.SubscribeFrom;
import org.jesdb.client.Subscription;
import org.jesdb.client.SubscriptionSelector;
import org.jesdb.bench.events.BenchEvent;
import org.jesdb.bench.host.HostCpu;
import org.jesdb.bench.targets.Feed;
import org.jesdb.bench.targets.FeedListener;
import org.jesdb.bench.targets.Page;
import org.jesdb.bench.targets.ServerUsage;
import org.jesdb.bench.targets.Session;

/**
 * Appends and reads over the node's REST API, each request signed in with HTTP Basic; reads are
 * linearizable, the API's default.
 */
public final class RestSession implements Session {
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
    private static final String STORE = "api/stores/default/";

    private final NodeProcess node;
    private final HttpClient http;
    private final URI store;
    /** HTTP Basic on every request, as a client without a token signs in. */
    private final String authorization;

    public RestSession(NodeProcess node, HttpClient http) {
        this.node = node;
        this.http = http;
        this.store = node.base.resolve(STORE);
        this.authorization = node.admin().authorization();
    }

    @Override
    public void append(String stream, List<BenchEvent> events) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(store.resolve("streams/" + encode(stream)))
                .timeout(REQUEST_TIMEOUT)
                .header("Authorization", authorization)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(AppendBody.of(events)))
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("append answered " + response.statusCode() + ": " + head(response.body()));
        }
    }

    @Override
    public Page readStream(String stream, Long from, int count) throws IOException, InterruptedException {
        return read("streams/" + encode(stream), from, count);
    }

    @Override
    public Page readAll(Long from, int count) throws IOException, InterruptedException {
        return read("all", from, count);
    }

    private Page read(String path, Long from, int count) throws IOException, InterruptedException {
        String query = "?count=" + count + (from == null ? "" : "&from=" + from);
        HttpRequest request = HttpRequest.newBuilder(store.resolve(path + query)).timeout(REQUEST_TIMEOUT)
                .header("Authorization", authorization).GET().build();
        HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
            throw new IOException("read answered " + response.statusCode() + ": "
                    + head(new String(response.body(), StandardCharsets.UTF_8)));
        }
        return PageScan.of(response.body());
    }

    /** A transient subscription over SSE, through the Java client, as a service would follow $all. */
    @Override
    public Feed subscribeAll(boolean fromStart, FeedListener listener) {
        JesdbClient client = node.client(REQUEST_TIMEOUT);
        try {
            Subscription subscription = client.subscribeToAll(fromStart ? SubscribeFrom.start() : SubscribeFrom.end(),
                    SubscriptionSelector.all(), (handle, event) -> listener.onEvent(event.id()));
            return () -> {
                subscription.close();
                client.close();
            };
        } catch (RuntimeException e) {
            client.close();
            throw e;
        }
    }

    @Override
    public ServerUsage usage() {
        long cpu = HostCpu.processTreeCpuNanos(node.pid());
        long applied = -1;
        NodeMetrics.AppendTimes times = NodeMetrics.AppendTimes.UNKNOWN;
        try {
            applied = NodeMetrics.appliedIndex(get("health/ready"));
            times = NodeMetrics.appendTimes(get("metrics"));
        } catch (IOException e) {
            // Unknown figures are reported as unknown.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return new ServerUsage(cpu, applied, times.count(), times.totalNanos());
    }

    /** A GET signed in: /metrics needs credentials too (the health checks would do without). */
    private String get(String path) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(node.base.resolve(path)).timeout(REQUEST_TIMEOUT)
                .header("Authorization", authorization).GET().build();
        return http.send(request, HttpResponse.BodyHandlers.ofString()).body();
    }

    private static String encode(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String head(String text) {
        return text.length() <= 300 ? text : text.substring(0, 300) + "…";
    }

    @Override
    public void close() throws InterruptedException {
        node.close();
    }
}
