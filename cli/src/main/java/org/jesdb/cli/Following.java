package org.jesdb.cli;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Waits while a subscription prints events, until it has printed {@code limit} (when given), or
 * the subscription ended; then says why it ended. Ctrl-C ends the process as usual: nothing is
 * left behind on the server by a transient subscription, and a persistent one gives its
 * unacknowledged events to other consumers.
 */
final class Following {
    private final Long limit;
    private final AtomicLong printed = new AtomicLong();
    private final CountDownLatch done = new CountDownLatch(1);
    private volatile Throwable cause;

    Following(Long limit) {
        this.limit = limit;
    }

    /** Counts one printed event; answers whether the limit is reached (then the caller stops the subscription). */
    boolean printed() {
        if (limit != null && printed.incrementAndGet() >= limit) {
            done.countDown();
            return true;
        }
        return false;
    }

    /** The subscription ended: by the limit or a stop (null), or by an error. */
    void ended(Throwable error) {
        if (cause == null) {
            cause = error;
        }
        done.countDown();
    }

    /** Blocks until the end; rethrows what ended the subscription, if anything did. */
    void await() throws InterruptedException {
        if (limit != null && limit <= 0) {
            return;
        }
        done.await();
        Throwable error = cause;
        if (error instanceof RuntimeException runtime) {
            throw runtime;
        }
        if (error != null) {
            throw new IllegalStateException(error);
        }
    }
}
