package org.jesdb.ejb.subscriptions;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Threads that write to consumers (SSE connections) and run in-process handlers, whose calls
 * may block; the subscriptions' own threads never do. Each consumer uses one thread at most at
 * a time (see {@link SerialExecutor}); when all are busy, a new consumer's delivery is refused
 * and the consumer is disconnected, rather than queued without bound.
 */
@ApplicationScoped
public class DeliveryThreads {
    static final int MAX_THREADS = 256;

    @Resource
    ManagedThreadFactory threadFactory;

    private ThreadPoolExecutor pool;
    /** Wakes consumers' keep-alive writes and token expiries; the writes themselves run on their lanes. */
    private ScheduledThreadPoolExecutor timer;

    @PostConstruct
    void start() {
        pool = new ThreadPoolExecutor(0, MAX_THREADS, 60, TimeUnit.SECONDS, new SynchronousQueue<>(), threadFactory);
        timer = new ScheduledThreadPoolExecutor(1, threadFactory);
        timer.setRemoveOnCancelPolicy(true);
    }

    /** Runs {@code task} every {@code period}, until the returned future is cancelled. */
    public ScheduledFuture<?> every(Duration period, Runnable task) {
        return timer.scheduleAtFixedRate(task, period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Runs {@code task} once after {@code delay} (at once if it is not positive), unless the returned future is cancelled first. */
    public ScheduledFuture<?> after(Duration delay, Runnable task) {
        return timer.schedule(task, Math.max(0, delay.toMillis()), TimeUnit.MILLISECONDS);
    }

    /** Messages a network consumer may have queued, unwritten, before it counts as stuck. */
    public static final int LANE_CAPACITY = 4_096;

    /** A new serial lane on the shared threads, for one consumer. */
    public SerialExecutor lane() {
        return new SerialExecutor(pool, LANE_CAPACITY);
    }

    public Executor pool() {
        return pool;
    }

    @PreDestroy
    void stop() {
        timer.shutdownNow();
        pool.shutdownNow();
    }
}
