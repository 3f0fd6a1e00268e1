package org.jesdb.web.subscriptions;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.jesdb.ejb.subscriptions.DeliveryThreads;
import org.jesdb.ejb.subscriptions.SerialExecutor;
import org.jesdb.store.subscriptions.SubscriptionMessage;
import org.jesdb.store.subscriptions.SubscriptionSink;

/**
 * Writes a subscription's messages to one SSE connection: {@code id} is the event's global
 * position (what {@code Last-Event-ID} resumes from), {@code event} its type, {@code data} the
 * event's JSON with {@code "attempt"}. Writes may block on a slow client, so they run on the
 * connection's own lane, never on the subscription's threads. A connection opened with a token
 * ends when the token expires ({@link TokenExpiry}), idle or not, with a {@code subscription-closed}
 * event that says so.
 */
final class SseDelivery implements SubscriptionSink {
    private static final Logger LOG = Logger.getLogger(SseDelivery.class.getName());
    /**
     * A comment line this often: a client that went away is only noticed when a write fails, and
     * the events it held go to other consumers then.
     */
    static final Duration KEEP_ALIVE = Duration.ofSeconds(5);

    private final SseEventSink sink;
    private final Sse sse;
    private final DeliveryThreads threads;
    private final SerialExecutor lane;
    private final AtomicBoolean ended = new AtomicBoolean();
    private volatile AutoCloseable subscription;
    /** Whether a queued message is still this consumer's to write (it may have gone elsewhere). */
    private volatile Predicate<SubscriptionMessage> current = message -> true;
    /** Told after each message is written: a transient subscription's window. */
    private volatile Runnable onSent = () -> { };
    private volatile ScheduledFuture<?> keepAlive;
    private final TokenExpiry expiry;
    /** Ends the connection when its token expires, even if nothing is sent then; null without a token. */
    private volatile ScheduledFuture<?> expiryTimer;
    /** Whether the client has been told why the connection ends: the first reason stands. */
    private final AtomicBoolean closing = new AtomicBoolean();
    /** Run once when the connection ends: gives the user's connection back to its quota. */
    private final Runnable onEnd;

    SseDelivery(SseEventSink sink, Sse sse, DeliveryThreads threads, TokenExpiry expiry, Runnable onEnd) {
        this.sink = sink;
        this.sse = sse;
        this.threads = threads;
        this.lane = threads.lane();
        this.expiry = expiry;
        this.onEnd = onEnd;
    }

    /** Binds the connection to its subscription once that exists; keep-alives and the token's timer start here. */
    void attach(AutoCloseable subscription, Predicate<SubscriptionMessage> current, Runnable onSent) {
        this.current = current;
        this.onSent = onSent;
        this.subscription = subscription;
        keepAlive = threads.every(KEEP_ALIVE, this::queueKeepAlive);
        expiry.remaining().ifPresent(left -> expiryTimer = threads.after(left, () -> closed(TokenExpiry.REASON)));
        if (ended.get()) {
            cancelTimers();
            closeSubscription();
        }
    }

    private void queueKeepAlive() {
        try {
            lane.execute(() -> write(sse.newEventBuilder().comment("keep-alive").build(), null));
        } catch (RejectedExecutionException stuck) {
            end();
        }
    }

    /** Called under the subscription's lock: queues the write, and reports a consumer that is gone or stuck. */
    @Override
    public boolean offer(SubscriptionMessage message) {
        if (ended.get() || sink.isClosed()) {
            return false;
        }
        if (expiry.passed()) {
            // the timer may not have run yet: refused, a persistent subscription's event goes to another consumer
            closed(TokenExpiry.REASON);
            return false;
        }
        OutboundSseEvent event = sse.newEventBuilder()
                .id(Long.toString(message.event().position()))
                .name(message.event().type())
                .mediaType(MediaType.APPLICATION_JSON_TYPE)
                .data(String.class, SubscriptionJson.message(message))
                .build();
        try {
            lane.execute(() -> write(event, message));
            return true;
        } catch (RejectedExecutionException stuck) {
            LOG.warning("an SSE consumer has " + DeliveryThreads.LANE_CAPACITY
                    + " messages unwritten, or no delivery thread is free; disconnecting it");
            return false;
        }
    }

    /** Writes one event; {@code message} is null for a keep-alive. */
    private void write(OutboundSseEvent event, SubscriptionMessage message) {
        if (ended.get() || (message != null && (!current.test(message) || expiry.passed()))) {
            return;
        }
        try {
            sink.send(event).toCompletableFuture().join();
            if (message != null) {
                onSent.run();
            }
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "an SSE consumer went away", e);
            end();
        }
    }

    /** The subscription ended on the server: say why, then close the connection. */
    @Override
    public void closed(String reason) {
        if (!closing.compareAndSet(false, true)) {
            // after a refusal the subscription closes it again, with its own words: the first reason stands
            return;
        }
        try {
            lane.execute(() -> {
                try {
                    sink.send(sse.newEventBuilder().name("subscription-closed").data(String.class, reason).build())
                            .toCompletableFuture().join();
                } catch (RuntimeException gone) {
                    LOG.log(Level.FINE, "the SSE consumer was gone already", gone);
                }
                end();
            });
        } catch (RejectedExecutionException stuck) {
            threads.pool().execute(this::end);
        }
    }

    /** Ends the connection and the subscription's consumer (never under the subscription's lock). */
    void end() {
        if (!ended.compareAndSet(false, true)) {
            return;
        }
        cancelTimers();
        try {
            sink.close();
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "closing an SSE connection failed", e);
        }
        onEnd.run();
        closeSubscription();
    }

    private void cancelTimers() {
        for (ScheduledFuture<?> timer : new ScheduledFuture<?>[] {keepAlive, expiryTimer}) {
            if (timer != null) {
                timer.cancel(false);
            }
        }
    }

    private void closeSubscription() {
        AutoCloseable attached = subscription;
        if (attached != null) {
            try {
                attached.close();
            } catch (Exception e) {
                LOG.log(Level.FINE, "closing a subscription failed", e);
            }
        }
    }
}
