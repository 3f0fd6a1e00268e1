package org.jesdb.ejb.cluster;

import com.hazelcast.cluster.Member;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.LifecycleEvent;
import com.hazelcast.replicatedmap.ReplicatedMap;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jesdb.ejb.config.JesdbConfig;

/**
 * Where the store's nodes answer HTTP, for gateways: each member publishes its URL, and the
 * SHA-256 fingerprint of the certificate it serves there, in a replicated map, signed with the
 * cluster secret; a gateway reads the entries of members that are in the Hazelcast cluster now.
 */
@ApplicationScoped
public class HttpNodeDirectory {

    @Resource(lookup = "payara/Hazelcast")
    HazelcastInstance hazelcast;

    private final AtomicBoolean listening = new AtomicBoolean();

    /** Stands for "no certificate known" in an entry, whose fields are separated by spaces. */
    private static final String NO_CERTIFICATE = "-";

    /**
     * A store node a gateway can forward to.
     *
     * @param certificate the SHA-256 fingerprint of the certificate the node serves at an
     *                    {@code https} URL ({@link ServedCertificate}); empty when not known
     */
    public record StoreNode(String id, URI url, String certificate) {
    }

    /**
     * Publishes this member's URL ({@code https://host:port} or {@code http://host:port}) and
     * certificate, and again after Hazelcast heals a split: the merging side's members come back
     * under new member ids.
     */
    public void publish(JesdbConfig config, String url, Optional<String> certificate) {
        String published = certificate.orElse(NO_CERTIFICATE);
        put(config, url, published);
        if (listening.compareAndSet(false, true)) {
            hazelcast.getLifecycleService().addLifecycleListener(event -> {
                if (event.getState() == LifecycleEvent.LifecycleState.MERGED) {
                    put(config, url, published);
                }
            });
        }
    }

    private void put(JesdbConfig config, String url, String certificate) {
        JesdbConfig.ClusterSettings cluster = config.cluster();
        String uuid = hazelcast.getCluster().getLocalMember().getUuid().toString();
        nodes(config.storeId()).put(cluster.nodeId(), url + " " + uuid + " " + certificate + " "
                + signature(config, cluster.nodeId(), url, uuid, certificate));
    }

    private static String signature(JesdbConfig config, String nodeId, String url, String uuid, String certificate) {
        return RaftMemberDiscovery.signature(config.cluster().secret(), config.storeId(), "http:" + nodeId,
                url + "|" + uuid + "|" + certificate);
    }

    /** The store's nodes that are up now, with valid signatures, by id. */
    public List<StoreNode> nodes(JesdbConfig config) {
        Set<String> present = new HashSet<>();
        for (Member member : hazelcast.getCluster().getMembers()) {
            present.add(member.getUuid().toString());
        }
        List<StoreNode> out = new ArrayList<>();
        for (Map.Entry<String, String> entry : nodes(config.storeId()).entrySet()) {
            // url, Hazelcast member uuid, certificate fingerprint, signature
            String[] parts = entry.getValue().split(" ");
            if (parts.length != 4 || !present.contains(parts[1])) {
                continue;
            }
            String expected = signature(config, entry.getKey(), parts[0], parts[1], parts[2]);
            if (MessageDigest.isEqual(parts[3].getBytes(StandardCharsets.US_ASCII), expected.getBytes(StandardCharsets.US_ASCII))) {
                String certificate = NO_CERTIFICATE.equals(parts[2]) ? "" : parts[2];
                out.add(new StoreNode(entry.getKey(), URI.create(parts[0]), certificate));
            }
        }
        out.sort(Comparator.comparing(StoreNode::id));
        return out;
    }

    private ReplicatedMap<String, String> nodes(String storeId) {
        return hazelcast.getReplicatedMap("jesdb-http-nodes-" + storeId);
    }
}
