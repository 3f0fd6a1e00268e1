package org.jesdb.store.subscriptions;

import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;
import org.jesdb.store.StoreException;
import org.jesdb.store.streams.RecordedEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A subscription that lives as long as its consumer: it reads matching events from its start
 * position on, catching up and then following the log, and keeps nothing on the server. The
 * consumer confirms each message it has passed on ({@link #sent()}); at most {@code window}
 * messages wait unconfirmed, so a slow consumer holds little memory and never slows a writer.
 */
public final class TransientSubscription implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TransientSubscription.class);

    private final SubscriptionSink sink;
    private final int window;
    private final Runnable onClose;
    private final ReadableStreams readable;
    private final Pump pump;

    /** Guards the cursor and the counters below. */
    private final ReentrantLock lock = new ReentrantLock();
    private final LogCursor cursor;
    private int unconfirmed;
    private boolean closed;

    TransientSubscription(LogCursor cursor, SubscriptionSink sink, int window, ReadableStreams readable,
                          ScheduledExecutorService executor, Runnable onClose) {
        this.cursor = cursor;
        this.readable = readable;
        this.sink = sink;
        this.window = window;
        this.pump = new Pump(executor, this::pump);
        this.onClose = onClose;
    }

    /** Begins delivery (the consumer holds this handle before its first message). */
    public void start() {
        wake();
    }

    /** The consumer passed one message on: room for the next. */
    public void sent() {
        lock.lock();
        try {
            unconfirmed = Math.max(0, unconfirmed - 1);
        } finally {
            lock.unlock();
        }
        wake();
    }

    /** The next position this subscription will look at. */
    public long position() {
        lock.lock();
        try {
            return cursor.position();
        } finally {
            lock.unlock();
        }
    }

    /** Asks for a pump on the executor (see {@link Pump}). */
    void wake() {
        pump.wake();
    }

    private void pump() {
        boolean more = false;
        String endReason = null;
        lock.lock();
        try {
            if (closed || unconfirmed >= window) {
                return;
            }
            List<RecordedEvent> batch = cursor.next(window - unconfirmed);
            endReason = batch.isEmpty() ? null : deliver(batch);
            more = endReason == null && !cursor.reachedEnd() && unconfirmed < window;
        } catch (RuntimeException | Error e) {
            LOG.warn("a transient subscription stopped", e);
            endReason = "the subscription failed: " + e.getMessage();
        } finally {
            lock.unlock();
        }
        if (endReason != null) {
            end(endReason);
        } else if (more) {
            wake();
        }
    }

    /** Offers the events of {@code batch} the consumer may read; answers why delivery must end, or null. */
    private String deliver(List<RecordedEvent> batch) {
        Predicate<String> mayRead;
        try {
            // asked per batch, not per wake-up: most wake-ups of a quiet subscription find nothing
            mayRead = readable.now();
        } catch (StoreException refused) {
            // the consumer may get nothing more (its user is gone): a refusal, not a failure
            return refused.getMessage();
        }
        for (RecordedEvent event : batch) {
            if (!mayRead.test(event.stream())) {
                continue;
            }
            unconfirmed++;
            if (!sink.offer(new SubscriptionMessage(event, 1))) {
                return "the consumer could not take more messages and was disconnected";
            }
        }
        return null;
    }

    /** Stops delivery; nothing remains on the server. */
    @Override
    public void close() {
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
        } finally {
            lock.unlock();
        }
        onClose.run();
    }

    /** The node stops: tell the consumer, then forget it. */
    void end(String reason) {
        try {
            sink.closed(reason);
        } finally {
            close();
        }
    }
}
