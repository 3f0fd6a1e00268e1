package org.jesdb.bench.targets;

/**
 * A sample of what a target's server processes have used so far.
 *
 * @param cpuNanos       CPU time of the target's own processes (0 when it runs inside the harness)
 * @param raftEntries    the last applied Raft index, or -1 when the target has none or does not say
 * @param serverAppends  appends the server has timed itself (REST metrics), or -1
 * @param serverNanos    the total of those server-side times, or -1
 */
public record ServerUsage(long cpuNanos, long raftEntries, long serverAppends, long serverNanos) {
    public static final ServerUsage NONE = new ServerUsage(0, -1, -1, -1);
}
