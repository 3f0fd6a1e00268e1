package org.jesdb.ejb.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.eclipse.microprofile.metrics.Gauge;
import org.eclipse.microprofile.metrics.MetricID;
import org.eclipse.microprofile.metrics.Tag;
import org.jesdb.store.EventStore;
import org.jesdb.store.StoreConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoreMetricsTest {
    private static final Tag STORE = new Tag("store", "default");

    @TempDir
    Path dir;
    final FakeMetricRegistry fake = new FakeMetricRegistry();
    final StoreMetrics metrics = new StoreMetrics();
    EventStore store;

    @BeforeEach
    void open() {
        metrics.registry = fake.registry;
        store = EventStore.open(StoreConfig.singleNode(dir));
        metrics.watch(store);
    }

    @AfterEach
    void close() {
        if (store != null) {
            store.close();
        }
    }

    @Test
    void theGaugesTellWhereASingleNodeStandsInRaft() {
        assertThat(fake.value("jesdb.raft.leader", STORE)).isEqualTo(1);
        assertThat(fake.value("jesdb.raft.members", STORE)).isEqualTo(1);
        assertThat(fake.value("jesdb.raft.term", STORE)).isPositive();
        assertThat(fake.value("jesdb.raft.applied.index", STORE)).isNotNegative();
        assertThat(fake.value("jesdb.raft.commit.index", STORE)).isNotNegative();
        assertThat(fake.value("jesdb.disk", STORE, new Tag("part", "xodus"))).isPositive();
    }

    @Test
    void appendsAndReadsAreCountedWithMetricsLookedUpOnce() {
        int lookupsBefore = fake.lookups.get();

        for (int i = 0; i < 10; i++) {
            metrics.appended("default", 3, 100);
            metrics.read("default", "stream", 2);
        }
        metrics.read("default", "all", 1);

        assertThat(fake.lookups.get() - lookupsBefore).as("events, bytes, batch sizes, reads by stream, reads of all")
                .isEqualTo(5);
        assertThat(fake.counters.get(new MetricID("jesdb.append.events", STORE)).getCount()).isEqualTo(30);
        assertThat(fake.counters.get(new MetricID("jesdb.append.data", STORE)).getCount()).isEqualTo(1000);
        assertThat(fake.histograms.get(new MetricID("jesdb.append.batch.size", STORE)).getCount()).isEqualTo(10);
        assertThat(fake.counters.get(new MetricID("jesdb.read.events", STORE, new Tag("kind", "stream"))).getCount())
                .isEqualTo(20);
        assertThat(fake.counters.get(new MetricID("jesdb.read.events", STORE, new Tag("kind", "all"))).getCount())
                .isEqualTo(1);
    }

    @Test
    void noGaugeThrowsOnceTheStoreIsClosed() {
        store.close();
        store = null;

        // Payara answers the whole /metrics with a 500 when one gauge throws (GaugeValueTest: -1 instead).
        for (Gauge<?> gauge : fake.gauges.values()) {
            assertThat(gauge.getValue().longValue()).isGreaterThanOrEqualTo(-1);
        }
    }
}
