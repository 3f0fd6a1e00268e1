package org.jesdb.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.jesdb.store.EmbeddedStore.events;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jesdb.store.streams.ExpectedVersion;
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

    private List<StoreConfig> threeMembers() throws IOException {
        List<ClusterMember> members = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            members.add(new ClusterMember("n" + i, "127.0.0.1:" + freePort()));
        }
        List<StoreConfig> out = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            out.add(StoreConfig.singleNode(dir.resolve("n" + i)).withTimeout(Duration.ofSeconds(10))
                    .withCluster("n" + i, members));
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
