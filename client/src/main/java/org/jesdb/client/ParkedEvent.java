package org.jesdb.client;

import java.time.Instant;
import java.util.List;

/** An event a persistent subscription parked: after how many deliveries, when and why. */
public record ParkedEvent(RecordedEvent event, int attempts, Instant parkedAt, String reason) {

    /** A page of parked events, oldest first; {@code next} is the position to list after, or null at the end. */
    public record Page(List<ParkedEvent> events, Long next) {
        public Page {
            events = List.copyOf(events);
        }
    }
}
