package org.jesdb.client;

import jakarta.json.Json;
import jakarta.json.JsonReader;
import java.io.StringReader;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * A transient subscription: nothing of it stays on the server. It catches up from where it
 * starts, then follows live; when a connection is lost it connects again (to another node if
 * need be) and resumes right after the last event it delivered, so the listener sees every
 * event once, in order, without a gap. Stop it with {@link #stop()} or close.
 */
public final class Subscription implements AutoCloseable {
    private final String subscriptionId = UUID.randomUUID().toString();
    private final Follower follower;

    private Subscription(Transport transport, String path, SubscribeFrom from, long after, SubscriptionListener listener) {
        this.follower = new Follower(transport, path, from, listener);
        follower.lastPosition = after;
        follower.start("jesdb-subscription-" + subscriptionId.substring(0, 8));
    }

    /**
     * Starts one. "From the end" is first pinned down to the last position of {@code $all} (read at
     * {@code headPath}), so that neither an append the caller makes once this completes nor one
     * made while a connection is lost is missed.
     */
    static CompletableFuture<Subscription> start(Transport transport, String path, String headPath, SubscribeFrom from,
                                                 SubscriptionListener listener) {
        if (!"end".equals(from.query())) {
            return CompletableFuture.completedFuture(new Subscription(transport, path, from, -1, listener));
        }
        return transport.read(headPath).thenApply(reply -> {
            EventPage head = EventJson.page(reply.json());
            if (!head.events().isEmpty()) {
                return new Subscription(transport, path, from, head.events().get(0).position(), listener);
            }
            // With security on, $all shows a user only the streams it may read: an empty page that goes
            // on (next) means every event after next is hidden from it, not that the store is empty.
            return head.next() != null ? new Subscription(transport, path, from, head.next(), listener)
                    : new Subscription(transport, path, SubscribeFrom.start(), -1, listener);
        });
    }

    /** This subscription's id in the client (for logs). */
    public String subscriptionId() {
        return subscriptionId;
    }

    /** The position of the last event delivered; before the first, the position it starts after (-1: none). */
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
        private final SubscribeFrom from;
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
