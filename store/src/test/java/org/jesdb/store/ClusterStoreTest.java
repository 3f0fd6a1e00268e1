package org.jesdb.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.awaitility.Awaitility.await;
import static org.jesdb.store.EmbeddedStore.events;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.ratis.client.RaftClient;
import org.apache.ratis.client.RaftClientConfigKeys;
import org.apache.ratis.conf.Parameters;
import org.apache.ratis.conf.RaftProperties;
import org.apache.ratis.grpc.GrpcConfigKeys;
import org.apache.ratis.grpc.GrpcTlsConfig;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftGroup;
import org.apache.ratis.protocol.RaftPeer;
import org.apache.ratis.retry.RetryPolicies;
import org.apache.ratis.thirdparty.io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import org.apache.ratis.util.TimeDuration;
import org.jesdb.store.raft.RaftNode;
import org.jesdb.store.raft.RaftTls;
import org.jesdb.store.streams.ExpectedVersion;
import org.jesdb.store.streams.ProposedEvent;
import org.jesdb.store.streams.RecordedEvent;
import org.jesdb.store.subscriptions.Selector;
import org.jesdb.store.subscriptions.StartPoint;
import org.jesdb.store.subscriptions.SubscriptionSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Three embedded stores on loopback form one Raft group: any member takes writes and reads, and one may go. */
class ClusterStoreTest {
    private static final Duration WAIT = Duration.ofSeconds(60);
    /** The members' cluster secret: Raft between them runs over the TLS it keys. */
    static final String SECRET = "cluster-store-test-secret";

    @TempDir
    Path dir;
    final List<EventStore> nodes = new ArrayList<>();
    List<StoreConfig> configs;

    @AfterEach
    void closeAll() {
        nodes.forEach(node -> {
            if (node != null) {
                node.close();
            }
        });
    }

    @Test
    void everyMemberTakesAppendsAndReadsTheSameLogAndTheGroupSurvivesLosingOne() throws Exception {
        configs = threeMembers();
        openAll();

        for (int i = 0; i < 3; i++) {
            nodes.get(i).appendToStream("order-" + i, ExpectedVersion.noStream(), events(2, "OrderLine"));
        }
        for (EventStore node : nodes) {
            assertThat(positionsAndStreams(node)).hasSize(6).isEqualTo(positionsAndStreams(nodes.get(0)));
        }

        int leader = leaderIndex();
        nodes.get(leader).close();
        nodes.set(leader, null);
        int survivor = (leader + 1) % 3;
        int other = (leader + 2) % 3;
        await().atMost(WAIT).ignoreExceptions().until(() -> {
            nodes.get(survivor).appendToStream("after-failover", ExpectedVersion.any(), events(1, "Tick"));
            return true;
        });
        assertThat(nodes.get(other).readAll(ReadOptions.forwards()).events())
                .extracting(RecordedEvent::stream).contains("after-failover");

        nodes.set(leader, EventStore.open(configs.get(leader)));
        await().atMost(WAIT).ignoreExceptions().untilAsserted(() -> assertThat(positionsAndStreams(nodes.get(leader)))
                .isEqualTo(positionsAndStreams(nodes.get(survivor))));
        nodes.get(leader).appendToStream("order-0", ExpectedVersion.exactly(1), events(1, "OrderLine"));
        assertThat(nodes.get(other).streamVersion("order-0")).isEqualTo(2);
    }

    @Test
    void onlyANodeThatHoldsTheClusterSecretCanTalkToTheGroup() throws Exception {
        configs = threeMembers();
        openAll();
        nodes.get(0).appendToStream("order-1", ExpectedVersion.any(), events(1, "OrderLine"));

        StoreConfig member = configs.get(0);
        assertThat(answersAQuery(member, RaftTls.fromSecret(SECRET).parameters())).isTrue();
        assertThat(answersAQuery(member, RaftTls.fromSecret("not this cluster's secret").parameters())).isFalse();
        assertThat(answersAQuery(member, new Parameters())).as("a client without TLS").isFalse();
        // The members' own check of a client, on its own: clients that would trust any server.
        assertThat(answersAQuery(member, trustingAnyServer(RaftTls.fromSecret("not this cluster's secret"))))
                .as("a client with another key").isFalse();
        assertThat(answersAQuery(member, trustingAnyServer(null))).as("a client without a certificate").isFalse();
    }

    @Test
    void aSingleNodesRaftPortTakesNoClient() throws Exception {
        StoreConfig single = StoreConfig.singleNode(dir.resolve("single")).withRaftPort(freePort());
        try (EventStore store = EventStore.open(single)) {
            store.appendToStream("order-1", ExpectedVersion.any(), events(1, "OrderLine"));

            assertThat(answersAQuery(single, new Parameters())).as("a client without TLS").isFalse();
            assertThat(answersAQuery(single, trustingAnyServer(null))).as("a client without a certificate").isFalse();
            assertThat(answersAQuery(single, trustingAnyServer(RaftTls.fromSecret("a key of someone on this host"))))
                    .as("a client with a key of its own").isFalse();
            assertThat(store.streamVersion("order-1")).isZero();
        }
    }

    /** TLS parameters of a client that accepts any server, and presents {@code key}'s certificate, or none. */
    private static Parameters trustingAnyServer(RaftTls key) {
        Parameters parameters = new Parameters();
        GrpcTlsConfig tls = new GrpcTlsConfig(key == null ? null : key.keyManagers()[0],
                InsecureTrustManagerFactory.INSTANCE.getTrustManagers()[0], key != null);
        GrpcConfigKeys.TLS.setConf(parameters, tls);
        GrpcConfigKeys.Client.setTlsConf(parameters, tls);
        GrpcConfigKeys.Admin.setTlsConf(parameters, tls);
        return parameters;
    }

    /** Whether the store of {@code config} answers a Raft client with {@code parameters} (a read of the commit index). */
    private boolean answersAQuery(StoreConfig config, Parameters parameters) {
        List<RaftPeer> peers = config.members().isEmpty()
                ? List.of(RaftPeer.newBuilder().setId(config.nodeId()).setAddress(config.raftHost() + ":" + config.raftPort()).build())
                : config.members().stream()
                        .map(member -> RaftPeer.newBuilder().setId(member.id()).setAddress(member.raftAddress()).build()).toList();
        RaftProperties properties = new RaftProperties();
        RaftClientConfigKeys.Rpc.setRequestTimeout(properties, TimeDuration.valueOf(3, TimeUnit.SECONDS));
        try (RaftClient client = RaftClient.newBuilder().setProperties(properties).setParameters(parameters)
                .setRaftGroup(RaftGroup.valueOf(RaftNode.groupIdOf(config.storeId()), peers))
                .setRetryPolicy(RetryPolicies.retryUpToMaximumCountWithFixedSleep(3, TimeDuration.valueOf(200, TimeUnit.MILLISECONDS)))
                .build()) {
            return client.io().sendReadOnly(Message.EMPTY).isSuccess();
        } catch (IOException refused) {
            return false;
        }
    }

    @Test
    void persistentSubscriptionsAreDeliveredByTheLeaderAndGoOnFromTheCheckpointAfterAFailover() throws Exception {
        configs = threeMembers();
        openAll();
        int leader = leaderIndex();
        int follower = (leader + 1) % 3;
        nodes.get(follower).persistentSubscriptions().create("billing", Selector.stream("order-1"), StartPoint.start(),
                SubscriptionSettings.defaults());
        nodes.get(follower).appendToStream("order-1", ExpectedVersion.any(), events(4, "OrderLine"));

        assertThatThrownBy(() -> nodes.get(follower).persistentSubscriptions().connect("billing", new RecordingSink()))
                .isInstanceOfSatisfying(NotLeaderException.class,
                        e -> assertThat(e.leaderId()).isEqualTo(configs.get(leader).nodeId()));
        PersistentSubscriptions onLeader = nodes.get(leader).persistentSubscriptions();
        RecordingSink first = new RecordingSink(message -> {
            if (message.event().version() < 2) {
                onLeader.ack("billing", List.of(message.event().id()));
            }
        });
        onLeader.connect("billing", first);
        await().atMost(WAIT).until(() -> first.messages.size() == 4);
        // The follower sees the replicated checkpoint once the leader has stored it.
        await().atMost(WAIT).until(() -> nodes.get(follower).persistentSubscriptions().status("billing").checkpoint()
                == first.messages.get(2).event().position());

        nodes.get(leader).close();
        nodes.set(leader, null);
        await().atMost(WAIT).until(() -> "LEADER".equals(nodes.get(follower).status().role())
                || "LEADER".equals(nodes.get((leader + 2) % 3).status().role()));
        await().atMost(WAIT).until(() -> nodes.stream().anyMatch(ClusterStoreTest::isReadyLeader));
        EventStore newLeader = nodes.stream().filter(ClusterStoreTest::isReadyLeader).findFirst().orElseThrow();
        RecordingSink second = new RecordingSink();
        newLeader.persistentSubscriptions().connect("billing", second);

        await().atMost(WAIT).until(() -> second.messages.size() == 2);
        assertThat(second.messages).extracting(message -> message.event().version()).containsExactly(2L, 3L);
    }

    @Test
    void aMemberCutOffFromItsGroupStillTellsItsStatusAndTheSubscriptionsItHoldsAtOnce() throws Exception {
        configs = threeMembers();
        openAll();
        int leader = leaderIndex();
        int kept = (leader + 1) % 3;
        nodes.get(leader).persistentSubscriptions().create("billing", Selector.all(), StartPoint.start(),
                SubscriptionSettings.defaults());
        nodes.get(leader).appendToStream("order-1", ExpectedVersion.any(), events(2, "OrderLine"));
        await().atMost(WAIT).until(() -> nodes.get(kept).status().appliedIndex() >= nodes.get(leader).status().appliedIndex());

        for (int i = 0; i < 3; i++) {
            if (i != kept) {
                nodes.get(i).close();
                nodes.set(i, null);
            }
        }

        // Without a quorum a read barrier waits out the timeout (10 s here); metrics must not.
        EventStore alone = nodes.get(kept);
        assertTimeoutPreemptively(Duration.ofSeconds(2), () -> {
            assertThat(alone.persistentSubscriptions().statusHeldHere("billing").lag()).isEqualTo(2);
            assertThat(alone.status().nodeId()).isEqualTo(configs.get(kept).nodeId());
            assertThat(alone.clusterView().members()).hasSize(3);
        });
    }

    @Test
    void aMemberThatMissedPurgedEntriesFetchesTheLeadersStateAndGoesOn() throws Exception {
        configs = threeMembers(20);
        openAll();
        int leader = leaderIndex();
        int lagging = (leader + 1) % 3;
        nodes.get(leader).appendToStream("before", ExpectedVersion.noStream(), events(3, "Early"));
        await().atMost(WAIT).until(() -> nodes.get(lagging).readStream("before", ReadOptions.forwards().local())
                .events().size() == 3);
        nodes.get(lagging).close();
        nodes.set(lagging, null);

        // More than one 32 MiB log segment, so that the leader's snapshots let it purge a closed one.
        String pad = "x".repeat(40_000);
        for (int i = 0; i < 100; i++) {
            List<ProposedEvent> batch = new ArrayList<>();
            for (int e = 0; e < 10; e++) {
                batch.add(EmbeddedStore.event("Padded", "{\"i\":" + i + ",\"pad\":\"" + pad + "\"}"));
            }
            nodes.get(leader).appendToStream("big-" + (i % 7), ExpectedVersion.any(), batch);
        }
        Path leaderLog = dir.resolve("n" + (leader + 1));
        await().atMost(WAIT).until(() -> !firstLogSegmentExists(leaderLog));

        nodes.set(lagging, EventStore.open(configs.get(lagging)));
        await().atMost(WAIT).ignoreExceptions().untilAsserted(() -> assertThat(logDigest(nodes.get(lagging)))
                .isEqualTo(logDigest(nodes.get(leader))));
        assertThat(nodes.get(lagging).stateInstalls()).as("caught up by a state transfer, not the log").isPositive();
        nodes.get(lagging).appendToStream("before", ExpectedVersion.exactly(2), events(1, "Late"));
        int third = (leader + 2) % 3;
        await().atMost(WAIT).until(() -> logDigest(nodes.get(third)).equals(logDigest(nodes.get(lagging))));
        assertThat(nodes.get(lagging).readStream("before", ReadOptions.forwards().local()).events())
                .extracting(RecordedEvent::type).containsExactly("Early", "Early", "Early", "Late");

        // A member added now cannot replay the purged log either: it receives the state.
        ClusterMember fourth = new ClusterMember("n4", "127.0.0.1:" + freePort());
        EventStore joiner = EventStore.open(StoreConfig.singleNode(dir.resolve("n4")).withTimeout(Duration.ofSeconds(10))
                .withSnapshotThreshold(20).withJoin("n4", fourth.raftAddress(), configs.get(0).members(), SECRET));
        nodes.add(joiner);
        nodes.get(third).addMember(fourth);
        await().atMost(WAIT).ignoreExceptions().untilAsserted(() -> assertThat(logDigest(joiner))
                .isEqualTo(logDigest(nodes.get(third))));
        assertThat(joiner.stateInstalls()).isPositive();
    }

    @Test
    void theGroupGrowsFromThreeToFiveAndShrinksBackWithoutStoppingWrites() throws Exception {
        configs = threeMembers();
        openAll();
        nodes.get(0).appendToStream("ledger", ExpectedVersion.noStream(), events(5, "Entry"));
        List<ClusterMember> founders = configs.get(0).members();
        List<ClusterMember> added = List.of(new ClusterMember("n4", "127.0.0.1:" + freePort()),
                new ClusterMember("n5", "127.0.0.1:" + freePort()));
        for (ClusterMember member : added) {
            EventStore joiner = EventStore.open(StoreConfig.singleNode(dir.resolve(member.id()))
                    .withTimeout(Duration.ofSeconds(10)).withJoin(member.id(), member.raftAddress(), founders, SECRET));
            nodes.add(joiner);
            assertThat(joiner.status().ready()).isFalse();
            ClusterView view = nodes.get(1).addMember(member);
            assertThat(view.members()).extracting(ClusterView.Member::id).contains(member.id());
            nodes.get(0).appendToStream("ledger", ExpectedVersion.any(), events(1, "Entry"));
        }
        EventStore fifth = nodes.get(4);
        await().atMost(WAIT).until(() -> fifth.status().ready());
        fifth.appendToStream("ledger", ExpectedVersion.exactly(6), events(1, "FromTheFifth"));
        for (EventStore node : nodes) {
            await().atMost(WAIT).untilAsserted(() -> assertThat(logDigest(node)).isEqualTo(logDigest(nodes.get(0))));
        }
        assertThat(nodes.get(2).clusterView().members()).hasSize(5);
        assertThatThrownBy(() -> nodes.get(0).addMember(added.get(0)))
                .isInstanceOfSatisfying(MembershipException.class,
                        e -> assertThat(e.reason()).isEqualTo(MembershipException.Reason.ALREADY_MEMBER));
        assertThatThrownBy(() -> nodes.get(0).removeMember("n9"))
                .isInstanceOfSatisfying(MembershipException.class,
                        e -> assertThat(e.reason()).isEqualTo(MembershipException.Reason.UNKNOWN_MEMBER));

        nodes.get(0).removeMember("n4");
        nodes.get(3).close();
        nodes.set(3, null);
        nodes.get(0).removeMember("n5");
        nodes.get(4).close();
        nodes.set(4, null);
        assertThat(nodes.get(0).clusterView().members()).extracting(ClusterView.Member::id).containsExactly("n1", "n2", "n3");

        // Two of three is a quorum again; two of the five would not have been.
        int leader = leaderIndex();
        nodes.get(leader).close();
        nodes.set(leader, null);
        int survivor = (leader + 1) % 3;
        await().atMost(WAIT).ignoreExceptions().until(() -> {
            nodes.get(survivor).appendToStream("ledger", ExpectedVersion.any(), events(1, "AfterShrinking"));
            return true;
        });
        assertThat(nodes.get((leader + 2) % 3).readStream("ledger", ReadOptions.backwards().maxCount(1)).events())
                .extracting(RecordedEvent::type).containsExactly("AfterShrinking");
    }

    /** Ratis names a closed log segment log_FIRST-LAST; the first one starts at index 0. */
    private static boolean firstLogSegmentExists(Path node) throws IOException {
        try (var files = Files.walk(node)) {
            return files.anyMatch(file -> file.getFileName().toString().startsWith("log_0-")
                    || file.getFileName().toString().equals("log_inprogress_0"));
        }
    }

    /** A digest of the whole log as this member holds it (local reads), page by page. */
    private static String logDigest(EventStore node) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        long from = 0;
        int total = 0;
        while (true) {
            var page = node.readAll(ReadOptions.forwards().from(from).maxCount(100).local());
            for (RecordedEvent event : page.events()) {
                digest.update((event.position() + ":" + event.stream() + "@" + event.version() + ":" + event.id() + ":"
                        + Arrays.hashCode(event.data()) + "\n").getBytes(StandardCharsets.UTF_8));
                total++;
                from = event.position() + 1;
            }
            if (page.events().size() < 100) {
                return total + ":" + HexFormat.of().formatHex(digest.digest());
            }
        }
    }

    private List<StoreConfig> threeMembers() throws IOException {
        return threeMembers(StoreConfig.DEFAULT_SNAPSHOT_THRESHOLD);
    }

    private List<StoreConfig> threeMembers(long snapshotThreshold) throws IOException {
        List<ClusterMember> members = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            members.add(new ClusterMember("n" + i, "127.0.0.1:" + freePort()));
        }
        List<StoreConfig> out = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            out.add(StoreConfig.singleNode(dir.resolve("n" + i)).withTimeout(Duration.ofSeconds(10))
                    .withSnapshotThreshold(snapshotThreshold).withCluster("n" + i, members, SECRET));
        }
        return out;
    }

    /** Members start together: each waits for a leader, which needs a quorum. */
    private void openAll() throws Exception {
        ExecutorService starters = Executors.newFixedThreadPool(3);
        try {
            List<Future<EventStore>> opened = new ArrayList<>();
            for (StoreConfig config : configs) {
                opened.add(starters.submit(() -> EventStore.open(config)));
            }
            for (Future<EventStore> future : opened) {
                nodes.add(future.get());
            }
        } finally {
            starters.shutdown();
        }
    }

    private int leaderIndex() {
        for (int i = 0; i < nodes.size(); i++) {
            if ("LEADER".equals(nodes.get(i).status().role())) {
                return i;
            }
        }
        throw new AssertionError("no leader among " + nodes.stream().map(EventStore::status).toList());
    }

    private static boolean isReadyLeader(EventStore node) {
        return node != null && "LEADER".equals(node.status().role()) && node.status().ready();
    }

    private static List<String> positionsAndStreams(EventStore node) {
        return node.readAll(ReadOptions.forwards().maxCount(1000)).events().stream()
                .map(event -> event.position() + ":" + event.stream() + "@" + event.version() + ":" + event.id())
                .toList();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
