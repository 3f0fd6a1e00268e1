package org.jesdb.cli;

import jakarta.json.Json;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.UUID;
import org.jesdb.client.EventData;
import org.jesdb.client.RecordedEvent;

/**
 * Events as lines of JSON (NDJSON), in the API's own shape: what {@code append} and
 * {@code import} read, what {@code read} and {@code export} write. A line that cannot be read
 * is an {@link InputException} naming its line number.
 */
final class EventLineCodec {
    private EventLineCodec() {
    }

    /** An event to append: {@code {"type", "data", "metadata"?, "id"?, "contentType"?}}; without an id, a random one. */
    static EventData eventData(String line, long lineNumber) {
        return eventData(object(line, lineNumber), lineNumber);
    }

    /** An event as {@code export} wrote it: an event to append, and the stream and version it had. */
    static ExportedEvent exportedEvent(String line, long lineNumber) {
        JsonObject json = object(line, lineNumber);
        EventData event = eventData(json, lineNumber);
        if (!(json.get("stream") instanceof JsonString stream)) {
            throw InputException.atLine(lineNumber, "an exported event needs its \"stream\" (a string)");
        }
        if (!(json.get("version") instanceof JsonNumber version) || !version.isIntegral() || version.longValue() < 0) {
            throw InputException.atLine(lineNumber, "an exported event needs its \"version\" (a number >= 0)");
        }
        return new ExportedEvent(stream.getString(), version.longValue(), lineNumber, event);
    }

    /** The API's event object, on one line. */
    static String line(RecordedEvent event) {
        return Json.createObjectBuilder()
                .add("id", event.id().toString())
                .add("type", event.type())
                .add("stream", event.stream())
                .add("version", event.version())
                .add("position", event.position())
                .add("created", event.created().toString())
                .add("contentType", event.contentType())
                .add("data", Payload.toJson(event.contentType(), event.data()))
                .add("metadata", event.metadata() == null ? JsonValue.NULL : Payload.parse(event.metadata()))
                .build().toString();
    }

    private static JsonObject object(String line, long lineNumber) {
        JsonValue value;
        try {
            value = Payload.parse(line);
        } catch (IllegalArgumentException notJson) {
            throw InputException.atLine(lineNumber, notJson.getMessage());
        }
        if (!(value instanceof JsonObject object)) {
            throw InputException.atLine(lineNumber, "an event is a JSON object, one per line");
        }
        return object;
    }

    private static EventData eventData(JsonObject json, long lineNumber) {
        try {
            if (!(json.get("type") instanceof JsonString type)) {
                throw new IllegalArgumentException("an event needs its \"type\" (a string)");
            }
            String contentType = Payload.JSON;
            JsonValue declared = json.get("contentType");
            if (declared instanceof JsonString text) {
                contentType = text.getString();
            } else if (declared != null && declared != JsonValue.NULL) {
                throw new IllegalArgumentException("\"contentType\" must be a string");
            }
            if (!json.containsKey("data")) {
                throw new IllegalArgumentException("an event needs its \"data\" (null for none)");
            }
            byte[] data = Payload.fromJson(contentType, json.get("data"));
            return new EventData(id(json.get("id")), type.getString(), contentType, data, metadata(json.get("metadata")));
        } catch (IllegalArgumentException invalid) {
            throw InputException.atLine(lineNumber, invalid.getMessage());
        }
    }

    private static UUID id(JsonValue value) {
        if (value == null || value == JsonValue.NULL) {
            return UUID.randomUUID();
        }
        // UUID.fromString accepts short forms such as 1-2-3-4-5; the server does not.
        if (value instanceof JsonString text && text.getString().length() == 36) {
            try {
                return UUID.fromString(text.getString());
            } catch (IllegalArgumentException notUuid) {
                // reported below
            }
        }
        throw new IllegalArgumentException("\"id\" must be a UUID such as \"3f2b8c1e-6a3b-4c1f-9a57-0c8d6f1e2a4b\"");
    }

    private static String metadata(JsonValue value) {
        if (value == null || value == JsonValue.NULL) {
            return null;
        }
        if (value.getValueType() != JsonValue.ValueType.OBJECT) {
            throw new IllegalArgumentException("\"metadata\" must be a JSON object");
        }
        return value.toString();
    }
}
