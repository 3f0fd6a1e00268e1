package org.jesdb.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jesdb.client.EventData;
import org.junit.jupiter.api.Test;

class ImportBatchesTest {
    private final List<ImportBatch> appended = new ArrayList<>();
    private final ImportBatches batches = new ImportBatches(500, 1 << 20, appended::add);
    private long line;

    @Test
    void consecutiveEventsOfAStreamGoTogetherAndEachBatchExpectsWhereTheLastLeftItsStream() {
        add("a", 0);
        add("a", 1);
        add("b", 0);
        add("a", 2);
        add("a", 3);
        add("a", 4);
        add("b", 1);
        batches.finish();

        assertThat(appended).extracting(ImportBatch::stream, ImportBatch::firstVersion, ImportBatch::firstLine,
                batch -> batch.events().size(), batch -> batch.expectedVersion().toString()).containsExactly(
                tuple("a", 0L, 1L, 2, "no_stream"),
                tuple("b", 0L, 3L, 1, "no_stream"),
                tuple("a", 2L, 4L, 3, "1"),
                tuple("b", 1L, 7L, 1, "0"));
        assertThat(batches.streams()).isEqualTo(2);
    }

    @Test
    void aBatchHoldsAtMost500Events() {
        for (int version = 0; version < 1201; version++) {
            add("long", version);
        }
        batches.finish();

        assertThat(appended).extracting(batch -> batch.events().size()).containsExactly(500, 500, 201);
        assertThat(appended).extracting(batch -> batch.expectedVersion().toString()).containsExactly("no_stream", "499", "999");
    }

    @Test
    void aBatchStaysUnderTheByteLimitUnlessOneEventAloneIsLarger() {
        ImportBatches small = new ImportBatches(500, 10, appended::add);
        small.add(event("s", 0, 6));
        small.add(event("s", 1, 4));
        small.add(event("s", 2, 1));
        small.add(event("s", 3, 25));
        small.add(event("s", 4, 1));
        small.finish();

        assertThat(appended).extracting(batch -> batch.events().size()).containsExactly(2, 1, 1, 1);
    }

    @Test
    void theEventsAreKeptAsTheyAre() {
        ExportedEvent event = event("s", 0, 3);
        batches.add(event);
        batches.finish();

        assertThat(appended.get(0).events()).containsExactly(event.event());
    }

    @Test
    void aStreamThatDoesNotStartAtVersionZeroIsRefusedWithItsNameAndLine() {
        add("a", 0);
        assertThatThrownBy(() -> add("late", 7))
                .isInstanceOf(InputException.class)
                .hasMessageStartingWith("line 2: stream 'late' starts at version 7")
                .hasMessageContaining("cannot be imported with the same versions");
    }

    @Test
    void aGapInAStreamIsRefused() {
        add("a", 0);
        add("a", 1);
        assertThatThrownBy(() -> add("a", 3))
                .isInstanceOf(InputException.class)
                .hasMessageStartingWith("line 3: stream 'a' goes from version 1 to 3");
    }

    @Test
    void nothingIsHandedOverForAnEmptyInput() {
        batches.finish();

        assertThat(appended).isEmpty();
    }

    private void add(String stream, long version) {
        batches.add(event(stream, version, 2));
    }

    private ExportedEvent event(String stream, long version, int bytes) {
        return new ExportedEvent(stream, version, ++line, new EventData(UUID.randomUUID(), "T", "application/octet-stream",
                new byte[bytes], null));
    }
}
