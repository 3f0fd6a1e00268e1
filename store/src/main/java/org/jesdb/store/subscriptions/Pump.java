package org.jesdb.store.subscriptions;

import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A subscription's unit of work, run on the shared executor when woken: many wake-ups before it
 * runs make one run, and a wake-up during a run makes one more, so no wake-up is lost.
 */
final class Pump {
    private final Executor executor;
    private final Runnable work;
    private final AtomicBoolean queued = new AtomicBoolean();

    Pump(Executor executor, Runnable work) {
        this.executor = executor;
        this.work = work;
    }

    void wake() {
        if (queued.compareAndSet(false, true)) {
            try {
                executor.execute(this::run);
            } catch (RejectedExecutionException stopping) {
                queued.set(false);
            }
        }
    }

    private void run() {
        queued.set(false);
        work.run();
    }
}
