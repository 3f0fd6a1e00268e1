package org.jesdb.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jesdb.bench.targets.TargetKind;
import org.jesdb.bench.workloads.Workload;

/**
 * Everything a run needs, resolved from the command line once and validated.
 *
 * @param targets          which systems to measure
 * @param workloads        which workloads, in the order they run
 * @param warmup           warm-up of each target's first workload and of its first read (a new code path)
 * @param nodeWarmup       warm-up of the first workload on a new REST node (a cold JVM serving few requests per second)
 * @param workloadWarmup   warm-up of any other workload
 * @param nodePerWorkload  start a new REST node, on a fresh data folder, for every append workload
 * @param duration         measured window of each workload
 * @param fsyncDuration    how long the disk's fsync rate is measured
 * @param readEvents       events in the stream the read workloads read
 * @param catchUpEvents    events the catch-up subscription delivers
 * @param failovers        how many times the cluster's leader is killed
 * @param maxOperations    upper bound on appends (or pages) of one workload, warm-up included
 * @param repo             the JESDB source tree (for the jar, the commit and BENCHMARKS.md)
 * @param jar              the node's runnable jar
 * @param workFolder       where data folders go; each run makes a new folder under it
 * @param pgBin            PostgreSQL's binaries, or empty to look in the usual places
 * @param pgSharedBuffers  PostgreSQL's shared_buffers
 * @param nodeJvmOptions   JVM options of the REST node
 * @param keepData         keep each workload's data folder after it ran
 * @param resultsFile      write the report there (between markers), or empty
 * @param command          the command line as the user typed it, for the report
 */
public record RunSettings(Set<TargetKind> targets, List<Workload> workloads, Duration warmup, Duration nodeWarmup,
                          Duration workloadWarmup, boolean nodePerWorkload, Duration duration, Duration fsyncDuration, long readEvents, long catchUpEvents, int failovers,
                          long maxOperations, Path repo,
                          Path jar, Path workFolder, Optional<Path> pgBin, String pgSharedBuffers,
                          List<String> nodeJvmOptions, boolean keepData, Optional<Path> resultsFile, String command) {

    public RunSettings {
        targets = Set.copyOf(targets);
        workloads = List.copyOf(workloads);
        nodeJvmOptions = List.copyOf(nodeJvmOptions);
        if (targets.isEmpty() || workloads.isEmpty()) {
            throw new IllegalArgumentException("choose at least one target and one workload");
        }
        requireNonNegative("warm-up", warmup);
        requireNonNegative("node warm-up", nodeWarmup);
        requireNonNegative("workload warm-up", workloadWarmup);
        if (duration.isZero() || duration.isNegative() || fsyncDuration.isZero() || fsyncDuration.isNegative()) {
            throw new IllegalArgumentException("--duration and --fsync-duration must be positive");
        }
        if (readEvents < 1 || catchUpEvents < 1 || maxOperations < 1) {
            throw new IllegalArgumentException("--read-events, --catch-up-events and --max-operations must be positive");
        }
        if (failovers < 0) {
            throw new IllegalArgumentException("--failovers must be >= 0, was " + failovers);
        }
    }

    private static void requireNonNegative(String name, Duration value) {
        if (value.isNegative()) {
            throw new IllegalArgumentException(name + " must be >= 0, was " + value);
        }
    }

    /** The append workloads the brief asks for, in the order they run. */
    public static final List<Workload> ALL_WORKLOADS = List.of(
            new Workload.Appends(1, 1),
            new Workload.Appends(8, 1),
            new Workload.Appends(64, 1),
            new Workload.Appends(1, 100),
            new Workload.Appends(8, 100),
            new Workload.Reads(Workload.Reads.Source.STREAM, 1_000),
            new Workload.Reads(Workload.Reads.Source.ALL, 1_000),
            new Workload.Live(8),
            new Workload.CatchUp());

    /** The 3-node cluster runs these only (and the failover probe): the issue asks for its append rate. */
    public static final Set<String> CLUSTER_WORKLOADS = Set.of("append-1x1", "append-8x1", "append-64x1", "append-1x100",
            "append-8x100");

    /** The peer's upper bound (no $all rows) runs these only. */
    public static final Set<String> UPPER_BOUND_WORKLOADS = Set.of("append-8x1");
}
