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
    public static final JsonReaderFactory READERS = Json.createReaderFactory(Map.of());
    public static final JsonParserFactory PARSERS = Json.createParserFactory(Map.of());
    public static final JsonGeneratorFactory GENERATORS = Json.createGeneratorFactory(Map.of());
    public static final JsonBuilderFactory BUILDERS = Json.createBuilderFactory(Map.of());

    private JsonFactories() {
    }
}
