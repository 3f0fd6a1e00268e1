package org.jesdb.store.raft;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.ratis.server.protocol.TermIndex;
import org.jesdb.store.StoreLimits;
import org.jesdb.store.storage.XodusStorage;
import org.jesdb.store.streams.ExpectedVersion;
import org.jesdb.store.streams.ProposedEvent;
import org.jesdb.store.streams.RecordedEvent;
import org.jesdb.store.streams.WrongExpectedVersionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The apply step on its own: one Raft entry holding several coalesced commands. */
class JesdbStateMachineTest {
    @TempDir
    Path dir;
    XodusStorage storage;
    List<RecordedEvent> heard = new ArrayList<>();
    JesdbStateMachine stateMachine;

    @BeforeEach
    void open() {
        storage = new XodusStorage(dir);
        stateMachine = new JesdbStateMachine(storage, heard::addAll, new CommandValidator(StoreLimits.defaults()));
    }

    @AfterEach
    void close() {
        storage.close();
    }

    private static Command.Append append(String stream, ExpectedVersion expected) {
        return new Command.Append(stream, expected, List.of(ProposedEvent.json(UUID.randomUUID(), "E",
                "{}".getBytes(StandardCharsets.UTF_8), null)));
    }

    @Test
    void oneFailingCommandInAnEntryLeavesItsNeighboursApplied() {
        CommandBatch batch = new CommandBatch(Instant.ofEpochMilli(1000), List.of(
                append("a", ExpectedVersion.noStream()),
                append("a", ExpectedVersion.noStream()),
                append("b", ExpectedVersion.noStream())));

        List<CommandResult> results = stateMachine.applyBatch(batch, TermIndex.valueOf(1, 5));

        assertThat(results.get(0)).isInstanceOf(CommandResult.Appended.class);
        assertThat(results.get(1)).isInstanceOfSatisfying(CommandResult.Failed.class,
                failed -> assertThat(failed.error()).isInstanceOf(WrongExpectedVersionException.class));
        assertThat(results.get(2)).isInstanceOfSatisfying(CommandResult.Appended.class,
                appended -> assertThat(appended.result().firstPosition()).isEqualTo(1));
        assertThat(heard).extracting(RecordedEvent::stream).containsExactly("a", "b");
        assertThat(heard).extracting(RecordedEvent::created).containsOnly(Instant.ofEpochMilli(1000));
        assertThat(storage.applied()).contains(TermIndex.valueOf(1, 5));
    }

    @Test
    void aListenerThatThrowsDoesNotUndoOrStopTheApply() {
        JesdbStateMachine failing = new JesdbStateMachine(storage, events -> {
            throw new IllegalStateException("observer bug");
        }, new CommandValidator(StoreLimits.defaults()));

        List<CommandResult> results = failing.applyBatch(
                new CommandBatch(Instant.now(), List.of(append("a", ExpectedVersion.any()))), TermIndex.valueOf(1, 1));

        assertThat(results).singleElement().isInstanceOf(CommandResult.Appended.class);
        assertThat(storage.applied()).contains(TermIndex.valueOf(1, 1));
    }
}
