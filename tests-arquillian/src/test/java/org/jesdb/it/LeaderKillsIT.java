package org.jesdb.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jesdb.chaos.Load;
import org.jesdb.chaos.history.History;
import org.jesdb.chaos.history.Verdict;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The long leader-kill run ({@code -Pfaults}, {@code -Djesdb.leaderkills=N}, 20 by default): three
 * runnable jars under writers and a reader that go round the members; again and again the leader
 * is killed with SIGKILL, a new one is awaited among the others, and the dead one restarted. The
 * history checker then judges every member's whole log against what the writers were told.
 */
@Tag("faults")
class LeaderKillsIT {
    private static final int SIZE = 3;

    private final Path dir = Path.of(System.getProperty("jesdb.it.dir"), "leader-kills-" + UUID.randomUUID());
    private final List<NodeProcess> nodes = new ArrayList<>();

    @Test
    void killingTheLeaderAgainAndAgainLosesNothing() throws Exception {
        int kills = Integer.getInteger("jesdb.leaderkills", 20);
        LoopbackCluster cluster = new LoopbackCluster(dir, SIZE);
        try {
            nodes.addAll(cluster.startAll(dir));
            History history = new History();
            Load load = new Load("leader-kills", CheckedHistory.apis(nodes), history, 3, 1_000_000);
            load.start();
            for (int kill = 0; kill < kills; kill++) {
                Thread.sleep(3_000);
                int leader = NodeProcess.leaderIndex(nodes);
                nodes.get(leader).kill();
                awaitLeaderOtherThan(leader);
                nodes.set(leader, cluster.start(leader, dir.resolve("data-" + leader), Map.of()).awaitReady());
            }
            load.stop(Duration.ofSeconds(60));

            Verdict verdict = CheckedHistory.verdict(history, nodes);
            assertThat(verdict.valid()).as(verdict.describe()).isTrue();
            System.out.printf("leader kills: %d kills; %s%n", kills, verdict.describe());
        } finally {
            for (NodeProcess node : nodes) {
                node.kill();
            }
        }
    }

    private void awaitLeaderOtherThan(int dead) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> {
            for (int i = 0; i < SIZE; i++) {
                if (i != dead && nodes.get(i).api.get("health/ready").text().contains("\"role\":\"LEADER\"")) {
                    return true;
                }
            }
            return false;
        });
    }
}
