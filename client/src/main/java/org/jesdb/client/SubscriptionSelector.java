package org.jesdb.client;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Which events a subscription delivers: one stream, all of them, some event types, globs on the
 * stream and type ({@code *} any run, {@code ?} one character, {@code \} escapes; never regular
 * expressions), or JSON events whose data holds a given object.
 */
public final class SubscriptionSelector {
    private final JsonObject json;

    private SubscriptionSelector(JsonObject json) {
        this.json = json;
    }

    public static SubscriptionSelector stream(String name) {
        return new SubscriptionSelector(Json.createObjectBuilder().add("stream", name).build());
    }

    /** Every event ({@code $all}). */
    public static SubscriptionSelector all() {
        return stream("$all");
    }

    public static SubscriptionSelector eventTypes(List<String> types) {
        return new SubscriptionSelector(Json.createObjectBuilder().add("eventTypes", Json.createArrayBuilder(types)).build());
    }

    /** Globs on the stream name and/or the event type (either may be null). */
    public static SubscriptionSelector pattern(String streamGlob, String typeGlob) {
        var globs = Json.createObjectBuilder();
        if (streamGlob != null) {
            globs.add("stream", streamGlob);
        }
        if (typeGlob != null) {
            globs.add("type", typeGlob);
        }
        return new SubscriptionSelector(Json.createObjectBuilder().add("pattern", globs).build());
    }

    /** JSON events whose data holds this object (its text), from the top. */
    public static SubscriptionSelector payload(String jsonObject) {
        try (JsonReader reader = Json.createReader(new StringReader(jsonObject))) {
            return new SubscriptionSelector(Json.createObjectBuilder().add("payload", reader.readObject()).build());
        } catch (RuntimeException notAnObject) {
            throw new IllegalArgumentException("a payload selector is a JSON object's text, was " + jsonObject, notAnObject);
        }
    }

    static SubscriptionSelector of(JsonObject json) {
        return new SubscriptionSelector(json);
    }

    boolean isStream() {
        return json.containsKey("stream") && !"$all".equals(json.getString("stream"));
    }

    JsonObject json() {
        return json;
    }

    /**
     * The query of a transient {@code $all} subscription for this selector; one stream becomes a
     * glob that matches its name only (its special characters escaped), so {@code from} stays a position.
     */
    String allQuery() {
        if (json.containsKey("stream")) {
            String stream = json.getString("stream");
            return "$all".equals(stream) ? "" : "&stream=" + encode(literalGlob(stream));
        }
        if (json.containsKey("eventTypes")) {
            return "&eventTypes=" + encode(String.join(",", json.getJsonArray("eventTypes").getValuesAs(
                    (JsonValue value) -> ((jakarta.json.JsonString) value).getString())));
        }
        if (json.containsKey("pattern")) {
            JsonObject globs = json.getJsonObject("pattern");
            return (globs.containsKey("stream") ? "&stream=" + encode(globs.getString("stream")) : "")
                    + (globs.containsKey("type") ? "&type=" + encode(globs.getString("type")) : "");
        }
        return "&payload=" + encode(json.getJsonObject("payload").toString());
    }

    private static String literalGlob(String name) {
        return name.replace("\\", "\\\\").replace("*", "\\*").replace("?", "\\?");
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    @Override
    public String toString() {
        return json.toString();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SubscriptionSelector selector && selector.json.equals(json);
    }

    @Override
    public int hashCode() {
        return json.hashCode();
    }
}
