package org.jesdb.web.json;

import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonGenerator;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.jesdb.store.InvalidInputException;
import org.jesdb.store.streams.ProposedEvent;

/**
 * The data of an event or a snapshot: JSON content types are kept as compact JSON text; data of
 * any other content type travels as a base64 string and is stored as the bytes it encodes.
 */
public final class DataJson {
    private DataJson() {
    }

    /** A {@code contentType} member; absent or null means JSON. */
    public static String contentType(String field, JsonValue value) {
        if (value == null || value == JsonValue.NULL) {
            return ProposedEvent.JSON;
        }
        return JsonFields.string(field, value);
    }

    /** The bytes to store for a {@code data} member of this content type. */
    public static byte[] payload(String field, JsonValue value, String contentType) {
        if (value == null) {
            throw new InvalidInputException(field, "must be present (use null for no data)");
        }
        if (isJson(contentType)) {
            return value.toString().getBytes(StandardCharsets.UTF_8);
        }
        if (!(value instanceof JsonString text)) {
            throw new InvalidInputException(field, "must be a base64 string for content type " + contentType);
        }
        try {
            return Base64.getDecoder().decode(text.getString());
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(field, "is not valid base64");
        }
    }

    /** Writes stored data: as JSON when it is JSON, as a base64 string otherwise. */
    public static void write(JsonGenerator out, String name, String contentType, byte[] data) {
        if (isJson(contentType)) {
            out.write(name, EventJson.parse(data));
        } else {
            out.write(name, Base64.getEncoder().encodeToString(data));
        }
    }

    static boolean isJson(String contentType) {
        return ProposedEvent.isJsonContentType(contentType);
    }
}
