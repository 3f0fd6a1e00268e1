package org.jesdb.client;

/** Hears a transient subscription's events, in order, on the subscription's own thread. */
public interface SubscriptionListener {

    /** One event; throwing ends the subscription (then {@link #onCancelled} hears the exception). */
    void onEvent(Subscription subscription, RecordedEvent event);

    /**
     * The subscription ended: {@code cause} is null when the caller stopped it, else what ended it
     * (an error no other try could mend, such as a missing stream store, or the listener's own exception).
     */
    default void onCancelled(Subscription subscription, Throwable cause) {
    }
}
