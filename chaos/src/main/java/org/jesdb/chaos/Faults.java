package org.jesdb.chaos;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.BooleanSupplier;
import java.util.concurrent.TimeUnit;

/**
 * Kills, pauses or cuts off one random node at a time, and brings it back after a few seconds,
 * through {@code scripts/local-cluster.sh} (kill/restart, pause/resume, cut/heal). At most one
 * node is down at any moment, so a group of three keeps its quorum. Every step is written to
 * the timeline.
 */
public final class Faults implements Runnable {

    /** What this run may do to a node: PARTITION cuts its links (the script's namespace mode only). */
    public enum Kind { KILL, PAUSE, PARTITION }

    private final Path script;
    private final Path home;
    private final List<Integer> nodes;
    private final List<Kind> kinds;
    private final Random random;
    private final long endNanos;
    private final BooleanSupplier enough;
    private final List<String> timeline = new ArrayList<>();

    /** Faults until {@code duration} has passed or {@code enough} says so, whichever comes first. */
    public Faults(Path script, Path home, List<Integer> nodes, List<Kind> kinds, long seed, Duration duration,
                  BooleanSupplier enough) {
        this.script = script;
        this.home = home;
        this.nodes = List.copyOf(nodes);
        this.kinds = List.copyOf(kinds);
        this.random = new Random(seed);
        this.endNanos = System.nanoTime() + duration.toNanos();
        this.enough = enough;
    }

    @Override
    public void run() {
        try {
            while (sleepUntilNext(3 + random.nextInt(5))) {
                int node = nodes.get(random.nextInt(nodes.size()));
                Kind kind = kinds.get(random.nextInt(kinds.size()));
                if (kind == Kind.KILL) {
                    control("kill", node);
                    sleepUntilNext(3 + random.nextInt(5));
                    control("restart", node);
                } else if (kind == Kind.PARTITION) {
                    control("cut", node);
                    sleepUntilNext(3 + random.nextInt(6));
                    control("heal", node);
                } else {
                    control("pause", node);
                    sleepUntilNext(2 + random.nextInt(4));
                    control("resume", node);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Sleeps {@code seconds}, or until the run's end; answers whether the run goes on after it. A
     * fault under way is always undone: only the next one waits on this answer.
     */
    private boolean sleepUntilNext(int seconds) throws InterruptedException {
        long left = endNanos - System.nanoTime();
        TimeUnit.NANOSECONDS.sleep(Math.max(0, Math.min(left, TimeUnit.SECONDS.toNanos(seconds))));
        return endNanos - System.nanoTime() > 0 && !enough.getAsBoolean();
    }

    /**
     * Runs one command of the cluster script and notes it, stamped when it began (restart waits
     * until the node is ready); answers whether it succeeded.
     */
    boolean control(String command, int node) throws InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(script.toString(), command, Integer.toString(node))
                .redirectErrorStream(true);
        builder.environment().put("JESDB_CLUSTER_HOME", home.toString());
        Instant started = Instant.now();
        String outcome;
        try {
            Process process = builder.start();
            String output = new String(process.getInputStream().readAllBytes()).trim();
            boolean done = process.waitFor(240, TimeUnit.SECONDS);
            outcome = done && process.exitValue() == 0 ? "ok" : "failed: " + output;
        } catch (IOException e) {
            outcome = "failed: " + e.getMessage();
        }
        String line = started + " " + command + " node-" + node + " " + outcome;
        synchronized (timeline) {
            timeline.add(line);
        }
        System.out.println("chaos: " + line);
        return "ok".equals(outcome);
    }

    public List<String> timeline() {
        synchronized (timeline) {
            return List.copyOf(timeline);
        }
    }
}
