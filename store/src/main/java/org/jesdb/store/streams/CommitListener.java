package org.jesdb.store.streams;

import java.util.List;

/**
 * Told about every committed append, in log order, after its transaction is durable in the
 * state machine. Called on Raft's applier thread: hand the work to an executor of your own and
 * return at once.
 */
@FunctionalInterface
public interface CommitListener {
    CommitListener NONE = events -> { };

    /** {@code events} are one append's events, all of one stream. */
    void eventsAppended(List<RecordedEvent> events);
}
