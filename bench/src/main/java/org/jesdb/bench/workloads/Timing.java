package org.jesdb.bench.workloads;

import java.time.Duration;

/**
 * How long a workload runs: {@code warmup} first (not measured, the JIT needs it), then
 * {@code duration} measured. {@code maxOperations} bounds the appends or pages of the whole
 * workload, warm-up included, so that no loop is unbounded even on a very fast machine.
 */
public record Timing(Duration warmup, Duration duration, long maxOperations) {
    public Timing {
        if (warmup.isNegative() || duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("warm-up must be >= 0 and duration > 0, were " + warmup + " and " + duration);
        }
        if (maxOperations < 1) {
            throw new IllegalArgumentException("maxOperations must be >= 1, was " + maxOperations);
        }
    }
}
