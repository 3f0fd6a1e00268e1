package org.jesdb.client;

import java.time.Duration;

/**
 * A persistent subscription's settings. Those left unset take the server's defaults on create
 * and keep their value on update. {@code from} counts on create only.
 *
 * @param maxInFlight  unacknowledged events per consumer
 * @param maxRetries   redeliveries before an event is parked
 * @param perStream    true: a stream's events go to one consumer at a time, in order; false: anywhere there is room
 * @param ackTimeout   how long an event may stay unacknowledged before it is delivered again
 */
public record PersistentSubscriptionSettings(SubscribeFrom from, Integer maxInFlight, Integer maxRetries, Boolean perStream,
                                             Duration ackTimeout) {

    /** Nothing set: the server's defaults (from the end, 100 in flight, per-stream order). */
    public static PersistentSubscriptionSettings defaults() {
        return new PersistentSubscriptionSettings(null, null, null, null, null);
    }

    public PersistentSubscriptionSettings from(SubscribeFrom value) {
        return new PersistentSubscriptionSettings(value, maxInFlight, maxRetries, perStream, ackTimeout);
    }

    public PersistentSubscriptionSettings maxInFlight(int value) {
        return new PersistentSubscriptionSettings(from, value, maxRetries, perStream, ackTimeout);
    }

    public PersistentSubscriptionSettings maxRetries(int value) {
        return new PersistentSubscriptionSettings(from, maxInFlight, value, perStream, ackTimeout);
    }

    public PersistentSubscriptionSettings perStream(boolean value) {
        return new PersistentSubscriptionSettings(from, maxInFlight, maxRetries, value, ackTimeout);
    }

    public PersistentSubscriptionSettings ackTimeout(Duration value) {
        return new PersistentSubscriptionSettings(from, maxInFlight, maxRetries, perStream, value);
    }

    /** The members of the API's body that are set, each followed by a comma. */
    String jsonMembers(boolean streamSelector) {
        StringBuilder out = new StringBuilder();
        if (from != null) {
            out.append("\"from\":").append(from.json(streamSelector)).append(',');
        }
        if (maxInFlight != null) {
            out.append("\"maxInFlight\":").append(maxInFlight).append(',');
        }
        if (maxRetries != null) {
            out.append("\"maxRetries\":").append(maxRetries).append(',');
        }
        if (perStream != null) {
            out.append("\"ordering\":\"").append(perStream ? "per-stream" : "none").append("\",");
        }
        if (ackTimeout != null) {
            out.append("\"ackTimeoutMs\":").append(ackTimeout.toMillis()).append(',');
        }
        return out.toString();
    }
}
