package org.jesdb.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import jakarta.json.JsonObject;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jesdb.chaos.Convergence;
import org.jesdb.client.EventData;
import org.jesdb.client.ExpectedVersion;
import org.jesdb.client.JesdbClient;
import org.jesdb.client.PersistentSubscription;
import org.jesdb.client.PersistentSubscriptionSettings;
import org.jesdb.client.SubscribeFrom;
import org.jesdb.client.Subscription;
import org.jesdb.client.SubscriptionSelector;
import org.jesdb.client.RecordedEvent;
import org.jesdb.chaos.Load;
import org.jesdb.chaos.NodeApi;
import org.jesdb.chaos.history.History;
import org.jesdb.chaos.history.HistoryChecker;
import org.jesdb.chaos.history.Verdict;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Three runnable jars on loopback with JESDB_DB_TYPE=cluster find each other through Payara's
 * Hazelcast, form one Raft group, take appends on any member, grow to four and back by admin
 * calls, serve a gateway node, and go on when the leader is killed with SIGKILL during
 * concurrent appends; the killed node comes back and the history checker finds nothing lost.
 */
class ClusterIT {
    private static final String SECRET = "it-cluster-secret-" + UUID.randomUUID();

    private final Path dir = Path.of(System.getProperty("jesdb.it.dir"), "cluster-" + UUID.randomUUID());
    private final List<NodeProcess> nodes = new ArrayList<>();

    private Load load;

    @AfterEach
    void stopAll() throws InterruptedException {
        if (load != null) {
            load.stop(Duration.ofSeconds(10));
        }
        if (gatewayProcess != null) {
            gatewayProcess.kill();
        }
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
        // A subscriber on one node hears an append made on another.
        try (SseClient onFirst = SseClient.open(URI.create("http://127.0.0.1:" + nodes.get(0).port
                + "/api/stores/default/streams/cross-node/events?from=start"))) {
            nodes.get(0).api.post("api/stores/default/streams/cross-node",
                    "{\"expectedVersion\": \"no_stream\", \"events\": [{\"type\": \"Here\", \"data\": {}}]}");
            await().atMost(Duration.ofSeconds(30)).until(() -> onFirst.deliveries().size() == 1);
            Api.Answer elsewhere = nodes.get(2).api.post("api/stores/default/streams/cross-node",
                    "{\"expectedVersion\": 0, \"events\": [{\"type\": \"Heard\", \"data\": {}}]}");
            assertThat(elsewhere.status()).as(elsewhere.text()).isEqualTo(200);
            await().atMost(Duration.ofSeconds(30)).until(() -> onFirst.deliveries().size() == 2);
        }

        // Another secret means another Hazelcast cluster name: this node meets nobody, forms nothing.
        try (NodeProcess stranger = startNode(4, "n4", "a-different-secret-" + UUID.randomUUID())) {
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> stranger.logTail().contains("members to form the Raft group"));
            Thread.sleep(10_000);
            assertThat(stranger.logTail()).doesNotContain("Raft group formed").doesNotContain("Members {size:4");
        }

        growToFourAndBackToThree();

        NodeProcess gateway = startGateway();

        int leader = NodeProcess.leaderIndex(nodes);
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
        // Writers and a reader run on every node while the leader is killed; the killed node then
        // comes back, catches up, and the history checker judges what every node holds.
        History history = new History();
        load = new Load("kill", apis(), history, 3, 10_000);
        load.start();
        // The leader first: the client's writes start there, so its death is the failover the client must hide.
        List<NodeProcess> leaderFirst = new ArrayList<>(nodes);
        Collections.rotate(leaderFirst, -leader);
        ClientWriter clientWriter = new ClientWriter(leaderFirst);
        ClientReaders readers = new ClientReaders(leaderFirst);
        clientWriter.start();
        Thread.sleep(4_000);
        nodes.get(leader).kill();
        nodes.set(leader, null);
        NodeProcess survivor = nodes.get((leader + 1) % 3);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> survivor.api.post(
                "api/stores/default/streams/after-failover",
                "{\"expectedVersion\": \"any\", \"events\": [{\"type\": \"Tick\", \"data\": {}}]}").status() == 200);
        Thread.sleep(4_000);
        load.stop(Duration.ofSeconds(60));
        // The Java client hid the failover: no error reached its caller, and every append it acknowledged is there.
        List<UUID> clientAcknowledged = clientWriter.stop();
        assertThat(clientWriter.errors()).isEmpty();
        assertThat(clientAcknowledged).isNotEmpty();
        // Its subscriptions followed too: the transient one heard every event once, in order; the
        // persistent one (moved to the new leader) every event at least once.
        readers.awaitAll(clientAcknowledged);

        // Two of three is a quorum; had n4 stayed a member, two of four would not have been.
        NodeProcess other = nodes.get((leader + 2) % 3);
        assertThat(streamsInAll(other)).containsAll(acknowledged);
        // Every node registers a subscription's metrics as its creation is applied there, wherever it was made.
        assertThat(other.api.get("metrics?scope=application").text()).contains("subscription=\"during-failover\"");
        assertThat(other.api.get("api/stores/default/streams/after-failover").status()).isEqualTo(200);

        // The gateway keeps answering while a store node is dead: each call goes to a live node.
        for (int i = 0; i < 6; i++) {
            Api.Answer append = gateway.api.post("api/stores/default/streams/via-gateway",
                    "{\"expectedVersion\": \"any\", \"events\": [{\"type\": \"AfterKill\", \"data\": {}}]}");
            assertThat(append.status()).as(append.text()).isEqualTo(200);
            assertThat(gateway.api.get("api/stores/default/streams/via-gateway?from=0&count=100").status()).isEqualTo(200);
        }
        assertThat(other.api.get("api/stores/default/streams/via-gateway?from=0&count=100").json()
                .getJsonArray("events")).hasSize(8);

        nodes.set(leader, startNode(leader + 1, "n" + (leader + 1), SECRET).awaitReady());
        Map<String, NodeApi> named = new LinkedHashMap<>();
        for (int i = 0; i < 3; i++) {
            named.put("n" + (i + 1), apis().get(i));
        }
        Verdict verdict = HistoryChecker.check(history, Convergence.logs(named, Duration.ofSeconds(60)));
        assertThat(verdict.valid()).as(verdict.describe()).isTrue();
        assertThat(verdict.acknowledged()).isPositive();
        try (JesdbClient client = JesdbClient.builder().nodes("http://127.0.0.1:" + nodes.get(leader).port)
                .credentials(TestAdmin.NAME, TestAdmin.PASSWORD).build()) {
            assertThat(client.streamEvents(ClientWriter.STREAM).map(RecordedEvent::id).toList())
                    .containsExactlyElementsOf(clientAcknowledged);
        }
    }

    /**
     * A gateway joins with the secret, holds no data, and forwards every API call to a store node,
     * with the caller's credentials: it needs no admin password of its own.
     */
    private NodeProcess startGateway() throws Exception {
        Map<String, String> env = Map.of(
                "JESDB_DB_TYPE", "gateway",
                "JESDB_CLUSTER_SECRET", SECRET,
                "JESDB_DATA_DIR", dir.resolve("gateway").toString(),
                "JESDB_ADMIN_PASSWORD", "");
        NodeProcess gateway = NodeProcess.startMember(dir, env, hazelcastPorts[5], hazelcastList(), NodeProcess.clusterName(SECRET));
        gatewayProcess = gateway;
        gateway.awaitReady();
        // ready once it knows one store node; the others' addresses arrive through Hazelcast a moment later
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            JsonObject ready = gateway.api.get("health/ready").json().getJsonArray("checks").getJsonObject(0).getJsonObject("data");
            assertThat(ready.getString("role")).isEqualTo("GATEWAY");
            assertThat(ready.getString("nodes")).isEqualTo("n1,n2,n3");
        });
        // Each member published its HTTPS address and its own self-signed certificate, which the
        // gateway trusts by that signed fingerprint alone: every forwarded call below goes over it.
        for (NodeProcess node : nodes) {
            assertThat(node.logText()).containsPattern("gateways reach this node at https://127\\.0\\.0\\.1:\\d+ \\(certificate sha256=");
        }

        Api.Answer anonymous = gateway.api.withoutCredentials().post("api/stores/default/streams/via-gateway",
                "{\"expectedVersion\": \"no_stream\", \"events\": [{\"type\": \"Forwarded\", \"data\": {\"n\": 0}}]}");
        assertThat(anonymous.status()).as("the node refuses a call forwarded without credentials: " + anonymous.text())
                .isEqualTo(401);
        assertThat(gateway.api.as(TestAdmin.NAME, "not the admin's password").get("api/cluster").status()).isEqualTo(401);
        Api.Answer appended = gateway.api.post("api/stores/default/streams/via-gateway",
                "{\"expectedVersion\": \"no_stream\", \"events\": [{\"type\": \"Forwarded\", \"data\": {\"n\": 1}}]}");
        assertThat(appended.status()).as(appended.text()).isEqualTo(200);
        Api.Answer conflict = gateway.api.post("api/stores/default/streams/via-gateway",
                "{\"expectedVersion\": \"no_stream\", \"events\": [{\"type\": \"Forwarded\", \"data\": {}}]}");
        assertThat(conflict.status()).isEqualTo(409);
        assertThat(conflict.contentType()).startsWith("application/problem+json");
        Api.Answer bad = gateway.api.post("api/stores/default/streams/via-gateway", "{\"events\": 5}");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(gateway.api.get("api/cluster").json().getJsonArray("members")).hasSize(3);
        // Reads go round the nodes; each answers the same, linearizable by default.
        for (int i = 0; i < 3; i++) {
            Api.Answer read = gateway.api.get("api/stores/default/streams/via-gateway?from=0&count=10");
            assertThat(read.json().getJsonArray("events")).hasSize(1);
        }
        // An SSE stream comes through as it is written.
        try (SseClient live = SseClient.open(URI.create("http://127.0.0.1:" + gateway.port
                + "/api/stores/default/streams/via-gateway/events?from=start"))) {
            await().atMost(Duration.ofSeconds(30)).until(() -> live.deliveries().size() == 1);
            nodes.get(2).api.post("api/stores/default/streams/via-gateway",
                    "{\"expectedVersion\": 0, \"events\": [{\"type\": \"Live\", \"data\": {}}]}");
            await().atMost(Duration.ofSeconds(30)).until(() -> live.deliveries().size() == 2);
        }
        return gateway;
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

    private final int[] hazelcastPorts = new int[6];
    private NodeProcess gatewayProcess;

    private void startThree() throws Exception {
        for (int i = 0; i < hazelcastPorts.length; i++) {
            hazelcastPorts[i] = NodeProcess.freePort();
        }
        for (int i = 1; i <= 3; i++) {
            nodes.add(startNode(i, "n" + i, SECRET));
        }
        NodeProcess.awaitAllReady(nodes);
    }

    /** A node on Hazelcast port {@code i} (1..6), looking for all six, under the name its secret gives. */
    private NodeProcess startNode(int i, String nodeId, String secret) throws Exception {
        Map<String, String> env = Map.of(
                "JESDB_DB_TYPE", "cluster",
                "JESDB_NODE_ID", nodeId,
                "JESDB_CLUSTER_SIZE", "3",
                "JESDB_CLUSTER_SECRET", secret,
                "JESDB_RAFT_PORT", Integer.toString(NodeProcess.freePort()),
                "JESDB_DATA_DIR", dir.resolve(nodeId + "-" + i).toString());
        return NodeProcess.startMember(dir, env, hazelcastPorts[i - 1], hazelcastList(), NodeProcess.clusterName(secret));
    }

    /** Appends through the Java client, one event at a time with exact expected versions, until stopped. */
    private static final class ClientWriter {
        static final String STREAM = "client-during-failover";
        private final JesdbClient client;
        private final List<UUID> acknowledged = new CopyOnWriteArrayList<>();
        private final List<Throwable> errors = new CopyOnWriteArrayList<>();
        private volatile boolean stopping;
        private Thread thread;

        ClientWriter(List<NodeProcess> nodes) {
            client = JesdbClient.builder().timeout(Duration.ofSeconds(30)).nodes(nodes.stream()
                    .map(node -> "http://127.0.0.1:" + node.port).toArray(String[]::new))
                    .credentials(TestAdmin.NAME, TestAdmin.PASSWORD).build();
        }

        void start() {
            thread = new Thread(() -> {
                long version = -1;
                for (int i = 0; i < 10_000 && !stopping; i++) {
                    EventData event = EventData.json("Written", "{\"n\":" + i + "}");
                    try {
                        client.appendToStream(STREAM, version < 0 ? ExpectedVersion.noStream() : ExpectedVersion.exactly(version),
                                List.of(event));
                        acknowledged.add(event.id());
                        version++;
                    } catch (RuntimeException e) {
                        errors.add(e);
                        return;
                    }
                }
            }, "client-writer");
            thread.start();
        }

        List<UUID> stop() throws InterruptedException {
            stopping = true;
            thread.join(60_000);
            assertThat(thread.isAlive()).as("the client writer ended").isFalse();
            client.close();
            return acknowledged;
        }

        List<Throwable> errors() {
            return errors;
        }
    }

    /** A transient and a persistent subscription through the Java client on the client writer's stream. */
    private static final class ClientReaders {
        private final JesdbClient client;
        private final List<UUID> heard = new CopyOnWriteArrayList<>();
        private final Set<UUID> consumed = ConcurrentHashMap.newKeySet();
        private final Subscription transientOne;
        private final PersistentSubscription persistentOne;

        ClientReaders(List<NodeProcess> nodes) {
            client = JesdbClient.builder().nodes(nodes.stream().map(node -> "http://127.0.0.1:" + node.port)
                    .toArray(String[]::new)).credentials(TestAdmin.NAME, TestAdmin.PASSWORD).build();
            client.persistentSubscriptions().create("during-failover", SubscriptionSelector.stream(ClientWriter.STREAM),
                    PersistentSubscriptionSettings.defaults().from(SubscribeFrom.start()));
            transientOne = client.subscribeToStream(ClientWriter.STREAM, SubscribeFrom.start(),
                    (subscription, event) -> heard.add(event.id()));
            persistentOne = client.persistentSubscriptions().subscribe("during-failover", (subscription, attempt, event) -> {
                consumed.add(event.id());
                subscription.ack(event);
            });
        }

        void awaitAll(List<UUID> written) {
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(heard).hasSameSizeAs(written));
            assertThat(heard).containsExactlyElementsOf(written);
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(consumed).containsAll(written));
            transientOne.stop();
            persistentOne.stop();
            client.close();
        }
    }

    private List<NodeApi> apis() {
        return nodes.stream().filter(node -> node != null)
                .map(node -> new NodeApi(URI.create("http://127.0.0.1:" + node.port + "/"), Duration.ofSeconds(10),
                        new org.jesdb.chaos.Credentials(TestAdmin.NAME, TestAdmin.PASSWORD))).toList();
    }

    private String hazelcastList() {
        StringBuilder members = new StringBuilder();
        for (int port : hazelcastPorts) {
            members.append(members.length() == 0 ? "" : ",").append("127.0.0.1:").append(port);
        }
        return members.toString();
    }


    private static List<String> streamsInAll(NodeProcess node) {
        Api.Answer answer = node.api.get("api/stores/default/all?from=0&count=100");
        assertThat(answer.status()).as(answer.text()).isEqualTo(200);
        return answer.json().getJsonArray("events").stream()
                .map(event -> event.asJsonObject().getString("stream")).toList();
    }
}
