package org.jesdb.client;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/** The API's JSON: an append's body, a page's events, snapshots, stream lists. */
final class EventJson {
    private EventJson() {
    }

    static String appendBody(ExpectedVersion expected, List<EventData> events) {
        JsonArrayBuilder array = Json.createArrayBuilder();
        for (EventData event : events) {
            JsonObjectBuilder object = Json.createObjectBuilder()
                    .add("id", event.id().toString())
                    .add("type", event.type())
                    .add("contentType", event.contentType())
                    .add("data", isJson(event.contentType()) ? parse(new String(event.data(), StandardCharsets.UTF_8))
                            : Json.createValue(Base64.getEncoder().encodeToString(event.data())));
            if (event.metadata() != null) {
                object.add("metadata", parse(event.metadata()));
            }
            array.add(object);
        }
        String body = Json.createObjectBuilder().add("events", array).build().toString();
        // {"events": [...]} with the expected version in front
        return "{\"expectedVersion\":" + expected.toJson() + "," + body.substring(1);
    }

    static EventPage page(JsonObject json) {
        List<RecordedEvent> events = new ArrayList<>();
        for (JsonValue value : json.getJsonArray("events")) {
            events.add(event(value.asJsonObject()));
        }
        JsonValue next = json.get("next");
        return new EventPage(events, next == null || next == JsonValue.NULL ? null : json.getJsonNumber("next").longValue());
    }

    static RecordedEvent event(JsonObject json) {
        String contentType = json.getString("contentType");
        byte[] bytes = payload(contentType, json.get("data"));
        JsonValue metadata = json.get("metadata");
        return new RecordedEvent(UUID.fromString(json.getString("id")), json.getString("type"), json.getString("stream"),
                json.getJsonNumber("version").longValue(), json.getJsonNumber("position").longValue(),
                Instant.parse(json.getString("created")), contentType, bytes,
                metadata == null || metadata == JsonValue.NULL ? null : metadata.toString());
    }

    /** The body that records a snapshot: its data (JSON as JSON, anything else as base64) and content type. */
    static String snapshotBody(String contentType, byte[] data) {
        return Json.createObjectBuilder().add("contentType", contentType)
                .add("data", isJson(contentType) ? parse(new String(data, StandardCharsets.UTF_8))
                        : Json.createValue(Base64.getEncoder().encodeToString(data)))
                .build().toString();
    }

    static Snapshot snapshot(JsonObject json) {
        String contentType = json.getString("contentType");
        return new Snapshot(json.getString("source"), json.getString("stream"), json.getJsonNumber("version").longValue(),
                Instant.parse(json.getString("created")), contentType, payload(contentType, json.get("data")));
    }

    static SnapshotList snapshots(JsonObject json) {
        List<SnapshotSummary> out = new ArrayList<>();
        for (JsonValue value : json.getJsonArray("snapshots")) {
            JsonObject item = value.asJsonObject();
            out.add(new SnapshotSummary(item.getString("source"), item.getString("stream"),
                    item.getJsonNumber("version").longValue(), Instant.parse(item.getString("created")),
                    item.getJsonNumber("size").longValue()));
        }
        return new SnapshotList(out, nextOf(json));
    }

    static StreamList streams(JsonObject json) {
        List<StreamList.Entry> out = new ArrayList<>();
        for (JsonValue value : json.getJsonArray("streams")) {
            JsonObject item = value.asJsonObject();
            out.add(new StreamList.Entry(item.getString("name"), item.getJsonNumber("version").longValue()));
        }
        return new StreamList(out, nextOf(json));
    }

    /** A list's {@code next}: where the next page starts, or null at the end. */
    private static String nextOf(JsonObject json) {
        return json.get("next") instanceof JsonString text ? text.getString() : null;
    }

    static ClusterView cluster(JsonObject json) {
        List<ClusterView.Member> members = new ArrayList<>();
        for (JsonValue value : json.getJsonArray("members")) {
            JsonObject item = value.asJsonObject();
            members.add(new ClusterView.Member(item.getString("id"), item.getString("raftAddress"), item.getString("role"),
                    item.getJsonNumber("matchIndex").longValue(), item.getJsonNumber("lag").longValue()));
        }
        List<String> waiting = new ArrayList<>();
        for (JsonValue value : json.getJsonArray("waiting")) {
            waiting.add(((JsonString) value).getString());
        }
        JsonValue leader = json.get("leader");
        return new ClusterView(json.getString("node"), leader instanceof JsonString named ? named.getString() : null,
                json.getJsonNumber("commitIndex").longValue(), json.getJsonNumber("appliedIndex").longValue(), members, waiting);
    }

    static PersistentSubscriptionInfo subscription(JsonObject json) {
        return new PersistentSubscriptionInfo(json.getString("name"), SubscriptionSelector.of(json.getJsonObject("selector")),
                json.getInt("maxInFlight"), json.getInt("maxRetries"), "per-stream".equals(json.getString("ordering")),
                Duration.ofMillis(json.getJsonNumber("ackTimeoutMs").longValue()), json.getJsonNumber("checkpoint").longValue(),
                json.getJsonNumber("lag").longValue(), json.getInt("inFlight"), json.getJsonNumber("parked").longValue(),
                json.getInt("consumers"), json.getJsonNumber("delivered").longValue(), json.getJsonNumber("acked").longValue(),
                json.getJsonNumber("nacked").longValue());
    }

    static List<PersistentSubscriptionInfo> subscriptions(JsonObject json) {
        List<PersistentSubscriptionInfo> out = new ArrayList<>();
        for (JsonValue value : json.getJsonArray("subscriptions")) {
            out.add(subscription(value.asJsonObject()));
        }
        return out;
    }

    static ParkedEvent.Page parked(JsonObject json) {
        List<ParkedEvent> out = new ArrayList<>();
        for (JsonValue value : json.getJsonArray("events")) {
            JsonObject item = value.asJsonObject();
            out.add(new ParkedEvent(event(item), item.getInt("attempts"), Instant.parse(item.getString("parkedAt")),
                    item.getString("reason")));
        }
        JsonValue next = json.get("next");
        return new ParkedEvent.Page(out, next == null || next == JsonValue.NULL ? null : json.getJsonNumber("next").longValue());
    }

    private static byte[] payload(String contentType, JsonValue data) {
        return isJson(contentType) ? data.toString().getBytes(StandardCharsets.UTF_8)
                : Base64.getDecoder().decode(((JsonString) data).getString());
    }

    static AppendResult appendResult(JsonObject json) {
        return new AppendResult(json.getString("stream"), json.getJsonNumber("firstVersion").longValue(),
                json.getJsonNumber("lastVersion").longValue(), json.getJsonNumber("firstPosition").longValue(),
                json.getJsonNumber("lastPosition").longValue());
    }

    private static JsonValue parse(String json) {
        try (JsonReader reader = Json.createReader(new StringReader(json))) {
            return reader.readValue();
        } catch (JsonException notJson) {
            throw new Errors.InvalidRequest("invalid-input", 0, "an event's JSON data or metadata is not JSON: "
                    + notJson.getMessage(), "data");
        }
    }

    private static boolean isJson(String contentType) {
        String lower = contentType.toLowerCase(Locale.ROOT);
        return lower.equals(EventData.JSON) || lower.endsWith("+json");
    }
}
