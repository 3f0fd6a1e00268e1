package org.jesdb.ejb.streams;

import java.util.List;
import org.jesdb.store.streams.RecordedEvent;

/**
 * A CDI event fired after each committed append, in log order, on one notifier thread. Observe
 * it with {@code void on(@Observes EventsAppended appended)}; keep observers quick, as they run
 * one after another.
 */
public record EventsAppended(String storeId, String stream, List<RecordedEvent> events) {
    public EventsAppended {
        events = List.copyOf(events);
    }
}
