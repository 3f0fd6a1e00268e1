package org.jesdb.client;

/** Hears a transient subscription's events, in order, on the subscription's own thread. */
public interface SubscriptionListener {

    /** One event; throwing ends the subscription (then {@link #onCancelled} hears the exception). */
    void onEvent(Subscription subscription, RecordedEvent event);

    /**
     * The subscription ended: {@code cause} is null when the caller stopped it, else what ended it
     * (an answer no retry can mend, such as an unknown store, or the listener's own exception).
     * By default, a warning in the log.
     */
    default void onCancelled(Subscription subscription, Throwable cause) {
        if (cause != null) {
            System.getLogger(SubscriptionListener.class.getName()).log(System.Logger.Level.WARNING,
                    "subscription " + subscription.subscriptionId() + " ended", cause);
        }
    }
}
