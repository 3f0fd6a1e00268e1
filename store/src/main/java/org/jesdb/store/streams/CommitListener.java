package org.jesdb.store.streams;

import java.util.List;
import org.jesdb.store.ClusterMember;

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

    /** Tells {@code first}, then {@code second}. */
    static CommitListener both(CommitListener first, CommitListener second) {
        return new CommitListener() {
            @Override
            public void eventsAppended(List<RecordedEvent> events) {
                first.eventsAppended(events);
                second.eventsAppended(events);
            }

            @Override
            public void subscriptionChanged(String name) {
                first.subscriptionChanged(name);
                second.subscriptionChanged(name);
            }

            @Override
            public void leaderChanged(boolean thisNodeLeads) {
                first.leaderChanged(thisNodeLeads);
                second.leaderChanged(thisNodeLeads);
            }

            @Override
            public void stateInstalled() {
                first.stateInstalled();
                second.stateInstalled();
            }

            @Override
            public void membersChanged(List<ClusterMember> members) {
                first.membersChanged(members);
                second.membersChanged(members);
            }
        };
    }

    /** A persistent subscription was created, updated or deleted. */
    default void subscriptionChanged(String name) {
    }

    /** The group has a new leader (called on a Ratis thread: return at once). */
    default void leaderChanged(boolean thisNodeLeads) {
    }

    /**
     * This member replaced its whole state with a newer one from another member, because the
     * entries it missed had been purged: those appends were not told one by one. Readers that
     * follow the log by position (subscriptions) read on from where they were.
     */
    default void stateInstalled() {
    }

    /**
     * The group's members changed (an admin added or removed one), or this node learned them
     * when it joined (called on a Ratis thread: return at once).
     */
    default void membersChanged(List<ClusterMember> members) {
    }
}
