package org.jesdb.it;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * One stream of small events, one per append, where event {@value #MARKED} carries a unique
 * text that a test looks for in the node's files to damage exactly the bytes of that event.
 */
final class MarkedStream {
    static final int MARKED = 15;

    private final String name;
    private final String marker = "damage-here-" + UUID.randomUUID();
    private final List<String> written = new ArrayList<>();

    MarkedStream(String name) {
        this.name = name;
    }

    String marker() {
        return marker;
    }

    List<String> written() {
        return written;
    }

    /** Appends the next event at its exact expected version; it must be acknowledged. */
    void append(Api api) {
        int i = written.size();
        String id = UUID.randomUUID().toString();
        String text = i == MARKED ? marker + " " + "x".repeat(200) : "event " + i;
        String expected = i == 0 ? "\"no_stream\"" : Integer.toString(i - 1);
        Api.Answer answer = api.post("api/stores/default/streams/" + name, "{\"expectedVersion\":" + expected
                + ",\"events\":[{\"id\":\"" + id + "\",\"type\":\"Written\",\"data\":{\"text\":\"" + text + "\"}}]}");
        assertThat(answer.status()).as(answer.text()).isEqualTo(200);
        written.add(id);
    }

    /** The ids of the stream as {@code api} reads it ({@code query}: extra parameters). */
    List<String> ids(Api api, String query) {
        List<String> ids = new ArrayList<>();
        for (JsonValue event : page(api, query).getJsonArray("events")) {
            ids.add(event.asJsonObject().getString("id"));
        }
        return ids;
    }

    /** The text the marked event holds, as {@code api} reads it. */
    String markedText(Api api, String query) {
        return page(api, query).getJsonArray("events").getJsonObject(MARKED).getJsonObject("data").getString("text");
    }

    private JsonObject page(Api api, String query) {
        Api.Answer answer = api.get("api/stores/default/streams/" + name + "?count=1000" + query);
        assertThat(answer.status()).as(answer.text()).isEqualTo(200);
        return answer.json();
    }
}
