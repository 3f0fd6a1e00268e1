package org.jesdb.ejb.streams;

import jakarta.json.Json;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParserFactory;
import java.io.ByteArrayInputStream;
import java.util.List;
import java.util.Map;
import org.jesdb.store.InvalidInputException;
import org.jesdb.store.streams.ProposedEvent;

/**
 * Checks that JSON events hold JSON: data one JSON value, metadata a JSON object. The API's
 * reads copy stored JSON into their answers as it is, so nothing else may reach the store,
 * whoever appends (the REST layer checks it too; code deployed beside the store does not).
 * A streaming parse: nothing is built.
 */
final class JsonPayloads {
    /** Made once: Json.createParser looks the provider up on every call. */
    private static final JsonParserFactory PARSERS = Json.createParserFactory(Map.of());

    private JsonPayloads() {
    }

    static void requireValid(List<ProposedEvent> events) {
        for (int i = 0; i < events.size(); i++) {
            ProposedEvent event = events.get(i);
            if (!ProposedEvent.isJsonContentType(event.contentType())) {
                continue;
            }
            requireJson("events[" + i + "].data", event.data(), false);
            if (event.metadata().length > 0) {
                requireJson("events[" + i + "].metadata", event.metadata(), true);
            }
        }
    }

    private static void requireJson(String field, byte[] json, boolean object) {
        try (JsonParser parser = PARSERS.createParser(new ByteArrayInputStream(json))) {
            if (!parser.hasNext()) {
                throw new InvalidInputException(field, "is empty: JSON is required for content type JSON");
            }
            JsonParser.Event first = parser.next();
            if (object && first != JsonParser.Event.START_OBJECT) {
                throw new InvalidInputException(field, "must be a JSON object");
            }
            requireReadableNumber(field, parser, first);
            // Every token is read: the parser refuses bad syntax; a second value is refused here.
            int depth = first == JsonParser.Event.START_OBJECT || first == JsonParser.Event.START_ARRAY ? 1 : 0;
            while (parser.hasNext()) {
                JsonParser.Event next = parser.next();
                if (depth == 0) {
                    throw new InvalidInputException(field, "holds more than one JSON value");
                }
                requireReadableNumber(field, parser, next);
                if (next == JsonParser.Event.START_OBJECT || next == JsonParser.Event.START_ARRAY) {
                    depth++;
                } else if (next == JsonParser.Event.END_OBJECT || next == JsonParser.Event.END_ARRAY) {
                    depth--;
                }
            }
        } catch (InvalidInputException refused) {
            throw refused;
        } catch (RuntimeException notJson) {
            // JsonException for bad syntax; Parsson's depth limit is a plain RuntimeException
            throw new InvalidInputException(field, "is not JSON: " + notJson.getMessage());
        }
    }

    /** Numbers as the REST API takes them ({@link ProposedEvent#MAX_JSON_NUMBER_CHARACTERS}), so that stored data reads back. */
    private static void requireReadableNumber(String field, JsonParser parser, JsonParser.Event event) {
        if (event != JsonParser.Event.VALUE_NUMBER) {
            return;
        }
        if (parser.getString().length() > ProposedEvent.MAX_JSON_NUMBER_CHARACTERS) {
            throw new InvalidInputException(field, "holds a number of more than " + ProposedEvent.MAX_JSON_NUMBER_CHARACTERS
                    + " characters");
        }
        try {
            parser.getBigDecimal();
        } catch (NumberFormatException e) {
            // an exponent beyond an int (1e9999999999): a reader of the stored text would fail the same way
            throw new InvalidInputException(field, "holds a number out of range: " + e.getMessage());
        }
    }
}
