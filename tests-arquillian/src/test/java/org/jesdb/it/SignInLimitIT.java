package org.jesdb.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Failed password sign-ins on a node with JESDB_SECURITY=on, on the runnable jar: after
 * JESDB_MAX_FAILED_SIGN_INS wrong passwords for one name, or JESDB_MAX_FAILED_SIGN_INS_PER_ADDRESS
 * from one address, HTTP Basic is answered 429 too-many-sign-ins, right password or not, until
 * the window closes; a bearer token is never limited. Every test call comes from 127.0.0.1, so
 * the address limit here is twice the name limit: one name alone never reaches it.
 */
class SignInLimitIT {
    private static final String ADMIN_PASSWORD = "it-admin-" + UUID.randomUUID();
    private static final int PER_NAME = 3;
    private static final int PER_ADDRESS = 6;
    /** Long enough for the steps below to run inside one window on a busy machine; short enough to wait out. */
    private static final int WINDOW_SECONDS = 30;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final Path dir = Path.of(System.getProperty("jesdb.it.dir"), "sign-in-limit-" + UUID.randomUUID());

    @Test
    void wrongPasswordsAreRefusedWithoutCheckingOnceANameOrAnAddressHasTooManyUntilTheWindowCloses() throws Exception {
        Map<String, String> env = Map.of("JESDB_DATA_DIR", dir.resolve("data").toString(), "JESDB_SECURITY", "on",
                "JESDB_ADMIN_PASSWORD", ADMIN_PASSWORD, "JESDB_MAX_FAILED_SIGN_INS", Integer.toString(PER_NAME),
                "JESDB_MAX_FAILED_SIGN_INS_PER_ADDRESS", Integer.toString(PER_ADDRESS),
                "JESDB_SIGN_IN_WINDOW_SECONDS", Integer.toString(WINDOW_SECONDS));
        try (NodeProcess node = NodeProcess.start(dir, env).awaitReady()) {
            Api admin = node.api.as("admin", ADMIN_PASSWORD);
            // polled as SecurityIT and ConsoleIT do: failures before security is set up do not count, or a slow
            // setup would get the admin limited here
            await().atMost(Duration.ofSeconds(60)).until(() -> admin.get("api/users").status() == 200);
            for (String user : new String[] {"ann", "bob"}) {
                Api.Answer created = admin.post("api/users", "{\"name\":\"" + user + "\",\"password\":\"" + user
                        + "'s passphrase\"}");
                assertThat(created.status()).as(created.text()).isEqualTo(201);
            }
            Api annByToken = node.api.withToken(Json.createReader(new StringReader(
                    signIn(node, "ann", "ann's passphrase").body())).readObject().getString("token"));

            aNameWithTooManyFailuresIsRefusedEvenWithTheRightPassword(node, annByToken);
            anAddressWithTooManyFailuresIsRefusedForEveryName(node);

            await().atMost(Duration.ofSeconds(WINDOW_SECONDS * 3L)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> signIn(node, "ann", "ann's passphrase").statusCode() == 200);
            assertThat(signIn(node, "admin", ADMIN_PASSWORD).statusCode()).as("the address's window closed too").isEqualTo(200);
        }
    }

    private static void aNameWithTooManyFailuresIsRefusedEvenWithTheRightPassword(NodeProcess node, Api annByToken)
            throws Exception {
        for (int i = 1; i <= PER_NAME; i++) {
            HttpResponse<String> wrong = signIn(node, "ann", "guess " + i);
            assertThat(wrong.statusCode()).as("guess " + i + ": " + wrong.body()).isEqualTo(401);
        }
        assertTooManySignIns(signIn(node, "ann", "guess 4"), "name");
        assertTooManySignIns(signIn(node, "ann", "ann's passphrase"), "name");

        assertThat(annByToken.get("api/stores/default/streams").status()).as("ann's token still works").isEqualTo(200);
        assertThat(node.api.as("ann", "ann's passphrase").get("health/ready").status()).as("health stays open")
                .isEqualTo(200);
        assertThat(signIn(node, "bob", "bob's passphrase").statusCode()).as("another name from the same address")
                .isEqualTo(200);
    }

    /** ann's 3 failures and these 3 make 6 from 127.0.0.1, though no other name has more than 2. */
    private static void anAddressWithTooManyFailuresIsRefusedForEveryName(NodeProcess node) throws Exception {
        for (String[] guess : new String[][] {{"bob", "guess 1"}, {"bob", "guess 2"}, {"nobody", "guess 1"}}) {
            HttpResponse<String> wrong = signIn(node, guess[0], guess[1]);
            assertThat(wrong.statusCode()).as(guess[0] + ": " + wrong.body()).isEqualTo(401);
        }
        assertTooManySignIns(signIn(node, "admin", ADMIN_PASSWORD), "address");
    }

    private static void assertTooManySignIns(HttpResponse<String> answer, String limited) {
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(429);
        assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(answer.headers().firstValue("Retry-After")).hasValueSatisfying(
                seconds -> assertThat(Integer.parseInt(seconds)).isBetween(1, WINDOW_SECONDS));
        JsonObject problem = Json.createReader(new StringReader(answer.body())).readObject();
        assertThat(problem.getString("type")).isEqualTo("urn:jesdb:problem:too-many-sign-ins");
        assertThat(problem.getString("limited")).isEqualTo(limited);
        assertThat(problem.getString("detail")).contains("this " + (limited.equals("name") ? "user name" : "address"))
                .doesNotContain("ann", "bob", "admin");
    }

    /** POST /api/token with HTTP Basic, as the console signs in; the whole answer, headers included. */
    private static HttpResponse<String> signIn(NodeProcess node, String user, String password) throws Exception {
        String pair = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        URI token = node.api.uri("api/token");
        return HTTP.send(HttpRequest.newBuilder(token).timeout(Duration.ofSeconds(30)).header("Authorization", "Basic " + pair)
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }
}
