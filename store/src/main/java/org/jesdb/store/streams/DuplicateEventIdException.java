package org.jesdb.store.streams;

import java.util.UUID;
import org.jesdb.store.StoreException;

/**
 * An event id that is already stored came with other content or in another place. A retry must
 * send exactly the same events, with the same ids, as the first attempt.
 */
public class DuplicateEventIdException extends StoreException {
    private final String stream;
    private final UUID eventId;
    private final String reason;

    public DuplicateEventIdException(String stream, UUID eventId, String reason) {
        super("event id " + eventId + " is already stored: " + reason);
        this.stream = stream;
        this.eventId = eventId;
        this.reason = reason;
    }

    public String reason() {
        return reason;
    }

    public String stream() {
        return stream;
    }

    public UUID eventId() {
        return eventId;
    }
}
