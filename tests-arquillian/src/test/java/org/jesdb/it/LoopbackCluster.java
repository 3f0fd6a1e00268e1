package org.jesdb.it;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The settings of a cluster of runnable jars on 127.0.0.1: one secret, and a Hazelcast and a
 * Raft port per member, fixed for the test so that a member restarts where it was.
 */
final class LoopbackCluster {
    private final Path dir;
    private final String secret = "it-secret-" + UUID.randomUUID();
    private final int[] hazelcastPorts;
    private final int[] raftPorts;

    LoopbackCluster(Path dir, int size) throws IOException {
        this.dir = dir;
        this.hazelcastPorts = new int[size];
        this.raftPorts = new int[size];
        for (int i = 0; i < size; i++) {
            hazelcastPorts[i] = NodeProcess.freePort();
            raftPorts[i] = NodeProcess.freePort();
        }
    }

    /** Starts every member, member i with its data in {@code dataRoot}/data-i, and waits until all are ready. */
    List<NodeProcess> startAll(Path dataRoot) throws Exception {
        List<NodeProcess> nodes = new ArrayList<>();
        for (int i = 0; i < hazelcastPorts.length; i++) {
            nodes.add(start(i, dataRoot.resolve("data-" + i), Map.of()));
        }
        NodeProcess.awaitAllReady(nodes);
        return nodes;
    }

    /** Starts member {@code i} (node id "n" + (i + 1)) with its data in {@code dataDir}, plus {@code extraEnv}. */
    NodeProcess start(int i, Path dataDir, Map<String, String> extraEnv) throws IOException {
        Map<String, String> env = new HashMap<>(Map.of(
                "JESDB_DB_TYPE", "cluster",
                "JESDB_NODE_ID", "n" + (i + 1),
                "JESDB_CLUSTER_SIZE", Integer.toString(hazelcastPorts.length),
                "JESDB_CLUSTER_SECRET", secret,
                "JESDB_RAFT_PORT", Integer.toString(raftPorts[i]),
                "JESDB_DATA_DIR", dataDir.toString()));
        env.putAll(extraEnv);
        StringBuilder members = new StringBuilder();
        for (int port : hazelcastPorts) {
            members.append(members.isEmpty() ? "" : ",").append("127.0.0.1:").append(port);
        }
        return NodeProcess.startMember(dir, env, hazelcastPorts[i], members.toString(), NodeProcess.clusterName(secret));
    }
}
