package org.jesdb.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.jesdb.chaos.Load;
import org.jesdb.chaos.history.History;
import org.jesdb.chaos.history.Verdict;
import org.jesdb.it.Api.Answer;
import org.jesdb.it.clock.ClockSkew;
import org.jesdb.it.clock.PrintClocks;
import org.junit.jupiter.api.Test;

/**
 * Clock skew in a 3-node cluster of runnable jars. Every member runs under its own wall clock
 * ({@link ClockSkew}); while writers and a reader go round all three, the leader's clock jumps
 * 90 s ahead, then a follower's 90 s behind (the two are three minutes apart), then both jump
 * back. Raft times elections with the monotonic clock, so nothing should notice; the history
 * checker judges every member's log against what the writers were told.
 */
class ClockSkewIT {
    private static final Duration SKEW = Duration.ofSeconds(90);
    private static final Duration HOLD = Duration.ofSeconds(10);

    private final Path dir = Path.of(System.getProperty("jesdb.it.dir"), "clock-skew-" + UUID.randomUUID());

    @Test
    void theLibraryMovesARunningJvmsWallClockBothWaysAndLeavesItsMonotonicClock() throws Exception {
        ClockSkew skew = ClockSkew.inFile(dir.resolve("jvm-skew-ms"));
        ProcessBuilder builder = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), PrintClocks.class.getName());
        builder.environment().putAll(skew.environment());
        Process jvm = builder.redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try (Writer ask = jvm.outputWriter(StandardCharsets.UTF_8);
             BufferedReader answers = new BufferedReader(new InputStreamReader(jvm.getInputStream(), StandardCharsets.UTF_8))) {
            long[] atZero = clocks(ask, answers);
            assertThat(atZero[0] - System.currentTimeMillis()).as("no offset yet").isCloseTo(0L, within(1_000L));

            skew.set(SKEW);
            Thread.sleep(500);
            long[] ahead = clocks(ask, answers);
            assertThat(ahead[0] - System.currentTimeMillis()).as("90 s ahead").isCloseTo(SKEW.toMillis(), within(1_000L));

            skew.set(SKEW.negated());
            Thread.sleep(500);
            long[] behind = clocks(ask, answers);
            assertThat(behind[0] - System.currentTimeMillis()).as("90 s behind").isCloseTo(-SKEW.toMillis(), within(1_000L));
            assertThat(TimeUnit.NANOSECONDS.toMillis(behind[1] - atZero[1]))
                    .as("the monotonic clock went on as true time did, through a jump of 180 s back")
                    .isBetween(900L, 30_000L);
        } finally {
            jvm.destroyForcibly();
            jvm.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void aClusterWhoseClocksJumpLosesNothing() throws Exception {
        LoopbackCluster cluster = new LoopbackCluster(dir, 3);
        List<ClockSkew> clocks = new ArrayList<>();
        List<NodeProcess> nodes = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                ClockSkew clock = ClockSkew.inFile(dir.resolve("skew-" + i + "-ms"));
                clocks.add(clock);
                nodes.add(cluster.start(i, dir.resolve("data-" + i), clock.environment()));
            }
            NodeProcess.awaitAllReady(nodes);

            History history = new History();
            Load load = new Load("skew", CheckedHistory.apis(nodes), history, 3, 10_000);
            load.start();
            Thread.sleep(3_000);
            int leader = NodeProcess.leaderIndex(nodes);
            int follower = (leader + 1) % 3;
            clocks.get(leader).set(SKEW);
            Thread.sleep(1_000);
            Instant stamped = createdOfAnAppendThrough(nodes.get(leader));
            assertThat(Duration.between(Instant.now(), stamped).toMillis())
                    .as("an event written through the leader carries its skewed clock")
                    .isCloseTo(SKEW.toMillis(), within(5_000L));
            Thread.sleep(HOLD.toMillis());
            clocks.get(follower).set(SKEW.negated());
            Thread.sleep(HOLD.toMillis());
            clocks.get(leader).set(Duration.ZERO);
            clocks.get(follower).set(Duration.ZERO);
            Thread.sleep(HOLD.toMillis());
            load.stop(Duration.ofSeconds(60));

            Verdict verdict = CheckedHistory.verdict(history, nodes);
            assertThat(verdict.valid()).as(verdict.describe()).isTrue();
            assertThat(verdict.acknowledged()).isPositive();
            System.out.printf("clock skew: leader n%d +%d s, follower n%d -%d s, then both back; %s%n",
                    leader + 1, SKEW.toSeconds(), follower + 1, SKEW.toSeconds(), verdict.describe());
        } finally {
            for (NodeProcess node : nodes) {
                node.kill();
            }
        }
    }

    /** Appends one event through {@code node} and answers the `created` it was stamped with. */
    private static Instant createdOfAnAppendThrough(NodeProcess node) {
        String stream = "skew-mark-" + UUID.randomUUID();
        Answer appended = node.api.post("api/stores/default/streams/" + stream,
                "{\"expectedVersion\":\"no_stream\",\"events\":[{\"type\":\"Marked\",\"data\":{}}]}");
        assertThat(appended.status()).as(appended.text()).isEqualTo(200);
        Answer read = node.api.get("api/stores/default/streams/" + stream);
        assertThat(read.status()).as(read.text()).isEqualTo(200);
        return Instant.parse(read.json().getJsonArray("events").getJsonObject(0).getString("created"));
    }

    /** Asks the JVM for its clocks: {wall clock in ms, monotonic clock in ns}. */
    private static long[] clocks(Writer ask, BufferedReader answers) throws IOException {
        ask.write("\n");
        ask.flush();
        String line = answers.readLine();
        assertThat(line).as("the JVM under the skewed clock answered").isNotNull();
        String[] parts = line.trim().split(" ");
        return new long[] {Long.parseLong(parts[0]), Long.parseLong(parts[1])};
    }
}
