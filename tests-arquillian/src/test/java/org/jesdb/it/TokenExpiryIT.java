package org.jesdb.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import jakarta.json.Json;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import org.jesdb.it.Api.Answer;
import org.junit.jupiter.api.Test;

/**
 * A subscription connection opened with a bearer token ends when the token expires, idle or not:
 * SSE (transient and persistent) with a {@code subscription-closed} event that says so, a
 * WebSocket consumer with 1008; one opened with a password stays open. The node's tokens live
 * 60 s (JESDB_TOKEN_SECONDS' least), so this test takes a little over a minute.
 */
class TokenExpiryIT {
    private static final String STREAMS = "api/stores/default/streams/";
    private static final String SUBSCRIPTIONS = "api/stores/default/subscriptions";
    /** How late after the expiry a connection may end: the timer's own delay, and the close travelling. */
    private static final Duration LATENESS = Duration.ofSeconds(5);

    private final Path dir = Path.of(System.getProperty("jesdb.it.dir"), "token-expiry-" + UUID.randomUUID());

    @Test
    void aTokenConnectionEndsWhenItsTokenExpiresWhileAPasswordConnectionStaysOpen() throws Exception {
        Map<String, String> env = Map.of("JESDB_DATA_DIR", dir.resolve("data").toString(), "JESDB_TOKEN_SECONDS", "60");
        try (NodeProcess node = NodeProcess.start(dir, env).awaitReady()) {
            Api admin = node.api;
            assertThat(admin.post("api/users", "{\"name\":\"ann\",\"password\":\"ann's passphrase\"}").status()).isEqualTo(201);
            assertThat(admin.post(STREAMS + "order-1", append(1)).status()).isEqualTo(200);
            for (String subscription : new String[] {"by-sse", "by-ws"}) {
                assertThat(admin.post(SUBSCRIPTIONS, "{\"name\":\"" + subscription + "\",\"selector\":{\"stream\":\"order-1\"},"
                        + "\"from\":\"start\"}").status()).isEqualTo(201);
            }
            Api annByPassword = node.api.as("ann", "ann's passphrase");
            Answer issued = annByPassword.post("api/token", "");
            assertThat(issued.status()).as(issued.text()).isEqualTo(200);
            String token = issued.json().getString("token");
            Instant expires = expiryOf(token);
            Api annByToken = node.api.withToken(token);
            Map<String, String> byToken = Map.of("Authorization", annByToken.authorization());
            Map<String, String> byPassword = Map.of("Authorization", annByPassword.authorization());

            try (SseClient liveByToken = SseClient.open(annByToken.uri(STREAMS + "order-1/events?from=start"), byToken, event -> { });
                 SseClient consumerByToken = SseClient.open(annByToken.uri(SUBSCRIPTIONS + "/by-sse/events"), byToken, event -> { });
                 WebSocketConsumer socketByToken = WebSocketConsumer.open(annByToken, "by-ws");
                 SseClient liveByPassword = SseClient.open(annByPassword.uri(STREAMS + "order-1/events?from=start"), byPassword,
                         event -> { })) {
                assertThat(liveByToken.status).isEqualTo(200);
                assertThat(consumerByToken.status).isEqualTo(200);
                await().atMost(Duration.ofSeconds(30)).until(() -> liveByToken.deliveries().size() == 1
                        && consumerByToken.deliveries().size() == 1 && socketByToken.deliveries().size() == 1
                        && liveByPassword.deliveries().size() == 1);

                // idle from here on: only the expiry can end the token's connections
                await().atMost(Duration.between(Instant.now(), expires).plus(LATENESS))
                        .pollInterval(Duration.ofMillis(200))
                        .until(() -> liveByToken.ended() && consumerByToken.ended() && socketByToken.closeCode() != null);
                assertThat(Instant.now()).as("not before the token expired").isAfterOrEqualTo(expires);
                assertThat(liveByToken.closeReasons()).singleElement().asString().contains("token expired");
                assertThat(consumerByToken.closeReasons()).singleElement().asString().contains("token expired");
                assertThat(socketByToken.closeCode()).as("policy violation").isEqualTo(1008);
                assertThat(socketByToken.closeReason()).contains("token expired");

                assertThat(admin.post(STREAMS + "order-1", append(2)).status()).isEqualTo(200);
                await().atMost(Duration.ofSeconds(30)).until(() -> liveByPassword.deliveries().size() == 2);
                assertThat(liveByPassword.ended()).as("a password connection has no expiry").isFalse();
                try (SseClient consumerByPassword = SseClient.open(annByPassword.uri(SUBSCRIPTIONS + "/by-sse/events"),
                        byPassword, event -> { })) {
                    await().atMost(Duration.ofSeconds(30)).until(() -> consumerByPassword.deliveries().size() == 2);
                    assertThat(consumerByPassword.deliveries()).extracting(SseClient.Event::position)
                            .as("what the closed token consumer held went back to the subscription")
                            .doesNotHaveDuplicates();
                    assertThat(admin.get(SUBSCRIPTIONS + "/by-sse").json().getInt("consumers"))
                            .as("the token's consumer is gone, the password's is there").isEqualTo(1);
                }
            }
        }
    }

    /** The instant a token expires at, from its own claims. */
    private static Instant expiryOf(String token) {
        String claims = new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8);
        try (var reader = Json.createReader(new StringReader(claims))) {
            return Instant.ofEpochSecond(reader.readObject().getJsonNumber("exp").longValue());
        }
    }

    private static String append(int n) {
        return "{\"expectedVersion\":\"any\",\"events\":[{\"type\":\"Written\",\"data\":{\"n\":" + n + "}}]}";
    }
}
