package org.jesdb.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URI;
import java.net.URL;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Subscriptions on the real WAR: every selector, persistent and transient, SSE and WebSocket,
 * ack, nack, retry, park and replay, competing and slow consumers, and bad input.
 */
@ExtendWith(ArquillianExtension.class)
class SubscriptionsIT {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String S = "api/stores/default/";

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.jesdbWar();
    }

    @ArquillianResource
    URL base;

    Api api;
    String prefix;

    @BeforeEach
    void setUp() {
        api = Deployments.readyApi(base);
        prefix = "t" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void eachSelectorDeliversExactlyTheEventsItSelects() {
        append(prefix + "-order-1", "OrderPlaced", "{\"customer\":{\"tier\":\"gold\",\"id\":1},\"tag\":\"" + prefix + "\"}");
        append(prefix + "-order-1", "OrderPaid", "{\"tag\":\"" + prefix + "\"}");
        append(prefix + "-user-1", "UserRegistered", "{\"customer\":{\"tier\":\"silver\"},\"tag\":\"" + prefix + "\"}");
        long start = append(prefix + "-order-2", "OrderPlaced", "{\"customer\":{\"tier\":\"gold\"},\"tag\":\"" + prefix + "\"}")
                - 3;
        String from = "{\"position\": " + start + "}";
        create(prefix + "-stream", "{\"stream\": \"" + prefix + "-order-1\"}", from, "");
        create(prefix + "-types", "{\"eventTypes\": [\"OrderPaid\", \"UserRegistered\"]}", from, "");
        create(prefix + "-glob", "{\"pattern\": {\"stream\": \"" + prefix + "-order-*\", \"type\": \"Order*\"}}", from, "");
        create(prefix + "-gold", "{\"payload\": {\"customer\": {\"tier\": \"gold\"}, \"tag\": \"" + prefix + "\"}}", from, "");

        Map<String, List<String>> expected = Map.of(
                "-stream", List.of("OrderPlaced@" + prefix + "-order-1", "OrderPaid@" + prefix + "-order-1"),
                "-types", List.of("OrderPaid@" + prefix + "-order-1", "UserRegistered@" + prefix + "-user-1"),
                "-glob", List.of("OrderPlaced@" + prefix + "-order-1", "OrderPaid@" + prefix + "-order-1",
                        "OrderPlaced@" + prefix + "-order-2"),
                "-gold", List.of("OrderPlaced@" + prefix + "-order-1", "OrderPlaced@" + prefix + "-order-2"));
        expected.forEach((suffix, events) -> {
            try (SseClient client = SseClient.open(uri("subscriptions/" + prefix + suffix + "/events"))) {
                await().atMost(WAIT).until(() -> client.deliveries().size() >= events.size());
                assertThat(client.deliveries()).extracting(e -> e.name() + "@" + e.json().getString("stream"))
                        .as(suffix).containsExactlyElementsOf(events);
            }
        });
    }

    @Test
    void catchUpThenLiveUnderConcurrentAppendsMissesNothingAndRepeatsNothing() throws Exception {
        String stream = prefix + "-busy";
        for (int i = 0; i < 10; i++) {
            appendBatch(stream, 20);
        }
        create(prefix + "-busy", "{\"stream\": \"" + stream + "\"}", "\"start\"", ", \"maxInFlight\": 50");
        List<String> toAck = new CopyOnWriteArrayList<>();
        Thread writer = new Thread(() -> {
            for (int i = 0; i < 10; i++) {
                appendBatch(stream, 20);
            }
        });
        try (SseClient client = SseClient.open(uri("subscriptions/" + prefix + "-busy/events"),
                event -> toAck.add(event.eventId()))) {
            writer.start();
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50)).until(() -> {
                ackAll(prefix + "-busy", toAck);
                return client.deliveries().size() >= 400;
            });
            writer.join(TimeUnit.SECONDS.toMillis(30));
            ackAll(prefix + "-busy", toAck);

            List<Long> versions = client.deliveries().stream().map(e -> e.json().getJsonNumber("version").longValue()).toList();
            assertThat(versions).hasSize(400).isSorted().doesNotHaveDuplicates();
            assertThat(versions.get(0)).isZero();
            assertThat(versions.get(399)).isEqualTo(399);
        }
        await().atMost(WAIT).until(() -> status(prefix + "-busy").getInt("inFlight") == 0);
    }

    @Test
    void aNackedEventIsRetriedThenParkedAndReplayedFromTheParkedList() {
        String stream = prefix + "-pay";
        create(prefix + "-pay", "{\"stream\": \"" + stream + "\"}", "\"start\"", ", \"maxRetries\": 1");
        append(stream, "PaymentRequested", "{}");
        String name = prefix + "-pay";
        try (SseClient client = SseClient.open(uri("subscriptions/" + name + "/events"),
                event -> api.post(S + "subscriptions/" + name + "/nack",
                        "{\"ids\": [\"" + event.eventId() + "\"], \"action\": \"retry\"}"))) {
            await().atMost(WAIT).until(() -> status(name).getInt("parked") == 1);
            assertThat(client.deliveries()).extracting(SseClient.Event::attempt).containsExactly(1, 2);
        }
        JsonObject parked = api.get(S + "subscriptions/" + name + "/parked").json();
        assertThat(parked.getJsonArray("events")).hasSize(1);
        assertThat(parked.getJsonArray("events").getJsonObject(0).getString("reason")).contains("nacked");
        assertThat(status(name).getJsonNumber("checkpoint").longValue()).isGreaterThan(0);
        // The server notices the closed connection at its next keep-alive write.
        await().atMost(WAIT).until(() -> status(name).getInt("consumers") == 0);

        try (SseClient client = SseClient.open(uri("subscriptions/" + name + "/events"), event -> api.post(
                S + "subscriptions/" + name + "/ack", "{\"ids\": [\"" + event.eventId() + "\"]}"))) {
            assertThat(api.post(S + "subscriptions/" + name + "/parked/replay", "").json().getInt("replayed")).isEqualTo(1);
            await().atMost(WAIT).until(() -> status(name).getInt("parked") == 0);
            assertThat(client.deliveries()).extracting(SseClient.Event::attempt).containsExactly(3);
        }
        assertThat(api.get(S + "subscriptions/" + name + "/parked").json().getJsonArray("events")).isEmpty();
    }

    @Test
    void competingConsumersShareTheEventsAndKeepEachStreamInOrder() {
        String name = prefix + "-workers";
        create(name, "{\"pattern\": {\"stream\": \"" + prefix + "-w-*\"}}", "\"start\"", ", \"maxInFlight\": 3");
        List<String> handled = new CopyOnWriteArrayList<>();
        try (SseClient first = SseClient.open(uri("subscriptions/" + name + "/events"), event -> handle(name, event, handled));
             SseClient second = SseClient.open(uri("subscriptions/" + name + "/events"), event -> handle(name, event, handled))) {
            await().atMost(WAIT).until(() -> status(name).getInt("consumers") == 2);
            for (int i = 0; i < 10; i++) {
                for (int s = 0; s < 4; s++) {
                    append(prefix + "-w-" + s, "Work", "{\"n\": " + i + "}");
                }
            }
            await().atMost(WAIT).until(() -> handled.size() >= 40);
            assertThat(first.deliveries()).isNotEmpty();
            assertThat(second.deliveries()).isNotEmpty();
        }
        assertThat(handled).hasSize(40).doesNotHaveDuplicates();
        Map<String, List<Long>> byStream = handled.stream().collect(Collectors.groupingBy(h -> h.substring(0, h.indexOf('@')),
                Collectors.mapping(h -> Long.parseLong(h.substring(h.indexOf('@') + 1)), Collectors.toList())));
        assertThat(byStream).hasSize(4);
        byStream.values().forEach(versions -> assertThat(versions).containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L));
    }

    @Test
    void aConsumerThatNeverAcknowledgesGetsOnlyItsWindowAndWritersGoOn() {
        String name = prefix + "-stuck";
        String stream = prefix + "-flood";
        create(name, "{\"stream\": \"" + stream + "\"}", "\"start\"", ", \"maxInFlight\": 5");
        try (SseClient client = SseClient.open(uri("subscriptions/" + name + "/events"))) {
            for (int i = 0; i < 15; i++) {
                appendBatch(stream, 20);
            }
            await().atMost(WAIT).until(() -> client.deliveries().size() >= 5);
            await().pollDelay(Duration.ofSeconds(1)).atMost(WAIT).until(() -> true);
            assertThat(client.deliveries()).hasSize(5);
            JsonObject status = status(name);
            assertThat(status.getInt("inFlight")).isEqualTo(5);
            assertThat(status.getJsonNumber("lag").longValue()).isGreaterThanOrEqualTo(300);
        }
        assertThat(api.get(S + "streams/" + stream + "/version").json().getInt("version")).isEqualTo(299);
    }

    @Test
    void aWebSocketConsumerAcknowledgesOnTheSameConnection() throws Exception {
        String name = prefix + "-ws";
        String stream = prefix + "-ws";
        create(name, "{\"stream\": \"" + stream + "\"}", "\"start\"", "");
        appendBatch(stream, 5);
        List<JsonObject> received = new CopyOnWriteArrayList<>();
        WebSocket socket = HttpClient.newHttpClient().newWebSocketBuilder().header("Authorization", api.authorization())
                .buildAsync(URI.create(uri("subscriptions/" + name + "/ws").toString().replaceFirst("^http", "ws")),
                        new Collector(received))
                .get(10, TimeUnit.SECONDS);
        try {
            await().atMost(WAIT).until(() -> received.size() >= 5);
            String ids = received.stream().map(m -> "\"" + m.getString("id") + "\"").collect(Collectors.joining(","));
            socket.sendText("{\"ack\": [" + ids + "]}", true).get(10, TimeUnit.SECONDS);
            await().atMost(WAIT).until(() -> status(name).getInt("inFlight") == 0);
            assertThat(received).extracting(m -> m.getJsonNumber("version").longValue()).containsExactly(0L, 1L, 2L, 3L, 4L);

            socket.sendText("{\"ack\": [\"not-a-uuid\"]}", true).get(10, TimeUnit.SECONDS);
            await().atMost(WAIT).until(() -> received.stream().anyMatch(m -> m.containsKey("error")));
            JsonObject error = received.stream().filter(m -> m.containsKey("error")).findFirst().orElseThrow()
                    .getJsonObject("error");
            assertThat(error.getString("field")).isEqualTo("ack[0]");
        } finally {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "done");
        }
        assertThat(status(name).getJsonNumber("checkpoint").longValue())
                .isEqualTo(received.get(4).getJsonNumber("position").longValue() + 1);
    }

    @Test
    void transientSubscriptionsCatchUpFollowAndResumeFromLastEventId() {
        String stream = prefix + "-live";
        long first = append(stream, "Tick", "{\"n\": 0}");
        append(stream, "Tick", "{\"n\": 1}");
        try (SseClient all = SseClient.open(uri("all/events?from=" + first + "&stream=" + prefix + "-li*"));
             SseClient one = SseClient.open(uri("streams/" + stream + "/events?from=1"))) {
            await().atMost(WAIT).until(() -> all.deliveries().size() == 2 && one.deliveries().size() == 1);
            append(prefix + "-other", "Tick", "{}");
            append(stream, "Tick", "{\"n\": 2}");
            await().atMost(WAIT).until(() -> all.deliveries().size() == 3 && one.deliveries().size() == 2);
            assertThat(all.deliveries()).extracting(e -> e.json().getJsonNumber("version").longValue()).containsExactly(0L, 1L, 2L);
            assertThat(one.deliveries()).extracting(e -> e.json().getJsonNumber("version").longValue()).containsExactly(1L, 2L);
        }
        String gold = URLEncoder.encode("{\"n\": 2}", StandardCharsets.UTF_8);
        try (SseClient byType = SseClient.open(uri("all/events?from=" + first + "&eventTypes=Tock,Tick"));
             SseClient byPayload = SseClient.open(uri("all/events?from=" + first + "&payload=" + gold))) {
            await().atMost(WAIT).until(() -> byType.deliveries().size() >= 4 && byPayload.deliveries().size() >= 1);
            assertThat(byPayload.deliveries()).extracting(e -> e.json().getString("stream")).contains(stream);
            assertThat(byPayload.deliveries()).allMatch(e -> e.json().getJsonObject("data").getInt("n") == 2);
        }
        assertThat(api.get(S + "all/events?eventTypes=A&payload=%7B%7D").json().getString("field")).isEqualTo("eventTypes");
        try (SseClient resumed = SseClient.open(uri("streams/" + stream + "/events"), Map.of("Last-Event-ID",
                Long.toString(first)), event -> { })) {
            await().atMost(WAIT).until(() -> resumed.deliveries().size() == 2);
            assertThat(resumed.deliveries()).extracting(e -> e.json().getJsonNumber("version").longValue()).containsExactly(1L, 2L);
        }
    }

    @Test
    void perSubscriptionMetricsArePublished() {
        String name = prefix + "-metrics";
        create(name, "{\"stream\": \"" + prefix + "-m\"}", "\"start\"", "");
        String metrics = api.get("metrics?scope=application").text();
        assertThat(metrics).contains("jesdb_subscription_lag{mp_scope=\"application\",subscription=\"" + name + "\"}");
        assertThat(metrics).contains("jesdb_subscription_delivered{mp_scope=\"application\",subscription=\"" + name + "\"}");
        Api.Answer deleted = api.delete(S + "subscriptions/" + name);
        assertThat(deleted.status()).as(deleted.text()).isEqualTo(204);
        // the metrics thread may still register what the create queued; the delete's own step removes it again
        await().atMost(WAIT).untilAsserted(() ->
                assertThat(api.get("metrics?scope=application").text()).doesNotContain("subscription=\"" + name + "\""));
    }

    @Test
    void badDefinitionsAndUnknownNamesAreRefusedAndChangeNothing() {
        String name = prefix + "-bad";
        String[][] cases = {
                {"{\"name\": \"" + name + "\", \"selector\": {\"regex\": \"a.*\"}}", "selector.regex"},
                {"{\"name\": \"" + name + "\", \"selector\": {\"eventTypes\": []}}", "selector.eventTypes"},
                {"{\"name\": \"" + name + "\", \"selector\": {\"pattern\": {\"name\": \"x\"}}}", "selector.pattern.name"},
                {"{\"name\": \"" + name + "\", \"selector\": {\"payload\": [1]}}", "selector.payload"},
                {"{\"name\": \"" + name + "\", \"selector\": {\"stream\": \"$all\"}, \"from\": {\"version\": 1}}", "from"},
                {"{\"name\": \"" + name + "\", \"selector\": {\"stream\": \"s\"}, \"maxInFlight\": 0}", "maxInFlight"},
                {"{\"name\": \"" + name + "\", \"selector\": {\"stream\": \"s\"}, \"ordering\": \"random\"}", "ordering"},
                {"{\"name\": \"" + name + "\", \"selector\": {\"stream\": \"s\"}, \"colour\": \"red\"}", "colour"},
                {"{\"selector\": {\"stream\": \"s\"}}", "name"},
        };
        for (String[] c : cases) {
            Api.Answer answer = api.post(S + "subscriptions", c[0]);
            assertThat(answer.status()).as(c[0]).isEqualTo(400);
            assertThat(answer.isProblem()).isTrue();
            assertThat(answer.json().getString("field")).as(c[0]).isEqualTo(c[1]);
        }
        assertThat(api.get(S + "subscriptions/" + name).status()).isEqualTo(404);
        assertThat(api.get(S + "subscriptions/" + name).json().getString("type")).isEqualTo("urn:jesdb:problem:subscription-not-found");
        assertThat(api.post(S + "subscriptions/" + name + "/ack", "{\"ids\": [\"" + UUID.randomUUID() + "\"]}").status()).isEqualTo(404);
        assertThat(api.get(S + "subscriptions/" + name + "/events").status()).isEqualTo(404);
        assertThat(api.delete(S + "subscriptions/" + name).status()).isEqualTo(404);
        assertThat(api.get(S + "all/events?stream=bad%5C").status()).isEqualTo(400);

        create(name, "{\"stream\": \"s\"}", "\"end\"", "");
        assertThat(api.post(S + "subscriptions", "{\"name\": \"" + name + "\", \"selector\": {\"stream\": \"t\"}}").status())
                .isEqualTo(409);
        assertThat(api.put(S + "subscriptions/" + name, "{\"selector\": {\"stream\": \"t\"}}").json().getString("field"))
                .isEqualTo("selector");
        assertThat(status(name).getJsonObject("selector").getString("stream")).isEqualTo("s");
        assertThat(api.put(S + "subscriptions/" + name, "{\"maxRetries\": 3}").json().getInt("maxRetries")).isEqualTo(3);
    }

    // ---- helpers ----

    private void handle(String name, SseClient.Event event, List<String> handled) {
        JsonObject json = event.json();
        handled.add(json.getString("stream") + "@" + json.getJsonNumber("version").longValue());
        api.post(S + "subscriptions/" + name + "/ack", "{\"ids\": [\"" + json.getString("id") + "\"]}");
    }

    private void ackAll(String name, List<String> toAck) {
        List<String> batch = new ArrayList<>(toAck);
        if (batch.isEmpty()) {
            return;
        }
        toAck.removeAll(batch);
        String ids = batch.stream().map(id -> "\"" + id + "\"").collect(Collectors.joining(","));
        assertThat(api.post(S + "subscriptions/" + name + "/ack", "{\"ids\": [" + ids + "]}").status()).isEqualTo(200);
    }

    private void create(String name, String selector, String from, String more) {
        Api.Answer answer = api.post(S + "subscriptions", "{\"name\": \"" + name + "\", \"selector\": " + selector
                + ", \"from\": " + from + more + "}");
        assertThat(answer.status()).as(answer.text()).isEqualTo(201);
    }

    private JsonObject status(String name) {
        return api.get(S + "subscriptions/" + name).json();
    }

    /** Appends one event and returns its global position. */
    private long append(String stream, String type, String data) {
        Api.Answer answer = api.post(S + "streams/" + stream, "{\"expectedVersion\": \"any\", \"events\": [{\"type\": \""
                + type + "\", \"data\": " + data + "}]}");
        assertThat(answer.status()).as(answer.text()).isEqualTo(200);
        return answer.json().getJsonNumber("firstPosition").longValue();
    }

    private void appendBatch(String stream, int count) {
        StringBuilder events = new StringBuilder();
        for (int i = 0; i < count; i++) {
            events.append(i == 0 ? "" : ",").append("{\"type\": \"Counted\", \"data\": {\"i\": ").append(i).append("}}");
        }
        Api.Answer answer = api.post(S + "streams/" + stream, "{\"expectedVersion\": \"any\", \"events\": [" + events + "]}");
        assertThat(answer.status()).as(answer.text()).isEqualTo(200);
    }

    private URI uri(String path) {
        return api.uri(S + path);
    }

    /** Keeps every text frame as JSON. */
    private static final class Collector implements WebSocket.Listener {
        private final List<JsonObject> received;
        private final StringBuilder partial = new StringBuilder();

        Collector(List<JsonObject> received) {
            this.received = received;
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                try (var reader = Json.createReader(new StringReader(partial.toString()))) {
                    received.add(reader.readObject());
                }
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }
    }
}
