package org.jesdb.client;

/**
 * Hears a persistent subscription's events on the subscription's own thread. Acknowledge each
 * with {@link PersistentSubscription#ack}, or nack it; what is neither comes again after the
 * subscription's ack timeout, with a higher attempt.
 */
public interface PersistentSubscriptionListener {

    /** One event; {@code attempt} is 1 on its first delivery. Throwing ends the subscription's connection for good. */
    void onEvent(PersistentSubscription subscription, int attempt, RecordedEvent event);

    /** The connection ended: {@code cause} is null when the caller stopped it. */
    default void onCancelled(PersistentSubscription subscription, Throwable cause) {
    }
}
