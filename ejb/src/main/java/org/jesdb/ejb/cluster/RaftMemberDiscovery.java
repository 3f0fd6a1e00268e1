package org.jesdb.ejb.cluster;

import com.hazelcast.cluster.Member;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.LifecycleEvent;
import com.hazelcast.map.IMap;
import com.hazelcast.replicatedmap.ReplicatedMap;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jesdb.ejb.config.JesdbConfig;
import org.jesdb.store.ClusterMember;
import org.jesdb.store.StoreUnavailableException;

/**
 * Finds the first members of the store's Raft group through Payara's Hazelcast: each node
 * publishes its node id and Raft address, signed with the cluster secret, in a replicated map,
 * and the group forms once {@code JESDB_CLUSTER_SIZE} members with valid signatures have met.
 * A node that comes later joins, and waits for an admin to add it. The list of members is kept
 * in the data folder and follows every change: a restarted member does not wait for the others.
 */
@ApplicationScoped
public class RaftMemberDiscovery {
    private static final Logger LOG = Logger.getLogger(RaftMemberDiscovery.class.getName());
    private static final String MEMBERS_FILE = "members";
    private static final String GROUP_KEY = "members";

    @Resource(lookup = "payara/Hazelcast")
    HazelcastInstance hazelcast;

    /**
     * The group's members as this node first learns them; waits at most {@code timeout} for the
     * group to form. Without this node among them, the group formed without it: it joins, and
     * an admin adds it ({@code POST /api/cluster/members}).
     */
    public List<ClusterMember> members(JesdbConfig config, Duration timeout) {
        JesdbConfig.ClusterSettings cluster = config.cluster();
        requireClusterName(cluster);
        ReplicatedMap<String, String> published = hazelcast.getReplicatedMap("jesdb-raft-members-" + config.storeId());
        publishEntry(config, published);
        // After Hazelcast heals a split, the merging side's members come back under new ids: publish again.
        hazelcast.getLifecycleService().addLifecycleListener(event -> {
            if (event.getState() == LifecycleEvent.LifecycleState.MERGED) {
                publishEntry(config, published);
            }
        });
        Path file = membersFile(config);
        if (Files.isRegularFile(file)) {
            List<ClusterMember> kept = read(file, cluster.nodeId());
            // After a restart of the whole cluster, a node that comes new must still find the group.
            formedGroup(config).putIfAbsent(GROUP_KEY, signed(config, kept));
            return kept;
        }
        LOG.info(() -> "waiting for " + cluster.clusterSize() + " members to form the Raft group; this is "
                + cluster.nodeId() + " at " + cluster.raftAddress());
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            String formed = formedGroup(config).get(GROUP_KEY);
            if (formed != null) {
                return adopt(config, formed);
            }
            List<ClusterMember> met = valid(published, cluster, config.storeId(), true);
            if (met.size() >= cluster.clusterSize()) {
                return agree(config, met.subList(0, cluster.clusterSize()));
            }
            if (System.nanoTime() > deadline) {
                throw new StoreUnavailableException("only " + met.size() + " of " + cluster.clusterSize()
                        + " members met within " + timeout.toSeconds() + " s: " + met);
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StoreUnavailableException("interrupted while waiting for the cluster's members");
            }
        }
    }

    private void publishEntry(JesdbConfig config, ReplicatedMap<String, String> published) {
        String localUuid = hazelcast.getCluster().getLocalMember().getUuid().toString();
        published.put(config.cluster().nodeId(), entry(config.cluster(), config.storeId(), localUuid));
    }

    /** A node that is up and signed with this cluster's secret, found by its id: what an admin can add. */
    public Optional<ClusterMember> published(JesdbConfig config, String nodeId) {
        return valid(hazelcast.getReplicatedMap("jesdb-raft-members-" + config.storeId()), config.cluster(),
                config.storeId(), false).stream().filter(member -> member.id().equals(nodeId)).findFirst();
    }

    /** Nodes that are up, signed with the secret and not members: the ones waiting to be added. */
    public List<String> waiting(JesdbConfig config, Set<String> memberIds) {
        return valid(hazelcast.getReplicatedMap("jesdb-raft-members-" + config.storeId()), config.cluster(),
                config.storeId(), false).stream().map(ClusterMember::id).filter(id -> !memberIds.contains(id)).toList();
    }

    /**
     * Keeps the current members (after every change Raft commits) in the data folder, so that a
     * restarted node finds its group without Hazelcast's help. A node that was removed keeps the
     * last list it was in. {@link #publishGroup} does the same in Hazelcast.
     */
    public void keepFile(JesdbConfig config, List<ClusterMember> members) {
        if (holdsThisNode(config, members)) {
            write(membersFile(config), members);
        }
    }

    /**
     * Publishes the current members in Hazelcast, so that a node that comes new (a removed one's
     * id again, say) sees whether it is a member; may wait while the Hazelcast cluster is split.
     */
    public void publishGroup(JesdbConfig config, List<ClusterMember> members) {
        if (holdsThisNode(config, members)) {
            formedGroup(config).put(GROUP_KEY, signed(config, members));
        }
    }

    private static boolean holdsThisNode(JesdbConfig config, List<ClusterMember> members) {
        return members.stream().anyMatch(member -> member.id().equals(config.cluster().nodeId()));
    }

    private static Path membersFile(JesdbConfig config) {
        return config.dataDir().resolve(config.storeId()).resolve(MEMBERS_FILE);
    }

    private IMap<String, String> formedGroup(JesdbConfig config) {
        return hazelcast.getMap("jesdb-raft-group-" + config.storeId());
    }

    /**
     * One list for everyone: the first node to propose one wins (an atomic putIfAbsent on a
     * partitioned map), and every node adopts it, so nodes that saw different members (a late
     * fourth one) never form two groups.
     */
    private List<ClusterMember> agree(JesdbConfig config, List<ClusterMember> proposal) {
        String signed = signed(config, proposal);
        String chosen = formedGroup(config).putIfAbsent(GROUP_KEY, signed);
        return adopt(config, chosen == null ? signed : chosen);
    }

    private static String signed(JesdbConfig config, List<ClusterMember> group) {
        String text = format(group);
        return text + "#" + signature(config.cluster().secret(), config.storeId(), "group", text);
    }

    /** The formed group, if its signature holds; kept in the data folder when this node is in it. */
    private List<ClusterMember> adopt(JesdbConfig config, String signed) {
        JesdbConfig.ClusterSettings cluster = config.cluster();
        int hash = signed.lastIndexOf('#');
        String body = hash < 0 ? "" : signed.substring(0, hash);
        if (hash < 0 || !MessageDigest.isEqual(signed.substring(hash + 1).getBytes(StandardCharsets.US_ASCII),
                signature(cluster.secret(), config.storeId(), "group", body).getBytes(StandardCharsets.US_ASCII))) {
            throw new IllegalStateException("the Raft group proposed in Hazelcast is not signed with this cluster's secret");
        }
        List<ClusterMember> group = parse(body);
        if (group.stream().anyMatch(member -> member.id().equals(cluster.nodeId()))) {
            write(membersFile(config), group);
            LOG.info(() -> "Raft group formed members=" + group);
        } else {
            LOG.info(() -> "the Raft group formed without this node (" + cluster.nodeId() + "): " + group
                    + "; it waits to be added with POST /api/cluster/members {\"id\":\"" + cluster.nodeId() + "\"}");
        }
        return group;
    }

    /**
     * The Hazelcast cluster name must be the one derived from the secret, so that a node with
     * another secret does not even join Hazelcast (Payara Micro sets it with --clustername).
     */
    public void requireClusterName(JesdbConfig.ClusterSettings cluster) {
        String expected = clusterName(cluster.secret());
        String actual = hazelcast.getConfig().getClusterName();
        if (!expected.equals(actual)) {
            throw new IllegalStateException("this node's Hazelcast cluster is '" + actual + "', but JESDB_CLUSTER_SECRET "
                    + "calls for '" + expected + "': start Payara Micro with --clustername " + expected
                    + " (scripts/local-cluster.sh does)");
        }
    }

    /** {@code jesdb-} and the first 16 hex digits of the secret's SHA-256. */
    public static String clusterName(String secret) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
            StringBuilder hex = new StringBuilder("jesdb-");
            for (int i = 0; i < 8; i++) {
                hex.append(String.format("%02x", digest[i]));
            }
            return hex.toString();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    /** Entries signed with this cluster's secret, of members that are in the Hazelcast cluster now. */
    private List<ClusterMember> valid(ReplicatedMap<String, String> published, JesdbConfig.ClusterSettings cluster,
                                      String storeId, boolean forming) {
        Set<String> present = new HashSet<>();
        for (Member member : hazelcast.getCluster().getMembers()) {
            present.add(member.getUuid().toString());
        }
        List<ClusterMember> met = new ArrayList<>();
        for (Map.Entry<String, String> entry : published.entrySet()) {
            String[] parts = entry.getValue().split(" ");
            if (parts.length != 4 || !present.contains(parts[1])) {
                continue;
            }
            String expected = signature(cluster.secret(), storeId, entry.getKey(), parts[0] + "|" + parts[2]);
            if (!MessageDigest.isEqual(parts[3].getBytes(StandardCharsets.US_ASCII), expected.getBytes(StandardCharsets.US_ASCII))) {
                continue;
            }
            if (forming && !parts[2].equals(Integer.toString(cluster.clusterSize()))) {
                throw new IllegalStateException("member " + entry.getKey() + " expects a group of " + parts[2]
                        + " but this node expects " + cluster.clusterSize() + ": give every node the same JESDB_CLUSTER_SIZE");
            }
            met.add(new ClusterMember(entry.getKey(), parts[0]));
        }
        met.sort(Comparator.comparing(ClusterMember::id));
        return met;
    }

    /** What a node publishes: its Raft address, its Hazelcast member, the group size it expects, signed. */
    private static String entry(JesdbConfig.ClusterSettings cluster, String storeId, String memberUuid) {
        String sized = cluster.raftAddress() + "|" + cluster.clusterSize();
        return cluster.raftAddress() + " " + memberUuid + " " + cluster.clusterSize() + " "
                + signature(cluster.secret(), storeId, cluster.nodeId(), sized);
    }

    /** HMAC-SHA256 of the store, node id and address under the cluster secret. */
    static String signature(String secret, String storeId, String nodeId, String raftAddress) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] signed = mac.doFinal((storeId + "\n" + nodeId + "\n" + raftAddress).getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(signed);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    /** The kept member list: every line well formed and this node among them, or the start fails. */
    private static List<ClusterMember> read(Path file, String nodeId) {
        try {
            List<ClusterMember> members = parse(Files.readString(file, StandardCharsets.UTF_8));
            if (members.stream().noneMatch(member -> member.id().equals(nodeId))) {
                throw new IllegalStateException("the member list " + file + " does not hold this node (" + nodeId
                        + "); restore the data folder or remove the file to form a new group");
            }
            return members;
        } catch (IOException e) {
            throw new StoreUnavailableException("cannot read the member list " + file + ": " + e.getMessage(), e);
        }
    }

    private static String format(List<ClusterMember> members) {
        StringBuilder text = new StringBuilder();
        members.forEach(member -> text.append(member.id()).append(' ').append(member.raftAddress()).append('\n'));
        return text.toString();
    }

    private static List<ClusterMember> parse(String text) {
        List<ClusterMember> members = new ArrayList<>();
        for (String line : text.split("\n")) {
            String[] parts = line.trim().split(" ");
            if (parts.length != 2) {
                throw new IllegalStateException("a malformed member line: '" + line + "'");
            }
            members.add(new ClusterMember(parts[0], parts[1]));
        }
        return members;
    }

    /** Written whole or not at all: a torn list could start a group of one beside the real one. */
    private static void write(Path file, List<ClusterMember> members) {
        try {
            Files.createDirectories(file.getParent());
            Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE,
                    StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
                channel.write(ByteBuffer.wrap(format(members).getBytes(StandardCharsets.UTF_8)));
                channel.force(true);
            }
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new StoreUnavailableException("cannot keep the member list in " + file + ": " + e.getMessage(), e);
        }
    }
}
