package org.jesdb.it;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jesdb.it.Api.Answer;

/**
 * One stream filled with large appends (four events of 60 KB each) at exact expected versions,
 * keeping the ids of every acknowledged event in order: what fills a small disk in a few seconds.
 */
final class BulkStream {
    static final int EVENTS_PER_APPEND = 4;
    static final int EVENT_BYTES = 60_000;

    private final String name;
    private final List<String> acknowledged = new ArrayList<>();

    BulkStream(String name) {
        this.name = name;
    }

    List<String> acknowledged() {
        return acknowledged;
    }

    /** Appends after the last acknowledged event; on success the new ids join {@link #acknowledged}. */
    Answer append(Api api) {
        List<String> ids = new ArrayList<>();
        StringBuilder events = new StringBuilder();
        for (int e = 0; e < EVENTS_PER_APPEND; e++) {
            String id = UUID.randomUUID().toString();
            ids.add(id);
            events.append(e == 0 ? "" : ",").append("{\"id\":\"").append(id).append("\",\"type\":\"Filled\",\"data\":{\"pad\":\"")
                    .append("f".repeat(EVENT_BYTES)).append("\"}}");
        }
        String expected = acknowledged.isEmpty() ? "\"no_stream\"" : Long.toString(acknowledged.size() - 1);
        Answer answer = api.post("api/stores/default/streams/" + name, "{\"expectedVersion\":" + expected + ",\"events\":[" + events + "]}");
        if (answer.status() == 200) {
            acknowledged.addAll(ids);
        }
        return answer;
    }

    /** The ids of the stream's events as {@code api} reads them ({@code query}: extra parameters, e.g. "&local=true"). */
    List<String> ids(Api api, String query) {
        List<String> ids = new ArrayList<>();
        Long next = 0L;
        while (next != null) {
            JsonObject page = api.get("api/stores/default/streams/" + name + "?count=100&from=" + next + query).json();
            for (JsonValue event : page.getJsonArray("events")) {
                ids.add(event.asJsonObject().getString("id"));
            }
            next = page.isNull("next") ? null : page.getJsonNumber("next").longValue();
        }
        return ids;
    }
}
