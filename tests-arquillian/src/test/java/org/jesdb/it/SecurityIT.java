package org.jesdb.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.jesdb.it.Api.Answer;
import org.junit.jupiter.api.Test;

/**
 * Security on the runnable jar, on by default: the first admin from JESDB_ADMIN_PASSWORD (or, on a
 * single node without it, from a password made into its data folder), HTTP Basic and bearer
 * tokens, 401 without credentials on every endpoint family and 403 for what only an admin may do,
 * with nothing changed; a deleted user's token stops working at once.
 */
class SecurityIT {
    private static final String ADMIN_PASSWORD = "it-admin-" + UUID.randomUUID();
    private static final String STREAMS = "api/stores/default/streams/";
    private static final String SNAPSHOTS = "api/stores/default/snapshots";
    private static final String SUBSCRIPTIONS = "api/stores/default/subscriptions";

    private final Path dir = Path.of(System.getProperty("jesdb.it.dir"), "security-" + UUID.randomUUID());
    private final String stream = "secured-" + UUID.randomUUID();

    @Test
    void onlyCallersWithCredentialsGetInAndOnlyAdminsManageUsers() throws Exception {
        Map<String, String> env = Map.of("JESDB_DATA_DIR", dir.resolve("data").toString(),
                "JESDB_ADMIN_PASSWORD", ADMIN_PASSWORD, "JESDB_MAX_CONNECTIONS_PER_USER", "2");
        // ready only once security is set up: the admin can sign in from then on
        try (NodeProcess node = NodeProcess.start(dir, env).awaitReady()) {
            Api anonymous = node.api.withoutCredentials();
            Api admin = node.api.as("admin", ADMIN_PASSWORD);

            assertThat(anonymous.get("health/ready").status()).as("health stays open").isEqualTo(200);
            for (String path : new String[] {STREAMS + stream, "api/stores/default/all", "api/users", "api/cluster",
                    "api/access-rules", "api/stores/default/subscriptions", "metrics", "openapi"}) {
                assertUnauthorized(anonymous.get(path), path);
            }
            assertUnauthorized(anonymous.post(STREAMS + stream, append("anonymous")), "an anonymous append");
            Answer sneaking = anonymous.send(HttpRequest.newBuilder(URI.create(anonymous.uri("") + "health/../api/users")).GET());
            assertThat(sneaking.status()).as("a path through /health: " + sneaking.text()).isIn(400, 401, 404);
            assertUnauthorized(node.api.as("admin", "wrong-password").get(STREAMS + stream), "a wrong password");
            assertUnauthorized(node.api.withToken("not.a.token").get(STREAMS + stream), "a bad token");
            assertThat(admin.get(STREAMS + stream).status()).as("nothing was appended").isEqualTo(404);

            assertThat(admin.post(STREAMS + stream, append("admin")).status()).isEqualTo(200);
            Answer created = admin.post("api/users", "{\"name\":\"ann\",\"password\":\"ann's passphrase\",\"roles\":[\"sales\"]}");
            assertThat(created.status()).as(created.text()).isEqualTo(201);
            assertThat(admin.post("api/users", "{\"name\":\"ann\",\"password\":\"another one\"}").status()).isEqualTo(409);
            Answer users = admin.get("api/users");
            assertThat(users.text()).contains("\"ann\"", "\"sales\"").doesNotContain("passphrase", "PBKDF2");

            Api ann = node.api.as("ann", "ann's passphrase");
            assertThat(ann.get(STREAMS + stream).status()).as("signed-in users read by default").isEqualTo(200);
            assertForbidden(ann.get("api/users"), "admin-required");
            assertForbidden(ann.post("api/users", "{\"name\":\"eve\",\"password\":\"eve's passphrase\",\"roles\":[\"admin\"]}"),
                    "admin-required");
            assertForbidden(ann.put("api/access-rules", "{\"rules\":[],\"defaults\":{\"read\":[\"*\"]}}"), "admin-required");
            assertThat(admin.get("api/users/eve").status()).as("no user was made").isEqualTo(404);
            // /metrics names every store and subscription: admins, and the role metrics (a Prometheus scrape)
            assertForbidden(ann.get("metrics?scope=application"), "admin-required");
            assertThat(admin.post("api/users", "{\"name\":\"scraper\",\"password\":\"scraper's passphrase\",\"roles\":[\"metrics\"]}")
                    .status()).isEqualTo(201);
            Api scraper = node.api.as("scraper", "scraper's passphrase");
            assertThat(scraper.get("metrics?scope=application").text()).contains("jesdb_");
            assertForbidden(scraper.get("api/users"), "admin-required");

            aUserHoldsNoMoreSubscriptionConnectionsThanTheLimit(ann, admin);

            Answer issued = ann.post("api/token", "");
            assertThat(issued.status()).as(issued.text()).isEqualTo(200);
            Api annByToken = node.api.withToken(issued.json().getString("token"));
            assertThat(annByToken.get(STREAMS + stream).status()).isEqualTo(200);
            assertForbidden(annByToken.post("api/token", ""), "password-required");

            // a new password alone leaves the roles as they are: the last admin may change its own
            Answer annRenewed = admin.put("api/users/ann", "{\"password\":\"ann's new passphrase\"}");
            assertThat(annRenewed.status()).as(annRenewed.text()).isEqualTo(200);
            assertThat(annRenewed.json().getJsonArray("roles").getString(0)).isEqualTo("sales");
            assertUnauthorized(ann.get(STREAMS + stream), "ann's old password");
            ann = node.api.as("ann", "ann's new passphrase");
            assertThat(ann.get(STREAMS + stream).status()).isEqualTo(200);
            Answer adminRenewed = admin.put("api/users/admin", "{\"password\":\"" + ADMIN_PASSWORD + "\"}");
            assertThat(adminRenewed.status()).as(adminRenewed.text()).isEqualTo(200);
            assertThat(adminRenewed.json().getJsonArray("roles").getString(0)).isEqualTo("admin");

            Answer lastAdmin = admin.delete("api/users/admin");
            assertThat(lastAdmin.status()).as(lastAdmin.text()).isEqualTo(409);
            assertThat(lastAdmin.json().getString("type")).isEqualTo("urn:jesdb:problem:last-admin");

            assertThat(admin.delete("api/users/ann").status()).isEqualTo(204);
            assertUnauthorized(annByToken.get(STREAMS + stream), "the token of a deleted user");
            assertUnauthorized(ann.get(STREAMS + stream), "the password of a deleted user");
        }
    }

    /** rita may read order-* but not write it: she may follow orders-sub, not change, delete or replay it. */
    private static void aReaderMayUseButNotManageASubscription(Api admin, NodeProcess node) {
        assertThat(admin.post("api/users", "{\"name\":\"rita\",\"password\":\"rita's passphrase\",\"roles\":[\"auditors\"]}")
                .status()).isEqualTo(201);
        Api rita = node.api.as("rita", "rita's passphrase");
        assertThat(rita.get(SUBSCRIPTIONS + "/orders-sub").status()).isEqualTo(200);
        assertAccessDenied(rita.delete(SUBSCRIPTIONS + "/orders-sub"), "order-1", "write");
        assertAccessDenied(rita.put(SUBSCRIPTIONS + "/orders-sub", "{\"maxRetries\":1}"), "order-1", "write");
        assertAccessDenied(rita.post(SUBSCRIPTIONS + "/orders-sub/parked/replay", ""), "order-1", "write");
        assertAccessDenied(rita.post(SUBSCRIPTIONS, "{\"name\":\"ritas-sub\",\"selector\":{\"stream\":\"order-1\"},"
                + "\"from\":\"start\"}"), "order-1", "write");
        assertThat(admin.get(SUBSCRIPTIONS + "/orders-sub").status()).as("orders-sub is still there").isEqualTo(200);
        assertThat(admin.get(SUBSCRIPTIONS + "/ritas-sub").status()).as("no subscription was made").isEqualTo(404);
    }

    /** JESDB_MAX_CONNECTIONS_PER_USER is 2 here: a third SSE connection is refused until one closes. */
    private static void aUserHoldsNoMoreSubscriptionConnectionsThanTheLimit(Api ann, Api admin) {
        URI all = ann.uri("api/stores/default/all/events?from=start");
        Map<String, String> credentials = Map.of("Authorization", ann.authorization());
        try (SseClient first = SseClient.open(all, credentials, event -> { });
             SseClient second = SseClient.open(all, credentials, event -> { })) {
            assertThat(first.status).isEqualTo(200);
            assertThat(second.status).isEqualTo(200);
            Answer third = ann.send(HttpRequest.newBuilder(all).header("Accept", "text/event-stream").GET());
            assertThat(third.status()).as(third.text()).isEqualTo(429);
            assertThat(third.json().getString("type")).isEqualTo("urn:jesdb:problem:too-many-connections");
            assertThat(third.json().getInt("limit")).isEqualTo(2);
            try (SseClient adminsOwn = SseClient.open(all, Map.of("Authorization", admin.authorization()), event -> { })) {
                assertThat(adminsOwn.status).as("another user has a quota of its own").isEqualTo(200);
            }
            first.close();
            // the node notices a closed SSE connection at its next keep-alive (every 5 s)
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1)).until(() -> {
                SseClient again = SseClient.open(all, credentials, event -> { });
                again.close();
                return again.status == 200;
            });
        }
    }

    @Test
    void aUserLimitedToSomeStreamsSeesOnlyThoseInReadsAllSubscriptionsAndSnapshots() throws Exception {
        Map<String, String> env = Map.of("JESDB_DATA_DIR", dir.resolve("data").toString(),
                "JESDB_ADMIN_PASSWORD", ADMIN_PASSWORD);
        try (NodeProcess node = NodeProcess.start(dir, env).awaitReady()) {
            Api admin = node.api.as("admin", ADMIN_PASSWORD);
            for (String written : new String[] {"order-1", "hidden-1"}) {
                assertThat(admin.post(STREAMS + written, append("admin")).status()).isEqualTo(200);
                assertThat(admin.put(SNAPSHOTS + "/app/" + written + "/0", "{\"data\":{\"state\":\"" + written + "\"}}").status())
                        .isIn(200, 201, 204);
            }
            Answer rules = admin.put("api/access-rules", "{\"rules\":[{\"streams\":\"order-*\",\"read\":[\"role:sales\","
                    + "\"role:auditors\"],\"write\":[\"role:sales\"]}],\"defaults\":{}}");
            assertThat(rules.status()).as(rules.text()).isEqualTo(200);
            assertThat(admin.post("api/users", "{\"name\":\"bob\",\"password\":\"bob's passphrase\",\"roles\":[\"sales\"]}")
                    .status()).isEqualTo(201);
            assertThat(admin.post(SUBSCRIPTIONS, "{\"name\":\"hidden-sub\",\"selector\":{\"stream\":\"hidden-1\"},"
                    + "\"from\":\"start\"}").status()).isEqualTo(201);
            assertThat(admin.post(SUBSCRIPTIONS, "{\"name\":\"orders-sub\",\"selector\":{\"stream\":\"order-1\"},"
                    + "\"from\":\"start\"}").status()).isEqualTo(201);
            Api bob = node.api.as("bob", "bob's passphrase");

            assertThat(bob.get(STREAMS + "order-1").status()).isEqualTo(200);
            assertAccessDenied(bob.get(STREAMS + "hidden-1"), "hidden-1", "read");
            assertAccessDenied(bob.get(STREAMS + "hidden-1/version"), "hidden-1", "read");
            assertAccessDenied(bob.post(STREAMS + "hidden-1", append("bob")), "hidden-1", "write");
            assertThat(admin.get(STREAMS + "hidden-1/version").json().getInt("version")).as("nothing appended").isZero();
            assertThat(bob.post(STREAMS + "order-1", append("bob")).status()).isEqualTo(200);

            assertThat(streamsOf(bob.get("api/stores/default/all?count=1000").json().getJsonArray("events")))
                    .containsOnly("order-1");
            assertThat(streamsOf(admin.get("api/stores/default/all?count=1000").json().getJsonArray("events")))
                    .as("an admin sees all").contains("order-1", "hidden-1");
            assertThat(bob.get("api/stores/default/streams").json().getJsonArray("streams"))
                    .extracting(v -> v.asJsonObject().getString("name")).containsExactly("order-1");
            assertThat(bob.get(SNAPSHOTS).json().getJsonArray("snapshots"))
                    .extracting(v -> v.asJsonObject().getString("stream")).containsExactly("order-1");
            assertAccessDenied(bob.get(SNAPSHOTS + "/app/hidden-1/latest"), "hidden-1", "read");

            try (SseClient all = SseClient.open(bob.uri("api/stores/default/all/events?from=start"),
                    Map.of("Authorization", bob.authorization()), event -> { })) {
                assertThat(all.status).isEqualTo(200);
                admin.post(STREAMS + "hidden-1", append("admin, live"));
                admin.post(STREAMS + "order-1", append("admin, live"));
                // order-1 now holds 3 events; the live hidden-1 event came before the last of them
                await().atMost(Duration.ofSeconds(30)).until(() -> all.deliveries().size() >= 3);
                assertThat(all.deliveries()).extracting(event -> event.json().getString("stream"))
                        .containsExactly("order-1", "order-1", "order-1");
            }
            try (SseClient hidden = SseClient.open(bob.uri(STREAMS + "hidden-1/events?from=start"),
                    Map.of("Authorization", bob.authorization()), event -> { })) {
                assertThat(hidden.status).as("a transient subscription of a stream bob may not read").isEqualTo(403);
            }

            assertAccessDenied(bob.post(SUBSCRIPTIONS, "{\"name\":\"bobs-hidden\",\"selector\":{\"stream\":\"hidden-1\"}}"),
                    "hidden-1", "read");
            assertAccessDenied(bob.post(SUBSCRIPTIONS, "{\"name\":\"bobs-all\",\"selector\":{\"stream\":\"$all\"}}"),
                    "$all", "read");
            // a subscription bob may not read is, to him, one that does not exist (HiddenSubscriptionsIT)
            assertSubscriptionNotFound(bob.get(SUBSCRIPTIONS + "/hidden-sub"));
            assertSubscriptionNotFound(bob.delete(SUBSCRIPTIONS + "/hidden-sub"));
            try (SseClient connected = SseClient.open(bob.uri(SUBSCRIPTIONS + "/hidden-sub/events"),
                    Map.of("Authorization", bob.authorization()), event -> { })) {
                assertThat(connected.status).isEqualTo(404);
            }
            assertThat(bob.get(SUBSCRIPTIONS).json().getJsonArray("subscriptions"))
                    .extracting(v -> v.asJsonObject().getString("name")).containsExactly("orders-sub");
            aReaderMayUseButNotManageASubscription(admin, node);

            List<JsonObject> refused = webSocketFrames(bob, "hidden-sub", 1);
            assertThat(refused.get(0).getJsonObject("error").getString("type")).isEqualTo("urn:jesdb:problem:subscription-not-found");
            List<JsonObject> delivered = webSocketFrames(bob, "orders-sub", 3);
            assertThat(delivered).extracting(frame -> frame.getString("stream")).containsOnly("order-1");
            assertThat(admin.get(SUBSCRIPTIONS + "/hidden-sub").status()).as("the admin's subscription is still there")
                    .isEqualTo(200);

            Answer opened = admin.put("api/access-rules", "{\"rules\":[],\"defaults\":{\"read\":[\"role:sales\"]}}");
            assertThat(opened.status()).as(opened.text()).isEqualTo(200);
            assertThat(bob.get(STREAMS + "hidden-1").status()).as("a rule change counts at once").isEqualTo(200);
            assertThat(bob.get(SUBSCRIPTIONS + "/hidden-sub").status()).isEqualTo(200);
            assertThat(streamsOf(bob.get("api/stores/default/all?count=1000").json().getJsonArray("events")))
                    .contains("order-1", "hidden-1");

            try (WebSocketConsumer consumer = WebSocketConsumer.open(bob, "orders-sub")) {
                List<JsonObject> frames = consumer.frames;
                await().atMost(Duration.ofSeconds(30)).until(() -> frames.size() >= 3);
                assertThat(admin.delete("api/users/bob").status()).isEqualTo(204);
                consumer.ack(frames.get(0));
                await().atMost(Duration.ofSeconds(30)).until(() -> frames.stream().anyMatch(frame -> frame.containsKey("error")));
                assertThat(frames.stream().filter(frame -> frame.containsKey("error")).findFirst().orElseThrow()
                        .getJsonObject("error").getString("type")).as("a deleted user's ack").isEqualTo("urn:jesdb:problem:unauthorized");
            }
            assertThat(admin.get(SUBSCRIPTIONS + "/orders-sub").json().getJsonNumber("checkpoint").longValue())
                    .as("the deleted user's ack was not taken").isZero();
        }
    }

    @Test
    void everyEndpointFamilyAnswers401WithoutCredentialsAndChangesNothingWhileHealthStaysOpen() throws Exception {
        Map<String, String> env = Map.of("JESDB_DATA_DIR", dir.resolve("data").toString());
        try (NodeProcess node = NodeProcess.start(dir, env).awaitReady()) {
            Api admin = node.api;
            Api anonymous = node.api.withoutCredentials();
            assertThat(admin.post(STREAMS + stream, append("admin")).status()).isEqualTo(200);
            assertThat(admin.put(SNAPSHOTS + "/app/" + stream + "/0", "{\"data\":{\"n\":0}}").status()).isIn(200, 201, 204);
            assertThat(admin.post(SUBSCRIPTIONS, "{\"name\":\"kept\",\"selector\":{\"stream\":\"" + stream + "\"},"
                    + "\"from\":\"start\"}").status()).isEqualTo(201);
            Map<String, String> before = state(admin);

            String event = "{\"ids\":[\"" + UUID.randomUUID() + "\"]}";
            String[][] calls = {
                {"GET", STREAMS + stream, null}, {"GET", STREAMS + stream + "/version", null}, {"GET", "api/stores/default/streams", null},
                {"POST", STREAMS + stream, append("anonymous")}, {"POST", STREAMS + "new-" + stream, append("anonymous")},
                {"DELETE", STREAMS + stream, null}, {"DELETE", STREAMS + stream + "?mode=hard", null},
                {"GET", "api/stores/default/all", null},
                {"GET", STREAMS + stream + "/events?from=start", null}, {"GET", "api/stores/default/all/events?from=start", null},
                {"GET", SNAPSHOTS, null}, {"GET", SNAPSHOTS + "/app/" + stream + "/latest", null},
                {"GET", SNAPSHOTS + "/app/" + stream + "/0", null}, {"PUT", SNAPSHOTS + "/app/" + stream + "/1", "{\"data\":{}}"},
                {"DELETE", SNAPSHOTS + "/app/" + stream + "/0", null},
                {"GET", SUBSCRIPTIONS, null}, {"GET", SUBSCRIPTIONS + "/kept", null},
                {"POST", SUBSCRIPTIONS, "{\"name\":\"planted\",\"selector\":{\"stream\":\"$all\"}}"},
                {"PUT", SUBSCRIPTIONS + "/kept", "{\"maxRetries\":1}"}, {"DELETE", SUBSCRIPTIONS + "/kept", null},
                {"GET", SUBSCRIPTIONS + "/kept/events", null}, {"POST", SUBSCRIPTIONS + "/kept/ack", event},
                {"POST", SUBSCRIPTIONS + "/kept/nack", event}, {"GET", SUBSCRIPTIONS + "/kept/parked", null},
                {"POST", SUBSCRIPTIONS + "/kept/parked/replay", ""},
                {"GET", "api/users", null}, {"GET", "api/users/admin", null},
                {"POST", "api/users", "{\"name\":\"eve\",\"password\":\"eve's passphrase\",\"roles\":[\"admin\"]}"},
                {"PUT", "api/users/admin", "{\"password\":\"taken over, at last\"}"}, {"DELETE", "api/users/admin", null},
                {"GET", "api/access-rules", null}, {"PUT", "api/access-rules", "{\"rules\":[],\"defaults\":{\"read\":[]}}"},
                {"POST", "api/token", ""},
                {"GET", "api/cluster", null}, {"POST", "api/cluster/members", "{\"id\":\"n2\"}"},
                {"DELETE", "api/cluster/members/n1", null},
                {"GET", "metrics", null}, {"GET", "openapi", null},
            };
            for (String[] call : calls) {
                HttpRequest.Builder request = HttpRequest.newBuilder(anonymous.uri(call[1])).header("Accept", "*/*")
                        .method(call[0], call[2] == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(call[2]));
                if (call[2] != null) {
                    request.header("Content-Type", "application/json");
                }
                assertUnauthorized(anonymous.send(request), call[0] + " " + call[1]);
            }
            URI socket = URI.create(node.api.uri(SUBSCRIPTIONS + "/kept/ws").toString().replaceFirst("^http", "ws"));
            assertThatThrownBy(() -> HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(socket, new WebSocket.Listener() { })
                    .get(10, TimeUnit.SECONDS))
                    .as("a WebSocket consumer without credentials")
                    .isInstanceOf(ExecutionException.class).cause().isInstanceOfSatisfying(WebSocketHandshakeException.class,
                            refused -> assertThat(refused.getResponse().statusCode()).isEqualTo(401));
            for (String health : new String[] {"health", "health/ready", "health/live", "health/started"}) {
                assertThat(anonymous.get(health).status()).as(health + " stays open").isEqualTo(200);
            }

            assertThat(state(admin)).as("nothing changed").isEqualTo(before);
            assertThat(admin.get(STREAMS + "new-" + stream).status()).isEqualTo(404);
            assertThat(admin.get(SUBSCRIPTIONS + "/planted").status()).isEqualTo(404);
            assertThat(admin.get("api/users/eve").status()).isEqualTo(404);
        }
    }

    /** What the anonymous calls above could have changed, as the admin reads it. */
    private static Map<String, String> state(Api admin) {
        Map<String, String> state = new java.util.LinkedHashMap<>();
        for (String path : new String[] {"api/stores/default/streams", "api/stores/default/all?count=1000", SNAPSHOTS,
                SUBSCRIPTIONS, "api/users", "api/access-rules", "api/cluster"}) {
            Answer answer = admin.get(path);
            assertThat(answer.status()).as(path + ": " + answer.text()).isEqualTo(200);
            state.put(path, path.equals("api/cluster") ? answer.json().getJsonArray("members").toString() : answer.text());
        }
        return state;
    }

    @Test
    void aSingleNodeWithoutAnAdminPasswordMakesOneIntoItsDataFolderReadableByItsOwnerOnly() throws Exception {
        Path data = dir.resolve("data");
        Path file = data.resolve("initial-admin-password");
        Map<String, String> env = Map.of("JESDB_DATA_DIR", data.toString(), "JESDB_ADMIN_PASSWORD", "");
        String password;
        try (NodeProcess node = NodeProcess.start(dir, env).awaitReady()) {
            assertThat(file).isRegularFile();
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
            password = Files.readString(file).strip();
            assertThat(password).hasSizeGreaterThanOrEqualTo(12);
            assertThat(node.logText()).contains("initial-admin-password").doesNotContain(password);
            assertThat(node.api.as("admin", password).get("api/users").status()).isEqualTo(200);
            assertUnauthorized(node.api.get("api/users"), "the test admin's password, which this node was not given");
        }
        try (NodeProcess again = NodeProcess.start(dir, env).awaitReady()) {
            assertThat(Files.readString(file).strip()).as("a second start keeps the password").isEqualTo(password);
            assertThat(again.api.as("admin", password).get("api/users").status()).isEqualTo(200);
        }
    }

    @Test
    void aClusterMemberWithoutAnAdminPasswordRefusesToStart() throws Exception {
        LoopbackCluster cluster = new LoopbackCluster(dir, 3);
        try (NodeProcess member = cluster.start(0, dir.resolve("data-0"), Map.of("JESDB_ADMIN_PASSWORD", ""))) {
            assertThat(member.awaitRefusal("needs JESDB_ADMIN_PASSWORD")).contains("on every cluster member");
        }
    }

    @Test
    void aNodeWithSecurityOffServesWithoutCredentialsAndHasNoUsers() throws Exception {
        Map<String, String> env = Map.of("JESDB_DATA_DIR", dir.resolve("data").toString(), "JESDB_SECURITY", "off");
        try (NodeProcess node = NodeProcess.start(dir, env).awaitReady()) {
            Api anonymous = node.api.withoutCredentials();
            assertThat(anonymous.post(STREAMS + stream, append("anonymous")).status()).isEqualTo(200);
            assertThat(anonymous.get(STREAMS + stream).status()).isEqualTo(200);
            Answer users = anonymous.get("api/users");
            assertThat(users.status()).as(users.text()).isEqualTo(409);
            assertThat(users.json().getString("type")).isEqualTo("urn:jesdb:problem:security-off");
            assertThat(node.api.get("health/ready").json().getJsonArray("checks").getJsonObject(0).getJsonObject("data")
                    .getString("security")).isEqualTo("off");
        }
    }

    /** The first {@code count} text frames a WebSocket consumer of {@code subscription} gets as {@code who}. */
    private static List<JsonObject> webSocketFrames(Api who, String subscription, int count) throws Exception {
        try (WebSocketConsumer consumer = WebSocketConsumer.open(who, subscription)) {
            await().atMost(Duration.ofSeconds(30)).until(() -> consumer.frames.size() >= count);
            return List.copyOf(consumer.frames);
        }
    }

    private static List<String> streamsOf(JsonArray events) {
        return events.stream().map(event -> event.asJsonObject().getString("stream")).toList();
    }

    private static void assertAccessDenied(Answer answer, String stream, String right) {
        assertForbidden(answer, "access-denied");
        assertThat(answer.isProblem()).isTrue();
        assertThat(answer.json().getString("stream")).isEqualTo(stream);
        assertThat(answer.json().getString("right")).isEqualTo(right);
    }

    private static void assertSubscriptionNotFound(Answer answer) {
        assertThat(answer.status()).as(answer.text()).isEqualTo(404);
        assertThat(answer.json().getString("type")).isEqualTo("urn:jesdb:problem:subscription-not-found");
    }

    private static String append(String who) {
        return "{\"expectedVersion\":\"any\",\"events\":[{\"type\":\"Written\",\"data\":{\"by\":\"" + who + "\"}}]}";
    }

    private static void assertUnauthorized(Answer answer, String what) {
        assertThat(answer.status()).as(what + ": " + answer.text()).isEqualTo(401);
        assertThat(answer.isProblem()).as(what + " answers problem+json").isTrue();
        assertThat(answer.json().getString("type")).isEqualTo("urn:jesdb:problem:unauthorized");
    }

    private static void assertForbidden(Answer answer, String type) {
        assertThat(answer.status()).as(answer.text()).isEqualTo(403);
        assertThat(answer.json().getString("type")).isEqualTo("urn:jesdb:problem:" + type);
    }
}
