package org.jesdb.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.HdrHistogram.Histogram;
import org.jesdb.bench.cluster.FailoverResult;
import org.jesdb.bench.disk.FsyncProbe;
import org.jesdb.bench.targets.TargetKind;
import org.jesdb.bench.workloads.Measurement;
import org.jesdb.bench.workloads.UsageDelta;
import org.jesdb.bench.workloads.Workload;
import org.junit.jupiter.api.Test;

class ReportTest {
    private static final long TEN_SECONDS = 10_000_000_000L;
    private static final Workload EIGHT_WRITERS = new Workload.Appends(8, 1);

    @Test
    void showsEachTargetsRateAndJesdbsRatiosToThePeerAndToTheFsyncRate() {
        Report report = new Report(info(), fsync(5_000), List.of(
                Outcome.measured(TargetKind.JESDB_EMBEDDED, EIGHT_WRITERS, appends(100_000, 8_000)),
                Outcome.measured(TargetKind.POSTGRES, EIGHT_WRITERS, appends(25_000, 2_000))), List.of(), null);

        String markdown = report.markdown();

        assertThat(markdown).contains("| 8 writers × batch 1 | JESDB embedded | 10.0k | 10.0k | 1.00 | 2.00 | 4.00× | 2.00× |");
        assertThat(markdown).contains("| 8 writers × batch 1 | PostgreSQL | 2.5k | 2.5k | 1.00 | 2.00 |  | 0.50× |");
        assertThat(markdown).contains("| 8 writers × batch 1 ≥ 3× PostgreSQL | 4.00× (met) | — |");
    }

    @Test
    void aTargetThatCouldNotBeMeasuredIsNamedWithItsReason() {
        Report report = new Report(info(), null, List.of(
                Outcome.measured(TargetKind.JESDB_EMBEDDED, EIGHT_WRITERS, appends(100_000, 8_000)),
                Outcome.failed(TargetKind.POSTGRES, EIGHT_WRITERS, "no PostgreSQL binaries")), List.of(), null);

        String markdown = report.markdown();

        assertThat(markdown).contains("| 8 writers × batch 1 | PostgreSQL | not measured (see notes) |");
        assertThat(markdown).contains("not measured: no PostgreSQL binaries");
        assertThat(markdown).contains("| 8 writers × batch 1 ≥ 3× PostgreSQL | — (no peer figure) | — |");
    }

    @Test
    void showsTheClusterBesideTheSingleNodeAndJudgesTheWorstFailover() {
        Report report = new Report(info(), fsync(5_000), List.of(
                Outcome.measured(TargetKind.JESDB_REST, EIGHT_WRITERS, appends(40_000, 8_000)),
                Outcome.measured(TargetKind.JESDB_CLUSTER, EIGHT_WRITERS, appends(30_000, 8_000))),
                List.of(new FailoverResult("n1", "n2", 800, 1_200, 1_300, 0, null),
                        new FailoverResult("n2", "n3", 900, 3_500, 3_600, 1, "Timeout: no answer")),
                null);

        String markdown = report.markdown();

        assertThat(markdown).contains("| 8 writers × batch 1 | 3.0k | 4.0k | 0.75× | 2.00 |");
        assertThat(markdown).contains("| 2 | n2 | n3 | 900.0 | 3500.0 | 3600.0 | 1 (first: Timeout: no answer) |");
        assertThat(markdown).contains("| append rate ≥ 0.5× the single node's (8 writers × batch 1, REST) | 0.75× (met) |");
        assertThat(markdown).contains("| failover < 3 s (first new append acknowledged, worst round) | 3500.0 ms (not met) |");
    }

    private static Measurement appends(long events, long cpuMillis) {
        Histogram latency = new Histogram(3);
        for (int i = 0; i < 98; i++) {
            latency.recordValue(1_000);
        }
        latency.recordValue(2_000);
        latency.recordValue(2_000);
        UsageDelta usage = new UsageDelta(cpuMillis * 1_000_000, 0, 1_000, -1, -1, 0.5);
        return new Measurement(events, events, TEN_SECONDS, latency, usage, 0, null, null);
    }

    private static FsyncProbe.Result fsync(long perSecond) {
        Histogram latency = new Histogram(3);
        latency.recordValue(150);
        return new FsyncProbe.Result(perSecond, 1_000_000_000L, latency);
    }

    private static RunInfo info() {
        return new RunInfo("bench/run.sh", "2026-11-25 10:00 UTC", "12 min 0 s", "abc1234", List.of("CPUs (nproc): 2"),
                "settings", "PostgreSQL 15");
    }
}
