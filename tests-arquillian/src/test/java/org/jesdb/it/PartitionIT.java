package org.jesdb.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jesdb.chaos.Convergence;
import org.jesdb.chaos.Load;
import org.jesdb.chaos.NodeApi;
import org.jesdb.chaos.history.History;
import org.jesdb.chaos.history.HistoryChecker;
import org.jesdb.chaos.history.Verdict;
import org.jesdb.it.netns.NetworkNamespaces;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A network partition: three runnable jars, each in a network namespace of its own, their Raft
 * and Hazelcast traffic on one bridge. The leader is cut off while writers run: the majority
 * elects another leader and goes on, the cut-off node refuses writes and linearizable reads, and
 * once the link is back it catches up; the history checker then finds nothing lost on any node.
 */
class PartitionIT {
    private static final String SECRET = "it-partition-secret-" + UUID.randomUUID();

    private final Path dir = Path.of(System.getProperty("jesdb.it.dir"), "partition-" + UUID.randomUUID());
    private final List<NodeProcess> nodes = new ArrayList<>();
    private NetworkNamespaces spaces;

    private Load load;

    @AfterEach
    void tearDown() throws Exception {
        try {
            if (load != null) {
                load.stop(Duration.ofSeconds(10));
            }
            for (NodeProcess node : nodes) {
                node.kill();
            }
        } finally {
            if (spaces != null) {
                spaces.close();
            }
        }
    }

    @Test
    void theCutOffLeaderRefusesWritesTheMajorityGoesOnAndNothingAcknowledgedIsLost() throws Exception {
        spaces = NetworkNamespaces.create(3);
        startThree();
        History history = new History();
        load = new Load("partition", apis(), history, 3, 10_000);
        load.start();
        Thread.sleep(3_000);

        int leader = NodeProcess.leaderIndex(nodes);
        NodeProcess cutOff = nodes.get(leader);
        NodeProcess majority = nodes.get((leader + 1) % 3);
        spaces.cut(leader + 1);

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).ignoreExceptions()
                .until(() -> append(majority, "majority-side").status() == 200);
        // The cut-off node cannot commit: every write and linearizable read it takes fails.
        for (int i = 0; i < 3; i++) {
            Api.Answer write = append(cutOff, "minority-side");
            assertThat(write.status()).as(write.text()).isGreaterThanOrEqualTo(500);
            assertThat(cutOff.api.get("api/stores/default/streams/majority-side").status()).isGreaterThanOrEqualTo(500);
        }
        // Once it notices it leads no majority, it steps down and reports not ready.
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                .until(() -> cutOff.api.get("health/ready").status() == 503);

        spaces.heal(leader + 1);
        cutOff.awaitReady();
        Thread.sleep(3_000);
        load.stop(Duration.ofSeconds(60));

        Map<String, NodeApi> named = new LinkedHashMap<>();
        List<NodeApi> apis = apis();
        for (int i = 0; i < 3; i++) {
            named.put("n" + (i + 1), apis.get(i));
        }
        Verdict verdict = HistoryChecker.check(history, Convergence.logs(named, Duration.ofSeconds(60)));
        assertThat(verdict.valid()).as(verdict.describe()).isTrue();
        assertThat(verdict.acknowledged()).isPositive();
        assertThat(cutOff.api.get("api/stores/default/streams/majority-side").status()).isEqualTo(200);
    }

    private static Api.Answer append(NodeProcess node, String stream) {
        return node.api.post("api/stores/default/streams/" + stream,
                "{\"expectedVersion\": \"any\", \"events\": [{\"type\": \"Probe\", \"data\": {}}]}");
    }

    private void startThree() throws Exception {
        String clusterName = NodeProcess.clusterName(SECRET);
        for (int i = 1; i <= 3; i++) {
            Map<String, String> env = Map.of(
                    "JESDB_DB_TYPE", "cluster",
                    "JESDB_NODE_ID", "n" + i,
                    "JESDB_CLUSTER_SIZE", "3",
                    "JESDB_CLUSTER_SECRET", SECRET,
                    "JESDB_RAFT_HOST", NetworkNamespaces.clusterAddress(i),
                    "JESDB_RAFT_PORT", "7000",
                    "JESDB_DATA_DIR", dir.resolve("n" + i).toString());
            nodes.add(NodeProcess.startInNamespace(spaces, i, 3, dir, env, clusterName));
        }
        NodeProcess.awaitAllReady(nodes);
    }

    private List<NodeApi> apis() {
        List<NodeApi> apis = new ArrayList<>();
        for (int i = 1; i <= nodes.size(); i++) {
            apis.add(new NodeApi(URI.create("http://" + NetworkNamespaces.testAddress(i) + ":8080/"), Duration.ofSeconds(15),
                    new org.jesdb.chaos.Credentials(TestAdmin.NAME, TestAdmin.PASSWORD)));
        }
        return apis;
    }
}
