package org.jesdb.cli;

import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParser;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;

/**
 * The data of an event or a snapshot in JSON, as the API carries it: JSON content types as JSON,
 * any other content type as a base64 string of its bytes.
 */
final class Payload {
    static final String JSON = "application/json";

    private Payload() {
    }

    /** The same rule as the server and the client, so data round-trips byte for byte. */
    static boolean isJson(String contentType) {
        String lower = contentType.toLowerCase(Locale.ROOT);
        return lower.equals(JSON) || lower.endsWith("+json");
    }

    static JsonValue toJson(String contentType, byte[] data) {
        return isJson(contentType) ? parse(new String(data, StandardCharsets.UTF_8))
                : Json.createValue(Base64.getEncoder().encodeToString(data));
    }

    /** The bytes a {@code data} member stands for; the problem says what is wrong with it. */
    static byte[] fromJson(String contentType, JsonValue data) {
        if (isJson(contentType)) {
            return data.toString().getBytes(StandardCharsets.UTF_8);
        }
        if (!(data instanceof JsonString text)) {
            throw new IllegalArgumentException("data must be a base64 string for content type " + contentType);
        }
        try {
            return Base64.getDecoder().decode(text.getString());
        } catch (IllegalArgumentException notBase64) {
            throw new IllegalArgumentException("data is not valid base64 (content type " + contentType + ")");
        }
    }

    /** One JSON value and nothing after it (a JsonReader would not notice a second value on the line). */
    static JsonValue parse(String json) {
        try (JsonParser parser = Json.createParser(new StringReader(json))) {
            if (!parser.hasNext()) {
                throw new IllegalArgumentException("not JSON: nothing there");
            }
            parser.next();
            JsonValue value = parser.getValue();
            if (parser.hasNext()) {
                throw new IllegalArgumentException("not JSON: more than one value");
            }
            return value;
        } catch (JsonException | IllegalStateException notJson) {
            throw new IllegalArgumentException("not JSON: " + notJson.getMessage());
        }
    }
}
