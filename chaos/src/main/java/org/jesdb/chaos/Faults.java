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
 * Kills, pauses, cuts off or moves the clock of one random node at a time, and brings it back
 * after a few seconds, through {@code scripts/local-cluster.sh} (kill/restart, pause/resume,
 * cut/heal, skew/skew 0). At most one node is down at any moment, so a group of three keeps its
 * quorum. Every step is written to the timeline.
 */
public final class Faults implements Runnable {

    /**
     * What this run may do to a node: PARTITION cuts its links (the script's namespace mode only);
     * SKEW makes its wall clock jump up to two minutes either way, then back (the skew mode only).
     */
    public enum Kind { KILL, PAUSE, PARTITION, SKEW }

    private static final int MAX_SKEW_SECONDS = 120;

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
                } else if (kind == Kind.SKEW) {
                    control("skew", node, skewMillis());
                    sleepUntilNext(3 + random.nextInt(6));
                    control("skew", node, "0");
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

    /** A jump of 1 to 120 s, forwards or backwards, in milliseconds. */
    private String skewMillis() {
        long millis = 1_000L + random.nextInt(MAX_SKEW_SECONDS * 1_000 - 1_000 + 1);
        return Long.toString(random.nextBoolean() ? millis : -millis);
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
    boolean control(String command, int node, String... arguments) throws InterruptedException {
        List<String> line = new ArrayList<>(List.of(script.toString(), command, Integer.toString(node)));
        line.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(line).redirectErrorStream(true);
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
        String step = started + " " + command + " node-" + node + (arguments.length == 0 ? "" : " " + String.join(" ", arguments))
                + " " + outcome;
        synchronized (timeline) {
            timeline.add(step);
        }
        System.out.println("chaos: " + step);
        return "ok".equals(outcome);
    }

    public List<String> timeline() {
        synchronized (timeline) {
            return List.copyOf(timeline);
        }
    }
}
