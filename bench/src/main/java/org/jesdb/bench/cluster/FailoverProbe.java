package org.jesdb.bench.cluster;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.jesdb.bench.rest.AdminCredentials;
import org.jesdb.bench.rest.NodeProcess;
import org.jesdb.client.EventData;
import org.jesdb.client.ExpectedVersion;
import org.jesdb.client.JesdbClient;

/**
 * Failover time: a writer appends single events through the Java client (which finds the leader
 * and fails over itself, as applications use it); the leader is killed with SIGKILL; the probe
 * measures when a survivor names a new leader and when the first append sent after the kill is
 * acknowledged. The killed member is then started again and catches up before the next round.
 */
public final class FailoverProbe {
    private static final Duration STEADY = Duration.ofSeconds(3);
    private static final Duration LIMIT = Duration.ofSeconds(30);
    private static final Duration CLIENT_TIMEOUT = Duration.ofSeconds(30);
    private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

    private FailoverProbe() {
    }

    public static List<FailoverResult> run(ClusterSession cluster, int rounds, Consumer<String> progress) throws Exception {
        List<FailoverResult> results = new ArrayList<>();
        AdminCredentials admin = cluster.admin();
        try (JesdbClient client = JesdbClient.builder().nodes(cluster.urls().toArray(String[]::new))
                .timeout(CLIENT_TIMEOUT).credentials(admin.user(), admin.password()).build()) {
            for (int round = 1; round <= rounds; round++) {
                FailoverResult result = round(cluster, client, "failover-" + round);
                results.add(result);
                progress.accept(String.format(Locale.ROOT,
                        "  failover %d: %s killed; %s leader after %.0f ms; first new append acknowledged after %.0f ms; "
                                + "longest append %.0f ms; %d errors%s", round, result.oldLeader(), result.newLeader(),
                        result.electedMillis(), result.firstAckMillis(), result.longestAppendMillis(), result.appendErrors(),
                        result.firstError() == null ? "" : " (first: " + result.firstError() + ")"));
                progress.accept("  restarting " + result.oldLeader() + " and waiting until it has caught up");
                cluster.restart(result.oldLeader());
                Thread.sleep(STEADY.toMillis());
            }
        }
        return results;
    }

    private static FailoverResult round(ClusterSession cluster, JesdbClient client, String stream) throws Exception {
        Writer writer = new Writer(client, stream);
        Thread thread = new Thread(writer, "failover-writer");
        thread.setDaemon(true);
        thread.start();
        try {
            Thread.sleep(STEADY.toMillis());
            String oldLeader = cluster.leaderId().orElseThrow(() -> new IllegalStateException("no leader before the kill"));
            List<NodeProcess> survivors = cluster.others(oldLeader);
            long killed = System.nanoTime();
            cluster.node(oldLeader).kill();
            long deadline = killed + LIMIT.toNanos();
            String newLeader = null;
            long elected = -1;
            while (System.nanoTime() < deadline && (newLeader == null || writer.firstAckStartedAfter(killed) < 0)) {
                if (newLeader == null) {
                    Optional<String> seen = leaderOtherThan(survivors, oldLeader);
                    if (seen.isPresent()) {
                        newLeader = seen.get();
                        elected = System.nanoTime();
                    }
                }
                Thread.sleep(TimeUnit.NANOSECONDS.toMillis(POLL_NANOS));
            }
            Thread.sleep(1_000);
            writer.stop();
            thread.join(CLIENT_TIMEOUT.toMillis() + 5_000);
            long firstAck = writer.firstAckStartedAfter(killed);
            return new FailoverResult(oldLeader, newLeader, millisSince(killed, elected), millisSince(killed, firstAck),
                    writer.longestMillis(), writer.errors.size(),
                    writer.errors.isEmpty() ? null : writer.errors.get(0).toString());
        } finally {
            writer.stop();
        }
    }

    private static Optional<String> leaderOtherThan(List<NodeProcess> survivors, String oldLeader) {
        for (NodeProcess node : survivors) {
            Optional<String> leader = ClusterSession.leaderSeenBy(node);
            if (leader.isPresent() && !leader.get().equals(oldLeader)) {
                return leader;
            }
        }
        return Optional.empty();
    }

    private static double millisSince(long start, long end) {
        return end < 0 ? Double.NaN : (end - start) / 1e6;
    }

    /** Appends one event at a time until stopped (at most {@value #MAX_APPENDS}), keeping when each began and ended. */
    private static final class Writer implements Runnable {
        private static final int MAX_APPENDS = 1_000_000;
        private final JesdbClient client;
        private final String stream;
        private final List<long[]> acks = new CopyOnWriteArrayList<>();
        private final List<Throwable> errors = new CopyOnWriteArrayList<>();
        private volatile boolean stopping;

        Writer(JesdbClient client, String stream) {
            this.client = client;
            this.stream = stream;
        }

        @Override
        public void run() {
            for (int i = 0; i < MAX_APPENDS && !stopping; i++) {
                long began = System.nanoTime();
                try {
                    client.appendToStream(stream, ExpectedVersion.any(), List.of(EventData.json("FailoverProbed", "{\"n\":" + i + "}")));
                    acks.add(new long[] {began, System.nanoTime()});
                } catch (RuntimeException e) {
                    errors.add(e);
                    sleepQuietly(10);
                }
            }
        }

        private static void sleepQuietly(long millis) {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        void stop() {
            stopping = true;
        }

        /** When the first append that began after {@code instant} was acknowledged, or -1. */
        long firstAckStartedAfter(long instant) {
            for (long[] ack : acks) {
                if (ack[0] >= instant) {
                    return ack[1];
                }
            }
            return -1;
        }

        double longestMillis() {
            return acks.stream().mapToLong(ack -> ack[1] - ack[0]).max().orElse(0) / 1e6;
        }
    }
}
