package org.jesdb.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.awaitility.core.ConditionTimeoutException;
import org.jesdb.store.streams.EventPage;
import org.jesdb.store.streams.RecordedEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a process that holds the store with SIGKILL, again and again on the same data folder,
 * while its Raft snapshot threshold is so low that snapshots are taken all through the run;
 * then proves that every append the process had acknowledged is there exactly once, where the
 * acknowledgement said.
 */
class KillDurabilityTest {
    private static final int WRITERS = 8;
    /** Low, so that every round takes several Raft snapshots (one entry holds at most one append per writer). */
    private static final long SNAPSHOT_THRESHOLD = 20;
    private static final int ROUNDS = 5;
    private static final int MIN_ACKS_BEFORE_KILL = 300;
    private static final int MAX_ACKS_BEFORE_KILL = 600;
    /** Start-up of the child JVM and store included. */
    private static final Duration ROUND_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration EXIT_TIMEOUT = Duration.ofSeconds(10);
    /** The child ends itself after this, in case this JVM dies without killing it. */
    private static final long CHILD_LIFETIME_SECONDS = 120;
    private static final int MAX_PAGES = 10_000;
    private static final Pattern SNAPSHOT_FILE = Pattern.compile("snapshot\\.(\\d+)_(\\d+)");

    @TempDir
    Path temp;

    @Test
    void acknowledgedAppendsSurviveRepeatedSigkillDuringRaftSnapshots() throws Exception {
        Path dataDir = temp.resolve("data");
        long seed = System.nanoTime();
        Random random = new Random(seed);
        List<Ack> acks = new ArrayList<>();
        Map<String, Long> lastAcked = new HashMap<>();
        long lastSnapshotIndex = -1;
        List<String> rounds = new ArrayList<>();

        for (int round = 1; round <= ROUNDS; round++) {
            int killAfter = MIN_ACKS_BEFORE_KILL + random.nextInt(MAX_ACKS_BEFORE_KILL - MIN_ACKS_BEFORE_KILL + 1);
            ChildOutput output = runChildUntilKilled(dataDir, round, killAfter);
            String context = "round " + round + " (seed " + seed + ")\n" + output.stderrTail();

            // A restarted writer goes on from the store's version: never below what was acknowledged.
            assertThat(output.starts()).as(context).hasSize(WRITERS);
            for (Start start : output.starts()) {
                assertThat(start.version()).as("version of %s on restart; %s", start.stream(), context)
                        .isGreaterThanOrEqualTo(lastAcked.getOrDefault(start.stream(), -1L));
            }
            assertThat(output.acks()).as(context).hasSizeGreaterThanOrEqualTo(killAfter);
            for (Ack ack : output.acks()) {
                lastAcked.merge(ack.stream(), ack.lastVersion(), Math::max);
            }
            acks.addAll(output.acks());

            long snapshotIndex = latestRaftSnapshotIndex(dataDir);
            assertThat(snapshotIndex).as("the latest Raft snapshot's index grew during the round; %s", context)
                    .isGreaterThan(lastSnapshotIndex);
            lastSnapshotIndex = snapshotIndex;
            rounds.add("round " + round + ": " + output.acks().size() + " acks, "
                    + output.snapshotsLogged() + " snapshots, latest at index " + snapshotIndex);
        }

        List<RecordedEvent> all;
        try (EventStore store = EventStore.open(StoreConfig.singleNode(dataDir).withSnapshotThreshold(SNAPSHOT_THRESHOLD))) {
            all = readAll(store);
            assertThat(all).extracting(RecordedEvent::position)
                    .as("$all positions are contiguous from 0").containsExactlyElementsOf(range(all.size()));
            assertThat(all).extracting(RecordedEvent::id).as("no event id twice in $all").doesNotHaveDuplicates();
            assertThat(everyStreamReadsContiguouslyLikeAll(store, all)).isEmpty();
        }
        assertThat(acks).flatExtracting(Ack::ids).as("every acknowledged id is new").doesNotHaveDuplicates();
        assertThat(acknowledgedAppendsMissingOrMisplaced(acks, all)).as("seed %d", seed).isEmpty();
        System.out.printf("kill durability: %s; %d events in $all, %d acknowledged%n",
                String.join("; ", rounds), all.size(), acks.stream().mapToInt(a -> a.ids().size()).sum());
    }

    // ---- the child process ----

    private ChildOutput runChildUntilKilled(Path dataDir, int round, int killAfter) throws Exception {
        Path stderr = temp.resolve("child-" + round + ".err");
        Process process = new ProcessBuilder(childCommand(dataDir)).redirectError(stderr.toFile()).start();
        process.getOutputStream().close();
        ChildStdout stdout = new ChildStdout(process.getInputStream());
        Thread reader = new Thread(stdout, "child-" + round + "-stdout");
        reader.setDaemon(true);
        reader.start();
        try {
            await().atMost(ROUND_TIMEOUT).pollInterval(Duration.ofMillis(10))
                    .until(() -> !process.isAlive() || stdout.acks() >= killAfter);
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("round " + round + ": " + stdout.acks() + " of " + killAfter
                    + " acknowledgements within " + ROUND_TIMEOUT + "\n" + tail(stderr), e);
        } finally {
            process.destroyForcibly();
            boolean exited = process.waitFor(EXIT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            reader.join(EXIT_TIMEOUT.toMillis());
            assertThat(exited).as("child of round %d exited after SIGKILL", round).isTrue();
            assertThat(reader.isAlive()).as("child of round %d: its stdout reached its end", round).isFalse();
        }
        // Only a kill ends the child within its lifetime; any other exit is a failure in it.
        assertThat(process.exitValue()).as("child of round %d died by SIGKILL (137), not by itself\n%s", round, tail(stderr))
                .isEqualTo(137);
        return ChildOutput.parse(stdout.lines(), stderr);
    }

    private static List<String> childCommand(Path dataDir) throws IOException {
        Path target = Path.of("target").toAbsolutePath();
        String classPath = String.join(java.io.File.pathSeparator,
                target.resolve("test-classes").toString(),
                target.resolve("classes").toString(),
                Files.readString(target.resolve("test-classpath.txt")).trim());
        return List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED",
                "--add-opens", "java.base/java.nio=ALL-UNNAMED",
                "-Djava.util.logging.config.file=" + Path.of("src/test/resources/logging.properties").toAbsolutePath(),
                "-cp", classPath,
                AppendingChild.class.getName(),
                dataDir.toString(), Integer.toString(WRITERS), Long.toString(SNAPSHOT_THRESHOLD),
                Long.toString(CHILD_LIFETIME_SECONDS));
    }

    private static String tail(Path file) {
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            return "child stderr (last 40 lines of " + lines.size() + "):\n"
                    + String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "child stderr unreadable: " + e;
        }
    }

    /**
     * The child's stdout, kept as whole lines only: a line the kill cut short, before its
     * newline, was never acknowledged.
     */
    private static final class ChildStdout implements Runnable {
        private final InputStream in;
        private final List<String> lines = new CopyOnWriteArrayList<>();
        private final AtomicInteger acks = new AtomicInteger();

        ChildStdout(InputStream in) {
            this.in = in;
        }

        @Override
        public void run() {
            StringBuilder line = new StringBuilder();
            char[] buffer = new char[8192];
            try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
                for (int read = reader.read(buffer); read >= 0; read = reader.read(buffer)) {
                    for (int i = 0; i < read; i++) {
                        if (buffer[i] == '\n') {
                            add(line.toString());
                            line.setLength(0);
                        } else {
                            line.append(buffer[i]);
                        }
                    }
                }
            } catch (IOException e) {
                // The pipe broke because the child died: the whole lines read are all it acknowledged.
            }
        }

        private void add(String line) {
            lines.add(line);
            if (line.startsWith(AppendingChild.ACK + " ")) {
                acks.incrementAndGet();
            }
        }

        int acks() {
            return acks.get();
        }

        List<String> lines() {
            return List.copyOf(lines);
        }
    }

    // ---- what the child said ----

    record Start(String stream, long version) {
    }

    record Ack(String stream, long firstVersion, long lastVersion, long firstPosition, long lastPosition, List<UUID> ids) {
        static Ack parse(String[] fields) {
            List<UUID> ids = Arrays.stream(fields[6].split(",")).map(UUID::fromString).toList();
            Ack ack = new Ack(fields[1], Long.parseLong(fields[2]), Long.parseLong(fields[3]),
                    Long.parseLong(fields[4]), Long.parseLong(fields[5]), ids);
            if (ack.lastVersion() - ack.firstVersion() != ids.size() - 1
                    || ack.lastPosition() - ack.firstPosition() != ids.size() - 1) {
                throw new IllegalArgumentException("versions and positions do not match " + ids.size() + " ids");
            }
            return ack;
        }
    }

    record ChildOutput(List<Start> starts, List<Ack> acks, Path stderr) {
        static ChildOutput parse(List<String> lines, Path stderr) {
            List<Start> starts = new ArrayList<>();
            List<Ack> acks = new ArrayList<>();
            for (int i = 0; i < lines.size(); i++) {
                String[] fields = lines.get(i).split(" ");
                try {
                    if (fields[0].equals(AppendingChild.START) && fields.length == 3) {
                        starts.add(new Start(fields[1], Long.parseLong(fields[2])));
                    } else if (fields[0].equals(AppendingChild.ACK) && fields.length == 7) {
                        acks.add(Ack.parse(fields));
                    } else {
                        throw new IllegalArgumentException("neither a start nor an ack");
                    }
                } catch (IllegalArgumentException e) {
                    throw new AssertionError("line " + (i + 1) + " of the child's stdout is malformed ("
                            + e.getMessage() + "): " + lines.get(i), e);
                }
            }
            return new ChildOutput(starts, acks, stderr);
        }

        long snapshotsLogged() {
            try (Stream<String> lines = Files.lines(stderr, StandardCharsets.UTF_8)) {
                return lines.filter(line -> line.contains("raft snapshot taken")).count();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        String stderrTail() {
            return tail(stderr);
        }
    }

    // ---- what the store holds ----

    /** The highest index among the Raft snapshot files the state machine wrote (-1 if none). */
    private static long latestRaftSnapshotIndex(Path dataDir) throws IOException {
        try (Stream<Path> files = Files.walk(dataDir.resolve("default").resolve("raft"))) {
            return files.filter(file -> file.getParent().getFileName().toString().equals("sm"))
                    .map(file -> SNAPSHOT_FILE.matcher(file.getFileName().toString()))
                    .filter(Matcher::matches)
                    .mapToLong(match -> Long.parseLong(match.group(2)))
                    .max().orElse(-1);
        }
    }

    private static List<RecordedEvent> readAll(EventStore store) {
        List<RecordedEvent> all = new ArrayList<>();
        Long next = 0L;
        for (int page = 0; next != null && page < MAX_PAGES; page++) {
            EventPage events = store.readAll(ReadOptions.forwards().from(next).maxCount(1000));
            all.addAll(events.events());
            next = events.next();
        }
        assertThat(next).as("$all was read to its end within %d pages", MAX_PAGES).isNull();
        return all;
    }

    /** Each stream, read on its own, has versions 0..n with the events $all shows for it, in order. */
    private static List<String> everyStreamReadsContiguouslyLikeAll(EventStore store, List<RecordedEvent> all) {
        Map<String, List<RecordedEvent>> byStream = all.stream()
                .collect(Collectors.groupingBy(RecordedEvent::stream, LinkedHashMap::new, Collectors.toList()));
        List<String> problems = new ArrayList<>();
        for (var entry : byStream.entrySet()) {
            String stream = entry.getKey();
            List<RecordedEvent> read = new ArrayList<>();
            Long next = 0L;
            for (int page = 0; next != null && page < MAX_PAGES; page++) {
                EventPage events = store.readStream(stream, ReadOptions.forwards().from(next).maxCount(1000));
                read.addAll(events.events());
                next = events.next();
            }
            List<Long> versions = read.stream().map(RecordedEvent::version).toList();
            if (!versions.equals(range(read.size()))) {
                problems.add(stream + ": versions are not contiguous from 0: " + versions);
            }
            if (!ids(read).equals(ids(entry.getValue()))) {
                problems.add(stream + ": reading the stream gives other events than $all holds for it");
            }
            if (store.streamVersion(stream) != read.size() - 1) {
                problems.add(stream + ": streamVersion " + store.streamVersion(stream) + " but " + read.size() + " events");
            }
        }
        return problems;
    }

    /** Every acknowledged event at its acknowledged position, in its stream at its acknowledged version, with its data. */
    private static List<String> acknowledgedAppendsMissingOrMisplaced(List<Ack> acks, List<RecordedEvent> all) {
        Set<UUID> present = new HashSet<>(ids(all));
        List<String> problems = new ArrayList<>();
        for (Ack ack : acks) {
            for (int i = 0; i < ack.ids().size(); i++) {
                UUID id = ack.ids().get(i);
                long position = ack.firstPosition() + i;
                long version = ack.firstVersion() + i;
                if (!present.contains(id)) {
                    problems.add("lost: " + id + " acknowledged in " + ack.stream() + " at version " + version
                            + ", position " + position);
                    continue;
                }
                RecordedEvent found = position < all.size() ? all.get((int) position) : null;
                if (found == null || !found.id().equals(id) || !found.stream().equals(ack.stream())
                        || found.version() != version) {
                    problems.add("misplaced: " + id + " acknowledged in " + ack.stream() + " at version " + version
                            + ", position " + position + "; there $all has " + describe(found));
                } else if (!new String(found.data(), StandardCharsets.UTF_8).equals(AppendingChild.payload(ack.stream(), id))) {
                    problems.add("other data: " + id + " at position " + position);
                }
            }
        }
        return problems;
    }

    private static String describe(RecordedEvent event) {
        return event == null ? "nothing"
                : event.id() + " of " + event.stream() + " at version " + event.version();
    }

    private static List<UUID> ids(List<RecordedEvent> events) {
        return events.stream().map(RecordedEvent::id).toList();
    }

    private static List<Long> range(int size) {
        List<Long> out = new ArrayList<>(size);
        for (long i = 0; i < size; i++) {
            out.add(i);
        }
        return out;
    }
}
