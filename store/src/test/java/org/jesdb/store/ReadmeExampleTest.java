package org.jesdb.store;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.jesdb.store.streams.AppendResult;
import org.jesdb.store.streams.EventPage;
import org.jesdb.store.streams.ExpectedVersion;
import org.jesdb.store.streams.ProposedEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's embedded example, as written there. */
class ReadmeExampleTest {
    @TempDir
    Path dir;

    @Test
    void theReadmeExampleWorksAsWritten() {
        Path data = dir.resolve("data");
        try (EventStore store = EventStore.open(StoreConfig.singleNode(data))) {
            AppendResult result = store.appendToStream("order-7", ExpectedVersion.noStream(), List.of(
                    ProposedEvent.json(UUID.randomUUID(), "OrderPlaced", "{\"total\":12.5}".getBytes(UTF_8), null)));
            EventPage page = store.readStream("order-7", ReadOptions.forwards().maxCount(100));
            EventPage tail = store.readAll(ReadOptions.backwards().maxCount(10));

            assertThat(result.lastVersion()).isZero();
            assertThat(page.events()).singleElement().satisfies(e -> assertThat(e.type()).isEqualTo("OrderPlaced"));
            assertThat(tail.events()).hasSize(1);
        }
    }
}
