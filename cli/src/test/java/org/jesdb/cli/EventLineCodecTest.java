package org.jesdb.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Random;
import java.util.UUID;
import org.jesdb.client.EventData;
import org.jesdb.client.RecordedEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EventLineCodecTest {
    private static final UUID ID = UUID.fromString("3f2b8c1e-6a3b-4c1f-9a57-0c8d6f1e2a4b");
    private static final Instant CREATED = Instant.parse("2026-12-01T08:00:00.123Z");

    @Test
    void anEventLineGivesEveryMemberToTheEvent() {
        EventData event = EventLineCodec.eventData("{\"id\":\"" + ID + "\",\"type\":\"OrderPlaced\",\"contentType\":"
                + "\"application/vnd.order+json\",\"data\":{\"total\":12.5},\"metadata\":{\"user\":\"ada\"}}", 1);

        assertThat(event.id()).isEqualTo(ID);
        assertThat(event.type()).isEqualTo("OrderPlaced");
        assertThat(event.contentType()).isEqualTo("application/vnd.order+json");
        assertThat(new String(event.data(), StandardCharsets.UTF_8)).isEqualTo("{\"total\":12.5}");
        assertThat(event.metadata()).isEqualTo("{\"user\":\"ada\"}");
    }

    @Test
    void withoutIdOrContentTypeAnEventGetsARandomIdAndIsJson() {
        EventData first = EventLineCodec.eventData("{\"type\":\"A\",\"data\":[1,2]}", 1);
        EventData second = EventLineCodec.eventData("{\"type\":\"A\",\"data\":[1,2],\"metadata\":null}", 2);

        assertThat(first.id()).isNotEqualTo(second.id());
        assertThat(first.contentType()).isEqualTo("application/json");
        assertThat(first.metadata()).isNull();
        assertThat(second.metadata()).isNull();
    }

    @Test
    void dataOfANonJsonContentTypeIsBase64() {
        EventData event = EventLineCodec.eventData("{\"type\":\"Blob\",\"contentType\":\"application/octet-stream\","
                + "\"data\":\"AQID/w==\"}", 1);

        assertThat(event.data()).containsExactly(1, 2, 3, 0xff);
    }

    @Test
    void aRecordedEventIsWrittenInTheApiShape() {
        RecordedEvent event = new RecordedEvent(ID, "OrderPlaced", "order-7", 3, 41, CREATED, "application/json",
                "{\"total\":12.5}".getBytes(StandardCharsets.UTF_8), null);

        assertThat(EventLineCodec.line(event)).isEqualTo("{\"id\":\"" + ID + "\",\"type\":\"OrderPlaced\",\"stream\":\"order-7\","
                + "\"version\":3,\"position\":41,\"created\":\"2026-12-01T08:00:00.123Z\",\"contentType\":\"application/json\","
                + "\"data\":{\"total\":12.5},\"metadata\":null}");
    }

    @Test
    void aWrittenEventReadsBackAsTheSameEventAtTheSameVersion() {
        RecordedEvent json = new RecordedEvent(ID, "OrderPlaced", "order-7", 3, 41, CREATED, "application/json",
                "{\"total\":12.5,\"lines\":[\"é\",null]}".getBytes(StandardCharsets.UTF_8), "{\"user\":\"ada\"}");
        byte[] bytes = new byte[256];
        new Random(7).nextBytes(bytes);
        RecordedEvent binary = new RecordedEvent(UUID.randomUUID(), "Blob", "files", 0, 42, CREATED,
                "application/octet-stream", bytes, "{\"name\":\"x.bin\"}");

        for (RecordedEvent event : new RecordedEvent[] {json, binary}) {
            ExportedEvent read = EventLineCodec.exportedEvent(EventLineCodec.line(event), 9);

            assertThat(read.stream()).isEqualTo(event.stream());
            assertThat(read.version()).isEqualTo(event.version());
            assertThat(read.line()).isEqualTo(9);
            assertThat(read.event().id()).isEqualTo(event.id());
            assertThat(read.event().type()).isEqualTo(event.type());
            assertThat(read.event().contentType()).isEqualTo(event.contentType());
            assertThat(read.event().data()).isEqualTo(event.data());
            assertThat(read.event().metadata()).isEqualTo(event.metadata());
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            not JSON              | {"type":"A","data":                                        | not JSON
            two values on a line  | {"type":"A","data":{}} {"type":"B","data":{}}             | not JSON
            not an object         | [1,2]                                                      | a JSON object
            no type               | {"data":{}}                                                | "type"
            a type not a string   | {"type":7,"data":{}}                                       | "type"
            no data               | {"type":"A"}                                               | "data"
            binary data not text  | {"type":"A","contentType":"image/png","data":{}}            | base64 string
            binary data not base64| {"type":"A","contentType":"image/png","data":"%%%"}         | not valid base64
            an id not a UUID      | {"type":"A","data":{},"id":"1-2-3-4-5"}                    | "id"
            metadata not an object| {"type":"A","data":{},"metadata":[1]}                      | "metadata"
            """)
    void aMalformedLineIsRefusedWithItsNumber(String what, String line, String problem) {
        assertThatThrownBy(() -> EventLineCodec.eventData(line, 17))
                .isInstanceOf(InputException.class)
                .hasMessageStartingWith("line 17: ")
                .hasMessageContaining(problem);
    }

    @Test
    void anExportedEventNeedsItsStreamAndVersion() {
        assertThatThrownBy(() -> EventLineCodec.exportedEvent("{\"type\":\"A\",\"data\":{},\"version\":0}", 3))
                .isInstanceOf(InputException.class).hasMessage("line 3: an exported event needs its \"stream\" (a string)");
        assertThatThrownBy(() -> EventLineCodec.exportedEvent("{\"type\":\"A\",\"data\":{},\"stream\":\"s\",\"version\":-1}", 4))
                .isInstanceOf(InputException.class).hasMessageStartingWith("line 4: an exported event needs its \"version\"");
    }
}
