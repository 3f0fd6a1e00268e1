package org.jesdb.it;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import java.io.IOException;
import java.net.URL;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.jesdb.it.Api.Answer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Snapshots over REST, and what operators use: health, the OpenAPI document, metrics, listening addresses. */
@ExtendWith(ArquillianExtension.class)
class SnapshotsAndOperationsIT {
    private static final String SNAPSHOTS = "api/stores/default/snapshots";

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.jesdbWar();
    }

    @ArquillianResource
    URL base;

    Api api;
    String source;

    @BeforeEach
    void setUp() {
        api = Deployments.readyApi(base);
        source = "projection-" + UUID.randomUUID();
    }

    @Test
    void snapshotsAreRecordedReadLatestListedAndDeleted() {
        Answer first = api.put(SNAPSHOTS + "/" + source + "/order-1/3", "{\"data\":{\"total\":3}}");
        api.put(SNAPSHOTS + "/" + source + "/order-1/10", "{\"data\":{\"total\":10}}");
        api.put(SNAPSHOTS + "/" + source + "/order-2/1", "{\"data\":[1]}");

        JsonObject three = api.get(SNAPSHOTS + "/" + source + "/order-1/3").json();
        JsonObject latest = api.get(SNAPSHOTS + "/" + source + "/order-1/latest").json();
        JsonObject ofStream = api.get(SNAPSHOTS + "?source=" + source + "&stream=order-1").json();
        JsonObject ofSource = api.get(SNAPSHOTS + "?source=" + source).json();
        JsonObject all = api.get(SNAPSHOTS + "?limit=1000").json();

        assertThat(first.status()).isEqualTo(200);
        assertThat(three.getJsonObject("data").getInt("total")).isEqualTo(3);
        assertThat(three.getString("source")).isEqualTo(source);
        assertThat(three.getString("created")).isNotBlank();
        assertThat(latest.getInt("version")).isEqualTo(10);
        assertThat(ofStream.getJsonArray("snapshots")).extracting(s -> s.asJsonObject().getInt("version")).containsExactly(3, 10);
        assertThat(ofSource.getJsonArray("snapshots")).hasSize(3);
        assertThat(all.getJsonArray("snapshots")).extracting(s -> s.asJsonObject().getString("source")).contains(source);

        Answer deleted = api.delete(SNAPSHOTS + "/" + source + "/order-1/10");

        assertThat(deleted.status()).isEqualTo(204);
        assertThat(api.get(SNAPSHOTS + "/" + source + "/order-1/latest").json().getInt("version")).isEqualTo(3);
        Answer gone = api.get(SNAPSHOTS + "/" + source + "/order-1/10");
        assertThat(gone.status()).isEqualTo(404);
        assertThat(gone.json().getString("type")).isEqualTo("urn:jesdb:problem:snapshot-not-found");
        assertThat(api.delete(SNAPSHOTS + "/" + source + "/order-1/10").status()).isEqualTo(404);
    }

    @Test
    void theClusterViewOfASingleNodeIsItselfLeadingWithNoLag() {
        jakarta.json.JsonObject view = api.get("api/cluster").json();

        assertThat(view.getString("leader")).isEqualTo("node-1");
        assertThat(view.getJsonArray("members")).hasSize(1);
        jakarta.json.JsonObject self = view.getJsonArray("members").getJsonObject(0);
        assertThat(self.getString("role")).isEqualTo("LEADER");
        assertThat(self.getJsonNumber("lag").longValue()).isZero();
        assertThat(view.getJsonNumber("appliedIndex").longValue()).isGreaterThanOrEqualTo(0);
    }

    @Test
    void recordingASnapshotAgainReplacesIt() {
        api.put(SNAPSHOTS + "/" + source + "/s/1", "{\"data\":{\"v\":1}}");
        api.put(SNAPSHOTS + "/" + source + "/s/1", "{\"data\":{\"v\":2}}");

        assertThat(api.get(SNAPSHOTS + "/" + source + "/s/1").json().getJsonObject("data").getInt("v")).isEqualTo(2);
    }

    @Test
    void badSnapshotRequestsAreA400ThatNamesTheFieldAndChangeNothing() {
        String[][] cases = {
                {SNAPSHOTS + "/" + source + "/s/minus", "{\"data\":{}}", "version"},
                {SNAPSHOTS + "/" + source + "/s/-1", "{\"data\":{}}", "version"},
                {SNAPSHOTS + "/" + source + "/s/1", "{}", "data"},
                {SNAPSHOTS + "/" + source + "/s/1", "{\"data\":", "body"},
                {SNAPSHOTS + "/" + source + "/s/1", "{\"data\":5,\"contentType\":\"image/png\"}", "data"},
                {SNAPSHOTS + "/a%01/s/1", "{\"data\":{}}", "source"},
        };
        for (String[] c : cases) {
            Answer answer = api.put(c[0], c[1]);

            assertThat(answer.status()).as(c[0] + " " + c[1]).isEqualTo(400);
            assertThat(answer.json().getString("field")).as(c[0] + " " + c[1]).isEqualTo(c[2]);
        }
        Answer tooLarge = api.put(SNAPSHOTS + "/" + source + "/s/1", "{\"data\":\"" + "z".repeat(300_000) + "\"}");
        assertThat(tooLarge.status()).isEqualTo(413);
        assertThat(api.get(SNAPSHOTS + "?source=" + source).json().getJsonArray("snapshots")).isEmpty();
    }

    @Test
    void healthSaysTheStoreIsReadyWithItsRaftRole() {
        Answer ready = api.get("health/ready");
        Answer live = api.get("health/live");
        Answer started = api.get("health/started");

        assertThat(ready.status()).isEqualTo(200);
        JsonObject check = ready.json().getJsonArray("checks").getJsonObject(0);
        assertThat(check.getString("name")).isEqualTo("jesdb-store-ready");
        assertThat(check.getJsonObject("data").getString("role")).isEqualTo("LEADER");
        assertThat(check.getJsonObject("data").getString("store")).isEqualTo("default");
        assertThat(live.status()).isEqualTo(200);
        assertThat(started.status()).isEqualTo(200);
    }

    @Test
    void theOpenApiDocumentDescribesEveryCall() {
        Answer answer = api.get("openapi");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.text()).contains(
                "/api/stores/{store}/streams/{stream}:",
                "/api/stores/{store}/streams/{stream}/version:",
                "/api/stores/{store}/streams:",
                "/api/stores/{store}/all:",
                "/api/stores/{store}/snapshots/{source}/{stream}/{version}:",
                "/api/stores/{store}/snapshots/{source}/{stream}/latest:",
                "/api/stores/{store}/snapshots:",
                "Append events to a stream", "expectedVersion");
    }

    @Test
    void metricsCountAppendsInPrometheusFormat() {
        api.post("api/stores/default/streams/metrics-" + UUID.randomUUID(), "{\"events\":[{\"type\":\"A\",\"data\":{}}]}");

        Answer metrics = api.get("metrics?scope=application");

        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.text()).contains("jesdb_request_microseconds_count{mp_scope=\"application\",operation=\"StreamResource.append\"}");
    }

    @Test
    void metricsTellWhatTheStoreDidAndWhereItStands() {
        String stream = "metered-" + UUID.randomUUID();
        double appendedBefore = metric("jesdb_append_events_total{");
        double errorsBefore = metric("jesdb_errors_total{", "type=\"wrong-expected-version\"");
        api.post("api/stores/default/streams/" + stream, "{\"expectedVersion\": \"no_stream\", \"events\":["
                + "{\"type\":\"A\",\"data\":{}},{\"type\":\"B\",\"data\":{}},{\"type\":\"C\",\"data\":{}}]}");
        api.post("api/stores/default/streams/" + stream, "{\"expectedVersion\": \"no_stream\", \"events\":[{\"type\":\"A\",\"data\":{}}]}");
        api.get("api/stores/default/streams/" + stream + "?from=0");

        assertThat(metric("jesdb_append_events_total{")).isEqualTo(appendedBefore + 3);
        assertThat(metric("jesdb_errors_total{", "type=\"wrong-expected-version\"")).isEqualTo(errorsBefore + 1);
        assertThat(metric("jesdb_read_events_total{", "kind=\"stream\"")).isGreaterThanOrEqualTo(3);
        assertThat(metric("jesdb_append_batch_size_max{")).isGreaterThanOrEqualTo(3);
        assertThat(metric("jesdb_append_data_bytes_total{")).isPositive();
        assertThat(metric("jesdb_raft_commit_microseconds_count{")).isPositive();
        assertThat(metric("jesdb_raft_applied_index{")).isPositive();
        assertThat(metric("jesdb_raft_leader{")).isEqualTo(1);
        assertThat(metric("jesdb_disk_bytes{", "part=\"xodus\"")).isPositive();
        assertThat(metric("jesdb_disk_bytes{", "part=\"raft-log\"")).isPositive();
    }

    /** The value of the first application metric whose line starts with {@code prefix} and holds {@code tags}; 0 when absent. */
    private double metric(String prefix, String... tags) {
        String text = api.get("metrics?scope=application").text();
        return text.lines().filter(line -> line.startsWith(prefix))
                .filter(line -> java.util.Arrays.stream(tags).allMatch(line::contains))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .findFirst().orElse(0);
    }

    @Test
    void theNodeListensOnLoopbackOnly() throws IOException, InterruptedException {
        Process ss = new ProcessBuilder("ss", "-Htlnp").redirectErrorStream(true).start();
        List<String> lines = new String(ss.getInputStream().readAllBytes()).lines()
                .filter(line -> line.matches(".*:(" + base.getPort() + "|695\\d) .*"))
                .toList();
        assertThat(ss.waitFor(10, TimeUnit.SECONDS)).isTrue();

        assertThat(lines).as("HTTP and Hazelcast listeners").hasSizeGreaterThanOrEqualTo(2);
        assertThat(lines).allSatisfy(line -> assertThat(line.split("\\s+")[3]).matches("(\\[::ffff:)?127\\.0\\.0\\.1\\]?:\\d+"));
    }
}
