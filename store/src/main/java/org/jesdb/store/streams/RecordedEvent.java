package org.jesdb.store.streams;

import java.time.Instant;
import java.util.UUID;

/**
 * An event as stored: its place in its stream ({@code version}, from 0) and in the global
 * order ({@code position}, from 0), and when the leader accepted it.
 */
public record RecordedEvent(UUID id, String type, String stream, long version, long position, Instant created,
                            String contentType, byte[] data, byte[] metadata) {

    public boolean isJson() {
        return ProposedEvent.JSON.equals(contentType);
    }
}
