package org.jesdb.web.json;

import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParsingException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.jesdb.store.InvalidInputException;
import org.jesdb.store.LimitExceededException;

/** Reads a request body as one JSON object, refusing it before parsing when it is too large. */
public final class JsonBody {
    private JsonBody() {
    }

    public static JsonObject readObject(InputStream in, int maxBytes) {
        byte[] bytes = readAtMost(in, maxBytes);
        if (bytes.length == 0) {
            throw new InvalidInputException("body", "a JSON object is required");
        }
        try (JsonReader reader = Json.createReader(new ByteArrayInputStream(bytes))) {
            JsonValue value = reader.readValue();
            if (value.getValueType() != JsonValue.ValueType.OBJECT) {
                throw new InvalidInputException("body", "must be a JSON object, was " + value.getValueType().name().toLowerCase());
            }
            return value.asJsonObject();
        } catch (JsonParsingException e) {
            throw new InvalidInputException("body", "malformed JSON at line " + e.getLocation().getLineNumber()
                    + ", column " + e.getLocation().getColumnNumber());
        } catch (JsonException e) {
            throw new InvalidInputException("body", "malformed JSON");
        }
    }

    private static byte[] readAtMost(InputStream in, int maxBytes) {
        try {
            byte[] bytes = in.readNBytes(maxBytes + 1);
            if (bytes.length > maxBytes) {
                throw new LimitExceededException("body", maxBytes, bytes.length, "bytes or more");
            }
            return bytes;
        } catch (IOException e) {
            throw new InvalidInputException("body", "could not be read: " + e.getMessage());
        }
    }
}
