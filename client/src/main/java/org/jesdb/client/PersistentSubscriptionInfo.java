package org.jesdb.client;

import java.time.Duration;

/**
 * A persistent subscription's definition and status.
 *
 * @param checkpoint the position below which every selected event is done
 * @param lag        the log's events at or after the checkpoint (an upper bound of what is left)
 * @param delivered  deliveries by the answering node since it started (as are acked and nacked)
 */
public record PersistentSubscriptionInfo(String name, SubscriptionSelector selector, int maxInFlight, int maxRetries,
                                         boolean perStream, Duration ackTimeout, long checkpoint, long lag, int inFlight,
                                         long parked, int consumers, long delivered, long acked, long nacked) {
}
