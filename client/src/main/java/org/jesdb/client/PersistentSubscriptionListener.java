package org.jesdb.client;

/**
 * Hears a persistent subscription's events on the subscription's own thread. Acknowledge each
 * with {@link PersistentSubscription#ack}, or nack it; what is neither comes again after the
 * subscription's ack timeout, with a higher attempt.
 */
public interface PersistentSubscriptionListener {

    /**
     * One event. {@code attempt} counts deliveries from 1 (Kurrent's clients count retries from 0).
     * Throwing nacks the event for a retry; the subscription goes on.
     */
    void onEvent(PersistentSubscription subscription, int attempt, RecordedEvent event);

    /**
     * The subscription ended: {@code cause} is null when the caller stopped it, else an answer
     * no retry can mend (the subscription was deleted: {@link Errors.NotFound}). By default, a
     * warning in the log.
     */
    default void onCancelled(PersistentSubscription subscription, Throwable cause) {
        if (cause != null) {
            System.getLogger(PersistentSubscriptionListener.class.getName()).log(System.Logger.Level.WARNING,
                    "persistent subscription " + subscription.name() + " ended", cause);
        }
    }
}
