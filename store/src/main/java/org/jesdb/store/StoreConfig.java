package org.jesdb.store;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.jesdb.store.raft.RaftTls;

/**
 * How to open a store. Built once, validated, immutable.
 *
 * @param storeId           the store's id; names the Raft group
 * @param dataDir           the folder that holds the Raft log ({@code raft/}) and Xodus ({@code xodus/})
 * @param timeout           the longest any operation waits
 * @param raftHost          the address the Raft server listens on
 * @param raftPort          the Raft server's port; 0 picks a free one (enough for a single node)
 * @param snapshotThreshold Raft entries between two Raft snapshots (which let the log be purged)
 * @param limits            size limits on requests
 * @param nodeId            this node's id in the Raft group
 * @param members           the Raft group's members as this node first learns them: empty for a single
 *                          node; with this node among them for a founding member; without it for a
 *                          node that joins a running group and waits to be added (see {@link #isJoining})
 * @param raftTls           the members' TLS, from the cluster secret; null for a single node
 */
public record StoreConfig(String storeId, Path dataDir, Duration timeout, String raftHost, int raftPort,
                          long snapshotThreshold, StoreLimits limits, String nodeId, List<ClusterMember> members,
                          RaftTls raftTls) {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);
    public static final long DEFAULT_SNAPSHOT_THRESHOLD = 100_000;
    public static final String SINGLE_NODE_ID = "node-1";

    public StoreConfig {
        Names.require("storeId", storeId);
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(raftHost, "raftHost");
        Objects.requireNonNull(limits, "limits");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, was " + timeout);
        }
        if (raftPort < 0 || raftPort > 65535) {
            throw new IllegalArgumentException("raftPort must be 0..65535, was " + raftPort);
        }
        if (snapshotThreshold < 1) {
            throw new IllegalArgumentException("snapshotThreshold must be positive, was " + snapshotThreshold);
        }
        Names.requireUrlSafe("nodeId", nodeId);
        members = List.copyOf(members);
        if (members.stream().map(ClusterMember::id).distinct().count() != members.size()) {
            throw new IllegalArgumentException("member ids must be distinct: " + members);
        }
        if (!members.isEmpty() && raftTls == null) {
            // no cluster talks Raft in the clear
            throw new IllegalArgumentException("a cluster member needs the cluster secret, for Raft's TLS");
        }
    }

    /** A single node: a Raft group of one, named {@code node-1}. */
    public StoreConfig(String storeId, Path dataDir, Duration timeout, String raftHost, int raftPort,
                       long snapshotThreshold, StoreLimits limits) {
        this(storeId, dataDir, timeout, raftHost, raftPort, snapshotThreshold, limits, SINGLE_NODE_ID, List.of(), null);
    }

    /** Whether this store is one member of a group of several. */
    public boolean isClustered() {
        return !members.isEmpty();
    }

    /**
     * Whether this node joins a group that formed without it: its Raft server starts outside
     * the group, and an admin adds it ({@link EventStore#addMember}); it then receives the data.
     */
    public boolean isJoining() {
        return isClustered() && members.stream().noneMatch(member -> member.id().equals(nodeId));
    }

    /**
     * This node as a new member of the running group {@code group}, listening for Raft at
     * {@code raftAddress}, talking to the others over the TLS of {@code secret}.
     */
    public StoreConfig withJoin(String id, String raftAddress, List<ClusterMember> group, String secret) {
        if (group.isEmpty() || group.stream().anyMatch(member -> member.id().equals(id))) {
            throw new IllegalArgumentException("a joining node needs the running group, without itself: " + group);
        }
        int colon = raftAddress.lastIndexOf(':');
        return new StoreConfig(storeId, dataDir, timeout, raftAddress.substring(0, colon),
                Integer.parseInt(raftAddress.substring(colon + 1)), snapshotThreshold, limits, id, group,
                RaftTls.fromSecret(secret));
    }

    /**
     * This node as a member of a group of several, listening for Raft on its own address among
     * {@code members}, talking to the others over the TLS of {@code secret} ({@link RaftTls}).
     */
    public StoreConfig withCluster(String id, List<ClusterMember> group, String secret) {
        ClusterMember self = group.stream().filter(member -> member.id().equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("the members must include this node, '" + id + "'"));
        String address = self.raftAddress();
        int colon = address.lastIndexOf(':');
        return new StoreConfig(storeId, dataDir, timeout, address.substring(0, colon),
                Integer.parseInt(address.substring(colon + 1)), snapshotThreshold, limits, id, group,
                RaftTls.fromSecret(secret));
    }

    /** A single node store in {@code dataDir} with every other setting at its default. */
    public static StoreConfig singleNode(Path dataDir) {
        return new StoreConfig("default", dataDir, DEFAULT_TIMEOUT, "127.0.0.1", 0,
                DEFAULT_SNAPSHOT_THRESHOLD, StoreLimits.defaults());
    }

    public StoreConfig withStoreId(String id) {
        return new StoreConfig(id, dataDir, timeout, raftHost, raftPort, snapshotThreshold, limits, nodeId, members, raftTls);
    }

    public StoreConfig withTimeout(Duration value) {
        return new StoreConfig(storeId, dataDir, value, raftHost, raftPort, snapshotThreshold, limits, nodeId, members, raftTls);
    }

    public StoreConfig withRaftPort(int port) {
        return new StoreConfig(storeId, dataDir, timeout, raftHost, port, snapshotThreshold, limits, nodeId, members, raftTls);
    }

    public StoreConfig withSnapshotThreshold(long entries) {
        return new StoreConfig(storeId, dataDir, timeout, raftHost, raftPort, entries, limits, nodeId, members, raftTls);
    }

    public StoreConfig withLimits(StoreLimits value) {
        return new StoreConfig(storeId, dataDir, timeout, raftHost, raftPort, snapshotThreshold, value, nodeId, members, raftTls);
    }
}
