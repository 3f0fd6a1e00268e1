package org.jesdb.store.subscriptions;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParserFactory;
import java.io.ByteArrayInputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import org.jesdb.store.InvalidInputException;

/**
 * Selects events by the content of their JSON data, e.g. {@code {"status":"paid"}}. An event's
 * data matches when it is a JSON object holding every key of the pattern, where:
 * <ul>
 *   <li>a pattern value that is an object needs an object that matches it in the same way, so
 *       the pattern is a subset of the data at every depth;</li>
 *   <li>any other pattern value needs an equal value: numbers are equal by value ({@code 1}
 *       equals {@code 1.0}), strings, booleans and null by equality, and arrays element by element
 *       with the same number rule (an object inside an array must be equal, not a subset).</li>
 * </ul>
 * A string never equals a number ({@code "1"} is not {@code 1}). The empty pattern {@code {}}
 * matches every JSON object. Data that is empty, not UTF-8, not JSON or not an object never
 * matches. If the pattern repeats a key, the last value counts, as JSON-P reads it.
 *
 * <p>Instances are immutable and thread-safe, and equal when their patterns are.
 */
public final class PayloadMatcher {
    /** Longest pattern text, in bytes of UTF-8. */
    public static final int MAX_BYTES = 64 * 1024;

    // Looking up the JSON-P provider is costly; the factory is thread-safe and made once. A parser
    // rather than a reader, because only the parser notices text after the value ("{} x", "{}{}").
    private static final JsonParserFactory PARSERS = Json.createParserFactory(Map.of());

    private final JsonObject pattern;

    private PayloadMatcher(JsonObject pattern) {
        this.pattern = pattern;
    }

    /**
     * Checks and parses a pattern.
     *
     * @param field names the pattern in the error, e.g. {@code "payload"}
     * @param jsonObjectText a JSON object of at most {@value #MAX_BYTES} bytes as UTF-8
     * @throws InvalidInputException naming {@code field} when the text is not such an object
     */
    public static PayloadMatcher of(String field, String jsonObjectText) {
        if (jsonObjectText == null || jsonObjectText.isBlank()) {
            throw new InvalidInputException(field, "must be a JSON object, was empty");
        }
        // Every char is at least one byte, so the length check spares encoding a huge text.
        if (jsonObjectText.length() > MAX_BYTES || jsonObjectText.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            throw new InvalidInputException(field, "is too long; at most " + MAX_BYTES + " bytes of UTF-8 are allowed");
        }
        JsonValue value;
        try {
            value = parse(new StringReader(jsonObjectText));
        } catch (RuntimeException e) {
            throw new InvalidInputException(field, "is not valid JSON: " + e.getMessage());
        }
        if (!(value instanceof JsonObject object)) {
            throw new InvalidInputException(field,
                    "must be a JSON object, was " + value.getValueType().name().toLowerCase(Locale.ROOT));
        }
        return new PayloadMatcher(object);
    }

    /** The pattern as compact JSON text. */
    public String json() {
        return pattern.toString();
    }

    /**
     * Whether an event's data matches the pattern. Never throws: data that cannot be read as a
     * JSON object, including null, simply does not match.
     *
     * @param data the event's data, JSON encoded as UTF-8
     */
    public boolean matches(byte[] data) {
        if (data == null || data.length == 0) {
            return false;
        }
        // A decoder from newDecoder() reports malformed UTF-8 instead of replacing it with U+FFFD,
        // which could otherwise make broken bytes equal a pattern string holding U+FFFD.
        Reader text = new InputStreamReader(new ByteArrayInputStream(data), StandardCharsets.UTF_8.newDecoder());
        JsonValue value;
        try {
            value = parse(text);
        } catch (RuntimeException e) {
            // Events are written by others and may hold anything: data that cannot be read is
            // simply no match.
            return false;
        }
        return value instanceof JsonObject object && contains(object, pattern);
    }

    /**
     * Equal when the patterns hold the same keys and values, in any key order. Numbers must be
     * written alike here ({@code 1} and {@code 1.0} make different matchers that match alike).
     */
    @Override
    public boolean equals(Object other) {
        return other instanceof PayloadMatcher matcher && pattern.equals(matcher.pattern);
    }

    @Override
    public int hashCode() {
        return pattern.hashCode();
    }

    /** Shows the pattern, as {@link #json()}. */
    @Override
    public String toString() {
        return json();
    }

    /**
     * Reads exactly one JSON value. Parsson reports bad JSON as JsonParsingException, but nesting
     * deeper than its limit or an over-long number as other unchecked exceptions, so callers catch
     * RuntimeException.
     */
    private static JsonValue parse(Reader text) {
        try (JsonParser parser = PARSERS.createParser(text)) {
            parser.next();
            JsonValue value = parser.getValue();
            if (parser.hasNext()) {
                throw new JsonException("unexpected text after the JSON value");
            }
            return value;
        }
    }

    private static boolean contains(JsonObject data, JsonObject subset) {
        for (Map.Entry<String, JsonValue> entry : subset.entrySet()) {
            JsonValue expected = entry.getValue();
            JsonValue actual = data.get(entry.getKey());
            if (actual == null) {
                return false;
            }
            boolean ok = expected instanceof JsonObject expectedObject
                    ? actual instanceof JsonObject actualObject && contains(actualObject, expectedObject)
                    : same(actual, expected);
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private static boolean same(JsonValue a, JsonValue b) {
        if (a instanceof JsonNumber x && b instanceof JsonNumber y) {
            return x.bigDecimalValue().compareTo(y.bigDecimalValue()) == 0;
        }
        if (a instanceof JsonArray x && b instanceof JsonArray y) {
            if (x.size() != y.size()) {
                return false;
            }
            for (int i = 0; i < x.size(); i++) {
                if (!same(x.get(i), y.get(i))) {
                    return false;
                }
            }
            return true;
        }
        if (a instanceof JsonObject x && b instanceof JsonObject y) {
            return x.size() == y.size() && contains(x, y);
        }
        return a.equals(b);
    }
}
