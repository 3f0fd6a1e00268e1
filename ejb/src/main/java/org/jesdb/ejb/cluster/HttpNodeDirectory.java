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
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jesdb.ejb.config.JesdbConfig;

/**
 * Where the store's nodes answer HTTP, for gateways: each member publishes its URL in a
 * replicated map, signed with the cluster secret; a gateway reads the entries of members that
 * are in the Hazelcast cluster now.
 */
@ApplicationScoped
public class HttpNodeDirectory {

    @Resource(lookup = "payara/Hazelcast")
    HazelcastInstance hazelcast;

    private final AtomicBoolean listening = new AtomicBoolean();

    /** A store node a gateway can forward to. */
    public record StoreNode(String id, URI url) {
    }

    /**
     * Publishes this member's HTTP URL ({@code http://host:port}), and again after Hazelcast
     * heals a split: the merging side's members come back under new member ids.
     */
    public void publish(JesdbConfig config, String url) {
        put(config, url);
        if (listening.compareAndSet(false, true)) {
            hazelcast.getLifecycleService().addLifecycleListener(event -> {
                if (event.getState() == LifecycleEvent.LifecycleState.MERGED) {
                    put(config, url);
                }
            });
        }
    }

    private void put(JesdbConfig config, String url) {
        JesdbConfig.ClusterSettings cluster = config.cluster();
        String uuid = hazelcast.getCluster().getLocalMember().getUuid().toString();
        nodes(config.storeId()).put(cluster.nodeId(), url + " " + uuid + " "
                + RaftMemberDiscovery.signature(cluster.secret(), config.storeId(), "http:" + cluster.nodeId(), url + "|" + uuid));
    }

    /** The store's nodes that are up now, with valid signatures, by id. */
    public List<StoreNode> nodes(JesdbConfig config) {
        Set<String> present = new HashSet<>();
        for (Member member : hazelcast.getCluster().getMembers()) {
            present.add(member.getUuid().toString());
        }
        List<StoreNode> out = new ArrayList<>();
        for (Map.Entry<String, String> entry : nodes(config.storeId()).entrySet()) {
            String[] parts = entry.getValue().split(" ");
            if (parts.length != 3 || !present.contains(parts[1])) {
                continue;
            }
            String expected = RaftMemberDiscovery.signature(config.cluster().secret(), config.storeId(),
                    "http:" + entry.getKey(), parts[0] + "|" + parts[1]);
            if (MessageDigest.isEqual(parts[2].getBytes(StandardCharsets.US_ASCII), expected.getBytes(StandardCharsets.US_ASCII))) {
                out.add(new StoreNode(entry.getKey(), URI.create(parts[0])));
            }
        }
        out.sort(Comparator.comparing(StoreNode::id));
        return out;
    }

    private ReplicatedMap<String, String> nodes(String storeId) {
        return hazelcast.getReplicatedMap("jesdb-http-nodes-" + storeId);
    }
}
