package org.jesdb.bench.report;

import java.util.Objects;
import org.jesdb.bench.targets.TargetKind;
import org.jesdb.bench.workloads.Measurement;
import org.jesdb.bench.workloads.Workload;

/** One workload on one target: its measurement, or why there is none. */
public record Outcome(TargetKind target, Workload workload, Measurement measurement, String failure) {
    public Outcome {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(workload, "workload");
        if ((measurement == null) == (failure == null)) {
            throw new IllegalArgumentException("exactly one of measurement and failure must be given");
        }
    }

    public static Outcome measured(TargetKind target, Workload workload, Measurement measurement) {
        return new Outcome(target, workload, measurement, null);
    }

    public static Outcome failed(TargetKind target, Workload workload, String failure) {
        return new Outcome(target, workload, null, failure);
    }

    public boolean ok() {
        return measurement != null;
    }
}
