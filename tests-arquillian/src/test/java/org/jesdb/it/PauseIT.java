package org.jesdb.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import jakarta.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jesdb.chaos.Load;
import org.jesdb.chaos.history.History;
import org.jesdb.chaos.history.Verdict;
import org.junit.jupiter.api.Test;

/**
 * Pauses in a 3-node cluster of runnable jars. While writers and a reader go round all three
 * members, the leader is frozen with SIGSTOP for longer than an election takes, then resumed (it
 * comes back as a deposed leader with requests in flight); then a follower is frozen and resumed.
 * The history checker then judges every member's whole log against what the writers were told:
 * nothing acknowledged lost or doubled, no read that saw what was never written.
 */
class PauseIT {
    private static final int SIZE = 3;
    private static final Duration PAUSE = Duration.ofSeconds(10);

    private final Path dir = Path.of(System.getProperty("jesdb.it.dir"), "pause-" + UUID.randomUUID());
    private final List<NodeProcess> nodes = new ArrayList<>();

    @Test
    void pausingTheLeaderAndAFollowerLosesNothing() throws Exception {
        LoopbackCluster cluster = new LoopbackCluster(dir, SIZE);
        try {
            nodes.addAll(cluster.startAll(dir));

            History history = new History();
            Load load = new Load("pause", CheckedHistory.apis(nodes), history, 3, 10_000);
            load.start();
            sleep(Duration.ofSeconds(3));
            int leader = NodeProcess.leaderIndex(nodes);
            pauseAndResume(leader);
            // the member that is neither the old leader nor the new one (indexes 0, 1, 2 add up to 3)
            int follower = 3 - leader - leaderAmong(leader);
            pauseAndResume(follower);
            load.stop(Duration.ofSeconds(60));

            Verdict verdict = CheckedHistory.verdict(history, nodes);
            assertThat(verdict.valid()).as(verdict.describe()).isTrue();
            assertThat(verdict.acknowledged()).isPositive();
            System.out.printf("pauses: leader n%d and follower n%d paused %d s each; %s%n",
                    leader + 1, follower + 1, PAUSE.toSeconds(), verdict.describe());
        } finally {
            for (NodeProcess node : nodes) {
                node.resume();
                node.kill();
            }
        }
    }

    /** Freezes member {@code i} longer than an election, waits for a leader among the others, resumes it. */
    private void pauseAndResume(int i) throws Exception {
        nodes.get(i).pause();
        sleep(PAUSE);
        leaderAmong(i);
        nodes.get(i).resume();
        // the resumed member catches up while the writers go on
        sleep(Duration.ofSeconds(5));
    }

    /** The index of the leader, asked only of the members other than {@code paused} (which would not answer). */
    private int leaderAmong(int paused) {
        int[] found = {-1};
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            for (int i = 0; i < SIZE; i++) {
                if (i != paused && "LEADER".equals(readiness(nodes.get(i)).getString("role", ""))) {
                    found[0] = i;
                    return true;
                }
            }
            return false;
        });
        return found[0];
    }

    private static JsonObject readiness(NodeProcess node) {
        return node.api.get("health/ready").json().getJsonArray("checks").getJsonObject(0).getJsonObject("data");
    }

    private static void sleep(Duration duration) throws InterruptedException {
        Thread.sleep(duration.toMillis());
    }
}
