package org.jesdb.ejb.streams;

import java.util.List;
import org.jesdb.store.streams.RecordedEvent;

/**
 * A CDI event fired after each committed append, in log order, on one notifier thread. Observe
 * it with {@code void on(@Observes EventsAppended appended)}; keep observers quick, as they run
 * one after another.
 * <p>
 * A notification, not a delivery guarantee: it is dropped when observers fall 100,000 appends
 * behind, and an append re-applied after a crash is announced again. Observers that must see
 * every event exactly once remember the last position they handled and skip what is not above it.
 */
public record EventsAppended(String storeId, String stream, List<RecordedEvent> events) {
    public EventsAppended {
        events = List.copyOf(events);
    }
}
