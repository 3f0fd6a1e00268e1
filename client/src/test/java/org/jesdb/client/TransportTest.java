package org.jesdb.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The transport's failover and deadline rules against stub nodes on loopback (the JDK's own HTTP
 * server), where each answer can be chosen: what is retried where, and what never is.
 */
class TransportTest {
    private static final String APPEND = "/api/stores/default/streams/s";
    private static final String READ = "/api/stores/default/streams/s/version";

    private final List<StubNode> stubs = new ArrayList<>();
    private Transport transport;

    @AfterEach
    void stop() {
        if (transport != null) {
            transport.close();
        }
        stubs.forEach(StubNode::stop);
    }

    @Test
    void credentialsGoWithEveryCallAndNoneWithoutThem() {
        List<String> seen = new CopyOnWriteArrayList<>();
        StubNode node = stub("n1", (exchange, stub) -> {
            seen.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
            stub.json(exchange, 200, "{\"version\":3}");
        });
        transport = new Transport(List.of(node.url()), Duration.ofSeconds(5), Credentials.basic("alice", "s3cret pass"));
        transport.send("POST", APPEND, "{}", Transport.Route.LEADER, true).join();
        transport.read(READ).join();
        transport.close();
        transport = new Transport(List.of(node.url()), Duration.ofSeconds(5));
        transport.read(READ).join();

        assertThat(seen).contains("Basic YWxpY2U6czNjcmV0IHBhc3M=", "null").doesNotContain("Basic");
        assertThat(Credentials.basic("alice", "s3cret pass").toString()).isEqualTo("Basic");
        assertThatThrownBy(() -> Credentials.bearer("two words")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aRepeatableCallMovesOnAfterA503() {
        StubNode busy = stub("n1", (exchange, stub) -> stub.problem(exchange, 503, "unavailable", ""));
        StubNode good = stub("n2", (exchange, stub) -> stub.json(exchange, 200, "{\"version\":3}"));
        transport = new Transport(List.of(busy.url(), good.url()), Duration.ofSeconds(5));

        assertThat(transport.send("POST", APPEND, "{}", Transport.Route.LEADER, true).join().status()).isEqualTo(200);
        assertThat(good.calls(APPEND)).isEqualTo(1);
    }

    @Test
    void aRepeatableWriteMovesOnAfterANodesTimeoutAndOneThatIsNotStops() {
        StubNode slow = stub("n1", (exchange, stub) -> stub.problem(exchange, 504, "timeout", ""));
        StubNode good = stub("n2", (exchange, stub) -> stub.json(exchange, 200, "{\"version\":3}"));
        transport = new Transport(List.of(slow.url(), good.url()), Duration.ofSeconds(5));

        assertThat(transport.send("POST", APPEND, "{}", Transport.Route.LEADER, true).join().status()).isEqualTo(200);
        assertThat(good.calls(APPEND)).isEqualTo(1);

        transport.close();
        transport = new Transport(List.of(slow.url(), good.url()), Duration.ofSeconds(5));
        assertThatThrownBy(() -> JesdbClient.join(transport.send("DELETE", APPEND, null, Transport.Route.LEADER, false)))
                .isInstanceOf(Errors.Timeout.class);
        assertThat(good.calls(APPEND)).isEqualTo(1);
    }

    @Test
    void aWriteThatIsNotRepeatableStopsAtA503() {
        StubNode busy = stub("n1", (exchange, stub) -> stub.problem(exchange, 503, "unavailable", ""));
        StubNode good = stub("n2", (exchange, stub) -> stub.json(exchange, 200, "{}"));
        transport = new Transport(List.of(busy.url(), good.url()), Duration.ofSeconds(5));

        assertThatThrownBy(() -> JesdbClient.join(transport.send("DELETE", APPEND, null, Transport.Route.LEADER, false)))
                .isInstanceOfSatisfying(Errors.NoNodeAvailable.class, e -> assertThat(e.status()).isEqualTo(503));
        assertThat(good.calls(APPEND)).isZero();
    }

    @Test
    void aNodeStillStartingIsPassedOverEvenForAWrite() {
        StubNode starting = stub("n1", (exchange, stub) -> stub.answer(exchange, 404, "text/html", "<h1>Not Found</h1>"));
        StubNode good = stub("n2", (exchange, stub) -> stub.json(exchange, 200, "{}"));
        transport = new Transport(List.of(starting.url(), good.url()), Duration.ofSeconds(5));

        assertThat(transport.send("DELETE", APPEND, null, Transport.Route.LEADER, false).join().status()).isEqualTo(200);
    }

    @Test
    void writesGoToTheLeaderOnceItIsNamed() {
        StubNode follower = stub("n1", (exchange, stub) -> stub.problem(exchange, 503, "not-leader", ",\"leader\":\"n3\""));
        StubNode other = stub("n2", (exchange, stub) -> stub.problem(exchange, 503, "not-leader", ",\"leader\":\"n3\""));
        StubNode leader = stub("n3", (exchange, stub) -> stub.json(exchange, 200, "{}"));
        transport = new Transport(List.of(follower.url(), other.url(), leader.url()), Duration.ofSeconds(5));
        await().atMost(Duration.ofSeconds(5)).until(transport.nodes()::allIdentified);

        for (int i = 0; i < 3; i++) {
            assertThat(transport.send("POST", APPEND, "{}", Transport.Route.LEADER, false).join().status()).isEqualTo(200);
        }
        assertThat(leader.calls(APPEND)).isEqualTo(3);
        // The first write may have tried a follower before the leader was named; later ones did not.
        assertThat(follower.calls(APPEND) + other.calls(APPEND)).isLessThanOrEqualTo(1);
    }

    @Test
    void anUnreachableNodeIsTriedNextAndThenPassedOver() throws IOException {
        URI closed = closedPort();
        StubNode good = stub("n2", (exchange, stub) -> stub.json(exchange, 200, "{\"version\":3}"));
        transport = new Transport(List.of(closed, good.url()), Duration.ofSeconds(5));

        for (int i = 0; i < 4; i++) {
            assertThat(transport.read(READ).join().status()).isEqualTo(200);
        }
        assertThat(good.calls(READ)).isEqualTo(4);
        assertThat(transport.nodes().forRead()).isEqualTo(1);
        assertThat(transport.nodes().forRead()).isEqualTo(1);
    }

    @Test
    void aCallEndsWithinItsTimeoutWhenNoNodeAnswers() {
        StubNode silent = stub("n1", (exchange, stub) -> sleep(5_000));
        transport = new Transport(List.of(silent.url()), Duration.ofMillis(500));

        long start = System.nanoTime();
        assertThatThrownBy(() -> JesdbClient.join(transport.read(READ)))
                .isInstanceOfSatisfying(Errors.Timeout.class, e -> assertThat(e.status()).isZero());
        // Generous: the point is that the call does not wait for the node's 5 s.
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
    }

    @Test
    void aWriteWithoutAnAnswerSaysItsOutcomeIsUnknown() {
        StubNode silent = stub("n1", (exchange, stub) -> sleep(5_000));
        transport = new Transport(List.of(silent.url()), Duration.ofMillis(500));

        assertThatThrownBy(() -> JesdbClient.join(transport.send("POST", APPEND, "{}", Transport.Route.LEADER, false)))
                .isInstanceOf(Errors.Timeout.class).hasMessageContaining("outcome is unknown");
    }

    @Test
    void writesGoStraightToTheLeaderTheNodesName() {
        StubNode follower = stub("n1", "n2", (exchange, stub) -> stub.json(exchange, 200, "{}"));
        StubNode leader = stub("n2", "n2", (exchange, stub) -> stub.json(exchange, 200, "{}"));
        transport = new Transport(List.of(follower.url(), leader.url()), Duration.ofSeconds(5));
        await().atMost(Duration.ofSeconds(5)).until(transport.nodes()::allIdentified);

        for (int i = 0; i < 3; i++) {
            transport.send("POST", APPEND, "{}", Transport.Route.LEADER, false).join();
            transport.read(READ).join();
        }
        assertThat(leader.calls(APPEND)).isEqualTo(3);
        assertThat(follower.calls(APPEND)).isZero();
        // Reads still go round.
        assertThat(follower.calls(READ)).isPositive();
    }

    @Test
    void aWriteWhoseConnectionBreaksAfterItWasSentHasAnUnknownOutcome() {
        StubNode breaking = stub("n1", (exchange, stub) -> exchange.close());
        StubNode good = stub("n2", (exchange, stub) -> stub.json(exchange, 200, "{}"));
        transport = new Transport(List.of(breaking.url(), good.url()), Duration.ofSeconds(5));

        assertThatThrownBy(() -> JesdbClient.join(transport.send("DELETE", APPEND, null, Transport.Route.LEADER, false)))
                .isInstanceOf(Errors.Timeout.class).hasMessageContaining("outcome is unknown");
        assertThat(good.calls(APPEND)).isZero();
        // A repeatable call goes on to the next node.
        assertThat(transport.send("POST", APPEND, "{}", Transport.Route.LEADER, true).join().status()).isEqualTo(200);
    }

    @Test
    void aGatewaysNodeFailureIsRetriedOnlyWhenThatIsSafe() {
        StubNode gateway = stub("g1", (exchange, stub) -> stub.problem(exchange, 502, "node-failed", ""));
        StubNode good = stub("n2", (exchange, stub) -> stub.json(exchange, 200, "{}"));
        transport = new Transport(List.of(gateway.url(), good.url()), Duration.ofSeconds(5));

        assertThatThrownBy(() -> JesdbClient.join(transport.send("DELETE", APPEND, null, Transport.Route.LEADER, false)))
                .isInstanceOfSatisfying(Errors.Timeout.class, e -> assertThat(e.status()).isEqualTo(502));
        assertThat(good.calls(APPEND)).isZero();
        assertThat(transport.send("POST", APPEND, "{}", Transport.Route.LEADER, true).join().status()).isEqualTo(200);
    }

    @Test
    void aClosedClientFailsAtOnce() {
        StubNode good = stub("n1", (exchange, stub) -> stub.json(exchange, 200, "{}"));
        transport = new Transport(List.of(good.url()), Duration.ofSeconds(5));
        transport.close();

        assertThatThrownBy(() -> JesdbClient.join(transport.read(READ)))
                .isInstanceOfSatisfying(JesdbException.class, e -> assertThat(e.type()).isEqualTo("client-closed"));
    }

    // ---- stub nodes ----

    private interface Handler {
        void handle(HttpExchange exchange, StubNode stub) throws IOException;
    }

    private StubNode stub(String nodeId, Handler handler) {
        return stub(nodeId, null, handler);
    }

    /** A stub whose GET /api/cluster names {@code leader}. */
    private StubNode stub(String nodeId, String leader, Handler handler) {
        StubNode stub = new StubNode(nodeId, leader, handler);
        stubs.add(stub);
        return stub;
    }

    private static URI closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return URI.create("http://127.0.0.1:" + socket.getLocalPort());
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A node on loopback that answers /api/cluster with its id, and anything else with its handler. */
    private static final class StubNode {
        private final HttpServer server;
        private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();

        StubNode(String nodeId, String leader, Handler handler) {
            try {
                server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            server.createContext("/", exchange -> {
                try (exchange) {
                    String path = exchange.getRequestURI().getPath();
                    if (path.equals("/api/cluster")) {
                        json(exchange, 200, "{\"node\":\"" + nodeId + "\",\"leader\":"
                                + (leader == null ? "null" : "\"" + leader + "\"") + ",\"commitIndex\":0,"
                                + "\"appliedIndex\":0,\"members\":[],\"waiting\":[]}");
                        return;
                    }
                    calls.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
                    handler.handle(exchange, this);
                }
            });
            server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
            server.start();
        }

        URI url() {
            return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
        }

        int calls(String path) {
            AtomicInteger count = calls.get(path);
            return count == null ? 0 : count.get();
        }

        void json(HttpExchange exchange, int status, String body) throws IOException {
            answer(exchange, status, "application/json", body);
        }

        void problem(HttpExchange exchange, int status, String type, String more) throws IOException {
            answer(exchange, status, "application/problem+json", "{\"type\":\"urn:jesdb:problem:" + type + "\",\"status\":"
                    + status + ",\"detail\":\"" + type + "\"" + more + "}");
        }

        void answer(HttpExchange exchange, int status, String contentType, String body) throws IOException {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", contentType);
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
        }

        void stop() {
            server.stop(0);
        }
    }
}
