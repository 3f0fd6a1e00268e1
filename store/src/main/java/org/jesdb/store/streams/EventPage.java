package org.jesdb.store.streams;

import java.util.List;

/**
 * One page of a read. {@code next} is where the next page starts (a version for a stream, a
 * position for {@code $all}), or null when the read reached the end.
 */
public record EventPage(List<RecordedEvent> events, Long next) {
    public EventPage {
        events = List.copyOf(events);
    }
}
