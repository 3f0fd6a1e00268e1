package org.jesdb.web.json;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.jesdb.store.streams.ProposedEvent;
import org.jesdb.store.streams.RecordedEvent;

/**
 * Writes stored events as the API's event objects, copying their JSON data and metadata as
 * stored: both were checked and made compact when appended (the REST layer and the stream
 * service refuse anything else), so parsing them again for every read, as a JSON-P generator
 * must, only costs time (most of a read's CPU, measured in BENCHMARKS.md).
 */
public final class EventWriter {
    private static final byte[] NULL = "null".getBytes(StandardCharsets.US_ASCII);

    private EventWriter() {
    }

    /** One event object; {@code attempt} > 0 adds {@code "attempt"} (a subscription's delivery). */
    public static void write(OutputStream out, RecordedEvent event, int attempt) throws IOException {
        StringBuilder head = new StringBuilder(160);
        head.append("{\"id\":\"").append(event.id()).append("\",\"type\":");
        quote(head, event.type());
        head.append(",\"stream\":");
        quote(head, event.stream());
        head.append(",\"version\":").append(event.version())
                .append(",\"position\":").append(event.position())
                .append(",\"created\":\"").append(event.created()).append("\",\"contentType\":");
        quote(head, event.contentType());
        head.append(",\"data\":");
        out.write(head.toString().getBytes(StandardCharsets.UTF_8));
        if (ProposedEvent.isJsonContentType(event.contentType())) {
            out.write(event.data());
        } else {
            out.write('"');
            out.write(Base64.getEncoder().encode(event.data()));
            out.write('"');
        }
        out.write(",\"metadata\":".getBytes(StandardCharsets.US_ASCII));
        out.write(event.metadata().length == 0 ? NULL : event.metadata());
        if (attempt > 0) {
            out.write((",\"attempt\":" + attempt).getBytes(StandardCharsets.US_ASCII));
        }
        out.write('}');
    }

    /** One event object as text. */
    public static String toString(RecordedEvent event, int attempt) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256 + event.data().length + event.metadata().length);
        try {
            write(out, event, attempt);
        } catch (IOException cannotHappen) {
            throw new IllegalStateException(cannotHappen);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /** A JSON string: quotes, backslashes and control characters escaped (RFC 8259). */
    static void quote(StringBuilder out, String text) {
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
