package org.jesdb.chaos.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class HistoryCheckerTest {
    private final History history = new History();
    private final List<LogEntry> log = new ArrayList<>();

    /** Sends a batch to {@code stream}; with {@code written} it lands at the stream's next versions. */
    private List<UUID> batch(String stream, int size, boolean written) {
        List<UUID> ids = new ArrayList<>();
        long version = log.stream().filter(e -> e.stream().equals(stream)).count();
        for (int i = 0; i < size; i++) {
            UUID id = UUID.randomUUID();
            ids.add(id);
            if (written) {
                log.add(new LogEntry(log.size(), stream, version + i, id));
            }
        }
        return ids;
    }

    private Verdict checkOn(int nodes) {
        Map<String, List<LogEntry>> logs = new LinkedHashMap<>();
        for (int i = 1; i <= nodes; i++) {
            logs.put("n" + i, List.copyOf(log));
        }
        return HistoryChecker.check(history, logs);
    }

    @Test
    void aCleanRunPasses() {
        history.acknowledged("a", History.ANY, batch("a", 3, true), 2);
        history.acknowledged("b", History.ANY, batch("b", 1, true), 0);
        history.unknown("a", History.ANY, batch("a", 2, true));
        history.unknown("b", History.ANY, batch("b", 2, false));
        history.refused("a", History.ANY, batch("a", 1, false));
        history.read("a", log.stream().filter(e -> e.stream().equals("a")).limit(2).map(LogEntry::id).toList());

        Verdict verdict = checkOn(3);

        assertThat(verdict.valid()).as(verdict.describe()).isTrue();
        assertThat(verdict.describe()).startsWith("PASS: 6 operations: 2 acknowledged appends, 2 with an unknown outcome, 1 refused, 1 reads; "
                + "3 nodes hold 6 events");
    }

    @Test
    void anAcknowledgedEventMissingFromTheLogIsALoss() {
        List<UUID> ids = batch("a", 2, true);
        history.acknowledged("a", History.ANY, ids, 1);
        log.remove(1);

        assertThat(checkOn(1).violations()).anyMatch(v -> v.startsWith("loss: 1 of 2"));
    }

    @Test
    void anEventTwiceIsADuplicate() {
        List<UUID> ids = batch("a", 1, true);
        history.acknowledged("a", History.ANY, ids, 0);
        log.add(new LogEntry(1, "a", 1, ids.get(0)));

        assertThat(checkOn(1).violations()).anyMatch(v -> v.startsWith("duplicate:"));
    }

    @Test
    void aMissingVersionIsAGap() {
        List<UUID> ids = batch("a", 2, true);
        history.acknowledged("a", History.ANY, ids, 1);
        log.set(1, new LogEntry(1, "a", 2, ids.get(1)));

        assertThat(checkOn(1).violations()).anyMatch(v -> v.startsWith("gap: stream a has version 2 where 1"));
    }

    @Test
    void nodesThatDisagreeAreReported() {
        history.acknowledged("a", History.ANY, batch("a", 2, true), 1);
        Map<String, List<LogEntry>> logs = new LinkedHashMap<>();
        logs.put("n1", List.copyOf(log));
        logs.put("n2", List.of(log.get(0)));

        Verdict verdict = HistoryChecker.check(history, logs);

        assertThat(verdict.violations()).hasSize(1);
        assertThat(verdict.violations().get(0)).startsWith("node n2 differs from node n1 at entry 1: null instead of " + log.get(1))
                .contains("n2 holds 1 entries, n1 2", "n1's entry is at index -1 of n2", "1: " + log.get(1));
        assertThat(verdict.describe()).startsWith("FAIL: 1 violations");
    }

    @Test
    void aBatchOfUnknownOutcomeMustBeWholeOrAbsent() {
        List<UUID> ids = batch("a", 3, true);
        history.unknown("a", History.ANY, ids);
        log.remove(2);

        assertThat(checkOn(1).violations()).anyMatch(v -> v.startsWith("torn batch: 2 of 3"));
    }

    @Test
    void aRefusedAppendThatWasWrittenAnywayIsReported() {
        history.refused("a", History.ANY, batch("a", 1, true));

        assertThat(checkOn(1).violations()).anyMatch(v -> v.startsWith("refused but written"));
    }

    @Test
    void anAnswerWithTheWrongVersionIsReported() {
        history.acknowledged("a", History.ANY, batch("a", 2, true), 5);

        assertThat(checkOn(1).violations()).anyMatch(v -> v.startsWith("version:"));
    }

    @Test
    void anAppendThatLandedAfterAnotherVersionThanItExpectedBrokeConcurrency() {
        history.acknowledged("a", -1, batch("a", 1, true), 0);
        history.unknown("a", 5, batch("a", 1, true));

        assertThat(checkOn(1).violations()).anyMatch(v -> v.startsWith("concurrency: an append to a that expected version 5"));
    }

    @Test
    void exactExpectedVersionsThatHeldPass() {
        history.acknowledged("a", -1, batch("a", 2, true), 1);
        history.acknowledged("a", 1, batch("a", 1, true), 2);

        assertThat(checkOn(1).valid()).isTrue();
    }

    @Test
    void anEventNoClientSentIsAPhantom() {
        history.acknowledged("a", History.ANY, batch("a", 1, true), 0);
        batch("a", 1, true);

        assertThat(checkOn(1).violations()).anyMatch(v -> v.startsWith("phantom:"));
    }

    @Test
    void streamsTheRunDidNotWriteAreOnlyComparedAcrossNodes() {
        batch("before-the-run", 2, true);
        history.acknowledged("a", History.ANY, batch("a", 1, true), 0);

        assertThat(checkOn(2).valid()).isTrue();
    }

    @Test
    void aReadThatSawWhatTheLogLostIsReported() {
        history.acknowledged("a", History.ANY, batch("a", 1, true), 0);
        history.read("a", List.of(log.get(0).id(), UUID.randomUUID()));

        assertThat(checkOn(1).violations()).anyMatch(v -> v.startsWith("read lost: a read of a saw"));
    }
}
