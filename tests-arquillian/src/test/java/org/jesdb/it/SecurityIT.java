package org.jesdb.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.jesdb.it.Api.Answer;
import org.junit.jupiter.api.Test;

/**
 * A node with JESDB_SECURITY=on, on the runnable jar: the first admin from JESDB_ADMIN_PASSWORD,
 * HTTP Basic and bearer tokens, 401 without credentials and 403 for what only an admin may do,
 * with nothing changed; a deleted user's token stops working at once.
 */
class SecurityIT {
    private static final String ADMIN_PASSWORD = "it-admin-" + UUID.randomUUID();
    private static final String STREAMS = "api/stores/default/streams/";

    private final Path dir = Path.of(System.getProperty("jesdb.it.dir"), "security-" + UUID.randomUUID());
    private final String stream = "secured-" + UUID.randomUUID();

    @Test
    void onlyCallersWithCredentialsGetInAndOnlyAdminsManageUsers() throws Exception {
        Map<String, String> env = Map.of("JESDB_DATA_DIR", dir.resolve("data").toString(), "JESDB_SECURITY", "on",
                "JESDB_ADMIN_PASSWORD", ADMIN_PASSWORD);
        try (NodeProcess node = NodeProcess.start(dir, env).awaitReady()) {
            Api anonymous = node.api;
            Api admin = node.api.as("admin", ADMIN_PASSWORD);
            // security is set up just after the store opens
            await().atMost(Duration.ofSeconds(30)).until(() -> admin.get("api/users").status() == 200);

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

            Answer issued = ann.post("api/token", "");
            assertThat(issued.status()).as(issued.text()).isEqualTo(200);
            Api annByToken = node.api.withToken(issued.json().getString("token"));
            assertThat(annByToken.get(STREAMS + stream).status()).isEqualTo(200);
            assertForbidden(annByToken.post("api/token", ""), "password-required");

            Answer lastAdmin = admin.delete("api/users/admin");
            assertThat(lastAdmin.status()).as(lastAdmin.text()).isEqualTo(409);
            assertThat(lastAdmin.json().getString("type")).isEqualTo("urn:jesdb:problem:last-admin");

            assertThat(admin.delete("api/users/ann").status()).isEqualTo(204);
            assertUnauthorized(annByToken.get(STREAMS + stream), "the token of a deleted user");
            assertUnauthorized(ann.get(STREAMS + stream), "the password of a deleted user");
        }
    }

    @Test
    void aNodeWithSecurityOnAndNoAdminPasswordRefusesToStart() throws Exception {
        Map<String, String> env = Map.of("JESDB_DATA_DIR", dir.resolve("data").toString(), "JESDB_SECURITY", "on");
        try (NodeProcess node = NodeProcess.start(dir, env)) {
            await().atMost(Duration.ofMinutes(2)).until(() -> node.logText().contains("needs JESDB_ADMIN_PASSWORD"));
            assertThat(node.api.get("health/ready").status()).isNotEqualTo(200);
        }
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
