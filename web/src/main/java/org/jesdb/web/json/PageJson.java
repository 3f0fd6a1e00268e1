package org.jesdb.web.json;

import jakarta.json.stream.JsonGenerator;
import jakarta.ws.rs.core.StreamingOutput;
import org.jesdb.store.streams.EventPage;
import org.jesdb.store.streams.RecordedEvent;

/** A read page as {@code {"events": [...], "next": n | null}}, written event by event. */
public final class PageJson {
    private PageJson() {
    }

    public static StreamingOutput of(EventPage page) {
        return output -> {
            try (JsonGenerator out = JsonFactories.GENERATORS.createGenerator(output)) {
                out.writeStartObject().writeStartArray("events");
                for (RecordedEvent event : page.events()) {
                    EventJson.write(out, event);
                }
                out.writeEnd();
                if (page.next() == null) {
                    out.writeNull("next");
                } else {
                    out.write("next", page.next());
                }
                out.writeEnd();
            }
        };
    }
}
