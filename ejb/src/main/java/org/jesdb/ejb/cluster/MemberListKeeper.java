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
 * so that a restarted member, and a node that comes new, find the group as it is now. Ratis
 * tells on its applier thread: the file is written there (small, local), the Hazelcast write
 * on a thread of its own, in order, since it can wait a minute while the cluster is split.
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
            // The file first, at once (small and local: a restart needs it); Hazelcast after, on its own thread.
            discovery.keepFile(config, members);
            writer.execute(() -> publish(members));
        } catch (RejectedExecutionException stopping) {
            LOG.fine("the member list changed while the node stops");
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "could not keep the member list " + members, e);
        }
    }

    private void publish(List<ClusterMember> members) {
        try {
            discovery.publishGroup(config, members);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "could not publish the member list " + members, e);
        }
    }
}
