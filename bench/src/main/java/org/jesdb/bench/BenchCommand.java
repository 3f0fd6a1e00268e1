package org.jesdb.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.logging.LogManager;
import org.jesdb.bench.targets.TargetKind;
import org.jesdb.bench.workloads.Workload;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The command line of the benchmark; {@code bench/run.sh} starts it. */
@Command(name = "bench/run.sh", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
                "Measures JESDB's durable appends and reads, embedded and over REST, beside PostgreSQL with",
                "Commanded's schema on the same machine, and the disk's fsync rate. See bench/README.md."})
public final class BenchCommand implements Callable<Integer> {

    @Option(names = "--targets", split = ",", paramLabel = "TARGET",
            description = "Comma-separated: embedded, rest, cluster, postgres (default: all). cluster is three nodes on loopback "
                    + "(appends and the failover probe); postgres also runs its upper bound (no $all rows).")
    List<String> targets = List.of("embedded", "rest", "cluster", "postgres");

    @Option(names = "--workloads", split = ",", paramLabel = "ID",
            description = "Comma-separated workload ids (default: all): append-1x1, append-8x1, append-64x1, append-1x100, "
                    + "append-8x100, read-stream, read-all, live-8x1, catch-up.")
    List<String> workloads;

    @Option(names = "--quick", description = "A smoke run: 3 s warm-ups (5 s for a node), 3 s measured, 20k events to read, "
            + "50k to catch up, one failover. Its figures mean little.")
    boolean quick;

    @Option(names = "--warmup", paramLabel = "SECONDS",
            description = "Warm-up of each target's first workload and of its first read (default 20; quick 3).")
    Integer warmupSeconds;

    @Option(names = "--node-warmup", paramLabel = "SECONDS",
            description = "Warm-up of the first workload on a new REST node; its JIT needs over a minute at these request rates "
                    + "(default 90; quick 5).")
    Integer nodeWarmupSeconds;

    @Option(names = "--node-per-workload",
            description = "A new REST node on a fresh data folder for every append workload, each with the node warm-up "
                    + "(by default the append workloads share one node, each on streams of its own).")
    boolean nodePerWorkload;

    @Option(names = "--workload-warmup", paramLabel = "SECONDS",
            description = "Warm-up of every other workload (default 5; quick 1).")
    Integer workloadWarmupSeconds;

    @Option(names = "--duration", paramLabel = "SECONDS", description = "Measured window of each workload (default 15; quick 3).")
    Integer durationSeconds;

    @Option(names = "--fsync-duration", paramLabel = "SECONDS", description = "Duration of the fsync probe (default 5; quick 2).")
    Integer fsyncSeconds;

    @Option(names = "--read-events", paramLabel = "N", description = "Events in the stream the reads read (default 100000; quick 20000).")
    Long readEvents;

    @Option(names = "--catch-up-events", paramLabel = "N",
            description = "Events the catch-up subscription delivers (default 1000000; quick 50000).")
    Long catchUpEvents;

    @Option(names = "--failovers", paramLabel = "N",
            description = "How many times the cluster's leader is killed (default 3; quick 1; 0: none).")
    Integer failovers;

    @Option(names = "--max-operations", paramLabel = "N",
            description = "Upper bound on appends (or pages) per workload, warm-up included (default ${DEFAULT-VALUE}).")
    long maxOperations = 50_000_000;

    @Option(names = "--repo", paramLabel = "DIR", description = "The JESDB source tree (default: the current folder).")
    Path repo = Path.of("");

    @Option(names = "--jar", paramLabel = "FILE", description = "The node's runnable jar (default: REPO/web/target/jesdb.jar).")
    Path jar;

    @Option(names = "--work-dir", paramLabel = "DIR", description = "Where data folders go (default: REPO/bench/target/runs).")
    Path workDir;

    @Option(names = "--pg-bin", paramLabel = "DIR",
            description = "PostgreSQL's bin folder (default: the newest /usr/lib/postgresql/*/bin, else the PATH).")
    Path pgBin;

    @Option(names = "--pg-shared-buffers", paramLabel = "SIZE", description = "PostgreSQL's shared_buffers (default ${DEFAULT-VALUE}).")
    String pgSharedBuffers = "1GB";

    @Option(names = "--node-heap", paramLabel = "SIZE",
            description = "The REST node's -Xms and -Xmx (default: the JVM's own, as the README starts the node; "
                    + "with 1g the node spent 29%% of an 8 × 100 run in GC pauses).")
    String nodeHeap;

    @Option(names = "--node-java-option", paramLabel = "OPTION",
            description = "An extra JVM option for the REST node, e.g. -XX:StartFlightRecording=filename=node.jfr (repeatable).")
    List<String> nodeJavaOptions = new ArrayList<>();

    @Option(names = "--keep-data", description = "Keep each workload's data folder (they are deleted by default).")
    boolean keepData;

    @Option(names = "--write-results", arity = "0..1", paramLabel = "FILE", fallbackValue = "",
            description = "Write the report into FILE (default: REPO/BENCHMARKS.md) between its result markers.")
    String writeResults;

    @Option(names = "--invoked-as", hidden = true, description = "The command line as typed, for the report (set by run.sh).")
    String invokedAs;

    public static void main(String[] args) {
        quietLogging();
        System.exit(new CommandLine(new BenchCommand()).execute(args));
    }

    @Override
    public Integer call() throws IOException {
        return new BenchRun(settings()).run();
    }

    RunSettings settings() {
        Path root = repo.toAbsolutePath().normalize();
        return new RunSettings(
                targetKinds(),
                chosenWorkloads(),
                Duration.ofSeconds(orDefault(warmupSeconds, 20, 3)),
                Duration.ofSeconds(orDefault(nodeWarmupSeconds, 90, 5)),
                Duration.ofSeconds(orDefault(workloadWarmupSeconds, 5, 1)),
                nodePerWorkload,
                Duration.ofSeconds(orDefault(durationSeconds, 15, 3)),
                Duration.ofSeconds(orDefault(fsyncSeconds, 5, 2)),
                readEvents != null ? readEvents : quick ? 20_000 : 100_000,
                catchUpEvents != null ? catchUpEvents : quick ? 50_000 : 1_000_000,
                orDefault(failovers, 3, 1),
                maxOperations,
                root,
                jar != null ? jar.toAbsolutePath() : root.resolve("web/target/jesdb.jar"),
                workDir != null ? workDir.toAbsolutePath() : root.resolve("bench/target/runs"),
                Optional.ofNullable(pgBin),
                pgSharedBuffers,
                nodeJvmOptions(),
                keepData,
                writeResults == null ? Optional.empty()
                        : Optional.of(writeResults.isEmpty() ? root.resolve("BENCHMARKS.md") : Path.of(writeResults).toAbsolutePath()),
                invokedAs != null ? invokedAs : "java -jar bench/target/jesdb-bench.jar");
    }

    private List<String> nodeJvmOptions() {
        List<String> options = new ArrayList<>();
        if (nodeHeap != null) {
            options.addAll(List.of("-Xms" + nodeHeap, "-Xmx" + nodeHeap));
        }
        options.addAll(nodeJavaOptions);
        return options;
    }

    private int orDefault(Integer given, int normal, int quickValue) {
        return given != null ? given : quick ? quickValue : normal;
    }

    private Set<TargetKind> targetKinds() {
        Set<TargetKind> kinds = EnumSet.noneOf(TargetKind.class);
        for (String target : targets) {
            switch (target.trim()) {
                case "embedded" -> kinds.add(TargetKind.JESDB_EMBEDDED);
                case "rest" -> kinds.add(TargetKind.JESDB_REST);
                case "cluster" -> kinds.add(TargetKind.JESDB_CLUSTER);
                case "postgres" -> {
                    kinds.add(TargetKind.POSTGRES);
                    kinds.add(TargetKind.POSTGRES_WITHOUT_ALL);
                }
                default -> throw new CommandLine.ParameterException(new CommandLine(this),
                        "unknown target '" + target + "': use embedded, rest, cluster or postgres");
            }
        }
        return kinds;
    }

    private List<Workload> chosenWorkloads() {
        if (workloads == null) {
            return RunSettings.ALL_WORKLOADS;
        }
        List<Workload> chosen = new ArrayList<>();
        for (String id : workloads) {
            Workload workload = RunSettings.ALL_WORKLOADS.stream().filter(w -> w.id().equals(id.trim())).findFirst()
                    .orElseThrow(() -> new CommandLine.ParameterException(new CommandLine(this),
                            "unknown workload '" + id + "'; known: " + RunSettings.ALL_WORKLOADS.stream().map(Workload::id).toList()));
            chosen.add(workload);
        }
        return chosen;
    }

    /** Ratis and Xodus log much at INFO; the harness prints its own progress. */
    private static void quietLogging() {
        try (InputStream config = BenchCommand.class.getResourceAsStream("/bench-logging.properties")) {
            if (config != null) {
                LogManager.getLogManager().readConfiguration(config);
            }
        } catch (IOException e) {
            System.err.println("note: default logging (" + e.getMessage() + ")");
        }
    }
}
