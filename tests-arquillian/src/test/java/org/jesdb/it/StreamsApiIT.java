package org.jesdb.it;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import java.net.URL;
import java.net.http.HttpRequest;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.jesdb.it.Api.Answer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Every stream call of the REST API against the real WAR on Payara Micro, including each error. */
@ExtendWith(ArquillianExtension.class)
class StreamsApiIT {
    private static final String STORE = "api/stores/default/";

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.jesdbWar();
    }

    @ArquillianResource
    URL base;

    Api api;
    String stream;

    @BeforeEach
    void setUp() {
        api = Deployments.readyApi(base);
        stream = "order-" + UUID.randomUUID();
    }

    private Answer append(String name, String body) {
        return api.post(STORE + "streams/" + name, body);
    }

    private static String events(int count) {
        StringBuilder out = new StringBuilder("[");
        for (int i = 0; i < count; i++) {
            out.append(i == 0 ? "" : ",").append("{\"type\":\"OrderLine\",\"data\":{\"n\":").append(i).append("}}");
        }
        return out.append("]").toString();
    }

    private long version(String name) {
        return api.get(STORE + "streams/" + name + "/version").json().getJsonNumber("version").longValue();
    }

    @Test
    void aFirstAppendCreatesTheStreamAndAnswersItsVersionsAndPositions() {
        Answer answer = append(stream, "{\"expectedVersion\":\"no_stream\",\"events\":" + events(3) + "}");

        assertThat(answer.status()).isEqualTo(200);
        JsonObject result = answer.json();
        assertThat(result.getString("stream")).isEqualTo(stream);
        assertThat(result.getJsonNumber("firstVersion").longValue()).isZero();
        assertThat(result.getJsonNumber("lastVersion").longValue()).isEqualTo(2);
        assertThat(result.getJsonNumber("lastPosition").longValue() - result.getJsonNumber("firstPosition").longValue())
                .isEqualTo(2);
        assertThat(version(stream)).isEqualTo(2);
    }

    @Test
    void aStreamReadsForwardAndBackwardInPages() {
        append(stream, "{\"events\":" + events(5) + "}");

        JsonObject first = api.get(STORE + "streams/" + stream + "?count=2").json();
        JsonObject second = api.get(STORE + "streams/" + stream + "?count=2&from=" + first.getInt("next")).json();
        JsonObject backward = api.get(STORE + "streams/" + stream + "?direction=backward&count=3").json();
        JsonObject local = api.get(STORE + "streams/" + stream + "?consistency=local&from=4").json();

        assertThat(first.getJsonArray("events")).extracting(e -> e.asJsonObject().getInt("version")).containsExactly(0, 1);
        assertThat(second.getJsonArray("events")).extracting(e -> e.asJsonObject().getInt("version")).containsExactly(2, 3);
        assertThat(second.getInt("next")).isEqualTo(4);
        assertThat(backward.getJsonArray("events")).extracting(e -> e.asJsonObject().getInt("version")).containsExactly(4, 3, 2);
        assertThat(backward.getInt("next")).isEqualTo(1);
        assertThat(local.getJsonArray("events")).hasSize(1);
        assertThat(local.isNull("next")).isTrue();
        JsonObject event = first.getJsonArray("events").getJsonObject(1);
        assertThat(event.getString("type")).isEqualTo("OrderLine");
        assertThat(event.getString("stream")).isEqualTo(stream);
        assertThat(event.getJsonObject("data").getInt("n")).isEqualTo(1);
        assertThat(UUID.fromString(event.getString("id"))).isNotNull();
        assertThat(event.getString("created")).isNotBlank();
        assertThat(event.isNull("metadata")).isTrue();
    }

    @Test
    void theGlobalOrderReadsForwardAndBackwardByPosition() {
        JsonObject appended = append(stream, "{\"events\":" + events(3) + "}").json();
        long first = appended.getJsonNumber("firstPosition").longValue();

        JsonObject forward = api.get(STORE + "all?from=" + first + "&count=3").json();
        JsonObject backward = api.get(STORE + "all?direction=backward&from=" + (first + 2) + "&count=2").json();

        assertThat(forward.getJsonArray("events")).extracting(e -> e.asJsonObject().getJsonNumber("position").longValue())
                .containsExactly(first, first + 1, first + 2);
        assertThat(forward.getJsonArray("events")).extracting(e -> e.asJsonObject().getString("stream"))
                .containsOnly(stream);
        assertThat(backward.getJsonArray("events")).extracting(e -> e.asJsonObject().getJsonNumber("position").longValue())
                .containsExactly(first + 2, first + 1);
    }

    @Test
    void eachExpectedVersionIsCheckedAndAConflictNamesTheActualVersion() {
        append(stream, "{\"expectedVersion\":\"no_stream\",\"events\":" + events(2) + "}");

        Answer again = append(stream, "{\"expectedVersion\":\"no_stream\",\"events\":" + events(1) + "}");
        Answer wrongExact = append(stream, "{\"expectedVersion\":0,\"events\":" + events(1) + "}");
        Answer missing = append(stream + "-new", "{\"expectedVersion\":\"stream_exists\",\"events\":" + events(1) + "}");
        Answer rightExact = append(stream, "{\"expectedVersion\":1,\"events\":" + events(1) + "}");
        Answer exactAsText = append(stream, "{\"expectedVersion\":\"2\",\"events\":" + events(1) + "}");
        Answer exists = append(stream, "{\"expectedVersion\":\"stream_exists\",\"events\":" + events(1) + "}");

        assertThat(again.status()).isEqualTo(409);
        assertThat(again.isProblem()).isTrue();
        assertThat(again.json().getString("type")).isEqualTo("urn:jesdb:problem:wrong-expected-version");
        assertThat(again.json().getInt("actualVersion")).isEqualTo(1);
        assertThat(wrongExact.status()).isEqualTo(409);
        assertThat(missing.status()).isEqualTo(409);
        assertThat(missing.json().getInt("actualVersion")).isEqualTo(-1);
        assertThat(rightExact.status()).isEqualTo(200);
        assertThat(exactAsText.status()).isEqualTo(200);
        assertThat(exists.status()).isEqualTo(200);
        assertThat(version(stream)).isEqualTo(4);
    }

    @Test
    void aRetryWithTheSameEventIdsReturnsTheFirstAnswerAndAppendsNothing() {
        String body = "{\"events\":[{\"id\":\"" + UUID.randomUUID() + "\",\"type\":\"A\",\"data\":{\"x\":1}},"
                + "{\"id\":\"" + UUID.randomUUID() + "\",\"type\":\"B\",\"data\":[1,2]}]}";

        Answer first = append(stream, body);
        Answer retry = append(stream, body);

        assertThat(first.status()).isEqualTo(200);
        assertThat(retry.status()).isEqualTo(200);
        assertThat(retry.json()).isEqualTo(first.json());
        assertThat(version(stream)).isEqualTo(1);
    }

    @Test
    void aStoredEventIdWithOtherContentIsAConflict() {
        String id = UUID.randomUUID().toString();
        append(stream, "{\"events\":[{\"id\":\"" + id + "\",\"type\":\"A\",\"data\":{\"x\":1}}]}");

        Answer changed = append(stream, "{\"events\":[{\"id\":\"" + id + "\",\"type\":\"A\",\"data\":{\"x\":2}}]}");

        assertThat(changed.status()).isEqualTo(409);
        assertThat(changed.json().getString("type")).isEqualTo("urn:jesdb:problem:duplicate-event-id");
        assertThat(changed.json().getString("eventId")).isEqualTo(id);
        assertThat(version(stream)).isZero();
    }

    @Test
    void binaryDataTravelsAsBase64WithItsContentType() {
        Answer answer = append(stream, "{\"events\":[{\"type\":\"Image\",\"contentType\":\"application/octet-stream\","
                + "\"data\":\"AAEC/w==\"}]}");

        JsonObject event = api.get(STORE + "streams/" + stream).json().getJsonArray("events").getJsonObject(0);

        assertThat(answer.status()).isEqualTo(200);
        assertThat(event.getString("contentType")).isEqualTo("application/octet-stream");
        assertThat(event.getString("data")).isEqualTo("AAEC/w==");
    }

    @Test
    void streamsAreListedByNameInPages() {
        String prefix = "list-" + UUID.randomUUID() + "-";
        for (String suffix : new String[] {"c", "a", "b"}) {
            append(prefix + suffix, "{\"events\":" + events(1) + "}");
        }

        JsonObject page = api.get(STORE + "streams?limit=2&after=" + prefix).json();
        JsonObject next = api.get(STORE + "streams?limit=1&after=" + page.getString("next")).json();

        assertThat(page.getJsonArray("streams")).extracting(s -> s.asJsonObject().getString("name"))
                .containsExactly(prefix + "a", prefix + "b");
        assertThat(next.getJsonArray("streams")).extracting(s -> s.asJsonObject().getString("name"))
                .containsExactly(prefix + "c");
    }

    @Test
    void aSoftDeletedStreamReadsAsAbsentAndGoesOnWhenWrittenAgain() {
        append(stream, "{\"events\":" + events(2) + "}");

        Answer deleted = api.delete(STORE + "streams/" + stream);
        Answer read = api.get(STORE + "streams/" + stream);
        long versionAfterDelete = version(stream);
        Answer again = append(stream, "{\"expectedVersion\":\"no_stream\",\"events\":" + events(1) + "}");

        assertThat(deleted.status()).isEqualTo(200);
        assertThat(deleted.json().getString("mode")).isEqualTo("soft");
        assertThat(read.status()).isEqualTo(404);
        assertThat(read.json().getString("type")).isEqualTo("urn:jesdb:problem:stream-not-found");
        assertThat(versionAfterDelete).isEqualTo(-1);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().getInt("firstVersion")).isEqualTo(2);
    }

    @Test
    void aHardDeletedStreamIsGoneForReadsAndWrites() {
        append(stream, "{\"events\":" + events(2) + "}");

        Answer deleted = api.delete(STORE + "streams/" + stream + "?mode=hard&expectedVersion=1");

        assertThat(deleted.status()).isEqualTo(200);
        assertThat(api.get(STORE + "streams/" + stream).status()).isEqualTo(410);
        assertThat(api.get(STORE + "streams/" + stream + "/version").status()).isEqualTo(410);
        Answer write = append(stream, "{\"events\":" + events(1) + "}");
        assertThat(write.status()).isEqualTo(410);
        assertThat(write.json().getString("type")).isEqualTo("urn:jesdb:problem:stream-deleted");
    }

    @Test
    void readingAStreamThatNeverHadAnEventIsNotFoundAndItsVersionIsMinusOne() {
        Answer read = api.get(STORE + "streams/" + stream);

        assertThat(read.status()).isEqualTo(404);
        assertThat(read.isProblem()).isTrue();
        assertThat(version(stream)).isEqualTo(-1);
    }

    @Test
    void badInputIsA400ThatNamesTheFieldAndChangesNothing() {
        append(stream, "{\"events\":" + events(1) + "}");
        String[][] cases = {
                {"{\"events\":[{", "body"},
                {"[1,2]", "body"},
                {"", "body"},
                {"{\"events\":[]}", "events"},
                {"{}", "events"},
                {"{\"events\":[{\"data\":{}}]}", "events[0].type"},
                {"{\"events\":[{\"type\":\"\",\"data\":{}}]}", "events[0].type"},
                {"{\"events\":[{\"type\":\"A\"}]}", "events[0].data"},
                {"{\"events\":[{\"type\":\"A\",\"data\":{},\"id\":\"not-a-uuid\"}]}", "events[0].id"},
                {"{\"events\":[{\"type\":\"A\",\"data\":{},\"metadata\":5}]}", "events[0].metadata"},
                {"{\"events\":[{\"type\":\"A\\u0001\",\"data\":{}}]}", "events[0].type"},
                {"{\"expectedVersion\":\"sometimes\",\"events\":[{\"type\":\"A\",\"data\":{}}]}", "expectedVersion"},
                {"{\"expectedVersion\":-1,\"events\":[{\"type\":\"A\",\"data\":{}}]}", "expectedVersion"},
                {"{\"expectedVersion\":1.5,\"events\":[{\"type\":\"A\",\"data\":{}}]}", "expectedVersion"},
                {"{\"events\":[{\"type\":\"A\",\"data\":{}},{\"type\":\"A\",\"data\":{}},{\"type\":\"B\",\"data\":\"x\",\"contentType\":\"image/png\"}]}",
                        "events[2].data"},
                // numbers the parser cannot make a BigDecimal of, and one that would be stored longer than it reads back
                {"{\"events\":[{\"type\":\"A\",\"data\":{\"n\":1e9999999999}}]}", "body"},
                {"{\"events\":[{\"type\":\"A\",\"data\":{\"n\":" + "9".repeat(1098) + "e1}}]}", "body"},
                {"{\"events\":[{\"type\":\"A\",\"data\":{}}]} {}", "body"},
        };
        for (String[] c : cases) {
            Answer answer = append(stream, c[0]);

            assertThat(answer.status()).as(c[0]).isEqualTo(400);
            assertThat(answer.isProblem()).as(c[0]).isTrue();
            assertThat(answer.json().getString("type")).isEqualTo("urn:jesdb:problem:invalid-input");
            assertThat(answer.json().getString("field")).as(c[0]).isEqualTo(c[1]);
        }
        Answer notUtf8 = api.send(java.net.http.HttpRequest.newBuilder(api.uri(STORE + "streams/" + stream))
                .header("Content-Type", "application/json").POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(
                        new byte[] {'{', '"', 'e', '"', ':', (byte) 0xC3, '}'})));
        assertThat(notUtf8.status()).isEqualTo(400);
        assertThat(notUtf8.json().getString("field")).isEqualTo("body");
        assertThat(version(stream)).isZero();
    }

    @Test
    void badNamesAndQueryParametersAreA400ThatNamesThem() {
        String[][] cases = {
                {STORE + "streams/a%01b", "stream"},
                {STORE + "streams/" + "x".repeat(257), "stream"},
                {STORE + "streams/%24all", "stream"},
                {STORE + "streams/s?count=0", "count"},
                {STORE + "streams/s?count=5000", "count"},
                {STORE + "streams/s?direction=sideways", "direction"},
                {STORE + "streams/s?from=-3", "from"},
                {STORE + "streams/s?consistency=maybe", "consistency"},
                {STORE + "all?from=x", "from"},
                {STORE + "streams?limit=0", "limit"},
        };
        for (String[] c : cases) {
            Answer answer = api.get(c[0]);

            assertThat(answer.status()).as(c[0]).isEqualTo(400);
            assertThat(answer.json().getString("field")).as(c[0]).isEqualTo(c[1]);
        }
        Answer badDelete = api.delete(STORE + "streams/" + stream + "?mode=maybe");
        assertThat(badDelete.status()).isEqualTo(400);
        assertThat(badDelete.json().getString("field")).isEqualTo("mode");
    }

    @Test
    void anOversizedEventOrBodyIsA413AndChangesNothing() {
        String big = "x".repeat(70_000);

        Answer event = append(stream, "{\"events\":[{\"type\":\"A\",\"data\":\"" + big + "\"}]}");
        Answer body = append(stream, "{\"events\":[{\"type\":\"A\",\"data\":\"" + "y".repeat(600_000) + "\"}]}");

        assertThat(event.status()).isEqualTo(413);
        assertThat(event.json().getString("type")).isEqualTo("urn:jesdb:problem:too-large");
        assertThat(event.json().getString("field")).isEqualTo("events[0]");
        assertThat(body.status()).isEqualTo(413);
        assertThat(body.json().getString("field")).isEqualTo("body");
        assertThat(version(stream)).isEqualTo(-1);
    }

    @Test
    void anOverlongUrlIsA414AndOverlongHeadersA431AndNeitherChangesAnything() {
        Answer url = api.get(STORE + "streams/" + stream + "?count=1&pad=" + "u".repeat(9_000));
        assertThat(url.status()).as(url.text()).isEqualTo(414);
        assertThat(url.json().getString("type")).isEqualTo("urn:jesdb:problem:url-too-long");
        assertThat(url.json().getString("field")).isEqualTo("url");
        assertThat(url.json().getInt("limit")).isEqualTo(8192);

        Answer headers = api.send(HttpRequest.newBuilder(api.uri(STORE + "streams/" + stream))
                .header("Content-Type", "application/json").header("X-Padding", "h".repeat(13_000))
                .POST(HttpRequest.BodyPublishers.ofString("{\"events\":" + events(1) + "}")));
        assertThat(headers.status()).as(headers.text()).isEqualTo(431);
        assertThat(headers.json().getString("type")).isEqualTo("urn:jesdb:problem:headers-too-large");
        assertThat(headers.json().getString("field")).isEqualTo("headers");
        assertThat(version(stream)).as("nothing was appended").isEqualTo(-1);

        Answer underBoth = api.send(HttpRequest.newBuilder(api.uri(STORE + "streams/" + stream + "?pad=" + "u".repeat(7_000)))
                .header("Content-Type", "application/json").header("X-Padding", "h".repeat(11_000))
                .POST(HttpRequest.BodyPublishers.ofString("{\"events\":" + events(1) + "}")));
        assertThat(underBoth.status()).as(underBoth.text()).isEqualTo(200);
    }

    @Test
    void httpErrorsAreProblemsToo() {
        Answer unknownStore = api.get("api/stores/other/streams/" + stream);
        Answer unknownPath = api.get("api/nothing-here");
        Answer wrongMethod = api.put(STORE + "streams/" + stream, "{}");
        Answer wrongType = api.send(java.net.http.HttpRequest.newBuilder(api.uri(STORE + "streams/" + stream))
                .header("Content-Type", "text/plain").POST(java.net.http.HttpRequest.BodyPublishers.ofString("hi")));

        assertThat(unknownStore.status()).isEqualTo(404);
        assertThat(unknownStore.json().getString("type")).isEqualTo("urn:jesdb:problem:store-not-found");
        assertThat(unknownPath.status()).isEqualTo(404);
        assertThat(unknownPath.isProblem()).isTrue();
        assertThat(wrongMethod.status()).isEqualTo(405);
        assertThat(wrongMethod.isProblem()).isTrue();
        assertThat(wrongType.status()).isEqualTo(415);
        assertThat(wrongType.isProblem()).isTrue();
    }
}
