package org.jesdb.web.subscriptions;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicBoolean;
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
 * connection's own lane, never on the subscription's threads.
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
    private final SerialExecutor lane;
    private final AtomicBoolean ended = new AtomicBoolean();
    /** Told after each message is written (a transient subscription's window), and when the connection ends. */
    private volatile Runnable onSent = () -> { };
    private volatile AutoCloseable subscription;
    private final ScheduledFuture<?> keepAlive;

    SseDelivery(SseEventSink sink, Sse sse, DeliveryThreads threads) {
        this.sink = sink;
        this.sse = sse;
        this.lane = threads.lane();
        this.keepAlive = threads.every(KEEP_ALIVE, this::queueKeepAlive);
    }

    private void queueKeepAlive() {
        try {
            lane.execute(() -> write(sse.newEventBuilder().comment("keep-alive").build(), false));
        } catch (RejectedExecutionException busy) {
            end();
        }
    }

    /** The subscription to close when the client goes away, and what to call after each write. */
    void attach(AutoCloseable subscription, Runnable onSent) {
        this.onSent = onSent;
        this.subscription = subscription;
        if (ended.get()) {
            closeSubscription();
        }
    }

    /** Called under the subscription's lock: a consumer found gone is reported, and the subscription closes it. */
    @Override
    public boolean offer(SubscriptionMessage message) {
        if (ended.get() || sink.isClosed()) {
            closeConnection();
            return false;
        }
        OutboundSseEvent event = sse.newEventBuilder()
                .id(Long.toString(message.event().position()))
                .name(message.event().type())
                .mediaType(MediaType.APPLICATION_JSON_TYPE)
                .data(String.class, SubscriptionJson.message(message))
                .build();
        try {
            lane.execute(() -> write(event, true));
            return true;
        } catch (RejectedExecutionException busy) {
            LOG.warning("no delivery thread free for an SSE consumer; disconnecting it");
            closeConnection();
            return false;
        }
    }

    private void write(OutboundSseEvent event, boolean delivery) {
        if (ended.get()) {
            return;
        }
        try {
            sink.send(event).toCompletableFuture().join();
            if (delivery) {
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
        } catch (RejectedExecutionException busy) {
            end();
        }
    }

    /** Ends the connection and the subscription's consumer. */
    private void end() {
        if (closeConnection()) {
            closeSubscription();
        }
    }

    private boolean closeConnection() {
        if (!ended.compareAndSet(false, true)) {
            return false;
        }
        keepAlive.cancel(false);
        try {
            sink.close();
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "closing an SSE connection failed", e);
        }
        return true;
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
