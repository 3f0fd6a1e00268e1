package org.jesdb.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jesdb.it.lazyfs.LazyFs;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Power loss in a 3-node cluster of runnable jars: each member's data folder lives on a lazyfs
 * of its own (see {@link PowerLossIT}). Writers append through a member that stays up; the power
 * is cut under the leader, then under a follower, then under all three at once. After each cut
 * the members come back on what they had synced; at the end every acknowledged event is checked
 * through each member in turn, so each member's own store is read.
 */
class ClusterPowerLossIT {
    private static final int SIZE = 3;
    private static final int WRITERS = 4;
    private static final int ACKS_PER_ROUND = 60;
    private static final long ROUND_MILLIS = 20_000;

    private enum Victims { LEADER, FOLLOWER, ALL }

    private final Path dir = Path.of(System.getProperty("jesdb.it.dir"), "cluster-power-" + UUID.randomUUID());
    private final List<LazyFs> disks = new ArrayList<>();
    private final List<NodeProcess> nodes = new ArrayList<>();
    private LoopbackCluster cluster;

    @Test
    void acknowledgedAppendsSurvivePowerLossUnderTheLeaderAFollowerAndTheWholeCluster() throws Exception {
        cutPowerInCycles(1);
    }

    /** The long run: {@code -Djesdb.clusterpowerloss.cycles=N} cycles of three cuts, with {@code -Pfaults}. */
    @Test
    @Tag("faults")
    void acknowledgedAppendsSurviveManyPowerCuts() throws Exception {
        cutPowerInCycles(Integer.getInteger("jesdb.clusterpowerloss.cycles", 7));
    }

    /** {@code cycles} times: a cut under the leader, one under a follower, one under all three. */
    private void cutPowerInCycles(int cycles) throws Exception {
        assumeTrue(LazyFs.fuseAvailable(), "no /dev/fuse on this machine");
        AcknowledgedWrites writes = new AcknowledgedWrites("cluster-power", WRITERS);
        try {
            cluster = new LoopbackCluster(dir, SIZE);
            for (int i = 0; i < SIZE; i++) {
                disks.add(LazyFs.mountIn(dir.resolve("fs-" + i)));
                nodes.add(null);
            }
            startAll();
            for (int cycle = 0; cycle < cycles; cycle++) {
                for (Victims victims : Victims.values()) {
                    cutPower(writes, victims);
                }
            }
            int cuts = cycles * Victims.values().length;
            assertThat(writes.acks()).hasSizeGreaterThanOrEqualTo(cuts * 10);
            int checked = 0;
            for (NodeProcess node : nodes) {
                checked = writes.verify(node.api);
            }
            System.out.printf("cluster power loss: %d cuts (leader, follower, all), %d acknowledged appends, "
                    + "%d acknowledged events checked on each of %d members%n", cuts, writes.acks().size(), checked, SIZE);
        } finally {
            for (NodeProcess node : nodes) {
                if (node != null) {
                    node.kill();
                }
            }
            for (LazyFs disk : disks) {
                disk.close();
            }
        }
    }

    /** Writes through a member that stays up, cuts the power under {@code victims}, brings them back. */
    private void cutPower(AcknowledgedWrites writes, Victims victims) throws Exception {
        int leader = NodeProcess.leaderIndex(nodes);
        List<Integer> cut = switch (victims) {
            case LEADER -> List.of(leader);
            case FOLLOWER -> List.of((leader + 1) % SIZE);
            case ALL -> List.of(0, 1, 2);
        };
        int writeThrough = victims == Victims.ALL ? leader : (cut.get(0) + 1) % SIZE;
        writes.writeUntilCrash(nodes.get(writeThrough).api, ACKS_PER_ROUND, ROUND_MILLIS, () -> {
            for (int i : cut) {
                nodes.get(i).kill();
                disks.get(i).crash();
            }
        });
        for (int i : cut) {
            disks.get(i).mount();
            nodes.set(i, start(i));
        }
        NodeProcess.awaitAllReady(nodes);
    }

    private void startAll() throws Exception {
        for (int i = 0; i < SIZE; i++) {
            nodes.set(i, start(i));
        }
        NodeProcess.awaitAllReady(nodes);
    }

    private NodeProcess start(int i) throws Exception {
        return cluster.start(i, disks.get(i).mountPoint().resolve("data"), Map.of("JESDB_SNAPSHOT_THRESHOLD", "50"));
    }
}
