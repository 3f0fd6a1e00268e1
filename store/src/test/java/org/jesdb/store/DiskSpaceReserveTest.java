package org.jesdb.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.jesdb.store.EmbeddedStore.events;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.jesdb.store.streams.ExpectedVersion;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Below the free-space reserve, new data is refused before it reaches Raft and nothing changes;
 * reads go on. A reserve no disk can meet stands for a full disk here; the integration test
 * fills a real, size-limited file system.
 */
class DiskSpaceReserveTest {
    @TempDir
    Path dir;

    @Test
    void belowTheReserveAppendsAndSnapshotsAreRefusedAndReadsGoOn() {
        try (EventStore store = EventStore.open(StoreConfig.singleNode(dir))) {
            store.appendToStream("order-1", ExpectedVersion.noStream(), events(2, "OrderLine"));
        }
        try (EventStore store = EventStore.open(withReserve(Long.MAX_VALUE))) {
            assertThatThrownBy(() -> store.appendToStream("order-1", ExpectedVersion.any(), events(1, "OrderLine")))
                    .isInstanceOfSatisfying(InsufficientStorageException.class, e -> {
                        assertThat(e.requiredBytes()).isEqualTo(Long.MAX_VALUE);
                        assertThat(e.freeBytes()).isPositive();
                        assertThat(e.getMessage()).contains("JESDB_MIN_FREE_DISK_BYTES");
                    });
            assertThatThrownBy(() -> store.recordSnapshot("billing", "order-1", 1, "application/json",
                    "{}".getBytes(StandardCharsets.UTF_8))).isInstanceOf(InsufficientStorageException.class);

            assertThat(store.streamVersion("order-1")).isEqualTo(1);
            assertThat(store.readStream("order-1", ReadOptions.forwards()).events()).hasSize(2);
        }
        try (EventStore store = EventStore.open(withReserve(0))) {
            store.appendToStream("order-1", ExpectedVersion.exactly(1), events(1, "OrderLine"));
            assertThat(store.streamVersion("order-1")).isEqualTo(2);
        }
    }

    private StoreConfig withReserve(long bytes) {
        StoreLimits d = StoreLimits.defaults();
        StoreLimits limits = new StoreLimits(d.maxEventBytes(), d.maxAppendBytes(), d.maxEventsPerAppend(), d.maxReadCount(), bytes);
        return new StoreConfig("default", dir, StoreConfig.DEFAULT_TIMEOUT, "127.0.0.1", 0,
                StoreConfig.DEFAULT_SNAPSHOT_THRESHOLD, limits);
    }
}
