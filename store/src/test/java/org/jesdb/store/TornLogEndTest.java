package org.jesdb.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.jesdb.store.EmbeddedStore.event;
import static org.jesdb.store.EmbeddedStore.events;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.jesdb.store.streams.ExpectedVersion;
import org.jesdb.store.streams.RecordedEvent;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A single node after a power cut that tore its last Raft entry: the open segment holds the
 * entry's first sectors and then the zeros Ratis preallocated. Such an entry was never synced, so
 * never acknowledged: the node cuts it off and starts. A last entry whose bytes are all there but
 * wrong is damage, and the node refuses to start.
 */
class TornLogEndTest {
    private static final int SECTOR = 512;

    @TempDir
    Path dir;
    private Path node;
    private Path beforeLastWrite;
    private byte[] lastWriteSegment;
    private String lastText;

    /**
     * Builds the folder a power cut leaves: the Xodus state from before the last append (Xodus syncs
     * lazily) beside the Raft log from after it, whose open segment each test then damages.
     */
    @BeforeEach
    void writeThenTakeTheLogOfOneMoreAppend() throws Exception {
        node = dir.resolve("node");
        try (EventStore store = EventStore.open(EmbeddedStore.config(node))) {
            store.appendToStream("s", ExpectedVersion.noStream(), events(9, "Kept"));
        }
        beforeLastWrite = dir.resolve("before-last-write");
        copy(node, beforeLastWrite);

        lastText = "last-write-" + "y".repeat(4 * SECTOR);
        try (EventStore store = EventStore.open(EmbeddedStore.config(node))) {
            store.appendToStream("s", ExpectedVersion.exactly(8), List.of(event("Last", "{\"text\":\"" + lastText + "\"}")));
        }
        // the log only: the Raft snapshot taken as the node closed came from a state synced after the append
        Path log = openSegment(node).getParent();
        Path oldLog = beforeLastWrite.resolve(node.relativize(log).toString());
        delete(oldLog);
        copy(log, oldLog);
        lastWriteSegment = Files.readAllBytes(openSegment(beforeLastWrite));
    }

    @Test
    void aLastEntryCutShortAtASectorIsDroppedAndTheNodeStarts() throws Exception {
        Files.write(openSegment(beforeLastWrite), tornCopy());

        try (EventStore store = EventStore.open(EmbeddedStore.config(beforeLastWrite))) {
            assertThat(store.readStream("s", ReadOptions.forwards()).events()).extracting(RecordedEvent::type)
                    .containsOnly("Kept").hasSize(9);
            store.appendToStream("s", ExpectedVersion.exactly(8), List.of(event("After", "{}")));
            assertThat(store.readStream("s", ReadOptions.backwards().maxCount(1)).events())
                    .extracting(RecordedEvent::type).containsExactly("After");
        }
    }

    @Test
    void aLastEntryWhoseBytesAreAllThereButWrongStopsTheStart() throws Exception {
        byte[] flipped = Arrays.copyOf(lastWriteSegment, lastWriteSegment.length + 64 * 1024);
        flipped[indexOf(flipped, lastText) + 2 * SECTOR] ^= 0x04;
        Path segment = openSegment(beforeLastWrite);
        Files.write(segment, flipped);

        assertThatThrownBy(() -> EventStore.open(EmbeddedStore.config(beforeLastWrite)))
                .hasStackTraceContaining(segment.getFileName().toString()).hasStackTraceContaining("damaged");
        assertThat(Files.readAllBytes(segment)).as("the damaged entry is left for the operator").isEqualTo(flipped);
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : files.toList()) {
                Path target = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target);
                }
            }
        }
    }

    private static void delete(Path folder) throws IOException {
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }

    @Test
    void aTornLookingEntryThatTheStateAlreadyHoldsIsDamage() throws Exception {
        // the node's own folder: its Xodus state holds the last append, so that entry was synced
        Path segment = openSegment(node);
        byte[] torn = tornCopy();
        Files.write(segment, torn);

        assertThatThrownBy(() -> EventStore.open(EmbeddedStore.config(node))).hasStackTraceContaining("damaged");
        assertThat(Files.readAllBytes(segment)).as("nothing was cut").isEqualTo(torn);
    }

    @Test
    void aZeroRunWithDataAfterItIsDamage() throws Exception {
        byte[] torn = tornCopy();
        torn[torn.length - 100] = 7;
        Path segment = openSegment(beforeLastWrite);
        Files.write(segment, torn);

        assertThatThrownBy(() -> EventStore.open(EmbeddedStore.config(beforeLastWrite))).hasStackTraceContaining("damaged");
        assertThat(Files.readAllBytes(segment)).as("nothing was cut").isEqualTo(torn);
    }

    /** The last write's segment, preallocated, with zeros from the sector after the last event's text. */
    private byte[] tornCopy() {
        byte[] torn = Arrays.copyOf(lastWriteSegment, lastWriteSegment.length + 64 * 1024);
        Arrays.fill(torn, roundUpToSector(indexOf(torn, lastText) + 1), torn.length, (byte) 0);
        return torn;
    }

    private static Path openSegment(Path node) throws IOException {
        try (Stream<Path> files = Files.walk(node)) {
            return files.filter(file -> file.getFileName().toString().startsWith("log_inprogress_")).findFirst().orElseThrow();
        }
    }

    private static int indexOf(byte[] bytes, String text) {
        byte[] wanted = text.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i + wanted.length <= bytes.length; i++) {
            if (Arrays.equals(bytes, i, i + wanted.length, wanted, 0, wanted.length)) {
                return i;
            }
        }
        throw new AssertionError("not in the segment: " + text.substring(0, 20));
    }

    private static int roundUpToSector(int position) {
        return (position + SECTOR - 1) / SECTOR * SECTOR;
    }
}
