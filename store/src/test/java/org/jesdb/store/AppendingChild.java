package org.jesdb.store;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;
import org.jesdb.store.streams.AppendResult;
import org.jesdb.store.streams.ExpectedVersion;
import org.jesdb.store.streams.ProposedEvent;

/**
 * The process {@link KillDurabilityTest} kills: opens the store and lets concurrent writers
 * append to their own streams until it is killed, printing one line per acknowledged append.
 *
 * <p>Arguments: data folder, number of writers, Raft snapshot threshold, seconds to live. Lines
 * on stdout: {@code start <stream> <version>} once per writer, then {@code ack <stream>
 * <firstVersion> <lastVersion> <firstPosition> <lastPosition> <id,id,...>}, each ended by
 * {@code \n}. A line is printed only after the store has acknowledged the append, so whatever
 * was not printed, newline included, when the process died was never acknowledged.
 */
final class AppendingChild {
    static final String START = "start";
    static final String ACK = "ack";
    /** Attempts of one batch, with the same event ids, when the store answers "outcome unknown". */
    private static final int ATTEMPTS = 3;
    /** Guards stdout: one line is written and flushed at a time, so lines never interleave. */
    private static final Object OUT_LOCK = new Object();
    private static final PrintStream OUT = System.out;

    private AppendingChild() {
    }

    public static void main(String[] args) throws InterruptedException {
        Path dataDir = Path.of(args[0]);
        int writers = Integer.parseInt(args[1]);
        long snapshotThreshold = Long.parseLong(args[2]);
        // The parent kills this process long before; the deadline only ends an orphan.
        long deadline = System.nanoTime() + Long.parseLong(args[3]) * 1_000_000_000L;

        EventStore store = EventStore.open(StoreConfig.singleNode(dataDir).withSnapshotThreshold(snapshotThreshold));
        List<Thread> threads = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            String stream = streamOf(w);
            Thread thread = new Thread(() -> write(store, stream, deadline), "writer-" + w);
            thread.setUncaughtExceptionHandler((t, e) -> {
                e.printStackTrace();
                // A writer that cannot go on is a failure the parent must see at once.
                Runtime.getRuntime().halt(2);
            });
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        store.close();
    }

    static String streamOf(int writer) {
        return "writer-" + writer;
    }

    private static void write(EventStore store, String stream, long deadline) {
        // Earlier runs, killed, left this stream somewhere: go on from where the store says it is.
        long version = store.streamVersion(stream);
        println(START + " " + stream + " " + version);
        while (System.nanoTime() < deadline) {
            List<ProposedEvent> batch = batch(stream, 1 + ThreadLocalRandom.current().nextInt(3));
            ExpectedVersion expected = version < 0 ? ExpectedVersion.noStream() : ExpectedVersion.exactly(version);
            AppendResult result = appendWithRetry(store, stream, expected, batch);
            println(ACK + " " + stream + " " + result.firstVersion() + " " + result.lastVersion() + " "
                    + result.firstPosition() + " " + result.lastPosition() + " "
                    + batch.stream().map(e -> e.id().toString()).collect(Collectors.joining(",")));
            version = result.lastVersion();
        }
    }

    private static AppendResult appendWithRetry(EventStore store, String stream, ExpectedVersion expected,
                                                List<ProposedEvent> batch) {
        for (int attempt = 1; ; attempt++) {
            try {
                return store.appendToStream(stream, expected, batch);
            } catch (StoreTimeoutException | StoreUnavailableException unknownOutcome) {
                // Same ids and expected version: if the first attempt landed, the store answers it again.
                if (attempt == ATTEMPTS) {
                    throw unknownOutcome;
                }
                System.err.println("retrying an append to " + stream + " after: " + unknownOutcome);
            }
        }
    }

    private static List<ProposedEvent> batch(String stream, int size) {
        List<ProposedEvent> events = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            UUID id = UUID.randomUUID();
            events.add(ProposedEvent.json(id, "Appended", payload(stream, id).getBytes(StandardCharsets.UTF_8), null));
        }
        return events;
    }

    /** A few hundred bytes of JSON that name their own event, so a read can tell whose data it got. */
    static String payload(String stream, UUID id) {
        return "{\"id\":\"" + id + "\",\"stream\":\"" + stream + "\",\"padding\":\"" + "x".repeat(300) + "\"}";
    }

    private static void println(String line) {
        synchronized (OUT_LOCK) {
            // One write per line: a kill cuts at most the line being written.
            OUT.print(line + "\n");
            OUT.flush();
        }
    }
}
