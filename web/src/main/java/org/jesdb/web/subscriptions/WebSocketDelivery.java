package org.jesdb.web.subscriptions;

import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.jesdb.ejb.subscriptions.DeliveryThreads;
import org.jesdb.ejb.subscriptions.SerialExecutor;
import org.jesdb.store.subscriptions.ConsumerHandle;
import org.jesdb.store.subscriptions.SubscriptionMessage;
import org.jesdb.store.subscriptions.SubscriptionSink;

/**
 * Writes a subscription's messages to one WebSocket, on the connection's own lane (writes may
 * block). A connection opened with a token is closed when the token expires ({@link TokenExpiry}),
 * idle or not, with 1008 (policy violation) and a reason that says so.
 */
final class WebSocketDelivery implements SubscriptionSink {
    private static final Logger LOG = Logger.getLogger(WebSocketDelivery.class.getName());
    /** A close reason must fit in a control frame. */
    private static final int MAX_REASON_BYTES = 120;

    private final Session session;
    private final SerialExecutor lane;
    /** The consumer's handle, once connected: a queued message it no longer holds is not sent. */
    private volatile ConsumerHandle consumer;
    private final TokenExpiry expiry;
    /** Closes the connection when its token expires, even if nothing is sent then; null without a token. */
    private volatile ScheduledFuture<?> expiryTimer;

    WebSocketDelivery(Session session, SerialExecutor lane, TokenExpiry expiry) {
        this.session = session;
        this.lane = lane;
        this.expiry = expiry;
    }

    /** Binds the connection to its consumer once connected; the token's timer starts here. */
    void attach(ConsumerHandle handle, DeliveryThreads threads) {
        this.consumer = handle;
        expiry.remaining().ifPresent(left -> expiryTimer = threads.after(left, this::expire));
    }

    /** Whether the connection's token has expired: it may take no more frames, nor be sent any. */
    boolean expired() {
        return expiry.passed();
    }

    /** Closes the connection because its token expired, after what is queued before (never under the subscription's lock). */
    void expire() {
        try {
            lane.execute(() -> close(CloseReason.CloseCodes.VIOLATED_POLICY, TokenExpiry.REASON));
        } catch (RejectedExecutionException busy) {
            close(CloseReason.CloseCodes.VIOLATED_POLICY, TokenExpiry.REASON);
        }
    }

    /** The connection ended: its token's timer is no longer needed. */
    void detach() {
        ScheduledFuture<?> timer = expiryTimer;
        if (timer != null) {
            timer.cancel(false);
        }
    }

    /** Called under the subscription's lock: never writes here, only queues the write. */
    @Override
    public boolean offer(SubscriptionMessage message) {
        if (!session.isOpen()) {
            return false;
        }
        if (expiry.passed()) {
            // the timer may not have run yet: refused, the event goes to another consumer
            expire();
            return false;
        }
        String text = SubscriptionJson.message(message);
        try {
            lane.execute(() -> {
                ConsumerHandle handle = consumer;
                if ((handle == null || handle.holds(message)) && !expiry.passed()) {
                    send(text);
                }
            });
            return true;
        } catch (RejectedExecutionException busy) {
            LOG.warning("no delivery thread free for a WebSocket consumer; disconnecting it");
            return false;
        }
    }

    /** Sends a text frame in the connection's order; a failed write closes the connection. */
    void send(String text) {
        try {
            if (session.isOpen()) {
                session.getBasicRemote().sendText(text);
            }
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.FINE, "a WebSocket consumer went away", e);
            close(CloseReason.CloseCodes.GOING_AWAY, "write failed");
        }
    }

    /** Queues a reply (an error) behind the messages already queued. */
    void reply(String text) {
        try {
            lane.execute(() -> send(text));
        } catch (RejectedExecutionException busy) {
            close(CloseReason.CloseCodes.TRY_AGAIN_LATER, "server busy");
        }
    }

    /** Sends the refusal, then closes: both queued in order, so the client reads why before the close. */
    void refuse(String text, CloseReason.CloseCode code, String reason) {
        try {
            lane.execute(() -> {
                send(text);
                close(code, reason);
            });
        } catch (RejectedExecutionException busy) {
            close(code, reason);
        }
    }

    @Override
    public void closed(String reason) {
        try {
            lane.execute(() -> close(CloseReason.CloseCodes.GOING_AWAY, reason));
        } catch (RejectedExecutionException busy) {
            close(CloseReason.CloseCodes.GOING_AWAY, reason);
        }
    }

    void close(CloseReason.CloseCode code, String reason) {
        try {
            session.close(new CloseReason(code, fit(reason)));
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.FINE, "closing a WebSocket failed", e);
        }
    }

    private static String fit(String reason) {
        String out = reason;
        while (out.getBytes(StandardCharsets.UTF_8).length > MAX_REASON_BYTES) {
            out = out.substring(0, out.length() - 1);
        }
        return out;
    }
}
