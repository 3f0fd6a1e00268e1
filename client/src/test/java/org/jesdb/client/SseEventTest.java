package org.jesdb.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The SSE format as JESDB's server writes it, read back into events. */
class SseEventTest {

    @Test
    void eventsCommentsAndMultiLineData() throws IOException {
        BufferedReader body = new BufferedReader(new StringReader(": keep-alive\n\n"
                + "id: 41\nevent: OrderPlaced\ndata: {\"a\":1}\n\n"
                + "id:42\nevent:OrderPaid\ndata: line one\ndata: line two\nretry: 100\n\n"
                + "event: subscription-closed\ndata: deleted\n\n"
                + "id: 43\ndata: cut short"));
        AtomicInteger lines = new AtomicInteger();

        assertThat(SseEvent.read(body, lines::incrementAndGet)).isEqualTo(new SseEvent("41", "OrderPlaced", "{\"a\":1}"));
        assertThat(SseEvent.read(body, lines::incrementAndGet)).isEqualTo(new SseEvent("42", "OrderPaid", "line one\nline two"));
        assertThat(SseEvent.read(body, lines::incrementAndGet)).isEqualTo(new SseEvent(null, "subscription-closed", "deleted"));
        // An event the connection cut before its blank line is not delivered.
        assertThat(SseEvent.read(body, lines::incrementAndGet)).isNull();
        assertThat(lines.get()).isEqualTo(17);
    }
}
