package org.jesdb.bench;

import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Locale;
import org.jesdb.bench.events.EventFactory;

/** How the report describes a run's settings and its peer, in words. */
final class RunFacts {
    private RunFacts() {
    }

    static String settings(RunSettings settings, EventFactory events) {
        String restNodes = settings.nodePerWorkload()
                ? "a new REST node on a fresh data folder per append workload"
                : "one REST node (fresh data folder) for all append workloads, each on streams of its own, "
                        + "and another for the reads";
        return String.format(Locale.ROOT,
                "warm-up %d s for the first workload on a new REST node, %d s for each target's first workload and "
                        + "first read, %d s otherwise; %d s measured per workload; %s; embedded and PostgreSQL: fresh "
                        + "data per workload; events of %d B JSON data + %d B JSON metadata, random UUID ids; each "
                        + "writer appends to its own 10 streams with expected version any; reads read %d events in "
                        + "pages of 1000, linearizable (JESDB's default), one reader; the live subscription runs on the reads' data "
                        + "after the reads, its writers on streams of their own; the catch-up reads %d events that 4 writers "
                        + "appended in batches of 1000 to 100 streams, on fresh data, after an unmeasured pass over the first "
                        + "200k; the 3-node cluster runs the append workloads on one cluster, then %d failovers; order: "
                        + "PostgreSQL, JESDB embedded, JESDB REST, JESDB 3-node cluster; REST node JVM: %s; harness JVM "
                        + "(client, and the embedded store): -Xms4g -Xmx4g",
                settings.nodeWarmup().toSeconds(), settings.warmup().toSeconds(), settings.workloadWarmup().toSeconds(),
                settings.duration().toSeconds(), restNodes, EventFactory.DATA_BYTES, events.metadataBytes(),
                settings.readEvents(), settings.catchUpEvents(), settings.failovers(), nodeJvm(settings.nodeJvmOptions()));
    }

    static String peer(String version, RunSettings settings) {
        return version + " on 127.0.0.1, its own data folder, fsync=on, synchronous_commit=on, full_page_writes=on, "
                + "shared_buffers=" + settings.pgSharedBuffers() + ", max_wal_size=8GB, checkpoint_timeout=30min; "
                + "plan_cache_mode=force_generic_plan and max_parallel_workers_per_gather=0 (its fastest read plan); "
                + "JDBC driver " + org.postgresql.Driver.class.getPackage().getImplementationVersion()
                + "; Commanded's EventStore schema, one statement per append (stream row lock, `$all` row lock, "
                + "events and stream_events rows), a new database per workload, VACUUM ANALYZE after the reads' "
                + "data is written";
    }

    /** The node's JVM options as the report shows them; without -Xmx the heap is the JVM's default. */
    private static String nodeJvm(List<String> options) {
        if (options.stream().anyMatch(o -> o.startsWith("-Xmx"))) {
            return String.join(" ", options);
        }
        long quarterMiB = physicalMemoryMiB() / 4;
        String heap = "default heap, as the README starts the node (a quarter of RAM"
                + (quarterMiB > 0 ? String.format(Locale.ROOT, ", %.1f GiB here)", quarterMiB / 1024.0) : ")");
        return options.isEmpty() ? heap : heap + ", " + String.join(" ", options);
    }

    private static long physicalMemoryMiB() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getTotalMemorySize() / (1024 * 1024);
        }
        return -1;
    }
}
