package org.jesdb.bench.rest;

/**
 * Figures the node publishes about itself: the Raft index it has applied (in its readiness
 * check) and the server-side time of appends (the node's request histogram, its append
 * resource). Either may be missing; then it is reported as unknown.
 */
final class NodeMetrics {
    private static final String APPLIED = "\"appliedIndex\":";
    /** The node's request histogram (µs), its lines for appends. */
    private static final String REQUESTS = "jesdb_request_microseconds";
    private static final String APPEND = "operation=\"StreamResource.append\"";

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

    /** The append requests' {@code _count} and {@code _sum} (in µs) from the Prometheus text. */
    static AppendTimes appendTimes(String prometheusText) {
        double count = -1;
        double sumMicros = -1;
        for (String line : prometheusText.split("\n")) {
            if (line.startsWith(REQUESTS + "_count") && line.contains(APPEND)) {
                count = value(line);
            } else if (line.startsWith(REQUESTS + "_sum") && line.contains(APPEND)) {
                sumMicros = value(line);
            }
        }
        if (count < 0 || sumMicros < 0) {
            return AppendTimes.UNKNOWN;
        }
        return new AppendTimes((long) count, (long) (sumMicros * 1e3));
    }

    private static double value(String line) {
        try {
            return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1).trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
