package org.jesdb.store.raft;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.ratis.client.RaftClient;
import org.apache.ratis.client.RaftClientConfigKeys;
import org.apache.ratis.conf.RaftProperties;
import org.apache.ratis.protocol.ClientId;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftClientReply;
import org.apache.ratis.protocol.RaftGroup;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftPeer;
import org.apache.ratis.retry.RetryPolicies;
import org.apache.ratis.server.protocol.TermIndex;
import org.apache.ratis.util.TimeDuration;
import org.jesdb.store.ClusterMember;
import org.jesdb.store.CorruptDataException;
import org.jesdb.store.StoreConfig;
import org.jesdb.store.storage.StateInstallation;
import org.jesdb.store.storage.XodusStorage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rebuilds a cluster member whose files are damaged from a peer, before its Raft server starts:
 * its Xodus folder, log segments and snapshot markers are set aside (kept for the operator in
 * {@code damaged-<time>/}), a peer that has just answered a linearizable read sends its whole
 * state, and that state is marked as this member's Raft snapshot. The member keeps its Raft
 * term and vote (raft-meta), and its new state reaches at least every entry its old log named,
 * so it never forgets an entry it may have acknowledged: Ratis then sends it the entries after
 * the state, as to a member whose log was purged. A flag file makes a repair that a crash
 * interrupted start again.
 */
public final class MemberRepair {
    private static final Logger LOG = LoggerFactory.getLogger(MemberRepair.class);
    private static final String FLAG = "REPAIRING";
    /** How long a peer that answers for the group is looked for: an election may be under way. */
    private static final Duration FIND_SOURCE = Duration.ofMinutes(2);

    private final StoreConfig config;
    private final Path home;
    private final RaftGroupId groupId;

    private MemberRepair(StoreConfig config, Path home) {
        this.config = config;
        this.home = home;
        this.groupId = RaftNode.groupIdOf(config.storeId());
    }

    /** Whether a repair began in {@code home} and did not finish. */
    public static boolean interrupted(Path home) {
        return Files.exists(home.resolve(FLAG));
    }

    /** Rebuilds the member in {@code home} (its store's folder) from a peer; {@code damage} says why. */
    public static void rebuild(StoreConfig config, Path home, String damage) throws IOException {
        new MemberRepair(config, home).rebuild(damage);
    }

    private void rebuild(String damage) throws IOException {
        LOG.error("this member's data is damaged ({}): rebuilding it from a peer", damage);
        Path flag = home.resolve(FLAG);
        long atLeast = Files.exists(flag) ? Long.parseLong(Files.readString(flag, StandardCharsets.UTF_8).trim())
                : highestIndexNamed();
        Files.writeString(flag, Long.toString(atLeast), StandardCharsets.UTF_8);
        StateInstallation.syncDirectory(home);

        Path aside = home.resolve("damaged-" + System.currentTimeMillis());
        moveIfExists(xodus(), aside.resolve("xodus"));
        RaftLogScan.moveAll(groupDir().resolve("current"), aside.resolve("raft-log"));
        moveAllFiles(groupDir().resolve("sm"), aside.resolve("raft-sm"));

        RaftPeer source = findSource();
        Path unpacked = StateTransfer.receive(source, groupId, atLeast, home.resolve("transfer"), xodus());
        StateInstallation.swapIn(xodus(), unpacked);
        TermIndex installed;
        try (XodusStorage storage = new XodusStorage(xodus())) {
            installed = storage.applied().orElseThrow(() -> new CorruptDataException("the state of member '"
                    + source.getId() + "' has no applied index"));
        }
        Path smDir = groupDir().resolve("sm");
        Files.createDirectories(smDir);
        SnapshotMarkers.write(SnapshotMarkers.fileFor(smDir, installed), installed);
        Files.delete(flag);
        StateInstallation.syncDirectory(home);
        LOG.warn("rebuilt this member from member '{}' up to term={} index={}; the damaged files are kept in {}",
                source.getId(), installed.getTerm(), installed.getIndex(), aside);
    }

    private Path xodus() {
        return home.resolve("xodus");
    }

    private Path groupDir() {
        return home.resolve("raft").resolve(groupId.getUuid().toString());
    }

    /** The highest index the old log or snapshot markers name: the new state must reach it. */
    private long highestIndexNamed() {
        long highest = -1;
        try {
            highest = Math.max(highest, RaftLogScan.lastIndex(groupDir().resolve("current"),
                    2 * (config.limits().maxEntryBytes() + (1L << 20))));
        } catch (IOException | RuntimeException e) {
            LOG.warn("could not read where the damaged log ends: {}", e.toString());
        }
        try {
            highest = Math.max(highest, SnapshotMarkers.latestIndex(groupDir().resolve("sm")));
        } catch (IOException e) {
            LOG.warn("could not read the snapshot markers: {}", e.toString());
        }
        return highest;
    }

    /**
     * A peer that has applied everything committed: the one that answers a linearizable read
     * (the leader, or a follower that asked it for its read index).
     */
    private RaftPeer findSource() throws IOException {
        List<RaftPeer> peers = new ArrayList<>();
        for (ClusterMember member : config.members()) {
            if (!member.id().equals(config.nodeId())) {
                peers.add(RaftPeer.newBuilder().setId(member.id()).setAddress(member.raftAddress()).build());
            }
        }
        RaftProperties p = new RaftProperties();
        RaftClientConfigKeys.Rpc.setRequestTimeout(p, TimeDuration.valueOf(10, TimeUnit.SECONDS));
        long attempts = FIND_SOURCE.toMillis() / 500;
        try (RaftClient client = RaftClient.newBuilder().setProperties(p).setRaftGroup(RaftGroup.valueOf(groupId, peers))
                .setClientId(ClientId.randomId())
                .setRetryPolicy(RetryPolicies.retryUpToMaximumCountWithFixedSleep((int) attempts,
                        TimeDuration.valueOf(500, TimeUnit.MILLISECONDS))).build()) {
            RaftClientReply reply = client.io().sendReadOnly(Message.EMPTY);
            String answered = reply.getServerId().toString();
            return peers.stream().filter(peer -> peer.getId().toString().equals(answered)).findFirst()
                    .orElseThrow(() -> new IOException("member '" + answered + "' answered but is not a peer"));
        }
    }

    private static void moveIfExists(Path from, Path to) throws IOException {
        if (Files.exists(from)) {
            Files.createDirectories(to.getParent());
            Files.move(from, to);
        }
    }

    private static void moveAllFiles(Path folder, Path to) throws IOException {
        if (!Files.isDirectory(folder)) {
            return;
        }
        Files.createDirectories(to);
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.toList()) {
                Files.move(file, to.resolve(file.getFileName()));
            }
        }
    }
}
