package org.jesdb.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jesdb.it.Api.Answer;
import org.junit.jupiter.api.Test;

/**
 * A consumer connected to a persistent subscription keeps its right to read (AccessCheckedSink):
 * once the admin takes the right away, or deletes the consumer's user, the consumer is
 * disconnected with a reason that says so, at the next event offered to it (its rights are read
 * again at most once a second), and what it held and what comes after go to the other consumer.
 */
class ConsumerAccessIT {
    private static final String STREAMS = "api/stores/default/streams/";
    private static final String SUBSCRIPTIONS = "api/stores/default/subscriptions";
    /** order-* is readable by sales and temps; only sales may write. */
    private static final String RULES = "{\"rules\":[{\"streams\":\"order-*\",\"read\":[\"role:sales\",\"role:temps\"],"
            + "\"write\":[\"role:sales\"]}],\"defaults\":{}}";
    /** How soon a consumer that may no longer read is disconnected, events being appended meanwhile. */
    private static final Duration DISCONNECTED_WITHIN = Duration.ofSeconds(5);

    private final Path dir = Path.of(System.getProperty("jesdb.it.dir"), "consumer-access-" + UUID.randomUUID());

    @Test
    void aConsumerWhoseReadRightIsTakenAwayIsDisconnectedAndTheOtherConsumerGetsItsEvents() throws Exception {
        try (NodeProcess node = startNode()) {
            Api admin = node.api;
            aLimitedConsumerLosesItsRightWhile(node,
                    () -> assertThat(admin.put("api/access-rules", RULES.replace(",\"role:temps\"", "")).status()).isEqualTo(200),
                    "may no longer read what this subscription selects");
        }
    }

    @Test
    void aConsumerWhoseUserIsDeletedIsDisconnectedAndTheOtherConsumerGetsItsEvents() throws Exception {
        try (NodeProcess node = startNode()) {
            Api admin = node.api;
            aLimitedConsumerLosesItsRightWhile(node,
                    () -> assertThat(admin.delete("api/users/temp").status()).isEqualTo(204),
                    "no longer exists");
        }
    }

    private NodeProcess startNode() throws Exception {
        NodeProcess node = NodeProcess.start(dir, Map.of("JESDB_DATA_DIR", dir.resolve("data").toString())).awaitReady();
        Answer rules = node.api.put("api/access-rules", RULES);
        assertThat(rules.status()).as(rules.text()).isEqualTo(200);
        return node;
    }

    /**
     * temp (temps) and carl (sales) consume "orders" over SSE; temp holds the
     * first event, unacknowledged (per-stream order keeps order-1's next events for it); then
     * {@code takeAway} runs and events keep coming: temp is disconnected, saying {@code why},
     * and carl gets every event, the held one again.
     */
    private static void aLimitedConsumerLosesItsRightWhile(NodeProcess node, Runnable takeAway, String why) {
        Api admin = node.api;
        assertThat(admin.post("api/users", "{\"name\":\"temp\",\"password\":\"temp's passphrase\",\"roles\":[\"temps\"]}")
                .status()).isEqualTo(201);
        assertThat(admin.post("api/users", "{\"name\":\"carl\",\"password\":\"carl's passphrase\",\"roles\":[\"sales\"]}")
                .status()).isEqualTo(201);
        assertThat(admin.post(SUBSCRIPTIONS, "{\"name\":\"orders\",\"selector\":{\"stream\":\"order-1\"},\"from\":\"start\","
                + "\"ordering\":\"per-stream\",\"ackTimeoutMs\":600000}").status()).isEqualTo(201);
        Api limited = node.api.as("temp", "temp's passphrase");
        Api carl = node.api.as("carl", "carl's passphrase");
        List<Long> appended = new CopyOnWriteArrayList<>();
        appended.add(append(admin));

        try (SseClient held = SseClient.open(limited.uri(SUBSCRIPTIONS + "/orders/events"),
                Map.of("Authorization", limited.authorization()), event -> { })) {
            assertThat(held.status).isEqualTo(200);
            await().atMost(Duration.ofSeconds(30)).until(() -> held.deliveries().size() == 1);
            try (SseClient other = SseClient.open(carl.uri(SUBSCRIPTIONS + "/orders/events"),
                    Map.of("Authorization", carl.authorization()),
                    event -> carl.post(SUBSCRIPTIONS + "/orders/ack", "{\"ids\":[\"" + event.eventId() + "\"]}"))) {
                assertThat(other.status).isEqualTo(200);
                await().atMost(Duration.ofSeconds(30)).until(() -> admin.get(SUBSCRIPTIONS + "/orders").json()
                        .getInt("consumers") == 2);
                assertThat(other.deliveries()).as("order-1 is held by the first consumer").isEmpty();

                takeAway.run();
                // the right is read again before an event goes out to the consumer, at most once a second
                await().atMost(DISCONNECTED_WITHIN).pollInterval(Duration.ofMillis(500)).until(() -> {
                    appended.add(append(admin));
                    return held.ended();
                });
                assertThat(held.closeReasons()).singleElement().asString().contains(why);

                await().atMost(Duration.ofSeconds(30)).until(() -> other.deliveries().stream().map(SseClient.Event::position)
                        .distinct().count() == appended.size());
                assertThat(other.deliveries()).extracting(SseClient.Event::position)
                        .as("every event, the one the first consumer held among them").containsAll(appended);
                assertThat(other.deliveries().get(0).attempt()).as("the held event, delivered again").isGreaterThan(1);
                assertThat(admin.get(SUBSCRIPTIONS + "/orders").json().getInt("consumers")).isEqualTo(1);
            }
        }
    }

    /** Appends one event to order-1 as the admin; answers its global position. */
    private static long append(Api admin) {
        Answer appended = admin.post(STREAMS + "order-1", "{\"expectedVersion\":\"any\",\"events\":[{\"type\":\"Written\","
                + "\"data\":{}}]}");
        assertThat(appended.status()).as(appended.text()).isEqualTo(200);
        return appended.json().getJsonNumber("firstPosition").longValue();
    }
}
