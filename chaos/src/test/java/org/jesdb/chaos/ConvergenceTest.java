package org.jesdb.chaos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.jesdb.chaos.history.LogEntry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ConvergenceTest {
    private static final UUID ID = UUID.fromString("00000000-0000-0000-0000-000000000001");
    private static final String ONE_EVENT = "{\"events\":[{\"position\":0,\"stream\":\"s\",\"version\":0,\"id\":\"" + ID + "\"}]}";

    private final AtomicInteger calls = new AtomicInteger();
    private HttpServer server;

    /** A node on 127.0.0.1 whose first {@code failures} reads of $all answer 500, then one event. */
    private NodeApi nodeFailingFirst(int failures) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/api/stores/default/all", exchange -> {
            boolean fail = calls.incrementAndGet() <= failures;
            byte[] body = (fail ? "{}" : ONE_EVENT).getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(fail ? 500 : 200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        return new NodeApi(URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/"), Duration.ofSeconds(5));
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void aFailedReadIsTriedAgainWithinTheWait() throws Exception {
        NodeApi node = nodeFailingFirst(2);

        Map<String, List<LogEntry>> logs = Convergence.logs(Map.of("n1", node), Duration.ofSeconds(30));

        assertThat(logs.get("n1")).containsExactly(new LogEntry(0, "s", 0, ID));
        assertThat(calls.get()).isEqualTo(3);
    }

    @Test
    void readsThatKeepFailingEndWithTheErrorOnceTheWaitIsOver() throws Exception {
        NodeApi node = nodeFailingFirst(Integer.MAX_VALUE);

        assertThatThrownBy(() -> Convergence.logs(Map.of("n1", node), Duration.ofSeconds(2)))
                .isInstanceOf(IOException.class).hasMessageContaining("HTTP 500");
    }
}
