package org.jesdb.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Durability of the real node: concurrent writers append through the REST API, the node is
 * killed with SIGKILL, restarted on the same data folder, and every acknowledged event must be
 * there exactly once, in order, readable (checksums are checked on every read). Raft snapshots
 * are taken every 50 entries, so kills also land while one is being taken.
 */
class KillNodeIT {
    private static final int ROUNDS = 3;
    private static final int WRITERS = 8;
    private static final int ACKS_PER_ROUND = 400;
    private static final long ROUND_MILLIS = 30_000;

    private final Path dir = Path.of(System.getProperty("jesdb.it.dir"), "kill-" + UUID.randomUUID());
    private final Map<String, String> env = Map.of(
            "JESDB_DATA_DIR", dir.resolve("data").toString(),
            "JESDB_SNAPSHOT_THRESHOLD", "50");

    @Test
    void acknowledgedAppendsSurviveRepeatedSigkillOfTheNode() throws Exception {
        AcknowledgedWrites writes = new AcknowledgedWrites("kill", WRITERS);
        for (int round = 0; round < ROUNDS; round++) {
            NodeProcess node = NodeProcess.start(dir, env).awaitReady();
            try {
                writes.writeUntilCrash(node.api, ACKS_PER_ROUND, ROUND_MILLIS, node::kill);
            } finally {
                node.kill();
            }
        }
        assertThat(writes.acks()).hasSizeGreaterThanOrEqualTo(ROUNDS * ACKS_PER_ROUND / 2);
        assertThat(snapshotFiles()).as("raft snapshots were taken during the run").isNotEmpty();

        try (NodeProcess node = NodeProcess.start(dir, env).awaitReady()) {
            writes.verify(node.api);
        }
    }

    private List<Path> snapshotFiles() throws Exception {
        try (Stream<Path> files = Files.walk(dir.resolve("data"))) {
            return files.filter(p -> p.getFileName().toString().startsWith("snapshot.")).toList();
        }
    }
}
