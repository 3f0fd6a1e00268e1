package org.jesdb.client;

import java.io.BufferedReader;
import java.io.IOException;

/** One server-sent event: its id (a global position for JESDB), its name (the event type) and its data. */
record SseEvent(String id, String name, String data) {

    /**
     * The next event of an SSE body, or null at its end. Follows the SSE format as JESDB's server
     * writes it: {@code id:}, {@code event:} and {@code data:} lines (several data lines are joined
     * with newlines), comment lines starting with {@code :} (keep-alives), a blank line ending an event.
     */
    static SseEvent read(BufferedReader body, Runnable onLine) throws IOException {
        String id = null;
        String name = null;
        StringBuilder data = null;
        String line;
        while ((line = body.readLine()) != null) {
            onLine.run();
            if (line.isEmpty()) {
                if (data != null) {
                    return new SseEvent(id, name == null ? "message" : name, data.toString());
                }
                id = null;
                name = null;
                continue;
            }
            if (line.startsWith(":")) {
                continue;
            }
            int colon = line.indexOf(':');
            String field = colon < 0 ? line : line.substring(0, colon);
            String value = colon < 0 ? "" : line.substring(colon + 1);
            if (value.startsWith(" ")) {
                value = value.substring(1);
            }
            switch (field) {
                case "id" -> id = value;
                case "event" -> name = value;
                case "data" -> data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
                default -> {
                    // retry: and unknown fields are ignored, as the SSE rules say
                }
            }
        }
        return null;
    }
}
