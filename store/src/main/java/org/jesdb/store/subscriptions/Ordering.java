package org.jesdb.store.subscriptions;

/** How consumers of one persistent subscription share its events. */
public enum Ordering {
    /** An event goes out only when the earlier events of its stream are done (acked, parked or skipped). */
    PER_STREAM,
    /** Events go out as consumers have room, in log order but with no wait for each other. */
    NONE
}
