package org.jesdb.store.subscriptions;

import java.time.Instant;

/**
 * A persistent subscription as the replicated store keeps it.
 *
 * @param checkpoint every matching event below this position is done (acknowledged, parked or skipped)
 */
public record SubscriptionRecord(String name, Selector selector, SubscriptionSettings settings, long checkpoint,
                                 Instant created) {

    public SubscriptionRecord withSettings(SubscriptionSettings value) {
        return new SubscriptionRecord(name, selector, value, checkpoint, created);
    }

    public SubscriptionRecord withCheckpoint(long value) {
        return new SubscriptionRecord(name, selector, settings, value, created);
    }
}
