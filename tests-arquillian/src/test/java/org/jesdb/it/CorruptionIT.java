package org.jesdb.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Damaged files under a single node, which has no peer to repair from: a flipped bit in a
 * stored event (a Xodus file) or in the Raft log, or a Raft log cut off before the state it fed,
 * stops the node from starting with a message that names the file and says what to do, so no
 * damaged event is ever served. A damaged snapshot marker, whose content follows from its name,
 * is written again and loses nothing.
 */
class CorruptionIT {
    private static final int EVENTS = 30;

    private final Path dir = Path.of(System.getProperty("jesdb.it.dir"), "corruption-" + UUID.randomUUID());
    private final MarkedStream stream = new MarkedStream("damaged");

    @Test
    void aFlippedBitInAStoredEventStopsTheStartNamingTheXodusFile() throws Exception {
        Map<String, String> env = env("100000");
        writeThenStop(env);
        List<Path> damaged = FileDamage.flipBitIn(FileDamage.files(store().resolve("xodus"), name -> name.endsWith(".xd")), stream.marker());

        try (NodeProcess node = NodeProcess.start(dir, env)) {
            String log = node.awaitRefusal("a damaged record in the Xodus store 'log'");
            assertThat(log).contains("in file " + damaged.get(0)).contains("restore the data folder from a backup");
        }
    }

    @Test
    void aFlippedBitInTheRaftLogStopsTheStartNamingTheSegment() throws Exception {
        Map<String, String> env = env("100000");
        writeThenStop(env);
        List<Path> damaged = FileDamage.flipBitIn(FileDamage.files(store().resolve("raft"), name -> name.startsWith("log_")), stream.marker());

        try (NodeProcess node = NodeProcess.start(dir, env)) {
            String log = node.awaitRefusal("the Raft log file " + damaged.get(0) + " is damaged");
            assertThat(log).contains("restore the data folder from a backup");
        }
    }

    @Test
    void aRaftLogCutOffBeforeTheStateStopsTheStart() throws Exception {
        Map<String, String> env = env("100000");
        writeThenStop(env);
        List<Path> segments = FileDamage.files(store().resolve("raft"), name -> name.startsWith("log_"));
        // the last entries: a few appends of this test
        FileDamage.cutEnd(segments.get(segments.size() - 1), 600);

        try (NodeProcess node = NodeProcess.start(dir, env)) {
            String log = node.awaitRefusal("its end was cut off");
            assertThat(log).contains("restore the data folder from a backup");
        }
    }

    @Test
    void aDamagedSnapshotMarkerIsWrittenAgainAndNothingIsLost() throws Exception {
        Map<String, String> env = env("10");
        writeThenStop(env);
        List<Path> markers = FileDamage.files(store().resolve("raft"), name -> name.matches("snapshot\\.\\d+_\\d+"));
        assertThat(markers).as("snapshots were taken every 10 entries").isNotEmpty();
        for (Path marker : markers) {
            FileDamage.flipBitAt(marker, 3);
        }
        List<Path> digests = FileDamage.files(store().resolve("raft"), name -> name.endsWith(".md5"));
        FileDamage.cutEnd(digests.get(0), 10);

        try (NodeProcess node = NodeProcess.start(dir, env).awaitReady()) {
            assertThat(node.logText()).contains("is damaged: written again from its name");
            assertThat(stream.ids(node.api, "")).containsExactlyElementsOf(stream.written());
        }
    }

    private Map<String, String> env(String snapshotThreshold) {
        return Map.of("JESDB_DATA_DIR", dir.resolve("data").toString(), "JESDB_SNAPSHOT_THRESHOLD", snapshotThreshold);
    }

    private Path store() {
        return dir.resolve("data").resolve("default");
    }

    private void writeThenStop(Map<String, String> env) throws Exception {
        try (NodeProcess node = NodeProcess.start(dir, env).awaitReady()) {
            for (int i = 0; i < EVENTS; i++) {
                stream.append(node.api);
            }
        }
    }
}
