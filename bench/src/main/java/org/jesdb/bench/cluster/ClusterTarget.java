package org.jesdb.bench.cluster;

import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.jesdb.bench.rest.AdminCredentials;
import org.jesdb.bench.rest.NodeJar;
import org.jesdb.bench.rest.NodeProcess;
import org.jesdb.bench.targets.Target;
import org.jesdb.bench.targets.TargetKind;

/**
 * Three JESDB nodes from the runnable jar on loopback, as {@code scripts/local-cluster.sh} starts
 * them: Hazelcast finds the members on their tcpip ports under the name the cluster secret
 * gives, Raft replicates between them; all start with one random admin password, which every
 * request sends. The client talks to the leader.
 */
public final class ClusterTarget implements Target {
    static final int SIZE = 3;
    static final Duration READY_TIMEOUT = Duration.ofSeconds(240);

    private final Path jar;
    private final List<String> nodeJvmOptions;
    private final HttpClient http = NodeJar.httpClient();

    public ClusterTarget(Path sourceJar, Path workFolder, List<String> nodeJvmOptions) throws IOException {
        this.jar = NodeJar.copyForRun(sourceJar, workFolder);
        this.nodeJvmOptions = List.copyOf(nodeJvmOptions);
    }

    @Override
    public TargetKind kind() {
        return TargetKind.JESDB_CLUSTER;
    }

    @Override
    public boolean coldPerSession() {
        return true;
    }

    @Override
    public ClusterSession open(Path folder) throws IOException, InterruptedException {
        String secret = HexFormat.of().formatHex(secretBytes());
        // every member needs the admin's password to start (security is on by default)
        List<NodeProcess.Launch> launches = launches(folder, secret, AdminCredentials.random());
        List<NodeProcess> nodes = new ArrayList<>();
        try {
            for (NodeProcess.Launch launch : launches) {
                nodes.add(NodeProcess.start(launch));
            }
            for (NodeProcess node : nodes) {
                node.awaitReady(http, READY_TIMEOUT);
            }
            return new ClusterSession(nodes, http);
        } catch (IOException | InterruptedException | RuntimeException e) {
            for (NodeProcess node : nodes) {
                node.close();
            }
            throw e;
        }
    }

    private static byte[] secretBytes() {
        byte[] secret = new byte[16];
        new SecureRandom().nextBytes(secret);
        return secret;
    }

    private List<NodeProcess.Launch> launches(Path folder, String secret, AdminCredentials admin) throws IOException {
        int[] hazelcastPorts = new int[SIZE];
        List<String> members = new ArrayList<>();
        for (int i = 0; i < SIZE; i++) {
            hazelcastPorts[i] = NodeProcess.freeLoopbackPort();
            members.add("127.0.0.1:" + hazelcastPorts[i]);
        }
        List<NodeProcess.Launch> launches = new ArrayList<>();
        for (int i = 0; i < SIZE; i++) {
            String id = ClusterSession.nodeId(i);
            Path nodeFolder = folder.resolve(id);
            Map<String, String> env = Map.of(
                    "JESDB_DB_TYPE", "cluster",
                    "JESDB_NODE_ID", id,
                    "JESDB_CLUSTER_SIZE", Integer.toString(SIZE),
                    "JESDB_CLUSTER_SECRET", secret,
                    "JESDB_RAFT_PORT", Integer.toString(NodeProcess.freeLoopbackPort()),
                    "JESDB_DATA_DIR", nodeFolder.resolve("data").toString());
            launches.add(new NodeProcess.Launch(jar, nodeFolder, nodeJvmOptions, NodeProcess.freeLoopbackPort(),
                    hazelcastPorts[i], String.join(",", members), List.of("--clustername", clusterName(secret)), env, admin));
        }
        return launches;
    }

    /** The Hazelcast cluster name a node expects for its secret: jesdb- and 16 hex digits of its SHA-256. */
    private static String clusterName(String secret) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
            return "jesdb-" + HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    @Override
    public void close() {
        // Each session stops its own nodes.
    }
}
