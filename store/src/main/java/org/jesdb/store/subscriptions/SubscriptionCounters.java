package org.jesdb.store.subscriptions;

import java.util.concurrent.atomic.AtomicLong;

/** What one persistent subscription did since this node started, for metrics. */
public final class SubscriptionCounters {
    final AtomicLong delivered = new AtomicLong();
    final AtomicLong acked = new AtomicLong();
    final AtomicLong nacked = new AtomicLong();
    final AtomicLong parked = new AtomicLong();

    public long delivered() {
        return delivered.get();
    }

    public long acked() {
        return acked.get();
    }

    public long nacked() {
        return nacked.get();
    }

    /** Events this node parked (the parked list may also hold older ones). */
    public long parked() {
        return parked.get();
    }
}
