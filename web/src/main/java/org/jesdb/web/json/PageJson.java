package org.jesdb.web.json;

import jakarta.ws.rs.core.StreamingOutput;
import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.jesdb.store.streams.EventPage;
import org.jesdb.store.streams.RecordedEvent;

/** A read page as {@code {"events": [...], "next": n | null}}, written event by event (see {@link EventWriter}). */
public final class PageJson {
    private PageJson() {
    }

    public static StreamingOutput of(EventPage page) {
        return output -> {
            OutputStream out = new BufferedOutputStream(output, 64 * 1024);
            out.write("{\"events\":[".getBytes(StandardCharsets.US_ASCII));
            boolean first = true;
            for (RecordedEvent event : page.events()) {
                if (!first) {
                    out.write(',');
                }
                EventWriter.write(out, event, 0);
                first = false;
            }
            out.write(("],\"next\":" + (page.next() == null ? "null" : page.next()) + "}").getBytes(StandardCharsets.US_ASCII));
            out.flush();
        };
    }
}
