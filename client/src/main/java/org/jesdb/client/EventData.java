package org.jesdb.client;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.UUID;

/**
 * An event to append. Its id makes a retried append idempotent: the store applies an append
 * whose ids it has seen once, and answers a retry with the first answer.
 *
 * @param data        the payload: JSON text for a JSON content type, any bytes otherwise
 * @param metadata    a JSON object's text, or null
 */
public record EventData(UUID id, String type, String contentType, byte[] data, String metadata) {
    public static final String JSON = "application/json";

    public EventData {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(contentType, "contentType");
        Objects.requireNonNull(data, "data");
        if (metadata != null && !metadata.strip().startsWith("{")) {
            throw new IllegalArgumentException("metadata is a JSON object's text, or null");
        }
    }

    /** A JSON event with a new random id. */
    public static EventData json(String type, String json) {
        return new EventData(UUID.randomUUID(), type, JSON, json.getBytes(StandardCharsets.UTF_8), null);
    }

    /** The same event with the given id (to retry an append exactly). */
    public EventData withId(UUID newId) {
        return new EventData(newId, type, contentType, data, metadata);
    }
}
