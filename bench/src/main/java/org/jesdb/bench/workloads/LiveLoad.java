package org.jesdb.bench.workloads;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.SynchronizedHistogram;
import org.jesdb.bench.events.BenchEvent;
import org.jesdb.bench.events.EventFactory;
import org.jesdb.bench.targets.Feed;
import org.jesdb.bench.targets.FeedListener;
import org.jesdb.bench.targets.Session;

/**
 * A live subscription to {@code $all} while writers append single events to their own streams.
 * Each event's clock starts when its append is sent and stops when the subscription delivers
 * it; the figures are the events delivered inside the measured window and those latencies.
 */
public final class LiveLoad {
    /** How long the events still on their way at the window's end may take to arrive. */
    private static final Duration DRAIN = Duration.ofSeconds(30);

    private LiveLoad() {
    }

    public static Measurement run(Session session, Workload.Live workload, EventFactory events, Timing timing,
                                  Consumer<String> progress) throws Exception {
        Deliveries deliveries = new Deliveries();
        try (Feed feed = session.subscribeAll(false, deliveries)) {
            List<Operation> writers = new ArrayList<>(workload.writers());
            for (int w = 0; w < workload.writers(); w++) {
                writers.add(writer(session, events, deliveries, workload.id() + "-writer-" + w + "-stream-"));
            }
            long begin = System.nanoTime();
            deliveries.window(begin + timing.warmup().toNanos(), begin + timing.warmup().toNanos() + timing.duration().toNanos());
            Measurement appended = LoadRunner.run(workload.id(), session, writers, timing, progress);
            long left = deliveries.drain(DRAIN);
            List<String> notes = new ArrayList<>();
            notes.add(String.format(Locale.ROOT, "the writers appended %.0f events/s (p50 %.2f ms) meanwhile",
                    appended.eventsPerSecond(), appended.p50Millis()));
            if (left > 0) {
                notes.add(left + " events were not delivered within " + DRAIN.toSeconds() + " s of the window's end");
            }
            if (appended.note() != null) {
                notes.add(appended.note());
            }
            long delivered = deliveries.inWindow.sum();
            return new Measurement(delivered, delivered, timing.duration().toNanos(), deliveries.latencyMicros,
                    appended.usage(), appended.errors(), appended.firstError(), String.join("; ", notes));
        }
    }

    private static Operation writer(Session session, EventFactory events, Deliveries deliveries, String streamPrefix) {
        String[] streams = new String[AppendLoad.STREAMS_PER_WRITER];
        for (int s = 0; s < streams.length; s++) {
            streams[s] = streamPrefix + s;
        }
        int[] next = {0};
        return () -> {
            List<BenchEvent> batch = events.next(1);
            String stream = streams[next[0]];
            next[0] = (next[0] + 1) % streams.length;
            UUID id = batch.get(0).id();
            deliveries.sent(id);
            try {
                session.append(stream, batch);
            } catch (Exception e) {
                deliveries.forget(id);
                throw e;
            }
            return 1;
        };
    }

    /** The listener: when each event was sent, and what was delivered inside the window. */
    private static final class Deliveries implements FeedListener {
        private final ConcurrentHashMap<UUID, Long> sentAt = new ConcurrentHashMap<>();
        private final Histogram latencyMicros = new SynchronizedHistogram(3);
        private final LongAdder inWindow = new LongAdder();
        private volatile long windowStart = Long.MAX_VALUE;
        private volatile long windowEnd = Long.MIN_VALUE;

        void window(long start, long end) {
            windowStart = start;
            windowEnd = end;
        }

        void sent(UUID id) {
            sentAt.put(id, System.nanoTime());
        }

        /** The append failed: its event is not waited for (if it was stored after all, it counts as unknown). */
        void forget(UUID id) {
            sentAt.remove(id);
        }

        @Override
        public void onEvent(UUID id) {
            long now = System.nanoTime();
            Long sent = sentAt.remove(id);
            if (sent != null && now >= windowStart && now <= windowEnd) {
                latencyMicros.recordValue(Math.max(1, (now - sent) / 1_000));
                inWindow.increment();
            }
        }

        /** Waits at most {@code limit} for every sent event to arrive; answers how many did not. */
        long drain(Duration limit) {
            long deadline = System.nanoTime() + limit.toNanos();
            while (!sentAt.isEmpty() && System.nanoTime() < deadline) {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
            }
            return sentAt.size();
        }
    }
}
