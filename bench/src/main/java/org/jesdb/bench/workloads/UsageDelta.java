package org.jesdb.bench.workloads;

/**
 * Resources used during a measurement window.
 *
 * @param harnessCpuNanos  CPU time of the harness JVM (the client; for embedded runs also the store)
 * @param serverCpuNanos   CPU time of the target's own processes (0 for embedded runs)
 * @param raftEntries      Raft entries applied, or -1 when unknown
 * @param serverAppends    appends the server timed itself, or -1
 * @param serverNanos      the server's own time for those appends, or -1
 * @param machineBusyShare share of all CPUs of the machine that was busy (0..1), NaN when unknown
 */
public record UsageDelta(long harnessCpuNanos, long serverCpuNanos, long raftEntries, long serverAppends,
                         long serverNanos, double machineBusyShare) {

    public long totalCpuNanos() {
        return harnessCpuNanos + serverCpuNanos;
    }
}
