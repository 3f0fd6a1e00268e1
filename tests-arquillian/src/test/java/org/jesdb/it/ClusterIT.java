package org.jesdb.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import jakarta.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Three runnable jars on loopback with JESDB_DB_TYPE=cluster find each other through Payara's
 * Hazelcast, form one Raft group, take appends on any member, grow to four and back by admin
 * calls, and go on when the leader is killed with SIGKILL.
 */
class ClusterIT {
    private static final String SECRET = "it-cluster-secret-" + UUID.randomUUID();

    private final Path dir = Path.of(System.getProperty("jesdb.it.dir"), "cluster-" + UUID.randomUUID());
    private final List<NodeProcess> nodes = new ArrayList<>();

    @AfterEach
    void stopAll() throws InterruptedException {
        for (NodeProcess node : nodes) {
            if (node != null) {
                node.kill();
            }
        }
    }

    @Test
    void threeNodesFormOneGroupTakeAppendsAnywhereAndSurviveTheLeadersSigkill() throws Exception {
        startThree();

        List<String> acknowledged = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Api.Answer answer = nodes.get(i).api.post("api/stores/default/streams/order-" + i,
                    "{\"expectedVersion\": \"no_stream\", \"events\": [{\"type\": \"OrderPlaced\", \"data\": {\"n\": " + i + "}}]}");
            assertThat(answer.status()).as(answer.text()).isEqualTo(200);
            acknowledged.add("order-" + i);
        }
        for (NodeProcess node : nodes) {
            assertThat(streamsInAll(node)).containsExactlyElementsOf(streamsInAll(nodes.get(0))).hasSize(3);
        }

        // Another secret means another Hazelcast cluster name: this node meets nobody, forms nothing.
        try (NodeProcess stranger = startNode(4, "n4", "a-different-secret-" + UUID.randomUUID())) {
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> stranger.logTail().contains("members to form the Raft group"));
            await().pollDelay(Duration.ofSeconds(10)).atMost(Duration.ofSeconds(11)).until(() -> true);
            assertThat(stranger.logTail()).doesNotContain("Raft group formed").doesNotContain("Members {size:4");
        }

        growToFourAndBackToThree();

        int leader = leaderIndex();
        JsonObject view = nodes.get(leader).api.get("api/cluster").json();
        assertThat(view.getString("leader")).isEqualTo("n" + (leader + 1));
        assertThat(view.getJsonArray("members")).hasSize(3);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(nodes.get(leader).api.get("api/cluster").json()
                .getJsonArray("members").getValuesAs(JsonObject.class))
                .allSatisfy(member -> assertThat(member.getJsonNumber("lag").longValue()).isZero()));
        JsonObject details = nodes.get((leader + 1) % 3).api.get("health/ready").json()
                .getJsonArray("checks").getJsonObject(0).getJsonObject("data");
        assertThat(details.getString("members")).contains("n1:", "n2:", "n3:", "n" + (leader + 1) + ":LEADER");
        assertThat(details.getString("leader")).isEqualTo("n" + (leader + 1));
        // (Payara renders health data numbers as strings)
        assertThat(Long.parseLong(details.getString("commitIndex"))).isPositive();
        nodes.get(leader).kill();
        nodes.set(leader, null);
        NodeProcess survivor = nodes.get((leader + 1) % 3);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> survivor.api.post(
                "api/stores/default/streams/after-failover",
                "{\"expectedVersion\": \"any\", \"events\": [{\"type\": \"Tick\", \"data\": {}}]}").status() == 200);

        // Two of three is a quorum; had n4 stayed a member, two of four would not have been.
        NodeProcess other = nodes.get((leader + 2) % 3);
        assertThat(streamsInAll(other)).containsAll(acknowledged).contains("after-failover");
        assertThat(streamsInAll(other)).isEqualTo(streamsInAll(survivor));
    }

    /** n4 comes up with the secret, waits, is added by an admin call, takes an append, and is removed. */
    private void growToFourAndBackToThree() throws Exception {
        try (NodeProcess fourth = startNode(5, "n4", SECRET)) {
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1)).ignoreExceptions()
                    .until(() -> nodes.get(0).api.get("api/cluster").json().getJsonArray("waiting").getString(0).equals("n4"));
            // Up, and not ready until it is a member.
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).ignoreExceptions()
                    .until(() -> fourth.api.get("health/ready").status() == 503);

            Api.Answer badId = nodes.get(1).api.post("api/cluster/members", "{\"id\": 4}");
            assertThat(badId.status()).isEqualTo(400);
            assertThat(badId.json().getString("field")).isEqualTo("id");
            assertThat(nodes.get(1).api.post("api/cluster/members", "{\"id\": \"nobody\"}").json().getString("type"))
                    .endsWith("member-not-found");
            Api.Answer member = nodes.get(1).api.post("api/cluster/members", "{\"id\": \"n1\"}");
            assertThat(member.status()).as(member.text()).isEqualTo(409);

            Api.Answer added = nodes.get(1).api.post("api/cluster/members", "{\"id\": \"n4\"}");
            assertThat(added.status()).as(added.text()).isEqualTo(200);
            assertThat(added.json().getJsonArray("members")).hasSize(4);
            fourth.awaitReady();
            Api.Answer onFourth = fourth.api.post("api/stores/default/streams/from-n4",
                    "{\"expectedVersion\": \"no_stream\", \"events\": [{\"type\": \"Joined\", \"data\": {}}]}");
            assertThat(onFourth.status()).as(onFourth.text()).isEqualTo(200);
            assertThat(streamsInAll(fourth)).isEqualTo(streamsInAll(nodes.get(0))).contains("order-0", "from-n4");

            Api.Answer removed = nodes.get(2).api.delete("api/cluster/members/n4");
            assertThat(removed.status()).as(removed.text()).isEqualTo(200);
            assertThat(removed.json().getJsonArray("members").getValuesAs(JsonObject.class))
                    .extracting(m -> m.getString("id")).containsExactly("n1", "n2", "n3");
            assertThat(nodes.get(2).api.delete("api/cluster/members/n4").status()).isEqualTo(404);
        }
    }

    private final int[] hazelcastPorts = new int[5];

    private void startThree() throws Exception {
        for (int i = 0; i < hazelcastPorts.length; i++) {
            hazelcastPorts[i] = NodeProcess.freePort();
        }
        for (int i = 1; i <= 3; i++) {
            nodes.add(startNode(i, "n" + i, SECRET));
        }
        ExecutorService waiting = Executors.newFixedThreadPool(3);
        try {
            List<Future<NodeProcess>> ready = new ArrayList<>();
            for (NodeProcess node : nodes) {
                ready.add(waiting.submit(node::awaitReady));
            }
            for (Future<NodeProcess> future : ready) {
                future.get();
            }
        } finally {
            waiting.shutdown();
        }
    }

    /** A node on Hazelcast port {@code i} (1..5), looking for all five, under the name its secret gives. */
    private NodeProcess startNode(int i, String nodeId, String secret) throws Exception {
        StringBuilder members = new StringBuilder();
        for (int port : hazelcastPorts) {
            members.append(members.length() == 0 ? "" : ",").append("127.0.0.1:").append(port);
        }
        Map<String, String> env = Map.of(
                "JESDB_DB_TYPE", "cluster",
                "JESDB_NODE_ID", nodeId,
                "JESDB_CLUSTER_SIZE", "3",
                "JESDB_CLUSTER_SECRET", secret,
                "JESDB_RAFT_PORT", Integer.toString(NodeProcess.freePort()),
                "JESDB_DATA_DIR", dir.resolve(nodeId + "-" + i).toString());
        return NodeProcess.startMember(dir, env, hazelcastPorts[i - 1], members.toString(), clusterName(secret));
    }

    /** What scripts/local-cluster.sh computes: jesdb- and 16 hex digits of the secret's SHA-256. */
    private static String clusterName(String secret) throws Exception {
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
        return "jesdb-" + HexFormat.of().formatHex(digest, 0, 8);
    }

    private int leaderIndex() {
        for (int i = 0; i < nodes.size(); i++) {
            JsonObject health = nodes.get(i).api.get("health/ready").json();
            String role = health.getJsonArray("checks").getJsonObject(0).getJsonObject("data").getString("role");
            if (role.equals("LEADER")) {
                return i;
            }
        }
        throw new AssertionError("no leader");
    }

    private static List<String> streamsInAll(NodeProcess node) {
        Api.Answer answer = node.api.get("api/stores/default/all?from=0&count=100");
        assertThat(answer.status()).as(answer.text()).isEqualTo(200);
        return answer.json().getJsonArray("events").stream()
                .map(event -> event.asJsonObject().getString("stream")).toList();
    }
}
