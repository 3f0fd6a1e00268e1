package org.jesdb.web.json;

import jakarta.json.Json;
import jakarta.json.JsonBuilderFactory;
import jakarta.json.JsonReaderFactory;
import jakarta.json.stream.JsonGeneratorFactory;
import jakarta.json.stream.JsonParserFactory;
import java.util.Map;

/**
 * JSON-P factories made once. {@code Json.createReader} and {@code Json.createGenerator} look
 * the provider up on every call (a service-loader scan); on a read path that parses every
 * event's data, that lookup cost more than the rest of the request.
 */
public final class JsonFactories {
    public static final int MAX_NUMBER_CHARACTERS = 1_000;
    /** Parsson's setting (1.1.5 on): the longest number it reads, in characters. */
    private static final String MAX_NUMBER_LENGTH = "org.eclipse.parsson.maxBigDecimalLength";
    /**
     * Reads only what the node wrote itself (stored data, its own answers), never a request, so
     * its number limit is wide: data stored before bodies were held to the narrower limit still reads.
     */
    public static final JsonReaderFactory READERS = Json.createReaderFactory(Map.of(MAX_NUMBER_LENGTH, 100_000));
    /**
     * For request bodies. A number may have at most {@value #MAX_NUMBER_CHARACTERS} characters:
     * data is stored as its JSON text written again, where a number may grow by some characters
     * (9...9e1 becomes 9.9...9E+N), and Parsson refuses to read numbers of over 1,100 characters,
     * here and in clients. Without the margin, stored data could not be read back.
     */
    public static final JsonParserFactory BODY_PARSERS = Json.createParserFactory(
            Map.of(MAX_NUMBER_LENGTH, MAX_NUMBER_CHARACTERS));
    public static final JsonGeneratorFactory GENERATORS = Json.createGeneratorFactory(Map.of());
    public static final JsonBuilderFactory BUILDERS = Json.createBuilderFactory(Map.of());

    private JsonFactories() {
    }
}
