package org.jesdb.it;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.jesdb.it.Api.Answer;
import org.junit.jupiter.api.Test;

/**
 * Durability of the real node: concurrent writers append through the REST API, the node is
 * killed with SIGKILL, restarted on the same data folder, and every acknowledged event must be
 * there exactly once, in order, readable (checksums are checked on every read). Raft snapshots
 * are taken every 50 entries, so kills also land while one is being taken.
 */
class KillNodeIT {
    private static final int ROUNDS = 3;
    private static final int WRITERS = 8;
    private static final int ACKS_PER_ROUND = 400;
    private static final long ROUND_MILLIS = 30_000;

    /** One acknowledged append: where the node said the events landed. */
    record Ack(String stream, long firstVersion, long firstPosition, List<String> ids) {
    }

    private final Path dir = Path.of(System.getProperty("jesdb.it.dir"), "kill-" + UUID.randomUUID());
    private final Map<String, String> env = Map.of(
            "JESDB_DATA_DIR", dir.resolve("data").toString(),
            "JESDB_SNAPSHOT_THRESHOLD", "50");

    @Test
    void acknowledgedAppendsSurviveRepeatedSigkillOfTheNode() throws Exception {
        ConcurrentLinkedQueue<Ack> acks = new ConcurrentLinkedQueue<>();
        for (int round = 0; round < ROUNDS; round++) {
            NodeProcess node = NodeProcess.start(dir, env).awaitReady();
            try {
                appendUntilKilled(node, acks);
            } finally {
                node.kill();
            }
        }
        assertThat(acks).hasSizeGreaterThanOrEqualTo(ROUNDS * ACKS_PER_ROUND / 2);
        assertThat(snapshotFiles()).as("raft snapshots were taken during the run").isNotEmpty();

        try (NodeProcess node = NodeProcess.start(dir, env).awaitReady()) {
            verify(node.api, List.copyOf(acks));
        }
    }

    private void appendUntilKilled(NodeProcess node, ConcurrentLinkedQueue<Ack> acks) throws Exception {
        AtomicInteger roundAcks = new AtomicInteger();
        ExecutorService writers = Executors.newFixedThreadPool(WRITERS);
        long deadline = System.currentTimeMillis() + ROUND_MILLIS;
        for (int w = 0; w < WRITERS; w++) {
            String stream = "kill-writer-" + w;
            writers.submit(() -> write(node.api, stream, acks, roundAcks, deadline));
        }
        while (roundAcks.get() < ACKS_PER_ROUND && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
        node.kill();
        writers.shutdown();
        assertThat(writers.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
    }

    /** Appends with exact expected versions until the node goes away or the round ends. */
    private static Void write(Api api, String stream, ConcurrentLinkedQueue<Ack> acks, AtomicInteger roundAcks, long deadline) {
        try {
            long version = api.get("api/stores/default/streams/" + stream + "/version").json().getJsonNumber("version").longValue();
            for (int i = 0; i < 5_000 && System.currentTimeMillis() < deadline; i++) {
                int size = 1 + i % 3;
                List<String> ids = new ArrayList<>();
                StringBuilder events = new StringBuilder();
                for (int e = 0; e < size; e++) {
                    String id = UUID.randomUUID().toString();
                    ids.add(id);
                    events.append(e == 0 ? "" : ",").append("{\"id\":\"").append(id)
                            .append("\",\"type\":\"Written\",\"data\":{\"writer\":\"").append(stream)
                            .append("\",\"pad\":\"").append("p".repeat(200)).append("\"}}");
                }
                String expected = version < 0 ? "\"no_stream\"" : Long.toString(version);
                Answer answer = api.post("api/stores/default/streams/" + stream,
                        "{\"expectedVersion\":" + expected + ",\"events\":[" + events + "]}");
                if (answer.status() != 200) {
                    return null;
                }
                JsonObject result = answer.json();
                acks.add(new Ack(stream, result.getJsonNumber("firstVersion").longValue(),
                        result.getJsonNumber("firstPosition").longValue(), ids));
                roundAcks.incrementAndGet();
                version = result.getJsonNumber("lastVersion").longValue();
            }
        } catch (RuntimeException connectionLost) {
            // The node was killed: the append in flight is unacknowledged.
        }
        return null;
    }

    private void verify(Api api, List<Ack> acks) {
        Map<String, JsonObject> byId = new HashMap<>();
        long expectedPosition = 0;
        Long from = 0L;
        while (from != null) {
            JsonObject page = api.get("api/stores/default/all?count=1000&from=" + from).json();
            for (JsonValue value : page.getJsonArray("events")) {
                JsonObject event = value.asJsonObject();
                assertThat(event.getJsonNumber("position").longValue()).isEqualTo(expectedPosition++);
                assertThat(byId.put(event.getString("id"), event)).as("event id seen twice in $all").isNull();
            }
            from = page.isNull("next") ? null : page.getJsonNumber("next").longValue();
        }
        for (Ack ack : acks) {
            for (int i = 0; i < ack.ids().size(); i++) {
                JsonObject event = byId.get(ack.ids().get(i));
                assertThat(event).as("acknowledged event %s of %s", ack.ids().get(i), ack.stream()).isNotNull();
                assertThat(event.getString("stream")).isEqualTo(ack.stream());
                assertThat(event.getJsonNumber("version").longValue()).isEqualTo(ack.firstVersion() + i);
                assertThat(event.getJsonNumber("position").longValue()).isEqualTo(ack.firstPosition() + i);
            }
        }
        for (int w = 0; w < WRITERS; w++) {
            String stream = "kill-writer-" + w;
            Set<Long> versions = new HashSet<>();
            Long next = 0L;
            while (next != null) {
                JsonObject page = api.get("api/stores/default/streams/" + stream + "?count=1000&from=" + next).json();
                page.getJsonArray("events").forEach(e -> versions.add(e.asJsonObject().getJsonNumber("version").longValue()));
                next = page.isNull("next") ? null : page.getJsonNumber("next").longValue();
            }
            long last = api.get("api/stores/default/streams/" + stream + "/version").json().getJsonNumber("version").longValue();
            assertThat(versions).as("versions of %s are contiguous from 0", stream).hasSize((int) last + 1);
            assertThat(versions.stream().mapToLong(Long::longValue).max().orElse(-1)).isEqualTo(last);
        }
    }

    private List<Path> snapshotFiles() throws Exception {
        try (Stream<Path> files = Files.walk(dir.resolve("data"))) {
            return files.filter(p -> p.getFileName().toString().startsWith("snapshot.")).toList();
        }
    }
}
