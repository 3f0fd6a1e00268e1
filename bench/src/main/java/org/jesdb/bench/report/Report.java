package org.jesdb.bench.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jesdb.bench.cluster.FailoverResult;
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
    /** The cluster's append rate over the single node's, per the issue, in this workload. */
    private static final String CLUSTER_GOAL_WORKLOAD = "append-8x1";
    private static final double FAILOVER_GOAL_MILLIS = 3_000;

    private final List<Outcome> outcomes;
    private final List<FailoverResult> failovers;
    private final String failoverFailure;

    /**
     * {@code fsync} may be null when the probe failed; {@code failoverFailure} says why there are
     * no failover figures, or is null.
     */
    public Report(RunInfo info, FsyncProbe.Result fsync, List<Outcome> outcomes, List<FailoverResult> failovers,
                  String failoverFailure) {
        this.info = info;
        this.fsync = fsync;
        this.outcomes = List.copyOf(outcomes);
        this.failovers = List.copyOf(failovers);
        this.failoverFailure = failoverFailure;
    }

    public String markdown() {
        StringBuilder md = new StringBuilder();
        run(md);
        results(md);
        whereTheTimeGoes(md);
        cluster(md);
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
                + "× fsync: events/s over the disk's fsync/s measured in this run. Live subscription: events delivered per "
                + "second inside the window, latency from the start of each event's append to its delivery (JESDB REST: SSE "
                + "through the Java client; embedded: the store's transient subscription; PostgreSQL: Commanded's NOTIFY "
                + "trigger, LISTEN and page reads of `$all`). Catch-up: a subscription from the first event over data written "
                + "before, events delivered per second over the whole pass.\n\n");
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

    /** The cluster beside the single node, and the failover probe's rounds. */
    private void cluster(StringBuilder md) {
        List<Outcome> clustered = outcomes.stream().filter(o -> o.target() == TargetKind.JESDB_CLUSTER && o.ok()).toList();
        if (clustered.isEmpty() && failovers.isEmpty() && failoverFailure == null) {
            return;
        }
        md.append("### Cluster\n\n");
        if (!clustered.isEmpty()) {
            md.append("| workload | 3-node cluster events/s | single node (REST) events/s | × single node | cluster p99 ms |\n");
            md.append("|---|---:|---:|---:|---:|\n");
            for (Outcome outcome : clustered) {
                md.append("| ").append(outcome.workload().label()).append(" | ")
                        .append(Figures.rate(outcome.measurement().eventsPerSecond())).append(" | ")
                        .append(find(TargetKind.JESDB_REST, outcome.workload().id()).filter(Outcome::ok)
                                .map(o -> Figures.rate(o.measurement().eventsPerSecond())).orElse("—")).append(" | ")
                        .append(Figures.ratio(ratioToSingleNode(outcome))).append(" | ")
                        .append(Figures.millis(outcome.measurement().p99Millis())).append(" |\n");
            }
            md.append("\nThree nodes from the runnable jar on loopback (Hazelcast discovery, Raft between them) on the same "
                    + "2 CPUs as the client; appends go to the leader.\n\n");
        }
        if (!failovers.isEmpty()) {
            md.append("| failover | leader killed | new leader | new leader named after ms | first new append acknowledged after ms | longest append ms | client errors |\n");
            md.append("|---:|---|---|---:|---:|---:|---:|\n");
            for (int i = 0; i < failovers.size(); i++) {
                FailoverResult f = failovers.get(i);
                md.append("| ").append(i + 1).append(" | ").append(f.oldLeader()).append(" | ")
                        .append(f.newLeader() == null ? "none" : f.newLeader()).append(" | ")
                        .append(Figures.millis(f.electedMillis())).append(" | ")
                        .append(Figures.millis(f.firstAckMillis())).append(" | ")
                        .append(Figures.millis(f.longestAppendMillis())).append(" | ")
                        .append(f.appendErrors())
                        .append(f.firstError() == null ? "" : " (first: " + f.firstError().replace("|", "/").replace("\n", " ") + ")")
                        .append(" |\n");
            }
            md.append("\nA writer appends single events through the Java client (leader routing and failover as applications "
                    + "use them); the leader is killed with SIGKILL; a survivor's `GET /api/cluster` is asked every 20 ms. "
                    + "Then the killed member is started again and catches up before the next round.\n\n");
        }
        if (failoverFailure != null) {
            md.append("The cluster run stopped: ").append(failoverFailure.replace("\n", " ")).append("\n\n");
        }
    }

    /** The cluster's events/s over the single REST node's in the same workload, NaN when either is missing. */
    private double ratioToSingleNode(Outcome clustered) {
        return find(TargetKind.JESDB_REST, clustered.workload().id())
                .filter(Outcome::ok)
                .map(single -> clustered.measurement().eventsPerSecond() / single.measurement().eventsPerSecond())
                .orElse(Double.NaN);
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
        md.append("| target | JESDB 3-node cluster |\n|---|---:|\n");
        md.append("| append rate ≥ 0.5× the single node's (8 writers × batch 1, REST) | ").append(clusterGoalCell()).append(" |\n");
        md.append("| failover < 3 s (first new append acknowledged, worst round) | ").append(failoverGoalCell()).append(" |\n\n");
    }

    private String clusterGoalCell() {
        Optional<Outcome> outcome = find(TargetKind.JESDB_CLUSTER, CLUSTER_GOAL_WORKLOAD).filter(Outcome::ok);
        if (outcome.isEmpty()) {
            return "—";
        }
        double ratio = ratioToSingleNode(outcome.get());
        if (Double.isNaN(ratio)) {
            return "— (no single-node figure)";
        }
        return Figures.ratio(ratio) + (ratio >= 0.5 ? " (met)" : " (not met)");
    }

    private String failoverGoalCell() {
        if (failovers.isEmpty()) {
            return "—";
        }
        double worst = 0;
        for (FailoverResult f : failovers) {
            worst = Double.isNaN(f.firstAckMillis()) ? Double.POSITIVE_INFINITY : Math.max(worst, f.firstAckMillis());
            if (Double.isInfinite(worst)) {
                return "no append acknowledged within the limit (not met)";
            }
        }
        return Figures.millis(worst) + " ms" + (worst < FAILOVER_GOAL_MILLIS ? " (met)" : " (not met)");
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
