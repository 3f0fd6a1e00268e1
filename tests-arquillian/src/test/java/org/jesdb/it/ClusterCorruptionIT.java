package org.jesdb.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Damaged files under one member of a 3-node cluster repair themselves from its peers: a
 * follower's Xodus file with a flipped bit in a stored event, then the leader's Raft log with a
 * flipped bit in an entry. Each member is stopped, damaged, and started again while the others
 * take more writes; it sets its damaged files aside, fetches a peer's whole state and catches
 * up, without an operator touching a file, and then serves every acknowledged event intact.
 */
class ClusterCorruptionIT {
    private static final int SIZE = 3;
    private static final int EVENTS = 30;

    private final Path dir = Path.of(System.getProperty("jesdb.it.dir"), "cluster-corruption-" + UUID.randomUUID());
    private final List<NodeProcess> nodes = new ArrayList<>();
    private final MarkedStream stream = new MarkedStream("damaged");
    private LoopbackCluster cluster;

    @Test
    void aMemberWithADamagedXodusFileOrRaftLogIsRebuiltFromItsPeers() throws Exception {
        cluster = new LoopbackCluster(dir, SIZE);
        try {
            for (int i = 0; i < SIZE; i++) {
                nodes.add(start(i));
            }
            NodeProcess.awaitAllReady(nodes);
            for (int i = 0; i < EVENTS; i++) {
                stream.append(nodes.get(NodeProcess.leaderIndex(nodes)).api);
            }

            int follower = (NodeProcess.leaderIndex(nodes) + 1) % SIZE;
            damageAndRestart(follower, "xodus", name -> name.endsWith(".xd"));
            damageAndRestart(NodeProcess.leaderIndex(nodes), "raft", name -> name.startsWith("log_"));

            // a member may answer 503 for a moment while the restarted leader's successor is elected
            for (NodeProcess node : nodes) {
                await().atMost(Duration.ofSeconds(60)).untilAsserted(
                        () -> assertThat(stream.ids(node.api, "")).containsExactlyElementsOf(stream.written()));
            }
        } finally {
            for (NodeProcess node : nodes) {
                node.kill();
            }
        }
    }

    /** Stops member {@code i}, flips a bit of the marked event in its {@code folder} files, writes on, restarts it. */
    private void damageAndRestart(int i, String folder, Predicate<String> files) throws Exception {
        nodes.get(i).close();
        Path store = dataDir(i).resolve("default");
        FileDamage.flipBitIn(FileDamage.files(store.resolve(folder), files), stream.marker());
        NodeProcess other = nodes.get((i + 1) % SIZE);
        other.awaitReady();
        // A follower stays ready on a leader it still believes in until its election timeout:
        // write once the two left have a leader that answers as such.
        NodeProcess.leaderIndex(nodes);
        for (int n = 0; n < 5; n++) {
            stream.append(other.api);
        }

        NodeProcess repaired = start(i);
        nodes.set(i, repaired);
        repaired.awaitReady();
        assertThat(repaired.logText()).contains("rebuilding it from a peer").contains("rebuilt this member from member");
        try (Stream<Path> kept = Files.list(store)) {
            assertThat(kept.map(path -> path.getFileName().toString())).as("the damaged files are kept for the operator")
                    .anyMatch(name -> name.startsWith("damaged-"));
        }
        // its own copy, read locally: every acknowledged event, and the damaged one intact
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(stream.ids(repaired.api, "&consistency=local"))
                .containsExactlyElementsOf(stream.written()));
        assertThat(stream.markedText(repaired.api, "&consistency=local")).startsWith(stream.marker());
    }

    private Path dataDir(int i) {
        return dir.resolve("data-" + i);
    }

    private NodeProcess start(int i) throws Exception {
        return cluster.start(i, dataDir(i), Map.of());
    }
}
