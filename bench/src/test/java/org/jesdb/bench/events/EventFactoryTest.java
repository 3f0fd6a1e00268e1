package org.jesdb.bench.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class EventFactoryTest {
    private final EventFactory factory = new EventFactory();

    @Test
    void everyEventHasThreeHundredBytesOfJsonDataAndItsOwnId() {
        List<BenchEvent> events = factory.next(1_000);

        Set<UUID> ids = new HashSet<>();
        for (BenchEvent event : events) {
            assertThat(event.data()).hasSize(EventFactory.DATA_BYTES);
            assertThat(event.dataJson()).startsWith("{\"orderId\":\"").endsWith("\"}");
            assertThat(event.dataJson().getBytes(StandardCharsets.UTF_8)).isEqualTo(event.data());
            assertThat(event.metadataJson()).startsWith("{\"correlationId\":\"");
            ids.add(event.id());
        }
        assertThat(ids).hasSize(1_000);
    }

    @Test
    void idsAreVersionFourUuids() {
        UUID id = EventFactory.randomUuid();

        assertThat(id.version()).isEqualTo(4);
        assertThat(id.variant()).isEqualTo(2);
    }
}
