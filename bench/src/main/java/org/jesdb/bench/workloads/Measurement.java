package org.jesdb.bench.workloads;

import org.HdrHistogram.Histogram;

/**
 * What one workload measured on one target, over its measurement window only.
 *
 * @param events        events appended or read in the window
 * @param operations    appends (or pages read) completed in the window
 * @param windowNanos   length of the window
 * @param latencyMicros latency of each operation, in microseconds
 * @param usage         resources used during the window
 * @param errors        operations that failed (in warm-up or window)
 * @param firstError    the first failure's message, or null
 * @param note          anything the reader must know about this figure, or null
 */
public record Measurement(long events, long operations, long windowNanos, Histogram latencyMicros, UsageDelta usage,
                          long errors, String firstError, String note) {

    public double eventsPerSecond() {
        return events * 1e9 / windowNanos;
    }

    public double operationsPerSecond() {
        return operations * 1e9 / windowNanos;
    }

    public double p50Millis() {
        return latencyMicros.getTotalCount() == 0 ? Double.NaN : latencyMicros.getValueAtPercentile(50) / 1000.0;
    }

    public double p99Millis() {
        return latencyMicros.getTotalCount() == 0 ? Double.NaN : latencyMicros.getValueAtPercentile(99) / 1000.0;
    }

    public double meanMillis() {
        return latencyMicros.getTotalCount() == 0 ? Double.NaN : latencyMicros.getMean() / 1000.0;
    }
}
