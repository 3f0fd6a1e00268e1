package org.jesdb.bench.workloads;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import org.HdrHistogram.Histogram;
import org.jesdb.bench.events.EventFactory;
import org.jesdb.bench.targets.Feed;
import org.jesdb.bench.targets.Session;

/**
 * A subscription to {@code $all} from its first event over a store that already holds
 * {@code events} events in many streams: the time until it has delivered them all. A first,
 * unmeasured pass over part of them warms the delivery path up.
 */
public final class CatchUpLoad {
    private static final int FILL_WRITERS = 4;
    private static final int FILL_BATCH = 1_000;
    private static final int FILL_STREAMS_PER_WRITER = 25;
    private static final long WARM_EVENTS = 200_000;
    /** Bounds each pass and the fill: a catch-up slower than this is reported as unfinished. */
    private static final Duration PASS_LIMIT = Duration.ofMinutes(10);
    private static final long PROGRESS_NANOS = TimeUnit.SECONDS.toNanos(10);

    private CatchUpLoad() {
    }

    /** Writes {@code count} events, {@value #FILL_WRITERS} writers in appends of {@value #FILL_BATCH}, to 100 streams. */
    public static void fill(Session session, EventFactory events, long count, Consumer<String> progress) throws Exception {
        AtomicLong left = new AtomicLong(count);
        LongAdder written = new LongAdder();
        ExecutorService writers = Executors.newFixedThreadPool(FILL_WRITERS);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int w = 0; w < FILL_WRITERS; w++) {
                String prefix = "catch-up-writer-" + w + "-stream-";
                done.add(writers.submit(() -> {
                    long taken;
                    for (int n = 0; (taken = take(left)) > 0; n++) {
                        session.append(prefix + (n % FILL_STREAMS_PER_WRITER), events.next((int) taken));
                        written.add(taken);
                    }
                    return null;
                }));
            }
            awaitFill(done, written, count, progress);
        } finally {
            writers.shutdownNow();
        }
        session.settle();
    }

    /** Takes the next batch's share of what is left to write: {@value #FILL_BATCH} or the rest, 0 when done. */
    private static long take(AtomicLong left) {
        return Math.min(FILL_BATCH, left.getAndUpdate(n -> Math.max(0, n - FILL_BATCH)));
    }

    private static void awaitFill(List<Future<?>> done, LongAdder written, long count, Consumer<String> progress)
            throws Exception {
        long start = System.nanoTime();
        long deadline = start + PASS_LIMIT.toNanos();
        long nextReport = start + PROGRESS_NANOS;
        for (Future<?> writer : done) {
            while (true) {
                try {
                    writer.get(1, TimeUnit.SECONDS);
                    break;
                } catch (java.util.concurrent.TimeoutException notYet) {
                    long now = System.nanoTime();
                    if (now > deadline) {
                        throw new IllegalStateException("the fill did not finish within " + PASS_LIMIT.toMinutes() + " min");
                    }
                    if (now >= nextReport) {
                        progress.accept(String.format(Locale.ROOT, "  filled %d of %d events (%.0f events/s)", written.sum(), count,
                                written.sum() * 1e9 / (now - start)));
                        nextReport += PROGRESS_NANOS;
                    }
                }
            }
        }
    }

    /** The warm-up pass, then the measured pass over all {@code events}. */
    public static Measurement run(Session session, long events, Consumer<String> progress) throws Exception {
        long warm = Math.min(events, WARM_EVENTS);
        progress.accept("  warm-up: a subscription from the start until " + warm + " events are delivered");
        pass(session, warm);
        Pass measured = pass(session, events);
        long delivered = measured.delivered();
        String note = delivered < events ? "delivered " + delivered + " of " + events + " events within "
                + PASS_LIMIT.toMinutes() + " min" : events + " events, " + String.format(Locale.ROOT, "%.1f", measured.nanos() / 1e9)
                + " s from subscribing to the last event";
        return new Measurement(delivered, delivered, measured.nanos(), new Histogram(3), measured.usage(), 0, null, note);
    }

    private record Pass(long delivered, long nanos, UsageDelta usage) {
    }

    /**
     * Subscribes from the start, waits until {@code events} have come (or the limit), and closes.
     * Usage is sampled before the feed closes: a PostgreSQL backend's CPU leaves the count when
     * its connection ends.
     */
    private static Pass pass(Session session, long events) throws Exception {
        LongAdder delivered = new LongAdder();
        UsageSample before = UsageSample.of(session);
        long start = System.nanoTime();
        long deadline = start + PASS_LIMIT.toNanos();
        try (Feed feed = session.subscribeAll(true, id -> delivered.increment())) {
            while (delivered.sum() < events && System.nanoTime() < deadline) {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
            }
            long took = System.nanoTime() - start;
            return new Pass(Math.min(delivered.sum(), events), took, UsageSample.of(session).since(before));
        }
    }
}
