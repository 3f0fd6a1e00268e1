package org.jesdb.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.jesdb.it.lazyfs.LazyFs;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Power loss on a single node: its data folder lives on lazyfs, which keeps every write that
 * was not fsynced in memory. Concurrent writers append; then the node is killed with SIGKILL and
 * lazyfs with it, so every unsynced write is lost, as in a power cut; the folder is mounted
 * again, the node restarted, and every acknowledged event must be there exactly once, in order,
 * readable (the store checks checksums on every read). Raft snapshots are taken every 50 entries,
 * so cuts also land while one is being written.
 */
class PowerLossIT {
    private static final int WRITERS = 4;
    /** A round ends at this many acknowledged appends or at the time limit (fsyncs through FUSE are slow). */
    private static final int ACKS_PER_ROUND = 100;
    /** Each round must have written something for the cut to mean anything. */
    private static final int MIN_ACKS_PER_ROUND = 20;
    private static final long ROUND_MILLIS = 20_000;

    private final Path dir = Path.of(System.getProperty("jesdb.it.dir"), "power-loss-" + UUID.randomUUID());

    @Test
    void acknowledgedAppendsSurvivePowerLoss() throws Exception {
        cutPowerRepeatedly(3);
    }

    /** The long run: {@code -Djesdb.powerloss.rounds=N} with {@code -Pfaults} (the README's fault runs). */
    @Test
    @Tag("faults")
    void acknowledgedAppendsSurviveManyPowerLosses() throws Exception {
        cutPowerRepeatedly(Integer.getInteger("jesdb.powerloss.rounds", 25));
    }

    private void cutPowerRepeatedly(int rounds) throws Exception {
        assumeTrue(LazyFs.fuseAvailable(), "no /dev/fuse on this machine");
        AcknowledgedWrites writes = new AcknowledgedWrites("power", WRITERS);
        try (LazyFs fs = LazyFs.mountIn(dir.resolve("fs"))) {
            Map<String, String> env = Map.of(
                    "JESDB_DATA_DIR", fs.mountPoint().resolve("data").toString(),
                    "JESDB_SNAPSHOT_THRESHOLD", "50");
            for (int round = 0; round < rounds; round++) {
                NodeProcess node = NodeProcess.start(dir, env).awaitReady();
                try {
                    writes.writeUntilCrash(node.api, ACKS_PER_ROUND, ROUND_MILLIS, () -> {
                        node.kill();
                        fs.crash();
                    });
                } finally {
                    node.kill();
                }
                fs.mount();
            }
            assertThat(writes.acks()).hasSizeGreaterThanOrEqualTo(rounds * MIN_ACKS_PER_ROUND);
            try (NodeProcess node = NodeProcess.start(dir, env).awaitReady()) {
                int checked = writes.verify(node.api);
                System.out.printf("power loss: %d cuts, %d acknowledged appends, %d acknowledged events checked%n",
                        rounds, writes.acks().size(), checked);
            }
        }
    }
}
