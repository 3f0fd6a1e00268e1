package org.jesdb.client;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

/** An event as the store holds it: its stream and version, its place in {@code $all}, its payload. */
public record RecordedEvent(UUID id, String type, String stream, long version, long position, Instant created,
                            String contentType, byte[] data, String metadata) {

    /** The payload as text (for JSON events). */
    public String dataAsString() {
        return new String(data, StandardCharsets.UTF_8);
    }
}
