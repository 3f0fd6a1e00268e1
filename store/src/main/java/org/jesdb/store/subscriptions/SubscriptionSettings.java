package org.jesdb.store.subscriptions;

import java.time.Duration;
import org.jesdb.store.InvalidInputException;

/**
 * The settings of a persistent subscription that may change after it is made.
 *
 * @param maxInFlight events a consumer may hold unacknowledged at once (its window)
 * @param maxRetries  redeliveries after a nack or a timeout before an event is parked
 * @param ordering    whether the order within each stream is kept across consumers
 * @param ackTimeout  how long an event may stay unacknowledged before it is delivered again
 */
public record SubscriptionSettings(int maxInFlight, int maxRetries, Ordering ordering, Duration ackTimeout) {
    public static final int MAX_IN_FLIGHT = 10_000;
    public static final int MAX_RETRIES = 1_000;

    public SubscriptionSettings {
        if (maxInFlight < 1 || maxInFlight > MAX_IN_FLIGHT) {
            throw new InvalidInputException("maxInFlight", "must be between 1 and " + MAX_IN_FLIGHT + ", was " + maxInFlight);
        }
        if (maxRetries < 0 || maxRetries > MAX_RETRIES) {
            throw new InvalidInputException("maxRetries", "must be between 0 and " + MAX_RETRIES + ", was " + maxRetries);
        }
        if (ordering == null) {
            throw new InvalidInputException("ordering", "must be per-stream or none");
        }
        if (ackTimeout == null || ackTimeout.toMillis() < 100 || ackTimeout.toMillis() > 3_600_000) {
            throw new InvalidInputException("ackTimeoutMs", "must be between 100 and 3600000, was "
                    + (ackTimeout == null ? null : ackTimeout.toMillis()));
        }
    }

    /** 100 in flight per consumer, 10 retries, order kept per stream, 30 s to acknowledge. */
    public static SubscriptionSettings defaults() {
        return new SubscriptionSettings(100, 10, Ordering.PER_STREAM, Duration.ofSeconds(30));
    }

    public SubscriptionSettings withMaxInFlight(int value) {
        return new SubscriptionSettings(value, maxRetries, ordering, ackTimeout);
    }

    public SubscriptionSettings withMaxRetries(int value) {
        return new SubscriptionSettings(maxInFlight, value, ordering, ackTimeout);
    }

    public SubscriptionSettings withOrdering(Ordering value) {
        return new SubscriptionSettings(maxInFlight, maxRetries, value, ackTimeout);
    }

    public SubscriptionSettings withAckTimeout(Duration value) {
        return new SubscriptionSettings(maxInFlight, maxRetries, ordering, value);
    }
}
