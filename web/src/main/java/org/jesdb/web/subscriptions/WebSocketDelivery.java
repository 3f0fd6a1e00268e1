package org.jesdb.web.subscriptions;

import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.RejectedExecutionException;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.jesdb.ejb.subscriptions.SerialExecutor;
import org.jesdb.store.subscriptions.ConsumerHandle;
import org.jesdb.store.subscriptions.SubscriptionMessage;
import org.jesdb.store.subscriptions.SubscriptionSink;

/** Writes a subscription's messages to one WebSocket, on the connection's own lane (writes may block). */
final class WebSocketDelivery implements SubscriptionSink {
    private static final Logger LOG = Logger.getLogger(WebSocketDelivery.class.getName());
    /** A close reason must fit in a control frame. */
    private static final int MAX_REASON_BYTES = 120;

    private final Session session;
    private final SerialExecutor lane;
    /** The consumer's handle, once connected: a queued message it no longer holds is not sent. */
    private volatile ConsumerHandle consumer;

    WebSocketDelivery(Session session, SerialExecutor lane) {
        this.session = session;
        this.lane = lane;
    }

    void attach(ConsumerHandle handle) {
        this.consumer = handle;
    }

    /** Called under the subscription's lock: never writes here, only queues the write. */
    @Override
    public boolean offer(SubscriptionMessage message) {
        if (!session.isOpen()) {
            return false;
        }
        String text = SubscriptionJson.message(message);
        try {
            lane.execute(() -> {
                ConsumerHandle handle = consumer;
                if (handle == null || handle.holds(message)) {
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
