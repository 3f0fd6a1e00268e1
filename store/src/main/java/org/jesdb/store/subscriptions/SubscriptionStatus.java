package org.jesdb.store.subscriptions;

/**
 * A persistent subscription and where it stands.
 *
 * @param checkpoint every matching event below this position is done
 * @param lag        events in the log at or after the checkpoint (an upper bound of what is left)
 * @param inFlight   events delivered and not yet acknowledged
 * @param parked     events on the parked list
 * @param consumers  consumers connected on this node
 */
public record SubscriptionStatus(String name, Selector selector, SubscriptionSettings settings, long checkpoint,
                                 long lag, int inFlight, long parked, int consumers, SubscriptionCounters counters) {
}
