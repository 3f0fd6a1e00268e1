package org.jesdb.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A transient subscription against stub nodes that stream SSE: what it does when a node closes
 * the subscription (a leader change, a node stopping), where it resumes, and how it ends.
 */
class SubscriptionTest {
    private static final String EVENTS = "/api/stores/default/streams/s/events";
    private static final String HEAD = "/api/stores/default/all?from=end&count=1&direction=backward";

    private final List<HttpServer> servers = new ArrayList<>();
    private final CountDownLatch release = new CountDownLatch(1);
    private Transport transport;

    @AfterEach
    void stop() {
        release.countDown();
        if (transport != null) {
            transport.close();
        }
        servers.forEach(server -> server.stop(0));
    }

    @Test
    void aSubscriptionClosedByItsNodeResumesOnAnotherRightAfterItsLastEvent() {
        URI closing = sse(exchange -> {
            write(exchange, event(10) + event(11) + "event: subscription-closed\ndata: the leader moved\n\n");
            exchange.close();
        });
        List<String> resumedAfter = new CopyOnWriteArrayList<>();
        URI resuming = sse(exchange -> {
            resumedAfter.add(exchange.getRequestHeaders().getFirst("Last-Event-ID"));
            write(exchange, event(12));
            awaitRelease();
        });
        transport = new Transport(List.of(closing, resuming), Duration.ofSeconds(5));
        Recorded recorded = new Recorded();

        Subscription subscription = Subscription.start(transport, EVENTS, HEAD, SubscribeFrom.start(), recorded).join();
        await().atMost(Duration.ofSeconds(10)).until(() -> recorded.positions.size() == 3);

        assertThat(recorded.positions).containsExactly(10L, 11L, 12L);
        assertThat(resumedAfter).containsExactly("11");
        subscription.stop();
        await().atMost(Duration.ofSeconds(5)).until(() -> recorded.ends.size() == 1);
        assertThat(recorded.ends.get(0)).isEqualTo("stopped");
        assertThat(recorded.afterEnd).isFalse();
    }

    @Test
    void aRefusalNoRetryCanMendEndsTheSubscriptionWithItsTypedError() {
        URI refusing = sse(exchange -> {
            byte[] problem = "{\"type\":\"urn:jesdb:problem:store-not-found\",\"status\":404,\"detail\":\"no store\"}"
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/problem+json");
            exchange.sendResponseHeaders(404, problem.length);
            exchange.getResponseBody().write(problem);
            exchange.close();
        });
        transport = new Transport(List.of(refusing), Duration.ofSeconds(5));
        Recorded recorded = new Recorded();

        Subscription.start(transport, EVENTS, HEAD, SubscribeFrom.start(), recorded).join();

        await().atMost(Duration.ofSeconds(10)).until(() -> recorded.ends.size() == 1);
        assertThat(recorded.ends.get(0)).isEqualTo("NotFound:store-not-found");
    }

    @Test
    void closingTheClientStopsItsSubscriptions() {
        URI open = sse(exchange -> {
            write(exchange, event(1));
            awaitRelease();
        });
        transport = new Transport(List.of(open), Duration.ofSeconds(5));
        Recorded recorded = new Recorded();
        Subscription.start(transport, EVENTS, HEAD, SubscribeFrom.start(), recorded).join();
        await().atMost(Duration.ofSeconds(10)).until(() -> recorded.positions.size() == 1);

        transport.close();

        await().atMost(Duration.ofSeconds(5)).until(() -> recorded.ends.size() == 1);
        assertThat(recorded.ends).containsExactly("stopped");
    }

    /** What the listener heard: positions, and how it ended (once, and nothing after). */
    private static final class Recorded implements SubscriptionListener {
        final List<Long> positions = new CopyOnWriteArrayList<>();
        final List<String> ends = new CopyOnWriteArrayList<>();
        volatile boolean afterEnd;

        @Override
        public void onEvent(Subscription subscription, RecordedEvent event) {
            afterEnd |= !ends.isEmpty();
            positions.add(event.position());
        }

        @Override
        public void onCancelled(Subscription subscription, Throwable cause) {
            ends.add(cause == null ? "stopped" : cause.getClass().getSimpleName() + ":" + ((JesdbException) cause).type());
        }
    }

    private interface SseHandler {
        void handle(HttpExchange exchange) throws IOException;
    }

    /** A stub node whose events path streams what {@code handler} writes; it answers /api/cluster too. */
    private URI sse(SseHandler handler) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/", exchange -> {
                if (exchange.getRequestURI().getPath().equals("/api/cluster")) {
                    exchange.sendResponseHeaders(503, -1);
                    exchange.close();
                    return;
                }
                handler.handle(exchange);
            });
            server.setExecutor(Executors.newCachedThreadPool());
            server.start();
            servers.add(server);
            return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void write(HttpExchange exchange, String text) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
        exchange.sendResponseHeaders(200, 0);
        OutputStream out = exchange.getResponseBody();
        out.write((": keep-alive\n\n" + text).getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static String event(long position) {
        return "id: " + position + "\nevent: Tick\ndata: {\"id\":\"3f2b8c1e-6a3b-4c1f-9a57-0c8d6f1e2a4" + (position % 10)
                + "\",\"type\":\"Tick\",\"stream\":\"s\",\"version\":" + position + ",\"position\":" + position
                + ",\"created\":\"2026-12-01T08:00:00Z\",\"contentType\":\"application/json\",\"data\":{},\"metadata\":null}\n\n";
    }

    private void awaitRelease() {
        try {
            release.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
