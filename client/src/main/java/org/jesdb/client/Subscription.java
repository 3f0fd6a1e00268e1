package org.jesdb.client;

import jakarta.json.Json;
import jakarta.json.JsonReader;
import java.io.StringReader;
import java.util.UUID;

/**
 * A transient subscription: nothing of it stays on the server. It catches up from where it
 * starts, then follows live; when a connection is lost it connects again (to another node if
 * need be) and resumes right after the last event it delivered, so the listener sees every
 * event once, in order, without a gap. Stop it with {@link #stop()} or close.
 */
public final class Subscription implements AutoCloseable {
    private final String subscriptionId = UUID.randomUUID().toString();
    private final Follower follower;

    /**
     * @param headPath where the last event of {@code $all} is read: "from the end" is pinned down to
     *                 that position before this returns, so that neither an append the caller makes
     *                 next nor one made while a connection is lost is missed
     */
    Subscription(Transport transport, String path, String headPath, SubscribeFrom from, SubscriptionListener listener) {
        this.follower = new Follower(transport, path, from, listener);
        if ("end".equals(from.query())) {
            EventPage head = JesdbClient.join(transport.read(headPath).thenApply(reply -> EventJson.page(reply.json())));
            follower.from = head.events().isEmpty() ? SubscribeFrom.start() : from;
            follower.lastPosition = head.events().isEmpty() ? -1 : head.events().get(0).position();
        }
        follower.start("jesdb-subscription-" + subscriptionId.substring(0, 8));
    }

    /** This subscription's id in the client (for logs). */
    public String subscriptionId() {
        return subscriptionId;
    }

    /** The position of the last event delivered, or -1 before the first. */
    public long lastPosition() {
        return follower.lastPosition;
    }

    public void stop() {
        follower.stop();
    }

    @Override
    public void close() {
        stop();
    }

    private final class Follower extends SseFollower {
        private final String path;
        private final SubscriptionListener listener;
        private volatile SubscribeFrom from;
        private volatile long lastPosition = -1;

        Follower(Transport transport, String path, SubscribeFrom from, SubscriptionListener listener) {
            super(transport, Transport.Route.ANY_NODE);
            this.path = path;
            this.from = from;
            this.listener = listener;
        }

        @Override
        String path() {
            return path + (path.contains("?") ? "&" : "?") + "from=" + from.query();
        }

        @Override
        String[] headers() {
            // After a delivered event, the server resumes right after its position, whatever from says.
            return lastPosition < 0 ? new String[0] : new String[] {"Last-Event-ID", Long.toString(lastPosition)};
        }

        @Override
        void onEvent(SseEvent event) {
            RecordedEvent recorded;
            try (JsonReader reader = Json.createReader(new StringReader(event.data()))) {
                recorded = EventJson.event(reader.readObject());
            }
            if (recorded.position() <= lastPosition) {
                return; // a node that resumed from an older position: delivered already
            }
            listener.onEvent(Subscription.this, recorded);
            lastPosition = recorded.position();
        }

        @Override
        void onEnd(Throwable cause) {
            listener.onCancelled(Subscription.this, cause);
        }
    }
}
