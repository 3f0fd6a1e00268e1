package org.jesdb.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import jakarta.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.jesdb.it.Api.Answer;
import org.junit.jupiter.api.Test;

/**
 * A persistent subscription's checkpoint outlives its node: after a graceful stop delivery
 * resumes exactly at the first unacknowledged event; after a SIGKILL no later than there
 * (at least once), and nothing from there on is lost.
 */
class SubscriptionRestartIT {
    private static final int EVENTS = 10;
    /** Versions 0..5 are acknowledged before the node stops; 6..9 are not. */
    private static final int ACKED = 6;
    private static final String SUBSCRIPTIONS = "api/stores/default/subscriptions/";
    private static final String SUBSCRIPTION = "restart";
    private static final Duration DELIVERY = Duration.ofSeconds(30);

    private final Path dir = Path.of(System.getProperty("jesdb.it.dir"), "subscription-restart-" + UUID.randomUUID());
    private final Map<String, String> env = Map.of("JESDB_DATA_DIR", dir.resolve("data").toString());
    private final String stream = "restart-" + UUID.randomUUID();

    @Test
    void afterAGracefulStopDeliveryResumesExactlyAtTheFirstUnacknowledgedEvent() throws Exception {
        long firstPosition;
        try (NodeProcess node = NodeProcess.start(dir, env).awaitReady()) {
            firstPosition = appendTenAndAckTheFirstSix(node.api);
        }

        try (NodeProcess node = NodeProcess.start(dir, env).awaitReady();
             SseClient client = SseClient.open(node.api.uri(SUBSCRIPTIONS + SUBSCRIPTION + "/events"))) {
            await().atMost(DELIVERY).during(Duration.ofSeconds(1))
                    .untilAsserted(() -> assertThat(versions(client)).containsExactly(6L, 7L, 8L, 9L));
            assertThat(client.deliveries()).allSatisfy(event -> assertThat(event.attempt()).isEqualTo(1));
            JsonObject status = status(node.api);
            assertThat(checkpoint(status)).as("checkpoint while 6..9 are unacknowledged").isEqualTo(firstPosition + ACKED);
            assertThat(status.getInt("inFlight")).isEqualTo(EVENTS - ACKED);

            ack(node.api, client.deliveries());
            await().atMost(DELIVERY)
                    .untilAsserted(() -> assertThat(checkpoint(status(node.api))).isEqualTo(firstPosition + EVENTS));
        }
    }

    @Test
    void afterASigkillDeliveryResumesNoLaterThanTheFirstUnacknowledgedEventAndLosesNothing() throws Exception {
        NodeProcess node = NodeProcess.start(dir, env).awaitReady();
        try {
            long firstPosition = appendTenAndAckTheFirstSix(node.api);
            // The checkpoint reaches Raft a moment after the acks; watch it hold for that moment.
            await().atMost(Duration.ofSeconds(10)).during(Duration.ofSeconds(2))
                    .until(() -> checkpoint(status(node.api)) == firstPosition + ACKED);
        } finally {
            node.kill();
        }

        try (NodeProcess restarted = NodeProcess.start(dir, env).awaitReady();
             SseClient client = SseClient.open(restarted.api.uri(SUBSCRIPTIONS + SUBSCRIPTION + "/events"))) {
            await().atMost(DELIVERY).untilAsserted(() -> assertThat(versions(client)).contains((long) EVENTS - 1));
            List<Long> versions = versions(client);
            assertThat(versions.get(0)).as("the first version delivered after the kill").isLessThanOrEqualTo(ACKED);
            assertThat(versions).as("every version from there on, once each and in order")
                    .isEqualTo(LongStream.range(versions.get(0), EVENTS).boxed().toList());
        }
    }

    /** Appends versions 0..9, subscribes from the start, acks 0..5 only; answers the position of version 0. */
    private long appendTenAndAckTheFirstSix(Api api) {
        String events = IntStream.range(0, EVENTS).mapToObj(i -> "{\"type\":\"Counted\",\"data\":{\"n\":" + i + "}}")
                .collect(Collectors.joining(","));
        Answer appended = api.post("api/stores/default/streams/" + stream, "{\"expectedVersion\":\"any\",\"events\":[" + events + "]}");
        assertThat(appended.status()).as(appended.text()).isEqualTo(200);
        long firstPosition = appended.json().getJsonNumber("firstPosition").longValue();

        Answer created = api.post(SUBSCRIPTIONS, "{\"name\":\"" + SUBSCRIPTION + "\",\"selector\":{\"stream\":\"" + stream
                + "\"},\"from\":\"start\"}");
        assertThat(created.status()).as(created.text()).isEqualTo(201);

        try (SseClient client = SseClient.open(api.uri(SUBSCRIPTIONS + SUBSCRIPTION + "/events"), event -> {
            if (version(event) < ACKED) {
                ack(api, List.of(event));
            }
        })) {
            // The acks run in the reader's thread, so the checkpoint can reach 6 while 6..9 are still on the wire.
            await().atMost(DELIVERY).untilAsserted(() -> {
                assertThat(versions(client)).isEqualTo(LongStream.range(0, EVENTS).boxed().toList());
                assertThat(checkpoint(status(api))).isEqualTo(firstPosition + ACKED);
            });
        }
        return firstPosition;
    }

    private static void ack(Api api, List<SseClient.Event> events) {
        String ids = events.stream().map(event -> "\"" + event.eventId() + "\"").collect(Collectors.joining(","));
        api.post(SUBSCRIPTIONS + SUBSCRIPTION + "/ack", "{\"ids\":[" + ids + "]}");
    }

    private static JsonObject status(Api api) {
        return api.get(SUBSCRIPTIONS + SUBSCRIPTION).json();
    }

    private static long checkpoint(JsonObject status) {
        return status.getJsonNumber("checkpoint").longValue();
    }

    private static long version(SseClient.Event event) {
        return event.json().getJsonNumber("version").longValue();
    }

    private static List<Long> versions(SseClient client) {
        return client.deliveries().stream().map(SubscriptionRestartIT::version).toList();
    }
}
