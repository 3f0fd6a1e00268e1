package org.jesdb.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.time.Duration;
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
import java.util.concurrent.atomic.AtomicReference;
import org.jesdb.it.Api.Answer;

/**
 * Writers that append through the REST API with exact expected versions, each to its own
 * stream, and keep what the node acknowledged; and the check, after a crash and a restart, that
 * every acknowledged event is there exactly once, where the node said, in order and readable
 * (checksums are checked on every read), with each stream's versions contiguous.
 */
final class AcknowledgedWrites {
    /** One acknowledged append: where the node said the events landed. */
    record Ack(String stream, long firstVersion, long firstPosition, List<String> ids) {
    }

    private static final long WRITER_GRACE_MILLIS = 60_000;

    private final String streamPrefix;
    private final int writers;
    private final ConcurrentLinkedQueue<Ack> acks = new ConcurrentLinkedQueue<>();
    private volatile boolean stopping;

    AcknowledgedWrites(String streamPrefix, int writers) {
        this.streamPrefix = streamPrefix;
        this.writers = writers;
    }

    List<Ack> acks() {
        return List.copyOf(acks);
    }

    /**
     * Starts the writers on {@code api}, waits until {@code roundAcks} appends were acknowledged
     * in this round or {@code roundMillis} passed, then runs {@code crash} while they are still
     * writing and waits for them to give up. Fails if a writer was refused before the crash: the
     * crash must land on a node that works.
     */
    void writeUntilCrash(Api api, int roundAcks, long roundMillis, CrashAction crash) throws Exception {
        stopping = false;
        AtomicInteger acknowledged = new AtomicInteger();
        AtomicInteger writing = new AtomicInteger(writers);
        AtomicReference<String> stopped = new AtomicReference<>();
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        long deadline = System.currentTimeMillis() + roundMillis;
        try {
            for (int w = 0; w < writers; w++) {
                String stream = stream(w);
                pool.submit(() -> {
                    try {
                        // Past the round's end, so that the writers are still writing when the crash comes.
                        write(api, stream, acknowledged, deadline + WRITER_GRACE_MILLIS, stopped);
                    } finally {
                        writing.decrementAndGet();
                    }
                });
            }
            while (acknowledged.get() < roundAcks && System.currentTimeMillis() < deadline && writing.get() == writers) {
                Thread.sleep(20);
            }
            assertThat(stopped.get()).as("a writer stopped before the crash").isNull();
            crash.run();
            // Through the members that stay up, the writers may go on: what they are told still counts.
            stopping = true;
        } finally {
            pool.shutdown();
            assertThat(pool.awaitTermination(60, TimeUnit.SECONDS)).as("the writers stopped").isTrue();
        }
    }

    /** What stops the node in the middle of the writes. */
    @FunctionalInterface
    interface CrashAction {
        void run() throws Exception;
    }

    private String stream(int writer) {
        return streamPrefix + "-writer-" + writer;
    }

    /**
     * Appends batches of 1 to 3 events until the node goes away or the round ends; a refusal or
     * a lost connection is told to {@code stopped} (after the crash, that is expected).
     */
    private void write(Api api, String stream, AtomicInteger acknowledged, long deadline, AtomicReference<String> stopped) {
        try {
            long version = currentVersion(api, stream);
            for (int i = 0; i < 5_000 && !stopping && System.currentTimeMillis() < deadline; i++) {
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
                    stopped.compareAndSet(null, stream + ": HTTP " + answer.status() + " " + answer.text());
                    return;
                }
                JsonObject result = answer.json();
                acks.add(new Ack(stream, result.getJsonNumber("firstVersion").longValue(),
                        result.getJsonNumber("firstPosition").longValue(), ids));
                acknowledged.incrementAndGet();
                version = result.getJsonNumber("lastVersion").longValue();
            }
        } catch (RuntimeException connectionLost) {
            // The node went away: the append in flight is unacknowledged.
            stopped.compareAndSet(null, stream + ": " + connectionLost);
        }
    }

    /**
     * The stream's version, asked again while the member answers anything but 200 (at most 30 s):
     * just after a cut, the member taking the writes may not serve a linearizable read yet.
     */
    private static long currentVersion(Api api, String stream) {
        Answer[] answer = new Answer[1];
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> {
            answer[0] = api.get("api/stores/default/streams/" + stream + "/version");
            return answer[0].status() == 200;
        });
        return answer[0].json().getJsonNumber("version").longValue();
    }

    /** Reads all of $all and every writer's stream and checks each acknowledged event; answers how many it checked. */
    int verify(Api api) {
        Map<String, JsonObject> byId = readAll(api);
        int checked = 0;
        for (Ack ack : acks) {
            for (int i = 0; i < ack.ids().size(); i++) {
                JsonObject event = byId.get(ack.ids().get(i));
                assertThat(event).as("acknowledged event %s of %s", ack.ids().get(i), ack.stream()).isNotNull();
                assertThat(event.getString("stream")).isEqualTo(ack.stream());
                assertThat(event.getJsonNumber("version").longValue()).isEqualTo(ack.firstVersion() + i);
                assertThat(event.getJsonNumber("position").longValue()).isEqualTo(ack.firstPosition() + i);
                checked++;
            }
        }
        for (int w = 0; w < writers; w++) {
            assertContiguous(api, stream(w));
        }
        return checked;
    }

    /** Every event of $all by id; positions run from 0 without a gap and no id comes twice. */
    private static Map<String, JsonObject> readAll(Api api) {
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
        return byId;
    }

    private static void assertContiguous(Api api, String stream) {
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
