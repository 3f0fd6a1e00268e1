package org.jesdb.ejb.subscriptions;

import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs tasks one at a time, in order, on a shared executor: one consumer's messages, written or
 * handled in sequence, without a thread of its own. At most {@code capacity} tasks wait; more is
 * refused, which tells the subscription that this consumer is stuck.
 */
public final class SerialExecutor implements Executor {
    private static final Logger LOG = Logger.getLogger(SerialExecutor.class.getName());

    private final Executor pool;
    private final int capacity;
    /** Guarded by {@code this}. */
    private final Queue<Runnable> tasks = new ArrayDeque<>();
    private boolean running;

    public SerialExecutor(Executor pool, int capacity) {
        this.pool = pool;
        this.capacity = capacity;
    }

    @Override
    public void execute(Runnable task) {
        synchronized (this) {
            if (tasks.size() >= capacity) {
                throw new RejectedExecutionException(capacity + " tasks are waiting already");
            }
            tasks.add(task);
            if (running) {
                return;
            }
            running = true;
        }
        try {
            pool.execute(this::drain);
        } catch (RejectedExecutionException e) {
            synchronized (this) {
                running = false;
                tasks.clear();
            }
            throw e;
        }
    }

    private void drain() {
        while (true) {
            Runnable next;
            synchronized (this) {
                next = tasks.poll();
                if (next == null) {
                    running = false;
                    return;
                }
            }
            try {
                next.run();
            } catch (RuntimeException | Error e) {
                // One failing task must not stop the lane: the tasks behind it would never run.
                LOG.log(Level.WARNING, "a delivery task failed", e);
            }
        }
    }
}
