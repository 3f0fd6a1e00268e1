package org.jesdb.ejb.subscriptions;

import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.jesdb.store.subscriptions.SubscriptionMessage;
import org.jesdb.store.subscriptions.SubscriptionSink;

/**
 * A persistent subscription's consumer that must keep its right to read: before a message goes
 * out, at most once a second, it asks again whether its user still exists and may read what the
 * subscription selects. Once not, the consumer is closed with the reason and the message goes
 * back to the subscription (the dispatcher hands a refused offer's message to another consumer),
 * so a rule change or a deleted user stops a connected consumer within a second of reaching this
 * member, not only at its next ack.
 */
final class AccessCheckedSink implements SubscriptionSink {
    static final long RECHECK_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final SubscriptionSink consumer;
    /** Why the consumer may read no more, or empty while it may. */
    private final Supplier<Optional<String>> refusal;
    private final LongSupplier nanoTime;
    private long checkedAt;
    private boolean closed;

    AccessCheckedSink(SubscriptionSink consumer, Supplier<Optional<String>> refusal, LongSupplier nanoTime) {
        this.consumer = consumer;
        this.refusal = refusal;
        this.nanoTime = nanoTime;
        // the caller was checked just before it connected
        this.checkedAt = nanoTime.getAsLong();
    }

    @Override
    public synchronized boolean offer(SubscriptionMessage message) {
        if (closed) {
            return false;
        }
        long now = nanoTime.getAsLong();
        if (now - checkedAt >= RECHECK_NANOS) {
            Optional<String> refused = refusal.get();
            if (refused.isPresent()) {
                close(refused.get());
                return false;
            }
            checkedAt = now;
        }
        return consumer.offer(message);
    }

    @Override
    public synchronized void closed(String reason) {
        // after a refusal the dispatcher closes it again, with its own words: the first reason stands
        if (!closed) {
            close(reason);
        }
    }

    private void close(String reason) {
        closed = true;
        consumer.closed(reason);
    }
}
