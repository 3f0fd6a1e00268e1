package org.jesdb.ejb.metrics;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToLongFunction;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.MetricUnits;
import org.eclipse.microprofile.metrics.Tag;
import org.eclipse.microprofile.metrics.Histogram;
import org.jesdb.store.DiskUsage;
import org.jesdb.store.EventStore;

/**
 * The store's own MicroProfile Metrics, beside the timers of the REST resources: what was
 * appended and read (events, bytes, batch sizes), how long Raft takes to commit an entry, where
 * this node stands in Raft (indexes, term, leadership, members), and what the store holds on
 * disk. Tagged {@code store=<id>}; Prometheus format at {@code /metrics?scope=application}.
 */
@ApplicationScoped
public class StoreMetrics {
    /** A walk of the data folders at most this often, however often the metrics are scraped. */
    private static final long DISK_EVERY_NANOS = Duration.ofSeconds(10).toNanos();

    @Inject
    MetricRegistry registry;

    /** The append metrics of each store, looked up in the registry once, not on every append. */
    private final Map<String, AppendMeters> appendMeters = new ConcurrentHashMap<>();
    /** The read counters by store and kind of read, looked up once. */
    private final Map<ReadKind, Counter> readCounters = new ConcurrentHashMap<>();

    private volatile DiskUsage disk = new DiskUsage(0, 0);
    private volatile long diskAt;

    /** Registers the gauges of the store just opened, and times its Raft commits. */
    public void watch(EventStore store) {
        Tag tag = new Tag("store", store.config().storeId());
        // A histogram of microseconds, not a Timer: Payara's Prometheus output gives a Timer's
        // quantiles in nanoseconds under a _seconds name.
        Histogram commits = registry.histogram(Metadata.builder().withName("jesdb.raft.commit.microseconds")
                .withDescription("Raft entries from submission to their applied reply, in µs (one entry carries many appends)")
                .build(), tag);
        store.recordCommitTimesTo(nanos -> commits.update(nanos / 1_000));
        // Local reads of this node's Raft server (no read barrier, no round trip to the leader):
        // a scrape answers at once, also on a member cut off from its group.
        gauge(store, tag, "jesdb.raft.commit.index", "The last Raft index this node knows committed",
                opened -> opened.clusterView().commitIndex());
        gauge(store, tag, "jesdb.raft.applied.index", "The last Raft index this node applied to its store",
                opened -> opened.status().appliedIndex());
        gauge(store, tag, "jesdb.raft.leader", "1 while this node leads its Raft group, else 0",
                opened -> "LEADER".equals(opened.status().role()) ? 1 : 0);
        gauge(store, tag, "jesdb.raft.members", "Members of the Raft group", opened -> opened.clusterView().members().size());
        gauge(store, tag, "jesdb.raft.term", "The current Raft term", opened -> opened.status().term());
        diskGauge(store, new Tag("part", "raft-log"), tag, DiskUsage::raftLogBytes);
        diskGauge(store, new Tag("part", "xodus"), tag, DiskUsage::xodusBytes);
    }

    /** One successful append. */
    public void appended(String storeId, int events, long bytes) {
        AppendMeters meters = appendMeters.computeIfAbsent(storeId, this::appendMeters);
        meters.events().inc(events);
        meters.bytes().inc(bytes);
        meters.batchSizes().update(events);
    }

    /** One read of {@code kind} ("stream" or "all") that answered {@code events} events. */
    public void read(String storeId, String kind, int events) {
        readCounters.computeIfAbsent(new ReadKind(storeId, kind), this::readCounter).inc(events);
    }

    private AppendMeters appendMeters(String storeId) {
        Tag tag = new Tag("store", storeId);
        return new AppendMeters(
                registry.counter(Metadata.builder().withName("jesdb.append.events").withDescription("Events appended").build(), tag),
                registry.counter(Metadata.builder().withName("jesdb.append.data")
                        .withDescription("Bytes of event data and metadata appended").withUnit(MetricUnits.BYTES).build(), tag),
                registry.histogram(Metadata.builder().withName("jesdb.append.batch.size").withDescription("Events per append")
                        .build(), tag));
    }

    private Counter readCounter(ReadKind read) {
        return registry.counter(Metadata.builder().withName("jesdb.read.events").withDescription("Events read, by kind of read")
                .build(), new Tag("store", read.storeId()), new Tag("kind", read.kind()));
    }

    private void gauge(EventStore store, Tag tag, String name, String description, ToLongFunction<EventStore> value) {
        registry.gauge(Metadata.builder().withName(name).withDescription(description).build(), store,
                opened -> GaugeValue.orMinusOne(name, () -> value.applyAsLong(opened)), tag);
    }

    private void diskGauge(EventStore store, Tag part, Tag tag, ToLongFunction<DiskUsage> value) {
        registry.gauge(Metadata.builder().withName("jesdb.disk").withDescription("Bytes on disk, by part of the store")
                .withUnit(MetricUnits.BYTES).build(), store,
                opened -> GaugeValue.orMinusOne("jesdb.disk", () -> value.applyAsLong(diskUsage(opened))), tag, part);
    }

    private DiskUsage diskUsage(EventStore store) {
        long now = System.nanoTime();
        if (now - diskAt > DISK_EVERY_NANOS || diskAt == 0) {
            disk = store.diskUsage();
            diskAt = now;
        }
        return disk;
    }

    private record AppendMeters(Counter events, Counter bytes, Histogram batchSizes) {
    }

    private record ReadKind(String storeId, String kind) {
    }
}
