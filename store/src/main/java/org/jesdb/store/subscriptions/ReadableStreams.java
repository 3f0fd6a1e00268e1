package org.jesdb.store.subscriptions;

import java.util.function.Predicate;

/**
 * The streams a transient subscription may hand on to its consumer, asked again before every
 * batch so that a change of the access rules or of the user counts from the next batch on.
 */
@FunctionalInterface
public interface ReadableStreams {

    /** Every stream: in-process code, or security off. */
    ReadableStreams EVERY = () -> stream -> true;

    /**
     * The test for this batch; throws a {@link org.jesdb.store.StoreException} when the consumer
     * may get nothing more (its user is gone), which ends the subscription with that message.
     */
    Predicate<String> now();
}
