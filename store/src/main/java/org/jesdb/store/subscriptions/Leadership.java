package org.jesdb.store.subscriptions;

/** Whether this node leads the store's Raft group, and who does. */
public interface Leadership {

    boolean isLeader();

    /** The leader's node id, or null while there is none. */
    String leaderId();
}
