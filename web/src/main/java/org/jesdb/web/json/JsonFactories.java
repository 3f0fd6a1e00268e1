package org.jesdb.web.json;

import jakarta.json.Json;
import jakarta.json.JsonBuilderFactory;
import jakarta.json.JsonReaderFactory;
import jakarta.json.stream.JsonGeneratorFactory;
import jakarta.json.stream.JsonParserFactory;
import java.util.Map;
import org.jesdb.store.streams.ProposedEvent;

/**
 * JSON-P factories made once. {@code Json.createReader} and {@code Json.createGenerator} look
 * the provider up on every call (a service-loader scan); on a read path that parses every
 * event's data, that lookup cost more than the rest of the request.
 */
public final class JsonFactories {
    /** Parsson's setting (1.1.5 on): the longest number it reads, in characters. */
    private static final String MAX_NUMBER_LENGTH = "org.eclipse.parsson.maxBigDecimalLength";
    /**
     * Reads only what the node wrote itself (stored data, its own answers), never a request, so
     * its number limit is wide: data stored before bodies were held to the narrower limit still reads.
     */
    public static final JsonReaderFactory READERS = Json.createReaderFactory(Map.of(MAX_NUMBER_LENGTH, 100_000));
    /** For request bodies: numbers of at most {@link ProposedEvent#MAX_JSON_NUMBER_CHARACTERS}, so that stored data reads back. */
    public static final JsonParserFactory BODY_PARSERS = Json.createParserFactory(
            Map.of(MAX_NUMBER_LENGTH, ProposedEvent.MAX_JSON_NUMBER_CHARACTERS));
    public static final JsonGeneratorFactory GENERATORS = Json.createGeneratorFactory(Map.of());
    public static final JsonBuilderFactory BUILDERS = Json.createBuilderFactory(Map.of());

    private JsonFactories() {
    }
}
