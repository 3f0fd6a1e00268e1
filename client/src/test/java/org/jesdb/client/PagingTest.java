package org.jesdb.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Reading $all lazily goes on through pages that hold no event but say where to go on. */
class PagingTest {
    private HttpServer server;

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void anEmptyPageWithANextIsNotTheEnd() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/api/stores/default/all", exchange -> {
            String query = exchange.getRequestURI().getQuery();
            String body = query.contains("from=0") ? "{\"events\":[],\"next\":7}"
                    : "{\"events\":[{\"id\":\"3f2b8c1e-6a3b-4c1f-9a57-0c8d6f1e2a4b\",\"type\":\"Carted\",\"stream\":\"cart-1\","
                            + "\"version\":0,\"position\":7,\"created\":\"2026-12-02T12:00:00Z\","
                            + "\"contentType\":\"application/json\",\"data\":{},\"metadata\":null}],\"next\":null}";
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();

        try (JesdbClient client = JesdbClient.builder().nodes("http://127.0.0.1:" + server.getAddress().getPort()).build()) {
            List<RecordedEvent> events = client.allEvents(0).toList();
            assertThat(events).extracting(RecordedEvent::stream).containsExactly("cart-1");
        }
    }
}
