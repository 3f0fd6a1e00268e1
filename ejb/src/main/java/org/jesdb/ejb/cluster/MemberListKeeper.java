package org.jesdb.ejb.cluster;

import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.jesdb.ejb.config.JesdbConfig;
import org.jesdb.store.ClusterMember;
import org.jesdb.store.streams.CommitListener;
import org.jesdb.store.streams.RecordedEvent;

/**
 * Keeps the member list in the data folder and in Hazelcast after every change Raft commits,
 * so that a restarted member, and a node that comes new, find the group as it is now. The
 * writes run on a thread of their own, in order: Ratis tells on its applier thread, and a
 * Hazelcast write can wait for a minute while its cluster is split (a network partition).
 */
public final class MemberListKeeper implements CommitListener {
    private static final Logger LOG = Logger.getLogger(MemberListKeeper.class.getName());
    private final RaftMemberDiscovery discovery;
    private final JesdbConfig config;
    private final Executor writer;

    /** {@code writer} runs one task at a time, in order. */
    public MemberListKeeper(RaftMemberDiscovery discovery, JesdbConfig config, Executor writer) {
        this.discovery = discovery;
        this.config = config;
        this.writer = writer;
    }

    @Override
    public void eventsAppended(List<RecordedEvent> events) {
        // only the members matter here
    }

    @Override
    public void membersChanged(List<ClusterMember> members) {
        try {
            writer.execute(() -> keep(members));
        } catch (RejectedExecutionException stopping) {
            LOG.fine("the member list changed while the node stops");
        }
    }

    private void keep(List<ClusterMember> members) {
        try {
            discovery.keep(config, members);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "could not keep the member list " + members, e);
        }
    }
}
