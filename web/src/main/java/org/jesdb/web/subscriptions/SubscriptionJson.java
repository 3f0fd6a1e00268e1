package org.jesdb.web.subscriptions;

import static org.jesdb.web.json.JsonFields.string;

import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonGenerator;
import java.io.StringWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import org.jesdb.store.InvalidInputException;
import org.jesdb.store.subscriptions.NackAction;
import org.jesdb.store.subscriptions.Ordering;
import org.jesdb.store.subscriptions.ParkedEvent;
import org.jesdb.store.subscriptions.Selector;
import org.jesdb.store.subscriptions.StartPoint;
import org.jesdb.store.subscriptions.SubscriptionMessage;
import org.jesdb.store.subscriptions.SubscriptionSettings;
import org.jesdb.store.subscriptions.SubscriptionStatus;
import org.jesdb.web.json.EventJson;
import org.jesdb.web.json.EventWriter;
import org.jesdb.web.json.JsonFactories;

/** The JSON of subscriptions: definitions in, status and messages out (shapes on the architecture page). */
public final class SubscriptionJson {
    private static final Set<String> CREATE_FIELDS = Set.of("name", "selector", "from", "maxInFlight", "maxRetries",
            "ordering", "ackTimeoutMs");
    private static final Set<String> UPDATE_FIELDS = Set.of("maxInFlight", "maxRetries", "ordering", "ackTimeoutMs");

    private SubscriptionJson() {
    }

    public static String name(JsonObject body) {
        return string("name", body.get("name"));
    }

    /** Checks that the body holds only fields a create (or, with {@code update}, an update) knows. */
    public static void requireKnownFields(JsonObject body, boolean update) {
        Set<String> known = update ? UPDATE_FIELDS : CREATE_FIELDS;
        for (String field : body.keySet()) {
            if (!known.contains(field)) {
                throw new InvalidInputException(field, update && CREATE_FIELDS.contains(field)
                        ? "cannot change after the subscription is made; delete it and make a new one"
                        : "is not a field of a subscription");
            }
        }
    }

    /** {@code {"stream": s}}, {@code {"eventTypes": [..]}}, {@code {"pattern": {"stream", "type"}}} or {@code {"payload": {..}}}. */
    public static Selector selector(JsonValue value) {
        if (!(value instanceof JsonObject object) || object.size() != 1) {
            throw new InvalidInputException("selector", "must be an object with one of stream, eventTypes, pattern, payload");
        }
        String kind = object.keySet().iterator().next();
        JsonValue inner = object.get(kind);
        switch (kind) {
            case "stream":
                return Selector.stream(string("selector.stream", inner));
            case "eventTypes":
                return Selector.eventTypes(strings("selector.eventTypes", inner));
            case "pattern":
                return pattern(inner);
            case "payload":
                if (!(inner instanceof JsonObject)) {
                    throw new InvalidInputException("selector.payload", "must be a JSON object");
                }
                return Selector.payload(inner.toString());
            default:
                throw new InvalidInputException("selector." + kind, "is not a selector; use stream, eventTypes, pattern or payload");
        }
    }

    private static Selector pattern(JsonValue inner) {
        if (!(inner instanceof JsonObject globs)) {
            throw new InvalidInputException("selector.pattern", "must be an object with stream and/or type globs");
        }
        for (String key : globs.keySet()) {
            if (!key.equals("stream") && !key.equals("type")) {
                throw new InvalidInputException("selector.pattern." + key, "is not a pattern field; use stream or type");
            }
        }
        return Selector.pattern(optionalString("selector.pattern.stream", globs.get("stream")),
                optionalString("selector.pattern.type", globs.get("type")));
    }

    /** {@code "start"}, {@code "end"}, {@code {"version": N}} or {@code {"position": P}}; absent means {@code fallback}. */
    public static StartPoint from(JsonValue value, StartPoint fallback) {
        if (value == null || value == JsonValue.NULL) {
            return fallback;
        }
        if (value instanceof JsonString text) {
            return startWord(text.getString());
        }
        if (value instanceof JsonObject object && object.size() == 1) {
            if (object.containsKey("version")) {
                return StartPoint.version(number("from.version", object.get("version"), 0, Long.MAX_VALUE));
            }
            if (object.containsKey("position")) {
                return StartPoint.position(number("from.position", object.get("position"), 0, Long.MAX_VALUE));
            }
        }
        throw new InvalidInputException("from", "must be \"start\", \"end\", {\"version\": N} or {\"position\": P}");
    }

    private static StartPoint startWord(String word) {
        if (word.equals("start")) {
            return StartPoint.start();
        }
        if (word.equals("end")) {
            return StartPoint.end();
        }
        throw new InvalidInputException("from", "must be \"start\", \"end\", {\"version\": N} or {\"position\": P}");
    }

    /** The settings in {@code body}, each missing one taken from {@code base}. */
    public static SubscriptionSettings settings(JsonObject body, SubscriptionSettings base) {
        SubscriptionSettings settings = base;
        if (body.containsKey("maxInFlight")) {
            settings = settings.withMaxInFlight((int) number("maxInFlight", body.get("maxInFlight"), 1,
                    SubscriptionSettings.MAX_IN_FLIGHT));
        }
        if (body.containsKey("maxRetries")) {
            settings = settings.withMaxRetries((int) number("maxRetries", body.get("maxRetries"), 0,
                    SubscriptionSettings.MAX_RETRIES));
        }
        if (body.containsKey("ordering")) {
            settings = settings.withOrdering(ordering(string("ordering", body.get("ordering"))));
        }
        if (body.containsKey("ackTimeoutMs")) {
            settings = settings.withAckTimeout(Duration.ofMillis(number("ackTimeoutMs", body.get("ackTimeoutMs"), 100,
                    3_600_000)));
        }
        return settings;
    }

    private static Ordering ordering(String value) {
        switch (value) {
            case "per-stream":
                return Ordering.PER_STREAM;
            case "none":
                return Ordering.NONE;
            default:
                throw new InvalidInputException("ordering", "must be per-stream or none, was '" + value + "'");
        }
    }

    /** {@code {"<field>": ["uuid", ...]}}. */
    public static List<UUID> ids(JsonObject body, String field) {
        JsonValue value = body.get(field);
        if (!(value instanceof JsonArray array) || array.isEmpty()) {
            throw new InvalidInputException(field, "must be a non-empty array of event ids");
        }
        if (array.size() > SubscriptionSettings.MAX_IN_FLIGHT) {
            throw new InvalidInputException(field, "must hold at most " + SubscriptionSettings.MAX_IN_FLIGHT + " ids");
        }
        List<UUID> ids = new ArrayList<>(array.size());
        for (int i = 0; i < array.size(); i++) {
            String item = field + "[" + i + "]";
            try {
                ids.add(UUID.fromString(string(item, array.get(i))));
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException(item, "must be a UUID");
            }
        }
        return ids;
    }

    /** {@code "retry"} (the default), {@code "park"} or {@code "skip"}. */
    public static NackAction action(JsonValue value) {
        if (value == null || value == JsonValue.NULL) {
            return NackAction.RETRY;
        }
        String text = string("action", value);
        switch (text) {
            case "retry":
                return NackAction.RETRY;
            case "park":
                return NackAction.PARK;
            case "skip":
                return NackAction.SKIP;
            default:
                throw new InvalidInputException("action", "must be retry, park or skip, was '" + text + "'");
        }
    }

    public static JsonObject status(SubscriptionStatus status) {
        SubscriptionSettings settings = status.settings();
        return JsonFactories.BUILDERS.createObjectBuilder()
                .add("name", status.name())
                .add("selector", selectorJson(status.selector()))
                .add("maxInFlight", settings.maxInFlight())
                .add("maxRetries", settings.maxRetries())
                .add("ordering", settings.ordering() == Ordering.PER_STREAM ? "per-stream" : "none")
                .add("ackTimeoutMs", settings.ackTimeout().toMillis())
                .add("checkpoint", status.checkpoint())
                .add("lag", status.lag())
                .add("inFlight", status.inFlight())
                .add("parked", status.parked())
                .add("consumers", status.consumers())
                .add("delivered", status.counters().delivered())
                .add("acked", status.counters().acked())
                .add("nacked", status.counters().nacked())
                .build();
    }

    public static JsonObject statuses(List<SubscriptionStatus> list) {
        JsonArrayBuilder items = JsonFactories.BUILDERS.createArrayBuilder();
        list.forEach(status -> items.add(status(status)));
        return JsonFactories.BUILDERS.createObjectBuilder().add("subscriptions", items).build();
    }

    static JsonObject selectorJson(Selector selector) {
        JsonObjectBuilder out = JsonFactories.BUILDERS.createObjectBuilder();
        if (selector instanceof Selector.ByStream byStream) {
            out.add("stream", byStream.stream());
        } else if (selector instanceof Selector.ByEventType byType) {
            JsonArrayBuilder types = JsonFactories.BUILDERS.createArrayBuilder();
            byType.types().forEach(types::add);
            out.add("eventTypes", types);
        } else if (selector instanceof Selector.ByPattern byPattern) {
            JsonObjectBuilder globs = JsonFactories.BUILDERS.createObjectBuilder();
            if (byPattern.stream() != null) {
                globs.add("stream", byPattern.stream().pattern());
            }
            if (byPattern.type() != null) {
                globs.add("type", byPattern.type().pattern());
            }
            out.add("pattern", globs);
        } else {
            String json = ((Selector.ByPayload) selector).payload().json();
            out.add("payload", JsonFactories.READERS.createReader(new java.io.StringReader(json)).readValue().asJsonObject());
        }
        return out.build();
    }

    /** A delivered message: the event's fields and {@code "attempt"}. */
    public static String message(SubscriptionMessage message) {
        return EventWriter.toString(message.event(), message.attempt());
    }

    public static String parked(List<ParkedEvent> parked, Long next) {
        StringWriter text = new StringWriter();
        try (JsonGenerator out = JsonFactories.GENERATORS.createGenerator(text)) {
            out.writeStartObject().writeStartArray("events");
            for (ParkedEvent event : parked) {
                out.writeStartObject();
                EventJson.writeFields(out, event.event());
                out.write("attempts", event.attempts()).write("parkedAt", event.parkedAt().toString())
                        .write("reason", event.reason()).writeEnd();
            }
            out.writeEnd();
            if (next == null) {
                out.writeNull("next");
            } else {
                out.write("next", next);
            }
            out.writeEnd();
        }
        return text.toString();
    }

    private static String optionalString(String field, JsonValue value) {
        return value == null || value == JsonValue.NULL ? null : string(field, value);
    }

    private static List<String> strings(String field, JsonValue value) {
        if (!(value instanceof JsonArray array)) {
            throw new InvalidInputException(field, "must be an array of strings");
        }
        List<String> out = new ArrayList<>(array.size());
        for (int i = 0; i < array.size(); i++) {
            out.add(string(field + "[" + i + "]", array.get(i)));
        }
        return out;
    }

    private static long number(String field, JsonValue value, long min, long max) {
        if (!(value instanceof JsonNumber number) || !number.isIntegral()) {
            throw new InvalidInputException(field, "must be a whole number");
        }
        long result;
        try {
            result = number.longValueExact();
        } catch (ArithmeticException e) {
            throw new InvalidInputException(field, "must be between " + min + " and " + max);
        }
        if (result < min || result > max) {
            throw new InvalidInputException(field, "must be between " + min + " and " + max + ", was " + result);
        }
        return result;
    }

    /** A query parameter's start point: absent → {@code fallback}; "start", "end" or a number (a version or a position). */
    public static StartPoint fromQuery(String value, boolean version, StartPoint fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        String word = value.trim().toLowerCase(Locale.ROOT);
        if (word.equals("start") || word.equals("end")) {
            return startWord(word);
        }
        long number;
        try {
            number = Long.parseLong(word);
        } catch (NumberFormatException e) {
            throw new InvalidInputException("from", "must be start, end or a number, was '" + value + "'");
        }
        if (number < 0) {
            throw new InvalidInputException("from", "must be >= 0, was " + number);
        }
        return version ? StartPoint.version(number) : StartPoint.position(number);
    }
}
