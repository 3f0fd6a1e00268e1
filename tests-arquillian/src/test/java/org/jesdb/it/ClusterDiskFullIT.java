package org.jesdb.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import jakarta.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jesdb.it.Api.Answer;
import org.junit.jupiter.api.Test;

/**
 * A full disk in a 3-node cluster: each member's data folder is on a 160 MiB tmpfs of its own.
 * First a follower's disk fills (a ballast file takes most of it): it stands down from the group
 * before its disk is full, the leader and the other follower go on taking every write, and when
 * the ballast is deleted the follower comes back and holds every acknowledged event. Then the
 * leader's disk fills: writes sent to a follower are refused with 507, since the leader checks
 * its own disk for every member's writes, and they are taken again once its space returns.
 */
class ClusterDiskFullIT {
    private static final int SIZE = 3;
    /** Left free on the follower's disk: it stands down below half the reserve (16 MiB). */
    private static final long FOLLOWER_ROOM_BYTES = 40L << 20;
    private static final long LEADER_ROOM_BYTES = 64L << 20;

    private final Path dir = Path.of(System.getProperty("jesdb.it.dir"), "cluster-disk-full-" + UUID.randomUUID());
    private final List<SmallDisk> disks = new ArrayList<>();
    private final List<NodeProcess> nodes = new ArrayList<>();

    @Test
    void aFollowerStandsDownWhileItsDiskIsFullAndTheLeadersDiskDecidesForEveryWrite() throws Exception {
        try {
            LoopbackCluster cluster = new LoopbackCluster(dir, SIZE);
            for (int i = 0; i < SIZE; i++) {
                disks.add(SmallDisk.mount(dir.resolve("disk-" + i), DiskFullIT.DISK_BYTES));
                nodes.add(cluster.start(i, disks.get(i).path().resolve("data"),
                        Map.of("JESDB_MIN_FREE_DISK_BYTES", Long.toString(DiskFullIT.RESERVE_BYTES))));
            }
            NodeProcess.awaitAllReady(nodes);
            BulkStream stream = new BulkStream("cluster-disk-full");

            int leader = NodeProcess.leaderIndex(nodes);
            followerWithAFullDiskStandsDown(stream, leader, (leader + 1) % SIZE);
            leader = NodeProcess.leaderIndex(nodes);
            leaderWithAFullDiskRefusesEveryWrite(stream, leader, (leader + 2) % SIZE);

            for (NodeProcess node : nodes) {
                assertThat(stream.ids(node.api, "")).containsExactlyElementsOf(stream.acknowledged());
            }
        } finally {
            for (NodeProcess node : nodes) {
                node.kill();
            }
            for (SmallDisk disk : disks) {
                disk.close();
            }
        }
    }

    private void followerWithAFullDiskStandsDown(BulkStream stream, int leader, int follower) throws Exception {
        NodeProcess full = nodes.get(follower);
        disks.get(follower).fillLeaving(FOLLOWER_ROOM_BYTES);
        for (int i = 0; i < DiskFullIT.MAX_APPENDS && !standsDown(full); i++) {
            assertThat(stream.append(nodes.get(leader).api).status()).isEqualTo(200);
        }
        JsonObject ready = readiness(full);
        assertThat(ready.getString("role")).as("the follower with a full disk stands down").isEqualTo("STOOD_DOWN");
        assertThat(ready.getString("problem")).contains("JESDB_MIN_FREE_DISK_BYTES");
        assertThat(full.api.get("health/live").status()).as("it stays live: it comes back by itself").isEqualTo(200);
        int before = stream.acknowledged().size();

        // The majority goes on, also for writes the stood-down member forwards to the leader.
        for (int i = 0; i < 10; i++) {
            assertThat(stream.append(nodes.get(leader).api).status()).isEqualTo(200);
            assertThat(stream.append(full.api).status()).isEqualTo(200);
        }
        assertThat(disks.get(follower).freeBytes()).as("it stood down before its disk was full").isGreaterThan(4L << 20);
        System.out.printf("cluster disk full: the follower stood down after %d events, the others took %d more%n",
                before, stream.acknowledged().size() - before);

        disks.get(follower).removeBallast();
        await().atMost(Duration.ofSeconds(90)).until(() -> full.api.get("health/ready").status() == 200);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> stream.ids(full.api, "&consistency=local").equals(stream.acknowledged()));
        assertThat(full.logText()).doesNotContain("No space left on device");
    }

    private void leaderWithAFullDiskRefusesEveryWrite(BulkStream stream, int leader, int follower) throws Exception {
        disks.get(leader).fillLeaving(LEADER_ROOM_BYTES);
        Answer refused = DiskFullIT.appendUntilRefused(nodes.get(follower).api, stream);
        DiskFullIT.assertInsufficientStorage(refused);
        assertThat(stream.append(nodes.get(leader).api).status()).isEqualTo(507);
        assertThat(stream.ids(nodes.get(follower).api, "")).as("reads go on").containsExactlyElementsOf(stream.acknowledged());

        disks.get(leader).removeBallast();
        await().atMost(Duration.ofSeconds(10)).until(() -> stream.append(nodes.get(follower).api).status() == 200);
    }

    private static boolean standsDown(NodeProcess node) {
        return "STOOD_DOWN".equals(readiness(node).getString("role", ""));
    }

    private static JsonObject readiness(NodeProcess node) {
        return node.api.get("health/ready").json().getJsonArray("checks").getJsonObject(0).getJsonObject("data");
    }
}
