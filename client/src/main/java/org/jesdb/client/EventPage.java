package org.jesdb.client;

import java.util.List;

/** One page of a read; {@code next} is where the next page starts, or null at the end. */
public record EventPage(List<RecordedEvent> events, Long next) {
    public EventPage {
        events = List.copyOf(events);
    }
}
