package org.jesdb.it;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.URI;
import java.net.URL;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.jesdb.it.Api.Answer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Malformed input against the REST calls of the real WAR: requests made from valid ones whose
 * bodies, path segments, query parameters and content types are broken with jqwik's generators.
 * The node must never answer 5xx, every 4xx must be a problem+json, and the store may change only
 * as the 2xx answers say (a mutation can turn out valid: an append to another stream name).
 * Bounded by {@code -Djesdb.fuzz.requests} (default 1500) and {@code -Djesdb.fuzz.seconds} (90);
 * {@code -Djesdb.fuzz.seed} repeats the run's choices (the seed is printed; the random text comes
 * from jqwik's own randomness, so a finding is reproduced from its request, which is printed whole).
 * Cluster membership is left out: a valid mutation would add a member to the node's only group.
 */
@ExtendWith(ArquillianExtension.class)
class RestFuzzIT {
    private static final String STORE = "api/stores/default/";
    private static final List<String> NASTY = List.of("", ".", "..", "$all", "%00", "%2F", "a/b", "\u0000", " ", "é", "😀",
            "\ud800", "-1", "0", "9223372036854775808", "1e309", "NaN", "null", "true", "[]", "{}", "\"", "\\", "x".repeat(300),
            "*", "?", "order-*", "<script>", "' OR 1=1 --", "1e9999999999", "7".repeat(1200));

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.jesdbWar();
    }

    @ArquillianResource
    URL base;

    private final long seedOfRun = Long.getLong("jesdb.fuzz.seed", System.nanoTime());
    private final Random random = new Random(seedOfRun);
    /** Random text of any Unicode; jqwik draws it outside a property, from its own randomness. */
    private final Arbitrary<String> anyText = Arbitraries.strings().all().ofMaxLength(40);
    private final String seededStream = "fuzz-seed-" + UUID.randomUUID();
    /** Each stream a 2xx append or delete touched: whether the last of them left it listed. */
    private final Map<String, Boolean> listedAfter = new HashMap<>();
    private final List<String> findings = new ArrayList<>();
    private final List<String> subscriptionsCreated = new ArrayList<>();
    /** The body of the request being built, printed with a finding so that it can be sent again. */
    private String bodySent = "";
    private long eventsAppended;
    private Api api;

    @Test
    void malformedRequestsGetA4xxProblemAndChangeNothing() {
        api = Deployments.readyApi(base);
        Answer seeded = api.post(STORE + "streams/" + seededStream, "{\"events\":[{\"type\":\"Seeded\",\"data\":{\"n\":1}},"
                + "{\"type\":\"Seeded\",\"data\":{\"n\":2}}]}");
        assertThat(seeded.status()).as(seeded.text()).isEqualTo(200);
        List<JsonValue> seededBefore = seededEvents();
        long endBefore = endOfAll();
        Set<String> streamsBefore = streams();

        int requests = Integer.getInteger("jesdb.fuzz.requests", 1500);
        long deadline = System.nanoTime() + Duration.ofSeconds(Long.getLong("jesdb.fuzz.seconds", 90)).toNanos();
        int sent = 0;
        try {
            while (sent < requests && System.nanoTime() < deadline) {
                send(randomCall());
                sent++;
            }
        } finally {
            // the node is shared with the other tests (run one after another): remove what valid mutations subscribed
            for (String name : subscriptionsCreated) {
                assertThat(api.delete(STORE + "subscriptions/" + encode(name)).status()).isIn(200, 204, 404);
            }
        }
        assertThat(findings).as("%d requests, seed %d", sent, seedOfRun).isEmpty();
        assertThat(seededEvents()).as("the seeded events (2xx appends may add more after them)")
                .startsWith(seededBefore.toArray(JsonValue[]::new));
        assertThat(endOfAll()).as("$all grew only by the events of 2xx appends").isEqualTo(endBefore + eventsAppended);
        Set<String> expected = new HashSet<>(streamsBefore);
        listedAfter.forEach((stream, listed) -> {
            if (listed) {
                expected.add(stream);
            } else {
                expected.remove(stream);
            }
        });
        assertThat(streams()).as("streams appear and go only through 2xx appends and deletes").isEqualTo(expected);
        System.out.printf("rest fuzz: %d requests (seed %d), %d streams touched by 2xx appends or deletes, no 5xx%n", sent, seedOfRun,
                listedAfter.size());
    }

    /** One request: a call of the API with its parts broken at random. */
    private HttpRequest.Builder randomCall() {
        bodySent = "";
        String stream = random.nextInt(4) == 0 ? seededStream : segment();
        return switch (random.nextInt(12)) {
            case 0 -> body("POST", STORE + "streams/" + stream, "{\"expectedVersion\":\"any\",\"events\":[{\"id\":\""
                    + UUID.randomUUID() + "\",\"type\":\"Fuzzed\",\"data\":{\"n\":1},\"metadata\":{\"m\":true}}]}");
            case 1 -> get(STORE + "streams/" + stream + "?from=" + param() + "&count=" + param() + "&direction=" + param()
                    + "&consistency=" + param());
            case 2 -> get(STORE + "streams/" + stream + "/version");
            case 3 -> get(STORE + "streams?after=" + param() + "&limit=" + param());
            case 4 -> HttpRequest.newBuilder(uri(STORE + "streams/" + segment() + "?mode=" + param() + "&expectedVersion="
                    + param())).DELETE();
            case 5 -> get(STORE + "all?from=" + param() + "&count=" + param() + "&direction=" + param());
            case 6 -> body("PUT", STORE + "snapshots/" + segment() + "/" + stream + "/" + segment(), "{\"data\":{\"total\":3}}");
            case 7 -> get(STORE + "snapshots/" + segment() + "/" + stream + "/" + segment());
            case 8 -> body("POST", STORE + "subscriptions", "{\"name\":\"fuzz-" + UUID.randomUUID()
                    + "\",\"selector\":{\"pattern\":{\"stream\":\"order-*\",\"type\":\"Order*\"}},\"from\":\"start\","
                    + "\"maxInFlight\":10,\"maxRetries\":3,\"ordering\":\"per-stream\"}");
            case 9 -> body(random.nextBoolean() ? "PUT" : "POST", STORE + "subscriptions/" + segment()
                    + List.of("", "/ack", "/nack", "/parked/replay").get(random.nextInt(4)), "{\"ids\":[\"" + UUID.randomUUID()
                    + "\"],\"action\":\"retry\",\"maxInFlight\":5}");
            case 10 -> get(STORE + "subscriptions/" + segment() + List.of("", "/parked").get(random.nextInt(2)));
            default -> get("api/cluster?x=" + param());
        };
    }

    private void send(HttpRequest.Builder request) {
        HttpRequest built = request.timeout(Duration.ofSeconds(30)).build();
        Answer answer;
        try {
            answer = api.send(request);
        } catch (RuntimeException e) {
            findings.add(built.method() + " " + built.uri() + ": no answer (" + e.getMessage() + ")");
            return;
        }
        String what = built.method() + " " + built.uri() + (bodySent.isEmpty() ? "" : " " + built.headers().firstValue(
                "Content-Type").orElse("") + " body " + bodySent) + " -> " + answer.status() + " " + abbreviate(answer.text());
        if (answer.status() >= 500) {
            findings.add(what);
        } else if (answer.status() >= 400 && !answer.isProblem() && !refusedByPayara(built.uri(), answer)) {
            findings.add("not a problem+json: " + what);
        } else if (answer.status() < 300 && "DELETE".equals(built.method())) {
            String path = built.uri().getPath();
            listedAfter.put(path.substring(path.lastIndexOf("/streams/") + "/streams/".length()), false);
        } else if (answer.status() < 300 && "POST".equals(built.method()) && built.uri().getPath().endsWith("/subscriptions")) {
            subscriptionsCreated.add(answer.json().getString("name"));
        } else if (answer.status() < 300 && "POST".equals(built.method()) && built.uri().getPath().contains("/streams/")) {
            JsonObject appended = answer.json();
            listedAfter.put(appended.getString("stream"), true);
            eventsAppended += appended.getJsonNumber("lastPosition").longValue()
                    - appended.getJsonNumber("firstPosition").longValue() + 1;
        }
    }

    /**
     * Payara refuses a path holding an encoded NUL or backslash itself, before the application
     * sees it, with a bare 400: nothing reaches the store, only the body is not a problem+json.
     */
    private static boolean refusedByPayara(URI uri, Answer answer) {
        String path = uri.getRawPath().toUpperCase(Locale.ROOT);
        return answer.status() == 400 && answer.text().isEmpty() && (path.contains("%00") || path.contains("%5C"));
    }

    private HttpRequest.Builder get(String path) {
        return HttpRequest.newBuilder(uri(path)).GET();
    }

    /** A request with {@code valid} as its body, broken most of the time, under a content type that is mostly JSON. */
    private HttpRequest.Builder body(String method, String path, String valid) {
        String text = random.nextInt(5) == 0 ? valid : mutate(valid);
        bodySent = text;
        String type = List.of("application/json", "application/json", "application/json", "text/plain", "application/xml",
                "application/json; charset=latin1").get(random.nextInt(6));
        return HttpRequest.newBuilder(uri(path)).header("Content-Type", type)
                .method(method, HttpRequest.BodyPublishers.ofString(text));
    }

    /** One to three breakages of a JSON text: cuts, insertions, swapped values, deep nesting, noise. */
    private String mutate(String json) {
        String text = json;
        for (int n = 1 + random.nextInt(3); n > 0; n--) {
            int at = random.nextInt(text.length() + 1);
            text = switch (random.nextInt(7)) {
                case 0 -> text.substring(0, at);
                case 1 -> text.substring(0, at) + text.substring(Math.min(text.length(), at + 1 + random.nextInt(10)));
                case 2 -> text.substring(0, at) + NASTY.get(random.nextInt(NASTY.size())) + text.substring(at);
                case 3 -> text.replaceFirst("\"(any|Fuzzed|start|retry|per-stream)\"", random.nextBoolean() ? "null" : "-1e999");
                case 4 -> text.replaceFirst("\\{\"n\":1}|\\{\"total\":3}", "[".repeat(2000) + "]".repeat(2000));
                case 5 -> text.substring(0, at) + anyText.sample() + text.substring(at);
                default -> text.replaceFirst("\\d+", random.nextBoolean() ? "99999999999999999999999" : "\"7\"");
            };
        }
        return text;
    }

    /** A path segment: a plausible name, a nasty one or random text, percent-encoded. */
    private String segment() {
        String raw = switch (random.nextInt(3)) {
            case 0 -> "fuzz-" + random.nextInt(1000);
            case 1 -> NASTY.get(random.nextInt(NASTY.size()));
            default -> anyText.sample();
        };
        return raw.isEmpty() ? "x" : encode(raw);
    }

    /** A query parameter value: a plausible one, a nasty one or random text, encoded. */
    private String param() {
        List<String> plausible = List.of("0", "1", "10", "forward", "backward", "local", "leader", "soft", "hard");
        return encode(switch (random.nextInt(3)) {
            case 0 -> plausible.get(random.nextInt(plausible.size()));
            case 1 -> NASTY.get(random.nextInt(NASTY.size()));
            default -> anyText.sample();
        });
    }

    private static String encode(String raw) {
        return URLEncoder.encode(raw, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private URI uri(String path) {
        return api.uri(path);
    }

    private List<JsonValue> seededEvents() {
        Answer page = api.get(STORE + "streams/" + seededStream + "?count=1000");
        assertThat(page.status()).as(page.text()).isEqualTo(200);
        return page.json().getJsonArray("events");
    }

    private long endOfAll() {
        Answer page = api.get(STORE + "all?direction=backward&count=1");
        assertThat(page.status()).as(page.text()).isEqualTo(200);
        var events = page.json().getJsonArray("events");
        return events.isEmpty() ? -1 : events.getJsonObject(0).getJsonNumber("position").longValue();
    }

    /** Every stream name the node lists, page by page. */
    private Set<String> streams() {
        Set<String> names = new HashSet<>();
        String after = null;
        do {
            Answer page = api.get(STORE + "streams?limit=1000" + (after == null ? "" : "&after=" + encode(after)));
            assertThat(page.status()).as(page.text()).isEqualTo(200);
            JsonObject json = page.json();
            for (JsonValue entry : json.getJsonArray("streams")) {
                names.add(entry.asJsonObject().getString("name"));
            }
            after = json.isNull("next") ? null : json.getString("next");
        } while (after != null);
        return names;
    }

    private static String abbreviate(String text) {
        return text == null ? "" : text.length() > 200 ? text.substring(0, 200) + "..." : text;
    }
}
