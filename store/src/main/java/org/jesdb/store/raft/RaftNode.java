package org.jesdb.store.raft;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.ratis.client.RaftClient;
import org.apache.ratis.client.RaftClientConfigKeys;
import org.apache.ratis.conf.RaftProperties;
import org.apache.ratis.protocol.exceptions.AlreadyClosedException;
import org.apache.ratis.protocol.exceptions.RaftRetryFailureException;
import org.apache.ratis.protocol.exceptions.TimeoutIOException;
import org.apache.ratis.retry.ExceptionDependentRetry;
import org.apache.ratis.retry.RetryPolicies;
import org.apache.ratis.retry.RetryPolicy;
import org.apache.ratis.grpc.GrpcConfigKeys;
import org.apache.ratis.protocol.ClientId;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftClientReply;
import org.apache.ratis.protocol.RaftClientRequest;
import org.apache.ratis.protocol.RaftGroup;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftPeer;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.protocol.SetConfigurationRequest;
import org.apache.ratis.server.DivisionInfo;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.server.RaftServerConfigKeys;
import org.apache.ratis.server.storage.RaftStorage;
import org.apache.ratis.thirdparty.com.google.protobuf.ByteString;
import org.apache.ratis.util.SizeInBytes;
import org.apache.ratis.util.TimeDuration;
import org.jesdb.store.ClusterMember;
import org.jesdb.store.ClusterView;
import org.jesdb.store.CorruptDataException;
import org.jesdb.store.MembershipException;
import org.jesdb.store.StoreConfig;
import org.jesdb.store.StoreUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This node's Raft server for the store's group. A single node is a group of one. In a group of
 * several, the leader takes writes in-process and a follower forwards them with a Raft client;
 * linearizable reads ask the leader for its read index from any member.
 */
public final class RaftNode implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RaftNode.class);
    private static final int MIB = 1 << 20;

    /** Replaced when the member stands down from the group and comes back ({@link #leaveGroup}, {@link #rejoinGroup}). */
    private volatile RaftServer server;
    /** Null while the member stands down. */
    private volatile String standingDownBecause;
    /** Set once by {@link #close}, under this node's lock. */
    private boolean closed;
    private final RaftGroupId groupId;
    private final RaftPeerId peerId;
    /** Sends a follower's writes to the leader; null for a single node. */
    /**
     * Sends every write of a group member to the leader (null for a single node). Replaced when
     * Ratis has closed it: once a request exhausts its retries, Ratis fails the client's whole
     * ordered window, and every later request on it would fail too.
     */
    private volatile RaftClient forwarder;
    private final StoreConfig config;
    private final RaftGroup group;
    /** Random per start, so call ids never collide with Ratis's retry cache of a previous run. */
    private final ClientId clientId = ClientId.randomId();
    private final AtomicLong callIds = new AtomicLong();
    /** Makes the state machine of each server this node starts (Ratis closes it with its server). */
    private final Supplier<JesdbStateMachine> stateMachines;
    private final Path raftDir;
    private volatile JesdbStateMachine stateMachine;

    private RaftNode(RaftGroupId groupId, RaftPeerId peerId, RaftClient forwarder, Supplier<JesdbStateMachine> stateMachines,
                     StoreConfig config, RaftGroup group, Path raftDir) {
        this.config = config;
        this.group = group;
        this.stateMachines = stateMachines;
        this.groupId = groupId;
        this.peerId = peerId;
        this.forwarder = forwarder;
        this.raftDir = raftDir;
    }

    /** Starts the Raft server in {@code raftDir}: formats the group the first time, recovers it after. */
    public static RaftNode start(StoreConfig config, Path raftDir, Supplier<JesdbStateMachine> stateMachines)
            throws IOException {
        RaftGroupId groupId = groupIdOf(config.storeId());
        RaftGroup group = RaftGroup.valueOf(groupId, peers(config));
        RaftClient forwarder = config.isClustered() ? forwarder(config, group) : null;
        RaftNode node = new RaftNode(groupId, RaftPeerId.valueOf(config.nodeId()), forwarder, stateMachines, config, group,
                raftDir);
        try {
            node.startServer();
        } catch (IOException | RuntimeException e) {
            if (forwarder != null) {
                forwarder.close();
            }
            throw e;
        }
        return node;
    }

    /** The Raft group of a store: the same on every member, derived from the store id. */
    public static RaftGroupId groupIdOf(String storeId) {
        return RaftGroupId.valueOf(UUID.nameUUIDFromBytes(("jesdb:" + storeId).getBytes(StandardCharsets.UTF_8)));
    }

    private void startServer() throws IOException {
        JesdbStateMachine machine = stateMachines.get();
        // A joining node starts outside the group; the leader sends it the configuration once an admin adds it.
        RaftGroup serverGroup = config.isJoining() ? RaftGroup.valueOf(groupId) : group;
        boolean exists = Files.isDirectory(folders().group());
        if (!exists && machine.holdsData()) {
            // A new log under old state would skip the new entries as already applied.
            throw new CorruptDataException("the Raft log of store '" + config.storeId() + "' is missing from " + raftDir
                    + " but its Xodus state exists; restore the whole data folder from a backup, or move it away to start empty");
        }
        if (exists) {
            long committed = Math.max(SnapshotMarkers.latestIndex(folders().snapshots()), machine.appliedInXodus());
            RaftLogScan.cutTornEnd(logDir(), largestLogEntry(), committed).ifPresent(LOG::warn);
            requireLogReachesState(machine);
        }
        if (config.isClustered()) {
            machine.enableStateTransfer(raftDir.resolveSibling("transfer"), groupId, config.raftTls());
        }
        // A single node's port takes no one: it has no peers, and its appends are submitted in-process.
        RaftTls tls = config.isClustered() ? config.raftTls() : RaftTls.forThisProcessOnly();
        RaftServer started = RaftServer.newBuilder()
                .setParameters(tls.parameters())
                .setServerId(peerId)
                .setGroup(serverGroup)
                .setStateMachine(machine)
                .setProperties(properties(config, raftDir))
                .setOption(exists ? RaftStorage.StartupOption.RECOVER : RaftStorage.StartupOption.FORMAT)
                .build();
        try {
            started.start();
        } catch (IOException | RuntimeException e) {
            started.close();
            if (RaftLogScan.isDamage(e)) {
                throw damagedLog(e);
            }
            for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
                if (cause instanceof CorruptDataException damage) {
                    // found by the state machine as Ratis started it: repairable in a cluster
                    throw damage;
                }
            }
            throw e;
        }
        stateMachine = machine;
        server = started;
        LOG.info("raft server started group={} peer={} members={} storage={} startup={}", groupId, peerId,
                group.getPeers().size(), raftDir, exists ? "RECOVER" : "FORMAT");
    }

    /** A bound above any entry in this node's log, for reading its segments without Ratis. */
    private long largestLogEntry() {
        return 2 * (config.limits().maxEntryBytes() + MIB);
    }

    private RaftFolders folders() {
        return RaftFolders.of(raftDir, groupId);
    }

    private Path logDir() {
        return folders().log();
    }

    private CorruptDataException damagedLog(Exception failure) throws IOException {
        String file = RaftLogScan.damagedSegment(logDir(), largestLogEntry())
                .map(Path::toString).orElse("a segment in " + logDir());
        return new CorruptDataException("the Raft log file " + file + " is damaged (" + RaftLogScan.damageOf(failure)
                + "). " + DAMAGED_LOG_ADVICE);
    }

    private static final String DAMAGED_LOG_ADVICE = "Acknowledged writes may be only there: a cluster member repairs "
            + "itself from a peer when it starts; a single node cannot: restore the data folder from a backup.";

    /**
     * A log that ends before the state it fed lost synced entries at its end (a cut-off segment;
     * Xodus applies only what the log synced). Entries after the state may be lost with them, and
     * Ratis cannot go on from such a log anyway: this is damage (a cluster member repairs it from
     * its peers, see MemberRepair). A damaged entry, rather than a cut-off end, is left for Ratis to
     * meet when it loads the log (see damagedLog).
     */
    private void requireLogReachesState(JesdbStateMachine machine) throws IOException {
        Path smDir = folders().snapshots();
        long logEnd;
        try {
            logEnd = RaftLogScan.lastIndex(logDir(), largestLogEntry());
        } catch (IOException e) {
            if (RaftLogScan.isDamage(e)) {
                return;
            }
            throw e;
        }
        long snapshot = SnapshotMarkers.latestIndex(smDir);
        long xodus = machine.appliedInXodus();
        if (logEnd >= 0 && logEnd < Math.max(snapshot, xodus)) {
            throw new CorruptDataException("the Raft log in " + logDir() + " ends at index " + logEnd + ", before the state "
                    + "it fed (Xodus at " + xodus + ", snapshot at " + snapshot + "): its end was cut off, and acknowledged "
                    + "entries after the state may be lost with it. " + DAMAGED_LOG_ADVICE);
        }
    }

    /**
     * Takes this member out of its group's work: its Raft server stops, as if the node were down,
     * while the node keeps answering local reads and forwarding writes to the leader. The rest of
     * the group goes on if it is a majority. {@code reason} is shown in the node's status.
     */
    public synchronized void leaveGroup(String reason) throws IOException {
        if (standingDownBecause != null) {
            return;
        }
        standingDownBecause = reason;
        LOG.warn("this member stands down from the group: {}", reason);
        server.close();
    }

    /** Starts the Raft server again after {@link #leaveGroup}; it recovers from its log like a restarted node. */
    public synchronized void rejoinGroup() throws IOException {
        if (standingDownBecause == null || closed) {
            return;
        }
        startServer();
        LOG.info("this member is back in the group (it had stood down: {})", standingDownBecause);
        standingDownBecause = null;
    }

    /** Why this member stands down from its group, or null while it takes part. */
    public String standingDownBecause() {
        return standingDownBecause;
    }

    private static List<RaftPeer> peers(StoreConfig config) {
        if (!config.isClustered()) {
            return List.of(RaftPeer.newBuilder().setId(config.nodeId())
                    .setAddress(config.raftHost() + ":" + config.raftPort()).build());
        }
        List<RaftPeer> peers = new ArrayList<>();
        for (ClusterMember member : config.members()) {
            peers.add(RaftPeer.newBuilder().setId(member.id()).setAddress(member.raftAddress()).build());
        }
        return peers;
    }

    /**
     * A client that finds the leader and retries there. Fast failures (no leader yet, a leader
     * not ready, a refused connection) are retried for about 22 s, which rides out an election;
     * timeouts, of a third of the node's timeout each, up to 25 s more. Without the shorter
     * attempts, a follower's first append after its leader was killed waited out the whole node
     * timeout on the dead leader (the failover probe in bench/ measured 11-12 s, now about 1.3 s).
     * Both stay within Ratis's retry cache expiry (60 s), so a late retry is still recognised as one.
     */
    private static RaftClient forwarder(StoreConfig config, RaftGroup group) {
        RaftProperties p = new RaftProperties();
        // A third of the node's timeout per attempt: an attempt sent to a leader that just died
        // must give way to one at the new leader before the node's own timeout ends the append.
        long attemptMillis = Math.max(1_000, config.timeout().toMillis() / 3);
        RaftClientConfigKeys.Rpc.setRequestTimeout(p, TimeDuration.valueOf(attemptMillis, TimeUnit.MILLISECONDS));
        GrpcConfigKeys.setMessageSizeMax(p, SizeInBytes.valueOf(config.limits().maxEntryBytes() + 2L * MIB));
        int slowAttempts = (int) Math.max(1, Math.min(15, 25_000 / attemptMillis));
        RetryPolicy retries = ExceptionDependentRetry.newBuilder()
                .setDefaultPolicy(RetryPolicies.retryUpToMaximumCountWithFixedSleep(150,
                        TimeDuration.valueOf(150, TimeUnit.MILLISECONDS)))
                .setExceptionToPolicy(TimeoutIOException.class, RetryPolicies.retryUpToMaximumCountWithFixedSleep(slowAttempts,
                        TimeDuration.valueOf(100, TimeUnit.MILLISECONDS)))
                .setMaxAttempts(150 + slowAttempts)
                .build();
        return RaftClient.newBuilder().setProperties(p).setParameters(config.raftTls().parameters()).setRaftGroup(group)
                .setClientId(ClientId.randomId()).setRetryPolicy(retries).build();
    }

    /** Replaces a forwarder Ratis has closed (see {@link #forwarder}); the failed write stays failed. */
    private void replaceIfClosed(RaftClient used, Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof AlreadyClosedException || cause instanceof RaftRetryFailureException) {
                synchronized (this) {
                    if (forwarder == used) {
                        forwarder = forwarder(config, group);
                        LOG.warn("the Raft client that forwards writes was closed by Ratis ({}); replaced it", cause.toString());
                        try {
                            used.close();
                        } catch (IOException e) {
                            LOG.debug("closing the old forwarder: {}", e.toString());
                        }
                    }
                }
                return;
            }
        }
    }

    static RaftProperties properties(StoreConfig config, Path raftDir) {
        RaftProperties p = new RaftProperties();
        RaftServerConfigKeys.setStorageDir(p, List.of(raftDir.toFile()));
        GrpcConfigKeys.Server.setHost(p, config.raftHost());
        GrpcConfigKeys.Server.setPort(p, config.raftPort());
        // The default read option is not linearizable.
        RaftServerConfigKeys.Read.setOption(p, RaftServerConfigKeys.Read.Option.LINEARIZABLE);
        RaftServerConfigKeys.Read.setTimeout(p, TimeDuration.valueOf(config.timeout().toMillis(), TimeUnit.MILLISECONDS));
        RaftServerConfigKeys.Log.setCorruptionPolicy(p, RaftServerConfigKeys.Log.CorruptionPolicy.EXCEPTION);
        // Ratis otherwise writes (and syncs) a metadata entry after every commit: two log entries
        // per append. The commit index is recomputed from the log after a restart; both kill
        // tests (KillDurabilityTest, KillNodeIT) check no acknowledged append is lost without it.
        RaftServerConfigKeys.Log.setLogMetadataEnabled(p, false);
        // With "compose" (Ratis's default) a follower appends entries asynchronously and accepts a
        // heartbeat whose previous entry is still only queued; it then raises its commit index over
        // the entries already on its disk. On a deposed leader those are its own uncommitted
        // entries, which the queued append is about to truncate: the applier can apply one first,
        // and that member's state diverges for good (PartitionIT saw it once in CI). Appending
        // synchronously checks every heartbeat against the log itself.
        RaftServerConfigKeys.Log.setAppendEntriesComposeEnabled(p, false);
        RaftServerConfigKeys.Snapshot.setAutoTriggerEnabled(p, true);
        RaftServerConfigKeys.Snapshot.setAutoTriggerThreshold(p, config.snapshotThreshold());
        RaftServerConfigKeys.Snapshot.setRetentionFileNum(p, 2);
        RaftServerConfigKeys.Log.setPurgeUptoSnapshotIndex(p, true);
        RaftServerConfigKeys.Log.setPurgeGap(p, (int) Math.min(1024, config.snapshotThreshold()));
        // A member that misses purged entries is told to fetch the leader's whole Xodus state
        // (JesdbStateMachine.notifyInstallSnapshotFromLeader) instead of receiving snapshot files.
        RaftServerConfigKeys.Log.Appender.setInstallSnapshotEnabled(p, false);
        // One entry carries a coalesced batch of appends; every buffer must hold the largest one.
        long entryLimit = config.limits().maxEntryBytes();
        RaftServerConfigKeys.Log.Appender.setBufferByteLimit(p, SizeInBytes.valueOf(entryLimit));
        // Ratis refuses to start unless the write buffer exceeds the appender's limit + 8 bytes.
        RaftServerConfigKeys.Log.setWriteBufferSize(p, SizeInBytes.valueOf(entryLimit + MIB));
        RaftServerConfigKeys.Log.setSegmentSizeMax(p, SizeInBytes.valueOf(Math.max(32L * MIB, 2 * entryLimit)));
        GrpcConfigKeys.setMessageSizeMax(p, SizeInBytes.valueOf(entryLimit + 2L * MIB));
        return p;
    }

    /**
     * Submits a write. A single node submits in-process (the reply completes on Ratis's applier
     * thread). In a group every write goes through the one Raft client, leader included: its
     * retries keep their client and call id, so Ratis's retry cache answers a retried write that
     * was already committed instead of applying it twice across a leader change.
     */
    public CompletableFuture<RaftClientReply> submitWrite(byte[] content) {
        RaftClient client = forwarder;
        if (client != null) {
            return client.async().send(Message.valueOf(ByteString.copyFrom(content)))
                    .whenComplete((reply, failure) -> replaceIfClosed(client, failure));
        }
        return submit(content, RaftClientRequest.writeRequestType());
    }

    /**
     * Completes once this node's state has applied everything committed before the call
     * (Raft read index): a read made after it is linearizable.
     */
    public CompletableFuture<RaftClientReply> readBarrier() {
        return submit(new byte[0], RaftClientRequest.readRequestType());
    }

    private CompletableFuture<RaftClientReply> submit(byte[] content, RaftClientRequest.Type type) {
        RaftClientRequest request = RaftClientRequest.newBuilder()
                .setClientId(clientId)
                .setServerId(peerId)
                .setGroupId(groupId)
                .setCallId(callIds.incrementAndGet())
                .setMessage(Message.valueOf(ByteString.copyFrom(content)))
                .setType(type)
                .build();
        String standingDown = standingDownBecause;
        if (standingDown != null) {
            return CompletableFuture.failedFuture(new StoreUnavailableException("this member stands down from its group ("
                    + standingDown + "): ask another member, or read locally"));
        }
        try {
            return server.submitClientRequestAsync(request);
        } catch (IOException e) {
            return CompletableFuture.failedFuture(new StoreUnavailableException("raft refused the request: " + e.getMessage(), e));
        }
    }

    /**
     * Waits until the group has a leader that has committed an entry of its term (for a single
     * node: until it leads).
     */
    public void awaitLeader(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!hasReadyLeader()) {
            if (System.nanoTime() > deadline) {
                throw new StoreUnavailableException("no Raft leader after " + timeout.toMillis() + " ms");
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StoreUnavailableException("interrupted while waiting for a Raft leader");
            }
        }
    }

    private boolean hasReadyLeader() {
        DivisionInfo info = info();
        if (info == null) {
            return false;
        }
        // A follower cannot see whether the leader is ready; a known leader and an applied entry of the term will do.
        return info.isLeader() ? info.isLeaderReady() : info.getLeaderId() != null && info.getLastAppliedIndex() >= 0;
    }

    public boolean isReadyLeader() {
        DivisionInfo info = info();
        return info != null && info.isLeader() && info.isLeaderReady();
    }

    /** The group as this node sees it: its members, roles, and on the leader how far each one is. */
    public ClusterView view(String nodeId) {
        try {
            var division = server.getDivision(groupId);
            DivisionInfo info = division.getInfo();
            String leader = info.getLeaderId() == null ? null : info.getLeaderId().toString();
            long commit = division.getRaftLog().getLastCommittedIndex();
            List<RaftPeer> peers = new ArrayList<>(division.getRaftConf().getCurrentPeers());
            Map<String, Long> matched = new HashMap<>();
            if (info.isLeader()) {
                var followers = info.getRoleInfoProto().getLeaderInfo().getFollowerInfoList();
                long[] indexes = info.getFollowerMatchIndices();
                for (int i = 0; i < followers.size() && i < indexes.length; i++) {
                    matched.put(followers.get(i).getId().getId().toStringUtf8(), indexes[i]);
                }
                matched.put(nodeId, commit);
            }
            List<ClusterView.Member> members = new ArrayList<>();
            for (RaftPeer peer : peers) {
                String id = peer.getId().toString();
                String role = id.equals(nodeId) ? info.getCurrentRole().name() : id.equals(leader) ? "LEADER" : "FOLLOWER";
                long match = matched.getOrDefault(id, -1L);
                members.add(new ClusterView.Member(id, peer.getAddress(), role, match, match < 0 ? -1 : Math.max(0, commit - match)));
            }
            members.sort(Comparator.comparing(ClusterView.Member::id));
            return new ClusterView(nodeId, leader, commit, info.getLastAppliedIndex(), members);
        } catch (IOException e) {
            throw new StoreUnavailableException("the Raft server is not running: " + e.getMessage(), e);
        }
    }

    /**
     * Adds {@code member} to the group through the leader. Ratis first brings the new member up
     * to date (from the log, or by a state transfer), then commits the new configuration; this
     * waits for both, at most {@code timeout}.
     */
    public void addMember(ClusterMember member, Duration timeout) {
        List<RaftPeer> current = currentPeers();
        if (current.stream().anyMatch(peer -> peer.getId().toString().equals(member.id()))) {
            throw new MembershipException(member.id(), MembershipException.Reason.ALREADY_MEMBER,
                    "node '" + member.id() + "' is a member already");
        }
        List<RaftPeer> next = new ArrayList<>(current);
        next.add(RaftPeer.newBuilder().setId(member.id()).setAddress(member.raftAddress()).build());
        setConfiguration(current, next, member.id(), timeout);
    }

    /** Whether this member is installing a whole state received from the leader (it is then not ready). */
    public boolean isInstallingState() {
        return stateMachine.isInstalling();
    }

    /** How many whole states this member has installed since it started. */
    public long stateInstalls() {
        return stateMachine.installs();
    }

    /** Removes the member {@code id} through the leader; the removed node stops counting for the quorum. */
    public void removeMember(String id, Duration timeout) {
        List<RaftPeer> current = currentPeers();
        List<RaftPeer> next = current.stream().filter(peer -> !peer.getId().toString().equals(id)).toList();
        if (next.size() == current.size()) {
            throw new MembershipException(id, MembershipException.Reason.UNKNOWN_MEMBER, "node '" + id + "' is not a member");
        }
        if (next.isEmpty()) {
            throw new MembershipException(id, MembershipException.Reason.LAST_MEMBER,
                    "node '" + id + "' is the last member; a group cannot be empty");
        }
        setConfiguration(current, next, id, timeout);
    }

    private List<RaftPeer> currentPeers() {
        try {
            List<RaftPeer> peers = new ArrayList<>(server.getDivision(groupId).getRaftConf().getCurrentPeers());
            if (peers.stream().noneMatch(peer -> peer.getId().equals(peerId))) {
                throw new MembershipException(peerId.toString(), MembershipException.Reason.NOT_A_MEMBER,
                        "this node is not a member of the group (it waits to be added, or was removed): ask a member");
            }
            return peers;
        } catch (IOException e) {
            throw new StoreUnavailableException("the Raft server is not running: " + e.getMessage(), e);
        }
    }

    /**
     * Compare-and-set: the leader refuses the change if the group is no longer {@code current}
     * (another change went first, or this node's view is behind), so no change is lost.
     */
    private void setConfiguration(List<RaftPeer> current, List<RaftPeer> next, String member, Duration timeout) {
        if (forwarder == null) {
            throw new MembershipException(member, MembershipException.Reason.NOT_CLUSTERED,
                    "a single node store has no group to change; start it with JESDB_DB_TYPE=cluster");
        }
        RaftProperties p = new RaftProperties();
        RaftClientConfigKeys.Rpc.setRequestTimeout(p, TimeDuration.valueOf(timeout.toMillis(), TimeUnit.MILLISECONDS));
        // Retried only to find the leader: a change that timed out may still commit, so it is not sent again.
        RetryPolicy findLeader = ExceptionDependentRetry.newBuilder()
                .setDefaultPolicy(RetryPolicies.retryUpToMaximumCountWithFixedSleep(5, TimeDuration.valueOf(200, TimeUnit.MILLISECONDS)))
                .setExceptionToPolicy(TimeoutIOException.class, RetryPolicies.noRetry())
                .build();
        try (RaftClient admin = RaftClient.newBuilder().setProperties(p).setParameters(config.raftTls().parameters())
                .setRaftGroup(RaftGroup.valueOf(groupId, current)).setClientId(ClientId.randomId())
                .setRetryPolicy(findLeader).build()) {
            RaftClientReply reply = admin.admin().setConfiguration(SetConfigurationRequest.Arguments.newBuilder()
                    .setServersInCurrentConf(current).setServersInNewConf(next)
                    .setMode(SetConfigurationRequest.Mode.COMPARE_AND_SET).build());
            if (!reply.isSuccess()) {
                throw new MembershipException(member, MembershipException.Reason.NOT_APPLIED,
                        "the group did not change: " + reply.getException());
            }
            LOG.info("raft group changed: {} -> {}", ids(current), ids(next));
        } catch (IOException e) {
            if (causedByTimeout(e)) {
                throw new MembershipException(member, MembershipException.Reason.TIMED_OUT, "the change did not finish within "
                        + timeout.toMinutes() + " minutes and may still be made: see GET /api/cluster before asking again");
            }
            throw new MembershipException(member, MembershipException.Reason.NOT_APPLIED,
                    "the group did not change: " + e.getMessage());
        }
    }

    private static boolean causedByTimeout(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof TimeoutIOException) {
                return true;
            }
        }
        return false;
    }

    private static List<String> ids(List<RaftPeer> peers) {
        return peers.stream().map(peer -> peer.getId().toString()).sorted().toList();
    }

    /** The last entry this node knows to be committed, or -1 when the server is not running. */
    public long commitIndex() {
        try {
            return server.getDivision(groupId).getRaftLog().getLastCommittedIndex();
        } catch (IOException e) {
            return -1;
        }
    }

    /** This node's view of its group, or null when the server is not running. */
    public DivisionInfo info() {
        try {
            return server.getDivision(groupId).getInfo();
        } catch (IOException e) {
            return null;
        }
    }

    @Override
    public synchronized void close() throws IOException {
        // a member standing down must not come back once the node closes
        closed = true;
        if (forwarder != null) {
            forwarder.close();
        }
        server.close();
        LOG.info("raft server stopped group={}", groupId);
    }
}
