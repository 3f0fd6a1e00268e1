package org.jesdb.bench.workloads;

import org.jesdb.bench.host.HostCpu;
import org.jesdb.bench.targets.ServerUsage;
import org.jesdb.bench.targets.Session;

/** Resources used so far, sampled at the start and at the end of a measurement window. */
record UsageSample(long harnessCpuNanos, ServerUsage server, HostCpu.Ticks machine) {

    static UsageSample of(Session session) {
        return new UsageSample(HostCpu.harnessCpuNanos(), session.usage(), HostCpu.machineTicks());
    }

    UsageDelta since(UsageSample start) {
        return new UsageDelta(
                harnessCpuNanos - start.harnessCpuNanos,
                server.cpuNanos() - start.server.cpuNanos(),
                difference(server.raftEntries(), start.server.raftEntries()),
                difference(server.serverAppends(), start.server.serverAppends()),
                difference(server.serverNanos(), start.server.serverNanos()),
                machine == null || start.machine == null ? Double.NaN : machine.busyShareSince(start.machine));
    }

    private static long difference(long end, long start) {
        return end < 0 || start < 0 ? -1 : end - start;
    }
}
