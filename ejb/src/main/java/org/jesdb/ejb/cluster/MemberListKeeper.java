package org.jesdb.ejb.cluster;

import java.util.List;
import org.jesdb.ejb.config.JesdbConfig;
import org.jesdb.store.ClusterMember;
import org.jesdb.store.streams.CommitListener;
import org.jesdb.store.streams.RecordedEvent;

/**
 * Keeps the member list in the data folder and in Hazelcast after every change Raft commits,
 * so that a restarted member, and a node that comes new, find the group as it is now. The
 * writes are small and rare (an admin's change): they are made on the Ratis thread that tells.
 */
public final class MemberListKeeper implements CommitListener {
    private final RaftMemberDiscovery discovery;
    private final JesdbConfig config;

    public MemberListKeeper(RaftMemberDiscovery discovery, JesdbConfig config) {
        this.discovery = discovery;
        this.config = config;
    }

    @Override
    public void eventsAppended(List<RecordedEvent> events) {
        // only the members matter here
    }

    @Override
    public void membersChanged(List<ClusterMember> members) {
        discovery.keep(config, members);
    }
}
