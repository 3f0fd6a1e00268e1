package org.jesdb.bench.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jesdb.bench.disk.FsyncProbe;
import org.jesdb.bench.targets.TargetKind;
import org.jesdb.bench.workloads.Measurement;
import org.jesdb.bench.workloads.UsageDelta;
import org.jesdb.bench.workloads.Workload;

/**
 * The run's results as Markdown: the run's facts, one row per workload and target with the
 * ratios to the peer and to the disk's fsync rate, where the time went, and the targets
 * (shown, never asserted).
 */
public final class Report {
    /** The targets: JESDB's events/s over the peer's, per workload. */
    private record Goal(String workloadId, double atLeast, String label) {
    }

    private static final List<Goal> GOALS = List.of(
            new Goal("append-8x1", 3, "8 writers × batch 1 ≥ 3× PostgreSQL"),
            new Goal("append-1x100", 2, "1 writer × batch 100 ≥ 2× PostgreSQL"),
            new Goal("read-stream", 3, "stream reads ≥ 3× PostgreSQL"));

    private final RunInfo info;
    private final FsyncProbe.Result fsync;
    private final List<Outcome> outcomes;

    /** {@code fsync} may be null when the probe failed. */
    public Report(RunInfo info, FsyncProbe.Result fsync, List<Outcome> outcomes) {
        this.info = info;
        this.fsync = fsync;
        this.outcomes = List.copyOf(outcomes);
    }

    public String markdown() {
        StringBuilder md = new StringBuilder();
        run(md);
        results(md);
        whereTheTimeGoes(md);
        goals(md);
        notes(md);
        return md.toString();
    }

    private void run(StringBuilder md) {
        md.append("### Run\n\n");
        md.append("- Command: `").append(info.command()).append("`\n");
        md.append("- Date: ").append(info.date()).append(" (the run took ").append(info.runTime()).append(")\n");
        md.append("- Commit: `").append(info.commit()).append("`\n");
        md.append("- Machine:\n");
        for (String line : info.machine()) {
            md.append("  - ").append(line).append('\n');
        }
        md.append("- Settings: ").append(info.settings()).append('\n');
        md.append("- Peer: ").append(info.peer()).append('\n');
        md.append("- Disk: ");
        if (fsync == null) {
            md.append("the fsync probe failed (see the notes); no ratios to it\n\n");
        } else {
            md.append(Figures.rate(fsync.perSecond())).append(" fsync/s (`FileChannel.force(false)` after each 64 B write, 1 thread; p50 ")
                    .append(Figures.millis(fsync.p50Millis())).append(" ms, p99 ").append(Figures.millis(fsync.p99Millis()))
                    .append(" ms)\n\n");
        }
    }

    private void results(StringBuilder md) {
        md.append("### Results\n\n");
        md.append("Client and server share the machine's CPUs in every run. For reads, the operations are pages and the latency is per page.\n\n");
        md.append("| workload | target | events/s | appends/s (pages/s) | p50 ms | p99 ms | × PostgreSQL | × fsync |\n");
        md.append("|---|---|---:|---:|---:|---:|---:|---:|\n");
        for (Outcome outcome : ordered()) {
            md.append("| ").append(outcome.workload().label()).append(" | ").append(outcome.target().label()).append(" | ");
            if (!outcome.ok()) {
                md.append("not measured (see notes) | | | | | |\n");
                continue;
            }
            Measurement m = outcome.measurement();
            md.append(Figures.rate(m.eventsPerSecond())).append(" | ")
                    .append(Figures.rate(m.operationsPerSecond())).append(" | ")
                    .append(Figures.millis(m.p50Millis())).append(" | ")
                    .append(Figures.millis(m.p99Millis())).append(" | ")
                    .append(outcome.target().isJesdb() ? Figures.ratio(ratioToPeer(outcome)) : "").append(" | ")
                    .append(outcome.workload() instanceof Workload.Appends && fsync != null
                            ? Figures.ratio(m.eventsPerSecond() / fsync.perSecond()) : "")
                    .append(" |\n");
        }
        md.append("\n× PostgreSQL: JESDB's events/s over the peer's (Commanded's schema with `$all`) in the same workload. "
                + "× fsync: events/s over the disk's fsync/s measured in this run.\n\n");
    }

    private void whereTheTimeGoes(StringBuilder md) {
        md.append("### Where the time goes\n\n");
        md.append("| workload | target | Raft log indexes/s | appends per index | CPU µs per append (page): client + server | CPU µs per event | machine CPU busy | server ms per append (client mean) |\n");
        md.append("|---|---|---:|---:|---:|---:|---:|---:|\n");
        for (Outcome outcome : ordered()) {
            if (!outcome.ok()) {
                continue;
            }
            Measurement m = outcome.measurement();
            UsageDelta usage = m.usage();
            double seconds = m.windowNanos() / 1e9;
            boolean appends = outcome.workload() instanceof Workload.Appends;
            String entries = usage.raftEntries() >= 0 && appends ? Figures.rate(usage.raftEntries() / seconds) : "";
            String perEntry = usage.raftEntries() > 0 && appends
                    ? String.format(java.util.Locale.ROOT, "%.1f", (double) m.operations() / usage.raftEntries()) : "";
            String server = usage.serverAppends() > 0 && appends
                    ? Figures.millis(usage.serverNanos() / 1e6 / usage.serverAppends()) + " (" + Figures.millis(m.meanMillis()) + ")"
                    : "";
            md.append("| ").append(outcome.workload().label()).append(" | ").append(outcome.target().label()).append(" | ")
                    .append(entries).append(" | ").append(perEntry).append(" | ")
                    .append(cpuPerOperation(outcome.target(), m)).append(" | ")
                    .append(m.events() == 0 ? "—" : Figures.micros(usage.totalCpuNanos() / 1e3 / m.events())).append(" | ")
                    .append(Figures.percent(usage.machineBusyShare())).append(" | ")
                    .append(server).append(" |\n");
        }
        md.append("\nRaft log indexes: what the store applied per second (from its applied index), JESDB's entries plus "
                + "the entries Ratis adds itself (with `log-metadata` on, its default, one after each commit), so one "
                + "writer's single appends show two indexes each. ");
        md.append("CPU: the harness JVM plus the target's server processes (the node, or all PostgreSQL processes), during the "
                + "measured window. Machine CPU busy: all CPUs, whoever used them (the machine is shared). Server ms per append: "
                + "the node's own timer on its append resource, beside the client's mean latency.\n\n");
    }

    /** The total, split into the harness's share and the server's when they are separate processes. */
    private static String cpuPerOperation(TargetKind target, Measurement m) {
        if (m.operations() == 0) {
            return "—";
        }
        UsageDelta usage = m.usage();
        String total = Figures.micros(usage.totalCpuNanos() / 1e3 / m.operations());
        if (target == TargetKind.JESDB_EMBEDDED) {
            return total + " (one process)";
        }
        return total + ": " + Figures.micros(usage.harnessCpuNanos() / 1e3 / m.operations()) + " + "
                + Figures.micros(usage.serverCpuNanos() / 1e3 / m.operations());
    }

    private void goals(StringBuilder md) {
        md.append("### The issue's targets (shown, never asserted)\n\n");
        md.append("| target | JESDB embedded | JESDB REST |\n|---|---:|---:|\n");
        for (Goal goal : GOALS) {
            md.append("| ").append(goal.label()).append(" | ")
                    .append(goalCell(goal, TargetKind.JESDB_EMBEDDED)).append(" | ")
                    .append(goalCell(goal, TargetKind.JESDB_REST)).append(" |\n");
        }
        md.append('\n');
    }

    private String goalCell(Goal goal, TargetKind target) {
        Optional<Outcome> outcome = find(target, goal.workloadId());
        if (outcome.isEmpty() || !outcome.get().ok()) {
            return "—";
        }
        double ratio = ratioToPeer(outcome.get());
        if (Double.isNaN(ratio)) {
            return "— (no peer figure)";
        }
        return Figures.ratio(ratio) + (ratio >= goal.atLeast() ? " (met)" : " (not met)");
    }

    private void notes(StringBuilder md) {
        List<String> notes = new ArrayList<>();
        for (Outcome outcome : ordered()) {
            String where = outcome.workload().label() + ", " + outcome.target().label() + ": ";
            if (!outcome.ok()) {
                notes.add(where + "not measured: " + outcome.failure());
                continue;
            }
            Measurement m = outcome.measurement();
            if (m.errors() > 0) {
                notes.add(where + m.errors() + " operations failed; the first: " + m.firstError());
            }
            if (m.note() != null) {
                notes.add(where + m.note());
            }
        }
        if (notes.isEmpty()) {
            return;
        }
        md.append("### Notes\n\n");
        for (String note : notes) {
            md.append("- ").append(note.replace("\n", " ")).append('\n');
        }
        md.append('\n');
    }

    /** JESDB's events/s over the peer's in the same workload, NaN when the peer has none. */
    private double ratioToPeer(Outcome outcome) {
        return find(TargetKind.POSTGRES, outcome.workload().id())
                .filter(Outcome::ok)
                .map(peer -> outcome.measurement().eventsPerSecond() / peer.measurement().eventsPerSecond())
                .orElse(Double.NaN);
    }

    private Optional<Outcome> find(TargetKind target, String workloadId) {
        return outcomes.stream()
                .filter(o -> o.target() == target && o.workload().id().equals(workloadId))
                .findFirst();
    }

    /** Grouped by workload, in the order the workloads first ran; within one, in the order of {@link TargetKind}. */
    private List<Outcome> ordered() {
        Map<String, List<Outcome>> byWorkload = new LinkedHashMap<>();
        for (Outcome outcome : outcomes) {
            byWorkload.computeIfAbsent(outcome.workload().id(), id -> new ArrayList<>()).add(outcome);
        }
        List<Outcome> ordered = new ArrayList<>(outcomes.size());
        for (List<Outcome> group : byWorkload.values()) {
            group.sort(Comparator.comparing(Outcome::target));
            ordered.addAll(group);
        }
        return ordered;
    }
}
