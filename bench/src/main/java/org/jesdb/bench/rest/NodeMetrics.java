package org.jesdb.bench.rest;

/**
 * Figures the node publishes about itself: the Raft index it has applied (in its readiness
 * check) and the server-side time of appends (the MicroProfile Metrics timer on the append
 * resource). Either may be missing; then it is reported as unknown.
 */
final class NodeMetrics {
    private static final String APPLIED = "\"appliedIndex\":";
    private static final String APPEND_TIMER = "org_jesdb_web_streams_StreamResource_append_seconds";

    private NodeMetrics() {
    }

    /** The server's own count and total time of appends. */
    record AppendTimes(long count, long totalNanos) {
        static final AppendTimes UNKNOWN = new AppendTimes(-1, -1);
    }

    static long appliedIndex(String healthJson) {
        int at = healthJson.indexOf(APPLIED);
        if (at < 0) {
            return -1;
        }
        int start = at + APPLIED.length();
        while (start < healthJson.length() && (healthJson.charAt(start) == '"' || healthJson.charAt(start) == ' ')) {
            start++;
        }
        int end = start;
        while (end < healthJson.length() && Character.isDigit(healthJson.charAt(end))) {
            end++;
        }
        return end == start ? -1 : Long.parseLong(healthJson.substring(start, end));
    }

    /** The append timer's {@code _count} and {@code _sum} (in seconds) from the Prometheus text. */
    static AppendTimes appendTimes(String prometheusText) {
        double count = -1;
        double sumSeconds = -1;
        for (String line : prometheusText.split("\n")) {
            if (line.startsWith(APPEND_TIMER + "_count")) {
                count = value(line);
            } else if (line.startsWith(APPEND_TIMER + "_sum")) {
                sumSeconds = value(line);
            }
        }
        if (count < 0 || sumSeconds < 0) {
            return AppendTimes.UNKNOWN;
        }
        return new AppendTimes((long) count, (long) (sumSeconds * 1e9));
    }

    private static double value(String line) {
        try {
            return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1).trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
