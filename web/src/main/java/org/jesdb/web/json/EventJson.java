package org.jesdb.web.json;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonGenerator;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jesdb.store.InvalidInputException;
import org.jesdb.store.streams.ExpectedVersion;
import org.jesdb.store.streams.ProposedEvent;
import org.jesdb.store.streams.RecordedEvent;

/**
 * Events in and out of JSON. Metadata is a JSON object kept as compact JSON text; data follows
 * its content type (see {@link DataJson}).
 */
public final class EventJson {
    private EventJson() {
    }

    /** The {@code expectedVersion} member: a word or a version number; absent means "any". */
    public static ExpectedVersion expectedVersion(JsonObject body) {
        JsonValue value = body.get("expectedVersion");
        if (value == null || value == JsonValue.NULL) {
            return ExpectedVersion.any();
        }
        if (value instanceof JsonString text) {
            return ExpectedVersion.parse("expectedVersion", text.getString());
        }
        if (value instanceof JsonNumber number && number.isIntegral() && number.bigIntegerValue().signum() >= 0
                && number.bigIntegerValue().bitLength() < 64) {
            return ExpectedVersion.exactly(number.longValue());
        }
        throw new InvalidInputException("expectedVersion",
                "must be \"any\", \"no_stream\", \"stream_exists\" or a version number >= 0");
    }

    /** The {@code events} member: a non-empty array of events. */
    public static List<ProposedEvent> events(JsonObject body) {
        JsonValue value = body.get("events");
        if (!(value instanceof JsonArray array)) {
            throw new InvalidInputException("events", "must be an array of events");
        }
        if (array.isEmpty()) {
            throw new InvalidInputException("events", "must hold at least one event");
        }
        List<ProposedEvent> events = new ArrayList<>(array.size());
        for (int i = 0; i < array.size(); i++) {
            events.add(event("events[" + i + "]", array.get(i)));
        }
        return events;
    }

    private static ProposedEvent event(String field, JsonValue value) {
        if (!(value instanceof JsonObject event)) {
            throw new InvalidInputException(field, "must be a JSON object");
        }
        UUID id = id(field + ".id", event.get("id"));
        String type = JsonFields.string(field + ".type", event.get("type"));
        String contentType = DataJson.contentType(field + ".contentType", event.get("contentType"));
        byte[] data = DataJson.payload(field + ".data", event.get("data"), contentType);
        byte[] metadata = metadata(field + ".metadata", event.get("metadata"));
        try {
            return new ProposedEvent(id, type, contentType, data, metadata);
        } catch (InvalidInputException e) {
            throw new InvalidInputException(field + "." + e.field(), e.reason());
        }
    }

    private static UUID id(String field, JsonValue value) {
        if (value == null || value == JsonValue.NULL) {
            return UUID.randomUUID();
        }
        if (value instanceof JsonString text) {
            try {
                UUID id = UUID.fromString(text.getString());
                if (id.toString().equalsIgnoreCase(text.getString())) {
                    return id;
                }
            } catch (IllegalArgumentException ignored) {
                // reported below
            }
        }
        throw new InvalidInputException(field, "must be a UUID such as \"3f2b8c1e-6a3b-4c1f-9a57-0c8d6f1e2a4b\"");
    }

    private static byte[] metadata(String field, JsonValue value) {
        if (value == null || value == JsonValue.NULL) {
            return new byte[0];
        }
        if (value.getValueType() != JsonValue.ValueType.OBJECT) {
            throw new InvalidInputException(field, "must be a JSON object");
        }
        return compact(value);
    }

    private static byte[] compact(JsonValue value) {
        return value.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Writes one stored event as the API's event object. */
    public static void write(JsonGenerator out, RecordedEvent event) {
        out.writeStartObject();
        writeFields(out, event);
        out.writeEnd();
    }

    /** The fields of the event object, inside an object the caller opened. */
    public static void writeFields(JsonGenerator out, RecordedEvent event) {
        out.write("id", event.id().toString())
                .write("type", event.type())
                .write("stream", event.stream())
                .write("version", event.version())
                .write("position", event.position())
                .write("created", event.created().toString())
                .write("contentType", event.contentType());
        DataJson.write(out, "data", event.contentType(), event.data());
        if (event.metadata().length == 0) {
            out.writeNull("metadata");
        } else {
            out.write("metadata", parse(event.metadata()));
        }
    }

    static JsonValue parse(byte[] json) {
        try (var reader = JsonFactories.READERS.createReader(new ByteArrayInputStream(json))) {
            return reader.readValue();
        }
    }
}
