package org.jesdb.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jesdb.bench.cluster.ClusterSession;
import org.jesdb.bench.cluster.ClusterTarget;
import org.jesdb.bench.cluster.FailoverProbe;
import org.jesdb.bench.cluster.FailoverResult;
import org.jesdb.bench.disk.FsyncProbe;
import org.jesdb.bench.embedded.EmbeddedTarget;
import org.jesdb.bench.events.EventFactory;
import org.jesdb.bench.host.Folders;
import org.jesdb.bench.postgres.PeerUnavailableException;
import org.jesdb.bench.postgres.PostgresServer;
import org.jesdb.bench.postgres.PostgresTarget;
import org.jesdb.bench.report.MachineInfo;
import org.jesdb.bench.report.Outcome;
import org.jesdb.bench.report.Report;
import org.jesdb.bench.report.ResultsFile;
import org.jesdb.bench.report.RunInfo;
import org.jesdb.bench.rest.RestTarget;
import org.jesdb.bench.targets.Session;
import org.jesdb.bench.targets.Target;
import org.jesdb.bench.targets.TargetKind;
import org.jesdb.bench.workloads.AppendLoad;
import org.jesdb.bench.workloads.CatchUpLoad;
import org.jesdb.bench.workloads.LiveLoad;
import org.jesdb.bench.workloads.Measurement;
import org.jesdb.bench.workloads.ReadLoad;
import org.jesdb.bench.workloads.Timing;
import org.jesdb.bench.workloads.Workload;

/**
 * One run: the fsync probe, then every chosen workload on every chosen target (each on fresh
 * data), then the report. A target that cannot be set up (the peer, typically) is reported as
 * such and the run goes on.
 */
final class BenchRun {
    private static final DateTimeFormatter FOLDER_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    private final RunSettings settings;
    private final EventFactory events = new EventFactory();
    private final List<Outcome> outcomes = new ArrayList<>();
    private final List<FailoverResult> failovers = new ArrayList<>();
    private String failoverFailure;
    private final Instant started = Instant.now();
    private final Path runFolder;
    private String peer = "not chosen (--targets)";
    /** Targets that have run a workload in this JVM: their client code (and embedded store) is warm. */
    private final Set<TargetKind> warmTargets = EnumSet.noneOf(TargetKind.class);

    BenchRun(RunSettings settings) {
        this.settings = settings;
        this.runFolder = settings.workFolder().resolve(FOLDER_TIME.format(started));
    }

    int run() throws IOException {
        Files.createDirectories(runFolder);
        say("JESDB benchmark: " + settings.workloads().size() + " workloads, " + settings.duration().toSeconds()
                + " s measured each; data under " + runFolder);
        FsyncProbe.Result fsync = fsyncProbe();
        // The peer first: the embedded store leaves Xodus's shared page cache (about half the
        // heap) in this JVM, which would tax the peer's JDBC client if it ran later.
        if (settings.targets().contains(TargetKind.POSTGRES)) {
            runPeer();
        }
        if (settings.targets().contains(TargetKind.JESDB_EMBEDDED)) {
            runTarget(new EmbeddedTarget());
        }
        if (settings.targets().contains(TargetKind.JESDB_REST)) {
            try (RestTarget rest = new RestTarget(settings.jar(), runFolder.resolve("node"), settings.nodeJvmOptions())) {
                runTarget(rest);
            } catch (IOException e) {
                failAll(TargetKind.JESDB_REST, settings.workloads(), e.getMessage());
            }
        }
        if (settings.targets().contains(TargetKind.JESDB_CLUSTER)) {
            runCluster();
        }
        Report report = new Report(runInfo(), fsync, outcomes, failovers, failoverFailure);
        String markdown = report.markdown();
        System.out.println();
        System.out.println(markdown);
        if (settings.resultsFile().isPresent()) {
            ResultsFile.write(settings.resultsFile().get(), markdown);
            say("results written to " + settings.resultsFile().get());
        }
        if (!settings.keepData()) {
            Folders.deleteRecursively(runFolder);
        }
        boolean jesdbFailed = outcomes.stream().anyMatch(o -> o.target().isJesdb() && !o.ok());
        return jesdbFailed ? 2 : 0;
    }

    private FsyncProbe.Result fsyncProbe() {
        try {
            FsyncProbe.Result result = FsyncProbe.measure(runFolder, settings.fsyncDuration());
            say(String.format(Locale.ROOT, "disk: %.0f fsync/s (p50 %.3f ms, p99 %.3f ms)", result.perSecond(),
                    result.p50Millis(), result.p99Millis()));
            return result;
        } catch (IOException e) {
            say("the fsync probe failed: " + e.getMessage());
            return null;
        }
    }

    /** The peer and its upper bound share one server, started here and stopped at the end. */
    private void runPeer() {
        List<Workload> upperBound = settings.workloads().stream()
                .filter(w -> RunSettings.UPPER_BOUND_WORKLOADS.contains(w.id())).toList();
        say("PostgreSQL: setting up the peer");
        PostgresServer server;
        try {
            server = PostgresServer.start(settings.pgBin(), runFolder.resolve("pg"), settings.pgSharedBuffers());
        } catch (PeerUnavailableException e) {
            peer = "NOT MEASURED: " + e.getMessage() + ". JESDB's figures stand alone, with their ratio to the fsync rate.";
            say("PostgreSQL could not be set up: " + e.getMessage());
            say("JESDB's figures are reported without the peer.");
            failAll(TargetKind.POSTGRES, settings.workloads(), "PostgreSQL could not be set up: " + e.getMessage());
            failAll(TargetKind.POSTGRES_WITHOUT_ALL, upperBound, "PostgreSQL could not be set up");
            return;
        }
        try {
            peer = RunFacts.peer(server.version(), settings);
            runTarget(new PostgresTarget(server, true));
            if (!upperBound.isEmpty()) {
                runTarget(new PostgresTarget(server, false), upperBound);
            }
        } finally {
            server.close();
        }
    }

    private void runTarget(Target target) {
        runTarget(target, settings.workloads());
    }

    private void runTarget(Target target, List<Workload> workloads) {
        List<Workload> appends = workloads.stream().filter(w -> w instanceof Workload.Appends).toList();
        List<Workload> reads = workloads.stream().filter(w -> w instanceof Workload.Reads || w instanceof Workload.Live).toList();
        if (target.coldPerSession() && !settings.nodePerWorkload()) {
            // A new node's JIT needs minutes at these request rates: all appends share one node.
            runAppends(target, appends, target.kind().slug() + "-appends");
        } else {
            for (Workload workload : appends) {
                runAppends(target, List.of(workload), target.kind().slug() + "-" + workload.id());
            }
        }
        if (!reads.isEmpty()) {
            runReads(target, reads);
        }
        if (workloads.stream().anyMatch(w -> w instanceof Workload.CatchUp)) {
            runCatchUp(target);
        }
    }

    /**
     * Three nodes, started once: the append workloads the cluster runs, then the failover probe,
     * which kills the leader and starts it again, round after round.
     */
    private void runCluster() {
        List<Workload> appends = settings.workloads().stream()
                .filter(w -> RunSettings.CLUSTER_WORKLOADS.contains(w.id())).toList();
        Path folder = runFolder.resolve("cluster");
        say("JESDB 3-node cluster: starting three nodes on loopback");
        try (ClusterTarget target = new ClusterTarget(settings.jar(), folder, settings.nodeJvmOptions());
             ClusterSession session = target.open(folder.resolve("nodes"))) {
            appendWorkloads(target, session, appends);
            if (settings.failovers() > 0) {
                say("JESDB 3-node cluster: failover, " + settings.failovers() + " times the leader killed with SIGKILL");
                failovers.addAll(FailoverProbe.run(session, settings.failovers(), BenchRun::say));
            }
        } catch (Exception e) {
            failMissing(TargetKind.JESDB_CLUSTER, appends, e);
            failoverFailure = e.getClass().getSimpleName() + ": " + e.getMessage();
            say("  → FAILED: " + failoverFailure);
        } finally {
            cleanUp(folder);
        }
    }

    /** The workloads in one session on one fresh data folder, each on streams of its own. */
    private void runAppends(Target target, List<Workload> appends, String folderName) {
        if (appends.isEmpty()) {
            return;
        }
        Path folder = runFolder.resolve(folderName);
        try (Session session = open(target, folder, appends.get(0))) {
            appendWorkloads(target, session, appends);
        } catch (Exception e) {
            failMissing(target.kind(), appends, e);
        } finally {
            cleanUp(folder);
        }
    }

    private void appendWorkloads(Target target, Session session, List<Workload> appends) throws InterruptedException {
        boolean sessionWarm = false;
        for (Workload workload : appends) {
            Duration warmup = warmupFor(target, sessionWarm, false);
            say(target.kind().label() + ", " + workload.label() + ": warm-up " + warmup.toSeconds() + " s, measuring "
                    + settings.duration().toSeconds() + " s");
            try {
                record(target.kind(), workload,
                        AppendLoad.run(session, (Workload.Appends) workload, events, timing(warmup), BenchRun::say));
            } catch (RuntimeException e) {
                fail(target.kind(), workload, e);
            }
            sessionWarm = true;
            warmTargets.add(target.kind());
        }
    }

    /**
     * Both read workloads read the same data: one fresh folder, filled once. The live
     * subscription runs on the same node afterwards (on streams of its own), so that a REST
     * node has warmed up by then; it gets the full warm-up, a new code path.
     */
    private void runReads(Target target, List<Workload> reads) {
        Path folder = runFolder.resolve(target.kind().slug() + "-reads");
        try (Session session = open(target, folder, reads.get(0))) {
            if (reads.stream().anyMatch(w -> w instanceof Workload.Reads)) {
                say(target.kind().label() + ": writing " + settings.readEvents() + " events to one stream for the reads");
                ReadLoad.fill(session, events, settings.readEvents());
            }
            boolean first = true;
            for (Workload workload : reads) {
                boolean live = workload instanceof Workload.Live;
                Duration warmup = live ? settings.warmup() : warmupFor(target, !first, first);
                say(target.kind().label() + ", " + workload.label() + ": warm-up " + warmup.toSeconds() + " s, measuring "
                        + settings.duration().toSeconds() + " s");
                try {
                    record(target.kind(), workload, live
                            ? LiveLoad.run(session, (Workload.Live) workload, events, timing(warmup), BenchRun::say)
                            : ReadLoad.run(session, (Workload.Reads) workload, settings.readEvents(), timing(warmup), BenchRun::say));
                } catch (RuntimeException e) {
                    fail(target.kind(), workload, e);
                }
                first = false;
                warmTargets.add(target.kind());
            }
        } catch (Exception e) {
            failMissing(target.kind(), reads, e);
        } finally {
            cleanUp(folder);
        }
    }

    /** The catch-up subscription on fresh data: the fill, an unmeasured pass, the measured one. */
    private void runCatchUp(Target target) {
        Workload workload = new Workload.CatchUp();
        Path folder = runFolder.resolve(target.kind().slug() + "-catch-up");
        try (Session session = open(target, folder, workload)) {
            say(target.kind().label() + ": writing " + settings.catchUpEvents() + " events to 100 streams for the catch-up");
            CatchUpLoad.fill(session, events, settings.catchUpEvents(), BenchRun::say);
            say(target.kind().label() + ", " + workload.label() + ": " + settings.catchUpEvents() + " events");
            record(target.kind(), workload, CatchUpLoad.run(session, settings.catchUpEvents(), BenchRun::say));
            warmTargets.add(target.kind());
        } catch (Exception e) {
            failMissing(target.kind(), List.of(workload), e);
        } finally {
            cleanUp(folder);
        }
    }

    /**
     * The first workload on a new node gets the node's warm-up; a target's first workload and its
     * first read (a new code path) get the full warm-up; every other one a short one.
     */
    private Duration warmupFor(Target target, boolean sessionWarm, boolean firstRead) {
        if (target.coldPerSession() && !sessionWarm) {
            return settings.nodeWarmup();
        }
        return !warmTargets.contains(target.kind()) || firstRead ? settings.warmup() : settings.workloadWarmup();
    }

    private Session open(Target target, Path folder, Workload workload) throws Exception {
        if (target.coldPerSession()) {
            say(target.kind().label() + ", " + workload.label() + ": starting a node on a fresh data folder");
        }
        return target.open(folder);
    }

    private Timing timing(Duration warmup) {
        return new Timing(warmup, settings.duration(), settings.maxOperations());
    }

    private void record(TargetKind target, Workload workload, Measurement m) {
        outcomes.add(Outcome.measured(target, workload, m));
        String latency = Double.isNaN(m.p50Millis()) ? ""
                : String.format(Locale.ROOT, ", p50 %.2f ms, p99 %.2f ms", m.p50Millis(), m.p99Millis());
        say(String.format(Locale.ROOT, "  → %.0f events/s, %.0f ops/s%s%s", m.eventsPerSecond(), m.operationsPerSecond(), latency,
                m.errors() > 0 ? ", " + m.errors() + " errors (first: " + m.firstError() + ")" : ""));
    }

    private void fail(TargetKind target, Workload workload, Exception e) {
        if (e instanceof InterruptedException) {
            Thread.currentThread().interrupt();
        }
        String reason = e.getClass().getSimpleName() + ": " + e.getMessage();
        outcomes.add(Outcome.failed(target, workload, reason));
        say("  → FAILED: " + reason);
    }

    /** Records {@code e} for each of {@code workloads} that has no outcome yet. */
    private void failMissing(TargetKind target, List<Workload> workloads, Exception e) {
        for (Workload workload : workloads) {
            if (outcomes.stream().noneMatch(o -> o.target() == target && o.workload().equals(workload))) {
                fail(target, workload, e);
            }
        }
    }

    private void failAll(TargetKind target, List<Workload> workloads, String reason) {
        for (Workload workload : workloads) {
            outcomes.add(Outcome.failed(target, workload, reason));
        }
    }

    private void cleanUp(Path folder) {
        if (settings.keepData()) {
            return;
        }
        try {
            Folders.deleteRecursively(folder);
        } catch (RuntimeException e) {
            say("note: " + e.getMessage());
        }
    }

    private RunInfo runInfo() {
        Duration took = Duration.between(started, Instant.now());
        return new RunInfo(settings.command(),
                DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC).format(started),
                took.toMinutes() + " min " + took.toSecondsPart() + " s",
                MachineInfo.commit(settings.repo()),
                MachineInfo.describe(settings.workFolder()),
                RunFacts.settings(settings, events),
                peer);
    }

    private static void say(String line) {
        System.out.println(DateTimeFormatter.ISO_LOCAL_TIME.withZone(ZoneOffset.UTC).format(Instant.now()).substring(0, 8)
                + " " + line);
    }
}
