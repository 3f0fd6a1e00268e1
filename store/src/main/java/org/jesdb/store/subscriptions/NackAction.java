package org.jesdb.store.subscriptions;

/** What a consumer asks for an event it could not handle. */
public enum NackAction {
    /** Deliver it again after a backoff; park it once the subscription's retries are used up. */
    RETRY,
    /** Put it on the parked list now. */
    PARK,
    /** Drop it, as if acknowledged. */
    SKIP
}
