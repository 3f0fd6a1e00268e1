package org.jesdb.web.json;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import jakarta.json.stream.JsonGenerator;
import java.io.ByteArrayInputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import org.jesdb.store.streams.RecordedEvent;
import org.junit.jupiter.api.Test;

/** The hand-written event writer says exactly what the JSON-P generator said before it. */
class EventWriterTest {

    private static RecordedEvent event(String type, String stream, String contentType, byte[] data, String metadata) {
        return new RecordedEvent(UUID.fromString("3f2b8c1e-6a3b-4c1f-9a57-0c8d6f1e2a4b"), type, stream, 7, 42,
                Instant.parse("2026-12-01T08:00:00.123456Z"), contentType, data,
                metadata == null ? new byte[0] : metadata.getBytes(StandardCharsets.UTF_8));
    }

    private static String generated(RecordedEvent event) {
        StringWriter text = new StringWriter();
        try (JsonGenerator out = JsonFactories.GENERATORS.createGenerator(text)) {
            EventJson.write(out, event);
        }
        return text.toString();
    }

    private static JsonObject parsed(String json) {
        return JsonFactories.READERS.createReader(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8))).readObject();
    }

    @Test
    void jsonEventsAreWrittenAsTheGeneratorWroteThem() {
        RecordedEvent event = event("Order\"Placed\\\n\u0001", "order-\u00e9-\u2713", "application/json",
                "{\"total\":12,\"text\":\"caf\u00e9 \\\"q\\\" \\u0001\",\"list\":[1,2.5,null,true]}".getBytes(StandardCharsets.UTF_8),
                "{\"user\":\"u1\"}");
        String written = EventWriter.toString(event, 0);

        assertThat(parsed(written)).isEqualTo(parsed(generated(event)));
        assertThat(parsed(written).getString("type")).isEqualTo("Order\"Placed\\\n\u0001");
        assertThat(parsed(EventWriter.toString(event, 3)).getInt("attempt")).isEqualTo(3);
    }

    @Test
    void binaryDataIsBase64AndNoMetadataIsNull() {
        RecordedEvent event = event("Uploaded", "files", "application/octet-stream", new byte[] {0, 1, -2, 127}, null);
        String written = EventWriter.toString(event, 0);

        assertThat(parsed(written)).isEqualTo(parsed(generated(event)));
        assertThat(written).contains("\"data\":\"AAH+fw==\"", "\"metadata\":null");
    }

    @Test
    void aPageIsOneJsonDocument() throws Exception {
        var page = new org.jesdb.store.streams.EventPage(java.util.List.of(
                event("A", "s", "application/json", "1".getBytes(StandardCharsets.UTF_8), null),
                event("B", "s", "application/vnd.x+json", "[\"x\"]".getBytes(StandardCharsets.UTF_8), "{}")), 9L);
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        PageJson.of(page).write(out);

        JsonObject json = parsed(out.toString(StandardCharsets.UTF_8));
        assertThat(json.getJsonArray("events")).hasSize(2);
        assertThat(json.getJsonArray("events").getJsonObject(1).getJsonArray("data").getString(0)).isEqualTo("x");
        assertThat(json.getInt("next")).isEqualTo(9);
    }
}
