package org.jesdb.bench.workloads;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;
import org.jesdb.bench.targets.Session;

/**
 * Runs workers, one thread each, for a warm-up and then a measured window, and measures the
 * window only: operations that complete inside it, their latency, and the resources used.
 * Every loop is bounded by the window's end and by {@link Timing#maxOperations()}; every wait
 * has a timeout.
 */
public final class LoadRunner {
    /** A worker stops after this many failures: something is broken, measuring on is pointless. */
    private static final int MAX_ERRORS_PER_WORKER = 100;
    private static final long ERROR_PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(10);
    /** How long a worker may take to finish its last operation after the window closed. */
    private static final Duration STOP_GRACE = Duration.ofSeconds(60);
    /** How often the warm-up's progress is printed, so one can see whether the rate has settled. */
    private static final long PROGRESS_NANOS = TimeUnit.SECONDS.toNanos(10);

    private LoadRunner() {
    }

    /**
     * Runs {@code operations}, one thread each; {@code progress} hears the rate of each
     * {@value #PROGRESS_NANOS}-nanosecond stretch of the warm-up.
     */
    public static Measurement run(String name, Session session, List<Operation> operations, Timing timing,
                                  Consumer<String> progress) throws InterruptedException {
        long start = System.nanoTime();
        long measureStart = start + timing.warmup().toNanos();
        long measureEnd = measureStart + timing.duration().toNanos();
        AtomicLong budget = new AtomicLong(timing.maxOperations());
        LongAdder completed = new LongAdder();
        List<Worker> workers = new ArrayList<>(operations.size());
        List<Thread> threads = new ArrayList<>(operations.size());
        for (int i = 0; i < operations.size(); i++) {
            Worker worker = new Worker(operations.get(i), budget, completed, measureStart, measureEnd);
            workers.add(worker);
            Thread thread = new Thread(worker, name + "-" + i);
            thread.setDaemon(true);
            threads.add(thread);
        }
        threads.forEach(Thread::start);

        reportWarmup(start, measureStart, completed, progress);
        UsageSample before = UsageSample.of(session);
        sleepUntil(measureEnd);
        UsageSample after = UsageSample.of(session);

        List<String> notes = new ArrayList<>();
        long joinDeadline = measureEnd + STOP_GRACE.toNanos();
        for (Thread thread : threads) {
            thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(joinDeadline - System.nanoTime())));
            if (thread.isAlive()) {
                thread.interrupt();
                notes.add(thread.getName() + " did not stop within " + STOP_GRACE.toSeconds() + " s of the window's end");
            }
        }
        return measure(workers, measureStart, measureEnd, after.since(before), notes);
    }

    private static Measurement measure(List<Worker> workers, long measureStart, long measureEnd, UsageDelta usage,
                                       List<String> notes) {
        Histogram latency = new Histogram(3);
        long events = 0;
        long operations = 0;
        long errors = 0;
        String firstError = null;
        long windowEnd = measureEnd;
        boolean bounded = false;
        for (Worker worker : workers) {
            latency.add(worker.latency);
            events += worker.events;
            operations += worker.operations;
            errors += worker.errors;
            if (firstError == null) {
                firstError = worker.firstError;
            }
            bounded |= worker.boundReached;
        }
        if (bounded) {
            long lastCompletion = workers.stream().mapToLong(w -> w.lastCompletion).max().orElse(measureEnd);
            windowEnd = Math.max(measureStart + 1, Math.min(measureEnd, lastCompletion));
            notes.add("stopped at the operation bound after " + String.format("%.1f", (windowEnd - measureStart) / 1e9)
                    + " s of the window");
        }
        return new Measurement(events, operations, windowEnd - measureStart, latency, usage, errors, firstError,
                notes.isEmpty() ? null : String.join("; ", notes));
    }

    private static void reportWarmup(long start, long measureStart, LongAdder completed, Consumer<String> progress)
            throws InterruptedException {
        long from = start;
        long before = 0;
        while (from + PROGRESS_NANOS <= measureStart) {
            sleepUntil(from + PROGRESS_NANOS);
            long now = completed.sum();
            progress.accept(String.format(Locale.ROOT, "  warm-up %3d s: %.0f ops/s", (from + PROGRESS_NANOS - start) / 1_000_000_000,
                    (now - before) * 1e9 / PROGRESS_NANOS));
            before = now;
            from += PROGRESS_NANOS;
        }
        sleepUntil(measureStart);
    }

    private static void sleepUntil(long nanoTime) throws InterruptedException {
        long left;
        while ((left = nanoTime - System.nanoTime()) > 0) {
            LockSupport.parkNanos(Math.min(left, TimeUnit.MILLISECONDS.toNanos(100)));
            if (Thread.interrupted()) {
                throw new InterruptedException("interrupted while a workload ran");
            }
        }
    }

    /** One thread's loop; its fields are read by the runner only after the thread has stopped. */
    private static final class Worker implements Runnable {
        private final Operation operation;
        private final AtomicLong budget;
        private final LongAdder completed;
        private final long measureStart;
        private final long measureEnd;
        private final Histogram latency = new Histogram(3);
        private long events;
        private long operations;
        private long errors;
        private String firstError;
        private boolean boundReached;
        private long lastCompletion;

        Worker(Operation operation, AtomicLong budget, LongAdder completed, long measureStart, long measureEnd) {
            this.operation = operation;
            this.budget = budget;
            this.completed = completed;
            this.measureStart = measureStart;
            this.measureEnd = measureEnd;
        }

        @Override
        public void run() {
            while (System.nanoTime() < measureEnd && !Thread.currentThread().isInterrupted()) {
                if (budget.decrementAndGet() < 0) {
                    boundReached = true;
                    return;
                }
                long begin = System.nanoTime();
                int handled;
                try {
                    handled = operation.perform();
                } catch (InterruptedException e) {
                    return;
                } catch (Exception e) {
                    errors++;
                    if (firstError == null) {
                        firstError = e.toString();
                    }
                    if (errors >= MAX_ERRORS_PER_WORKER) {
                        return;
                    }
                    LockSupport.parkNanos(ERROR_PAUSE_NANOS);
                    continue;
                }
                long end = System.nanoTime();
                lastCompletion = end;
                completed.increment();
                if (end >= measureStart && end <= measureEnd) {
                    latency.recordValue(Math.max(1, (end - begin) / 1_000));
                    operations++;
                    events += handled;
                }
            }
        }
    }
}
