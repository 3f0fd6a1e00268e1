package org.jesdb.store.raft;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.ratis.client.RaftClient;
import org.apache.ratis.client.RaftClientConfigKeys;
import org.apache.ratis.conf.RaftProperties;
import org.apache.ratis.proto.RaftProtos.CommitInfoProto;
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
import org.jesdb.store.StoreUnavailableException;
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
    /** How long the source may take to reach the old log's end before the commit index has to do. */
    private static final Duration CATCH_UP = Duration.ofSeconds(60);

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
        if (!Files.exists(folders().termAndVote())) {
            // Ratis would format the storage: a member that forgot its vote could vote twice in a term.
            throw new CorruptDataException("this member's data is damaged (" + damage + ") and its Raft term and vote "
                    + "(raft-meta) are missing too, so it cannot rejoin as itself: remove it from the group (DELETE "
                    + "/api/cluster/members/" + config.nodeId() + " on another member), delete its data folder, and add it "
                    + "back as a new member");
        }
        LOG.error("this member's data is damaged ({}): rebuilding it from a peer", damage);
        Path flag = home.resolve(FLAG);
        long named = Math.max(readFlag(flag), highestIndexNamed());
        writeFlag(flag, named);

        Path aside = home.resolve("damaged-" + System.currentTimeMillis());
        moveIfExists(xodus(), aside.resolve("xodus"));
        RaftLogScan.moveAll(folders().log(), aside.resolve("raft-log"));
        moveAllFiles(folders().snapshots(), aside.resolve("raft-sm"));

        Source source = findSource();
        Path unpacked = fetch(source, named);
        StateInstallation.swapIn(xodus(), unpacked);
        TermIndex installed;
        try (XodusStorage storage = new XodusStorage(xodus())) {
            installed = storage.applied().orElseThrow(() -> new CorruptDataException("the state of member '"
                    + source.peer().getId() + "' has no applied index"));
        }
        Path smDir = folders().snapshots();
        Files.createDirectories(smDir);
        SnapshotMarkers.write(SnapshotMarkers.fileFor(smDir, installed), installed);
        Files.delete(flag);
        StateInstallation.syncDirectory(home);
        LOG.warn("rebuilt this member from member '{}' up to term={} index={}; the damaged files are kept in {}",
                source.peer().getId(), installed.getTerm(), installed.getIndex(), aside);
    }

    private Path xodus() {
        return home.resolve("xodus");
    }

    private RaftFolders folders() {
        return RaftFolders.of(home.resolve("raft"), groupId);
    }

    /**
     * The state to install must reach the group's commit index (every entry this member may have
     * acknowledged that counts) and, if the source gets there within {@link #CATCH_UP}, the old
     * log's end (an entry it acknowledged that a leader may still count). An entry of the old log
     * that the group never committed would otherwise hold the repair up for ever.
     */
    private Path fetch(Source source, long named) throws IOException {
        long deadline = System.nanoTime() + CATCH_UP.toNanos();
        while (named > source.commitIndex() && System.nanoTime() < deadline) {
            try {
                return StateTransfer.receive(source.peer(), groupId, config.raftTls(), named, home.resolve("transfer"), xodus());
            } catch (StoreUnavailableException notThereYet) {
                LOG.info("member '{}' has not reached index {} yet: {}", source.peer().getId(), named, notThereYet.getMessage());
                pause();
            }
        }
        // the source answered a linearizable read: it has applied the commit index
        return StateTransfer.receive(source.peer(), groupId, config.raftTls(), source.commitIndex(), home.resolve("transfer"),
                xodus());
    }

    private static void pause() {
        try {
            Thread.sleep(1_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreUnavailableException("interrupted while repairing this member");
        }
    }

    /** The index the flag of an interrupted repair holds, or -1 (none, or unreadable after a crash). */
    private static long readFlag(Path flag) {
        try {
            return Files.exists(flag) ? Long.parseLong(Files.readString(flag, StandardCharsets.UTF_8).trim()) : -1;
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
    }

    /** Writes the flag whole and durably: a temporary file, forced, then renamed over. */
    private static void writeFlag(Path flag, long named) throws IOException {
        Path temporary = flag.resolveSibling(FLAG + ".tmp");
        Files.writeString(temporary, Long.toString(named), StandardCharsets.UTF_8);
        try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
            channel.force(true);
        }
        Files.move(temporary, flag, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        StateInstallation.syncDirectory(flag.getParent());
    }

    /** The highest index the old log's segment names or snapshot markers vouch for. */
    private long highestIndexNamed() {
        long highest = -1;
        try {
            highest = Math.max(highest, RaftLogScan.lastNamedIndex(folders().log()));
        } catch (IOException | RuntimeException e) {
            LOG.warn("could not read where the damaged log ends: {}", e.toString());
        }
        try {
            highest = Math.max(highest, SnapshotMarkers.latestIndex(folders().snapshots()));
        } catch (IOException e) {
            LOG.warn("could not read the snapshot markers: {}", e.toString());
        }
        return highest;
    }

    /** A peer to fetch the state from, and the group's commit index it vouched for. */
    private record Source(RaftPeer peer, long commitIndex) {
    }

    /**
     * A peer that has applied everything committed: the one that answers a linearizable read
     * (the leader, or a follower that asked it for its read index).
     */
    private Source findSource() throws IOException {
        List<RaftPeer> peers = new ArrayList<>();
        for (ClusterMember member : config.members()) {
            if (!member.id().equals(config.nodeId())) {
                peers.add(RaftPeer.newBuilder().setId(member.id()).setAddress(member.raftAddress()).build());
            }
        }
        RaftProperties p = new RaftProperties();
        RaftClientConfigKeys.Rpc.setRequestTimeout(p, TimeDuration.valueOf(10, TimeUnit.SECONDS));
        long attempts = FIND_SOURCE.toMillis() / 500;
        try (RaftClient client = RaftClient.newBuilder().setProperties(p).setParameters(config.raftTls().parameters())
                .setRaftGroup(RaftGroup.valueOf(groupId, peers))
                .setClientId(ClientId.randomId())
                .setRetryPolicy(RetryPolicies.retryUpToMaximumCountWithFixedSleep((int) attempts,
                        TimeDuration.valueOf(500, TimeUnit.MILLISECONDS))).build()) {
            RaftClientReply reply = client.io().sendReadOnly(Message.EMPTY);
            String answered = reply.getServerId().toString();
            long commit = reply.getCommitInfos().stream().mapToLong(CommitInfoProto::getCommitIndex).max().orElse(-1);
            RaftPeer peer = peers.stream().filter(candidate -> candidate.getId().toString().equals(answered)).findFirst()
                    .orElseThrow(() -> new IOException("member '" + answered + "' answered but is not a peer"));
            return new Source(peer, commit);
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
