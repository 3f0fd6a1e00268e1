package org.jesdb.web.json;

import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParsingException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.jesdb.store.InvalidInputException;
import org.jesdb.store.LimitExceededException;
import org.jesdb.store.StoreLimits;
import org.jesdb.store.streams.ProposedEvent;

/** Reads a request body as one JSON object, refusing it before parsing when it is too large. */
public final class JsonBody {

    private JsonBody() {
    }

    /**
     * The largest body accepted for an append or a snapshot: JSON escaping and base64 make a body
     * larger than the bytes it carries, which the store's own limits then bound exactly.
     */
    public static int maxBytesFor(StoreLimits limits) {
        return limits.maxAppendBytes() * 2 + 65_536;
    }

    public static JsonObject parseObject(InputStream in, int maxBytes) {
        byte[] bytes = readAtMost(in, maxBytes);
        if (bytes.length == 0) {
            throw new InvalidInputException("body", "a JSON object is required");
        }
        requireUtf8(bytes);
        JsonValue value = parse(bytes);
        if (value.getValueType() != JsonValue.ValueType.OBJECT) {
            throw new InvalidInputException("body", "must be a JSON object, was " + value.getValueType().name().toLowerCase());
        }
        return value.asJsonObject();
    }

    private static JsonValue parse(byte[] bytes) {
        try (JsonParser parser = JsonFactories.BODY_PARSERS.createParser(new ByteArrayInputStream(bytes), StandardCharsets.UTF_8)) {
            if (!parser.hasNext()) {
                throw new InvalidInputException("body", "a JSON object is required (the body holds only white space)");
            }
            parser.next();
            JsonValue value = parser.getValue();
            // a reader would stop after the first value and take {"events":[]}{... as valid
            if (parser.hasNext()) {
                throw new InvalidInputException("body", "holds more than one JSON value");
            }
            return value;
        } catch (InvalidInputException e) {
            throw e;
        } catch (JsonParsingException e) {
            throw new InvalidInputException("body", "malformed JSON at line " + e.getLocation().getLineNumber()
                    + ", column " + e.getLocation().getColumnNumber());
        } catch (JsonException e) {
            throw new InvalidInputException("body", "malformed JSON");
        } catch (NumberFormatException | UnsupportedOperationException e) {
            // Parsson makes each number a BigDecimal as it reads: an exponent beyond an int
            // (1e9999999999) fails there, and so does a number over its length limit (JsonFactories)
            throw new InvalidInputException("body", "a number is out of range (at most " + ProposedEvent.MAX_JSON_NUMBER_CHARACTERS
                    + " characters, an exponent within an int): " + e.getMessage());
        } catch (RuntimeException e) {
            // Parsson refuses nesting deeper than 1000 levels with a plain RuntimeException. Reading
            // bytes in memory fails only on what they hold: whatever else it throws is the body's fault.
            throw new InvalidInputException("body", e.getClass() == RuntimeException.class
                    ? "malformed JSON: nested too deeply" : "malformed JSON: " + e.getMessage());
        }
    }

    /** JSON-P would replace bad bytes silently; a body that is not UTF-8 is refused instead. */
    private static void requireUtf8(byte[] bytes) {
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes));
        } catch (CharacterCodingException e) {
            throw new InvalidInputException("body", "is not valid UTF-8");
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
