package org.jesdb.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.jesdb.store.EmbeddedStore.event;
import static org.jesdb.store.EmbeddedStore.events;
import static org.jesdb.store.EmbeddedStore.text;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jesdb.store.snapshots.Snapshot;
import org.jesdb.store.snapshots.SnapshotNotFoundException;
import org.jesdb.store.snapshots.SnapshotList;
import org.jesdb.store.snapshots.SnapshotSummary;
import org.jesdb.store.streams.AppendResult;
import org.jesdb.store.streams.DeleteMode;
import org.jesdb.store.streams.DuplicateEventIdException;
import org.jesdb.store.streams.EventPage;
import org.jesdb.store.streams.ExpectedVersion;
import org.jesdb.store.streams.ProposedEvent;
import org.jesdb.store.streams.RecordedEvent;
import org.jesdb.store.streams.StreamDeletedException;
import org.jesdb.store.streams.StreamNotFoundException;
import org.jesdb.store.streams.WrongExpectedVersionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EventStoreTest {
    @TempDir
    Path dir;
    List<RecordedEvent> heard = new CopyOnWriteArrayList<>();
    EventStore store;

    @BeforeEach
    void open() {
        store = EventStore.open(EmbeddedStore.config(dir), heard::addAll);
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void aFirstAppendCreatesTheStreamAndTellsWhereTheEventsLanded() {
        AppendResult result = store.appendToStream("order-1", ExpectedVersion.noStream(), events(3, "OrderLine"));

        assertThat(result).isEqualTo(new AppendResult("order-1", 0, 2, 0, 2));
        assertThat(store.streamVersion("order-1")).isEqualTo(2);
        EventPage page = store.readStream("order-1", ReadOptions.forwards());
        assertThat(page.events()).extracting(RecordedEvent::version).containsExactly(0L, 1L, 2L);
        assertThat(page.events()).extracting(e -> text(e.data())).containsExactly("{\"n\":0}", "{\"n\":1}", "{\"n\":2}");
        assertThat(page.next()).isNull();
    }

    @Test
    void readsPageForwardAndBackward() {
        store.appendToStream("s", ExpectedVersion.any(), events(10, "E"));

        EventPage first = store.readStream("s", ReadOptions.forwards().maxCount(4));
        EventPage second = store.readStream("s", ReadOptions.forwards().from(first.next()).maxCount(4));
        EventPage last = store.readStream("s", ReadOptions.forwards().from(second.next()).maxCount(4));
        EventPage backward = store.readStream("s", ReadOptions.backwards().maxCount(3));
        EventPage backwardFrom = store.readStream("s", ReadOptions.backwards().from(2).maxCount(5));

        assertThat(first.events()).extracting(RecordedEvent::version).containsExactly(0L, 1L, 2L, 3L);
        assertThat(second.events()).extracting(RecordedEvent::version).containsExactly(4L, 5L, 6L, 7L);
        assertThat(last.events()).extracting(RecordedEvent::version).containsExactly(8L, 9L);
        assertThat(last.next()).isNull();
        assertThat(backward.events()).extracting(RecordedEvent::version).containsExactly(9L, 8L, 7L);
        assertThat(backward.next()).isEqualTo(6L);
        assertThat(backwardFrom.events()).extracting(RecordedEvent::version).containsExactly(2L, 1L, 0L);
        assertThat(backwardFrom.next()).isNull();
    }

    @Test
    void theGlobalOrderInterleavesStreamsByCommit() {
        store.appendToStream("a", ExpectedVersion.any(), events(2, "A"));
        store.appendToStream("b", ExpectedVersion.any(), events(1, "B"));
        store.appendToStream("a", ExpectedVersion.any(), events(1, "A"));

        EventPage all = store.readAll(ReadOptions.forwards());
        EventPage tail = store.readAll(ReadOptions.backwards().maxCount(2));

        assertThat(all.events()).extracting(RecordedEvent::stream).containsExactly("a", "a", "b", "a");
        assertThat(all.events()).extracting(RecordedEvent::position).containsExactly(0L, 1L, 2L, 3L);
        assertThat(tail.events()).extracting(RecordedEvent::position).containsExactly(3L, 2L);
        assertThat(tail.next()).isEqualTo(1L);
    }

    @Test
    void eachExpectedVersionIsChecked() {
        store.appendToStream("s", ExpectedVersion.noStream(), events(2, "E"));

        assertThatThrownBy(() -> store.appendToStream("s", ExpectedVersion.noStream(), events(1, "E")))
                .isInstanceOfSatisfying(WrongExpectedVersionException.class, e -> {
                    assertThat(e.actual()).isEqualTo(1);
                    assertThat(e.expected()).isEqualTo("no_stream");
                    assertThat(e.stream()).isEqualTo("s");
                });
        assertThatThrownBy(() -> store.appendToStream("s", ExpectedVersion.exactly(0), events(1, "E")))
                .isInstanceOf(WrongExpectedVersionException.class);
        assertThatThrownBy(() -> store.appendToStream("new", ExpectedVersion.streamExists(), events(1, "E")))
                .isInstanceOf(WrongExpectedVersionException.class);
        assertThat(store.appendToStream("s", ExpectedVersion.exactly(1), events(1, "E")).lastVersion()).isEqualTo(2);
        assertThat(store.appendToStream("s", ExpectedVersion.streamExists(), events(1, "E")).lastVersion()).isEqualTo(3);
        assertThat(store.streamVersion("new")).isEqualTo(-1);
    }

    @Test
    void aRejectedAppendChangesNothing() {
        store.appendToStream("s", ExpectedVersion.any(), events(1, "E"));

        assertThatThrownBy(() -> store.appendToStream("s", ExpectedVersion.exactly(7), events(5, "E")))
                .isInstanceOf(WrongExpectedVersionException.class);

        assertThat(store.streamVersion("s")).isZero();
        assertThat(store.readAll(ReadOptions.forwards()).events()).hasSize(1);
    }

    @Test
    void aRetryWithTheSameEventIdsReturnsTheFirstAnswerAndAppendsNothing() {
        List<ProposedEvent> batch = events(3, "E");
        AppendResult first = store.appendToStream("s", ExpectedVersion.noStream(), batch);

        AppendResult retry = store.appendToStream("s", ExpectedVersion.noStream(), batch);

        assertThat(retry).isEqualTo(first);
        assertThat(store.readAll(ReadOptions.forwards()).events()).hasSize(3);
    }

    @Test
    void aStoredEventIdWithOtherContentIsAClearError() {
        ProposedEvent original = event("E", "{\"a\":1}");
        store.appendToStream("s", ExpectedVersion.any(), List.of(original));
        ProposedEvent changed = ProposedEvent.json(original.id(), "E", "{\"a\":2}".getBytes(StandardCharsets.UTF_8), null);

        assertThatThrownBy(() -> store.appendToStream("s", ExpectedVersion.any(), List.of(changed)))
                .isInstanceOf(DuplicateEventIdException.class)
                .hasMessageContaining(original.id().toString())
                .hasMessageContaining("other content");
        assertThatThrownBy(() -> store.appendToStream("other", ExpectedVersion.any(), List.of(original)))
                .isInstanceOf(DuplicateEventIdException.class)
                .hasMessageContaining("stream 's'");
        assertThat(store.readAll(ReadOptions.forwards()).events()).hasSize(1);
    }

    @Test
    void aSoftDeletedStreamReadsAsAbsentAndCanBeWrittenAgainWithVersionsGoingOn() {
        store.appendToStream("s", ExpectedVersion.any(), events(3, "E"));

        assertThat(store.deleteStream("s", ExpectedVersion.any(), DeleteMode.SOFT)).isEqualTo(2);

        assertThatThrownBy(() -> store.readStream("s", ReadOptions.forwards())).isInstanceOf(StreamNotFoundException.class);
        assertThat(store.streamVersion("s")).isEqualTo(-1);
        assertThat(store.listStreams(null, 100).streams()).isEmpty();
        AppendResult again = store.appendToStream("s", ExpectedVersion.noStream(), events(1, "E"));
        assertThat(again.firstVersion()).isEqualTo(3);
        assertThat(store.readStream("s", ReadOptions.forwards()).events()).extracting(RecordedEvent::version).containsExactly(3L);
        assertThat(store.readAll(ReadOptions.forwards()).events()).hasSize(4);
    }

    @Test
    void aHardDeletedStreamCanNeverBeReadOrWrittenAgain() {
        store.appendToStream("s", ExpectedVersion.any(), events(2, "E"));

        store.deleteStream("s", ExpectedVersion.exactly(1), DeleteMode.HARD);

        assertThatThrownBy(() -> store.readStream("s", ReadOptions.forwards())).isInstanceOf(StreamDeletedException.class);
        assertThatThrownBy(() -> store.streamVersion("s")).isInstanceOf(StreamDeletedException.class);
        assertThatThrownBy(() -> store.appendToStream("s", ExpectedVersion.any(), events(1, "E")))
                .isInstanceOf(StreamDeletedException.class);
        assertThatThrownBy(() -> store.deleteStream("s", ExpectedVersion.any(), DeleteMode.SOFT))
                .isInstanceOf(StreamDeletedException.class);
        assertThat(store.readAll(ReadOptions.forwards()).events()).hasSize(2);
    }

    @Test
    void deletingAStreamThatNeverExistedIsNotFound() {
        assertThatThrownBy(() -> store.deleteStream("nothing", ExpectedVersion.any(), DeleteMode.SOFT))
                .isInstanceOf(StreamNotFoundException.class);
    }

    @Test
    void streamsAreListedByNameInPages() {
        for (String name : List.of("c", "a", "e", "b", "d")) {
            store.appendToStream(name, ExpectedVersion.any(), events(1, "E"));
        }

        var first = store.listStreams(null, 2);
        var second = store.listStreams(first.next(), 2);
        var third = store.listStreams(second.next(), 2);

        assertThat(first.streams()).extracting(s -> s.name()).containsExactly("a", "b");
        assertThat(second.streams()).extracting(s -> s.name()).containsExactly("c", "d");
        assertThat(third.streams()).extracting(s -> s.name()).containsExactly("e");
        assertThat(third.next()).isNull();
    }

    @Test
    void snapshotsAreRecordedReadListedAndDeleted() {
        store.recordSnapshot("orders-projection", "order-1", 3, "application/json", "{\"v\":3}".getBytes(StandardCharsets.UTF_8));
        store.recordSnapshot("orders-projection", "order-1", 10, "application/json", "{\"v\":10}".getBytes(StandardCharsets.UTF_8));
        store.recordSnapshot("orders-projection", "order-2", 1, "application/json", "{}".getBytes(StandardCharsets.UTF_8));
        store.recordSnapshot("other", "order-1", 5, "application/json", "{}".getBytes(StandardCharsets.UTF_8));

        Snapshot three = store.readSnapshot("orders-projection", "order-1", 3);
        Snapshot latest = store.readLatestSnapshot("orders-projection", "order-1");
        List<SnapshotSummary> ofStream = store.listSnapshots("orders-projection", "order-1", null, 100).snapshots();
        List<SnapshotSummary> ofSource = store.listSnapshots("orders-projection", null, null, 100).snapshots();
        List<SnapshotSummary> all = store.listSnapshots(null, null, null, 100).snapshots();
        List<SnapshotSummary> byStreamOnly = store.listSnapshots(null, "order-1", null, 100).snapshots();

        assertThat(text(three.data())).isEqualTo("{\"v\":3}");
        assertThat(latest.version()).isEqualTo(10);
        assertThat(ofStream).extracting(SnapshotSummary::version).containsExactly(3L, 10L);
        assertThat(ofSource).hasSize(3);
        assertThat(all).hasSize(4);
        assertThat(byStreamOnly).extracting(SnapshotSummary::source).containsExactly("orders-projection", "orders-projection", "other");

        store.deleteSnapshot("orders-projection", "order-1", 10);

        assertThat(store.readLatestSnapshot("orders-projection", "order-1").version()).isEqualTo(3);
        assertThatThrownBy(() -> store.readSnapshot("orders-projection", "order-1", 10)).isInstanceOf(SnapshotNotFoundException.class);
        assertThatThrownBy(() -> store.deleteSnapshot("orders-projection", "order-1", 10)).isInstanceOf(SnapshotNotFoundException.class);
        assertThatThrownBy(() -> store.readLatestSnapshot("orders-projection", "order-9")).isInstanceOf(SnapshotNotFoundException.class);
    }

    @Test
    void theSnapshotListPagesInKeyOrderWithinItsFilter() {
        for (String stream : List.of("order-1", "order-2")) {
            for (long version = 1; version <= 3; version++) {
                store.recordSnapshot("orders-projection", stream, version, "application/json", "{}".getBytes(StandardCharsets.UTF_8));
            }
        }
        store.recordSnapshot("other", "order-1", 5, "application/json", "{}".getBytes(StandardCharsets.UTF_8));

        List<String> seen = new ArrayList<>();
        SnapshotList page = store.listSnapshots("orders-projection", null, null, 4);
        page.snapshots().forEach(summary -> seen.add(summary.stream() + "@" + summary.version()));
        SnapshotList last = store.listSnapshots("orders-projection", null, page.next(), 4);
        last.snapshots().forEach(summary -> seen.add(summary.stream() + "@" + summary.version()));

        assertThat(page.snapshots()).hasSize(4);
        assertThat(seen).containsExactly("order-1@1", "order-1@2", "order-1@3", "order-2@1", "order-2@2", "order-2@3");
        assertThat(last.next()).as("no page after the last one, not even an empty one").isNull();
        assertThat(store.listSnapshots(null, null, null, 7).next()).isNull();
        assertThat(store.listSnapshots(null, null, null, 6).next()).isNotNull();
        // a cursor of the whole list moves a narrower list on only where it lies within it
        assertThat(store.listSnapshots("other", null, page.next(), 10).snapshots()).extracting(SnapshotSummary::version)
                .containsExactly(5L);
        for (String notACursor : List.of("not a cursor!", "garbage", "AAAA", "$sealed-looking")) {
            assertThatThrownBy(() -> store.listSnapshots(null, null, notACursor, 10)).as(notACursor)
                    .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("after"));
        }
    }

    @Test
    void badInputIsRejectedBeforeItReachesTheLog() {
        ProposedEvent e = event("E", "{}");

        assertThatThrownBy(() -> store.appendToStream("", ExpectedVersion.any(), List.of(e)))
                .isInstanceOfSatisfying(InvalidInputException.class, x -> assertThat(x.field()).isEqualTo("stream"));
        assertThatThrownBy(() -> store.appendToStream("a\u0001b", ExpectedVersion.any(), List.of(e)))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("control");
        assertThatThrownBy(() -> store.appendToStream("x".repeat(Names.MAX_LENGTH + 1), ExpectedVersion.any(), List.of(e)))
                .isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> store.appendToStream("$all", ExpectedVersion.any(), List.of(e)))
                .isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> store.appendToStream("s", ExpectedVersion.any(), List.of()))
                .isInstanceOfSatisfying(InvalidInputException.class, x -> assertThat(x.field()).isEqualTo("events"));
        assertThatThrownBy(() -> store.appendToStream("s", ExpectedVersion.any(), List.of(e, e)))
                .isInstanceOfSatisfying(InvalidInputException.class, x -> assertThat(x.field()).isEqualTo("events[1].id"));
        assertThatThrownBy(() -> store.readStream("s", ReadOptions.forwards().maxCount(0)))
                .isInstanceOfSatisfying(InvalidInputException.class, x -> assertThat(x.field()).isEqualTo("count"));
        assertThat(store.readAll(ReadOptions.forwards()).events()).isEmpty();
    }

    @Test
    void oversizedEventsAndBatchesAreRefused() {
        byte[] big = new byte[StoreLimits.DEFAULT_MAX_EVENT_BYTES + 1];
        ProposedEvent tooBig = ProposedEvent.json(UUID.randomUUID(), "E", big, null);
        List<ProposedEvent> tooMuch = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            tooMuch.add(ProposedEvent.json(UUID.randomUUID(), "E", new byte[StoreLimits.DEFAULT_MAX_EVENT_BYTES], null));
        }

        assertThatThrownBy(() -> store.appendToStream("s", ExpectedVersion.any(), List.of(tooBig)))
                .isInstanceOfSatisfying(LimitExceededException.class, x -> assertThat(x.field()).isEqualTo("events[0]"));
        assertThatThrownBy(() -> store.appendToStream("s", ExpectedVersion.any(), tooMuch))
                .isInstanceOfSatisfying(LimitExceededException.class, x -> assertThat(x.field()).isEqualTo("events"));
        assertThat(store.readAll(ReadOptions.forwards()).events()).isEmpty();
    }

    @Test
    void everyCommittedAppendIsHeardInLogOrder() {
        store.appendToStream("a", ExpectedVersion.any(), events(2, "A"));
        store.appendToStream("b", ExpectedVersion.any(), events(1, "B"));

        assertThat(heard).extracting(RecordedEvent::position).containsExactly(0L, 1L, 2L);
    }

    @Test
    void concurrentWritersEachGetTheirOwnContiguousVersions() throws Exception {
        int writers = 8;
        int appendsEach = 50;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        List<Future<List<AppendResult>>> futures = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            String stream = "writer-" + w;
            futures.add(pool.submit(() -> {
                List<AppendResult> results = new ArrayList<>();
                for (int i = 0; i < appendsEach; i++) {
                    results.add(store.appendToStream(stream, i == 0 ? ExpectedVersion.noStream() : ExpectedVersion.exactly(2L * i - 1),
                            events(2, "E")));
                }
                return results;
            }));
        }
        List<Long> positions = new ArrayList<>();
        for (Future<List<AppendResult>> future : futures) {
            for (AppendResult result : future.get(60, TimeUnit.SECONDS)) {
                positions.add(result.firstPosition());
                positions.add(result.lastPosition());
            }
        }
        pool.shutdown();

        Collections.sort(positions);
        assertThat(positions).doesNotHaveDuplicates().hasSize(writers * appendsEach * 2);
        assertThat(positions.get(positions.size() - 1)).isEqualTo(writers * appendsEach * 2 - 1L);
        for (int w = 0; w < writers; w++) {
            assertThat(store.streamVersion("writer-" + w)).isEqualTo(appendsEach * 2 - 1L);
        }
        assertThat(store.status().appliedIndex())
                .as("concurrent appends share Raft entries").isLessThan(writers * appendsEach);
    }

    @Test
    void pagesAtTheEdgesOfAStream() {
        store.appendToStream("s", ExpectedVersion.any(), events(5, "E"));
        store.deleteStream("s", ExpectedVersion.any(), DeleteMode.SOFT);
        store.appendToStream("s", ExpectedVersion.any(), events(3, "E"));

        EventPage beyondEnd = store.readStream("s", ReadOptions.forwards().from(50));
        EventPage fromStart = store.readStream("s", ReadOptions.forwards());
        EventPage aboveHead = store.readStream("s", ReadOptions.backwards().from(50).maxCount(2));
        EventPage backToDeleted = store.readStream("s", ReadOptions.backwards().from(6));
        EventPage allFromMiddle = store.readAll(ReadOptions.backwards().from(3).maxCount(10));

        assertThat(beyondEnd.events()).isEmpty();
        assertThat(beyondEnd.next()).isNull();
        assertThat(fromStart.events()).extracting(RecordedEvent::version).containsExactly(5L, 6L, 7L);
        assertThat(aboveHead.events()).extracting(RecordedEvent::version).containsExactly(7L, 6L);
        assertThat(aboveHead.next()).isEqualTo(5L);
        assertThat(backToDeleted.events()).extracting(RecordedEvent::version).containsExactly(6L, 5L);
        assertThat(backToDeleted.next()).isNull();
        assertThat(allFromMiddle.events()).extracting(RecordedEvent::position).containsExactly(3L, 2L, 1L, 0L);
        assertThat(allFromMiddle.next()).isNull();
    }

    @Test
    void theLatestSnapshotIsFoundAtTheHighestPossibleVersion() {
        store.recordSnapshot("p", "s", 1, "application/json", "{}".getBytes(StandardCharsets.UTF_8));
        store.recordSnapshot("p", "s", Long.MAX_VALUE, "application/json", "{}".getBytes(StandardCharsets.UTF_8));
        store.recordSnapshot("p", "s2", 7, "application/json", "{}".getBytes(StandardCharsets.UTF_8));

        assertThat(store.readLatestSnapshot("p", "s").version()).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void aNameThatIsNotValidUnicodeIsRefused() {
        assertThatThrownBy(() -> store.appendToStream("order-\ud800", ExpectedVersion.any(), events(1, "E")))
                .isInstanceOfSatisfying(InvalidInputException.class, x -> assertThat(x.field()).isEqualTo("stream"));
        assertThatThrownBy(() -> store.appendToStream("s", ExpectedVersion.any(), List.of(event("E\udc00", "{}"))))
                .isInstanceOf(InvalidInputException.class);
        assertThat(store.appendToStream("emoji-\ud83d\ude00", ExpectedVersion.any(), events(1, "E")).lastVersion()).isZero();
    }

    @Test
    void missingArgumentsAreInvalidInputNotAHang() {
        store.appendToStream("s", ExpectedVersion.any(), events(1, "E"));

        assertThatThrownBy(() -> store.deleteStream("s", null, DeleteMode.SOFT))
                .isInstanceOfSatisfying(InvalidInputException.class, x -> assertThat(x.field()).isEqualTo("expectedVersion"));
        assertThatThrownBy(() -> store.deleteStream("s", ExpectedVersion.any(), null))
                .isInstanceOfSatisfying(InvalidInputException.class, x -> assertThat(x.field()).isEqualTo("mode"));
        assertThat(store.streamVersion("s")).isZero();
    }

    @Test
    void anAppendTooLargeForOneRaftEntryIsRefusedBeforeRaft() {
        String longName = "\u20ac".repeat(Names.MAX_LENGTH);
        List<ProposedEvent> events = new ArrayList<>();
        for (int i = 0; i < StoreLimits.DEFAULT_MAX_EVENTS_PER_APPEND; i++) {
            events.add(new ProposedEvent(UUID.randomUUID(), longName, longName, new byte[0], null));
        }

        assertThatThrownBy(() -> store.appendToStream("s", ExpectedVersion.any(), events))
                .isInstanceOf(LimitExceededException.class);
        assertThat(store.appendToStream("s", ExpectedVersion.noStream(), events(1, "E")).lastVersion()).isZero();
    }

    @Test
    void aStoreWhoseRaftLogIsMissingRefusesToStart() throws Exception {
        store.appendToStream("s", ExpectedVersion.any(), events(1, "E"));
        store.close();
        try (var files = java.nio.file.Files.walk(dir.resolve("default/raft"))) {
            files.sorted(java.util.Comparator.reverseOrder()).map(Path::toFile).forEach(java.io.File::delete);
        }

        assertThatThrownBy(() -> EventStore.open(EmbeddedStore.config(dir)))
                .isInstanceOf(CorruptDataException.class)
                .hasMessageContaining("Raft log");

        store = EventStore.open(EmbeddedStore.config(dir.resolve("elsewhere")));
    }

    @Test
    void dataSurvivesARestart() {
        store.appendToStream("s", ExpectedVersion.any(), events(5, "E"));
        store.recordSnapshot("p", "s", 4, "application/json", "{}".getBytes(StandardCharsets.UTF_8));
        store.close();

        store = EventStore.open(EmbeddedStore.config(dir));

        assertThat(store.streamVersion("s")).isEqualTo(4);
        assertThat(store.readAll(ReadOptions.forwards()).events()).hasSize(5);
        assertThat(store.readLatestSnapshot("p", "s").version()).isEqualTo(4);
        assertThat(store.appendToStream("s", ExpectedVersion.exactly(4), events(1, "E")).firstPosition()).isEqualTo(5);
    }

    @Test
    void raftSnapshotsLetTheLogBePurgedAndARestartStillHasEverything() throws Exception {
        store.close();
        store = EventStore.open(EmbeddedStore.config(dir).withSnapshotThreshold(20));
        for (int i = 0; i < 100; i++) {
            store.appendToStream("s", ExpectedVersion.any(), events(1, "E"));
        }
        store.close();

        store = EventStore.open(EmbeddedStore.config(dir).withSnapshotThreshold(20));

        try (var files = java.nio.file.Files.walk(dir.resolve("default/raft"))) {
            assertThat(files.map(f -> f.getFileName().toString())).anyMatch(name -> name.matches("snapshot\\.\\d+_\\d+"));
        }
        assertThat(store.streamVersion("s")).isEqualTo(99);
        assertThat(store.readAll(ReadOptions.forwards()).events()).extracting(RecordedEvent::position)
                .containsExactlyElementsOf(java.util.stream.LongStream.range(0, 100).boxed().toList());
    }
}
