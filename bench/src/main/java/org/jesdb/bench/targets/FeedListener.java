package org.jesdb.bench.targets;

import java.util.UUID;

/** Hears each event a {@link Feed} delivers, in the global order, on one thread at a time. */
@FunctionalInterface
public interface FeedListener {

    /** Must return quickly: the target's delivery thread is waiting. */
    void onEvent(UUID eventId);
}
