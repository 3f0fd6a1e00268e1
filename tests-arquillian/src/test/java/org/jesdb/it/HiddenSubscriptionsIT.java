package org.jesdb.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.jesdb.it.Api.Answer;
import org.junit.jupiter.api.Test;

/**
 * A persistent subscription a user may not read is, to that user, one that does not exist: every
 * call on it answers exactly as for an unknown name (404 subscription-not-found), so that a
 * limited user cannot probe which names there are. Only creating under a taken name tells that it
 * is taken (409), and nothing more.
 */
class HiddenSubscriptionsIT {
    private static final String STREAMS = "api/stores/default/streams/";
    private static final String SUBSCRIPTIONS = "api/stores/default/subscriptions";
    private static final String HIDDEN = "hidden-sub";
    private static final String UNKNOWN = "no-such-sub";
    private static final String EVENT_IDS = "{\"ids\":[\"" + UUID.randomUUID() + "\"]}";

    private final Path dir = Path.of(System.getProperty("jesdb.it.dir"), "hidden-subscriptions-" + UUID.randomUUID());

    /** Every call on one subscription, by what it does, as a request on {@code api} for a subscription's name. */
    private static Map<String, Function<String, HttpRequest.Builder>> callsOn(Api api) {
        Function<String, URI> uri = path -> api.uri(SUBSCRIPTIONS + "/" + path);
        return Map.of(
                "status", name -> HttpRequest.newBuilder(uri.apply(name)).GET(),
                "change", name -> json(uri.apply(name), "PUT", "{\"maxRetries\":1}"),
                "delete", name -> HttpRequest.newBuilder(uri.apply(name)).DELETE(),
                "consume over SSE", name -> HttpRequest.newBuilder(uri.apply(name + "/events")).GET()
                        .header("Accept", "text/event-stream"),
                "ack", name -> json(uri.apply(name + "/ack"), "POST", EVENT_IDS),
                "nack", name -> json(uri.apply(name + "/nack"), "POST", EVENT_IDS),
                "parked events", name -> HttpRequest.newBuilder(uri.apply(name + "/parked")).GET(),
                "replay parked events", name -> json(uri.apply(name + "/parked/replay"), "POST", ""));
    }

    @Test
    void aSubscriptionAUserMayNotReadAnswersAsAnUnknownOneOnEveryCall() throws Exception {
        Map<String, String> env = Map.of("JESDB_DATA_DIR", dir.resolve("data").toString());
        try (NodeProcess node = NodeProcess.start(dir, env).awaitReady()) {
            Api admin = node.api;
            for (String stream : new String[] {"order-1", "hidden-1"}) {
                assertThat(admin.post(STREAMS + stream, append()).status()).isEqualTo(200);
            }
            Answer rules = admin.put("api/access-rules", "{\"rules\":[{\"streams\":\"order-*\",\"read\":[\"role:sales\"],"
                    + "\"write\":[\"role:sales\"]}],\"defaults\":{}}");
            assertThat(rules.status()).as(rules.text()).isEqualTo(200);
            assertThat(admin.post("api/users", "{\"name\":\"bob\",\"password\":\"bob's passphrase\",\"roles\":[\"sales\"]}")
                    .status()).isEqualTo(201);
            assertThat(admin.post(SUBSCRIPTIONS, "{\"name\":\"" + HIDDEN + "\",\"selector\":{\"stream\":\"hidden-1\"},"
                    + "\"from\":\"start\"}").status()).isEqualTo(201);
            assertThat(admin.post(SUBSCRIPTIONS, "{\"name\":\"orders-sub\",\"selector\":{\"stream\":\"order-1\"},"
                    + "\"from\":\"start\"}").status()).isEqualTo(201);
            String before = admin.get(SUBSCRIPTIONS + "/" + HIDDEN).text();
            Api bob = node.api.as("bob", "bob's passphrase");

            callsOn(bob).forEach((what, call) -> {
                Answer hidden = bob.send(call.apply(HIDDEN));
                Answer unknown = bob.send(call.apply(UNKNOWN));
                assertThat(hidden.status()).as(what + ": " + hidden.text()).isEqualTo(404);
                assertThat(hidden.json().getString("type")).as(what).isEqualTo("urn:jesdb:problem:subscription-not-found");
                assertThat(hidden.contentType()).as(what).isEqualTo(unknown.contentType());
                assertThat(hidden.text().replace(HIDDEN, "{name}")).as(what + ": the same answer as for an unknown name")
                        .isEqualTo(unknown.text().replace(UNKNOWN, "{name}"));
            });

            try (WebSocketConsumer hidden = WebSocketConsumer.open(bob, HIDDEN);
                 WebSocketConsumer unknown = WebSocketConsumer.open(bob, UNKNOWN)) {
                await().atMost(Duration.ofSeconds(30)).until(() -> hidden.closeCode() != null && unknown.closeCode() != null);
                assertThat(hidden.frames).singleElement().satisfies(frame -> assertThat(frame.getJsonObject("error")
                        .getString("type")).isEqualTo("urn:jesdb:problem:subscription-not-found"));
                assertThat(hidden.frames.toString().replace(HIDDEN, "{name}")).as("a WebSocket consumer's refusal")
                        .isEqualTo(unknown.frames.toString().replace(UNKNOWN, "{name}"));
                assertThat(hidden.closeCode()).isEqualTo(unknown.closeCode());
                assertThat(hidden.closeReason().replace(HIDDEN, "{name}")).isEqualTo(unknown.closeReason().replace(UNKNOWN, "{name}"));
            }

            Answer taken = bob.post(SUBSCRIPTIONS, "{\"name\":\"" + HIDDEN + "\",\"selector\":{\"stream\":\"order-1\"}}");
            assertThat(taken.status()).as("a taken name cannot be taken again: " + taken.text()).isEqualTo(409);
            assertThat(taken.json().getString("type")).isEqualTo("urn:jesdb:problem:subscription-exists");
            assertThat(taken.text()).as("nothing of the other subscription").doesNotContain("hidden-1");

            assertThat(bob.get(SUBSCRIPTIONS).json().getJsonArray("subscriptions"))
                    .extracting(v -> v.asJsonObject().getString("name")).containsExactly("orders-sub");
            assertThat(bob.get(SUBSCRIPTIONS + "/orders-sub").status()).as("one bob may read").isEqualTo(200);
            assertThat(admin.get(SUBSCRIPTIONS + "/" + HIDDEN).text()).as("bob's calls changed nothing").isEqualTo(before);
        }
    }

    private static HttpRequest.Builder json(URI uri, String method, String body) {
        return HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(body));
    }

    private static String append() {
        return "{\"expectedVersion\":\"any\",\"events\":[{\"type\":\"Written\",\"data\":{\"by\":\"admin\"}}]}";
    }
}
