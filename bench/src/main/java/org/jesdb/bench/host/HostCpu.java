package org.jesdb.bench.host;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * CPU use of this machine and of this JVM. Machine-wide figures come from {@code /proc/stat}
 * (Linux); elsewhere they are unknown and reported as such, never guessed.
 */
public final class HostCpu {
    private static final Path PROC_STAT = Path.of("/proc/stat");

    private HostCpu() {
    }

    /** Busy and total jiffies of all CPUs since boot, or null when /proc/stat cannot be read. */
    public static Ticks machineTicks() {
        try {
            List<String> lines = Files.readAllLines(PROC_STAT);
            String[] fields = lines.get(0).trim().split("\\s+");
            // cpu user nice system idle iowait irq softirq steal ...
            long total = 0;
            for (int i = 1; i < fields.length && i <= 8; i++) {
                total += Long.parseLong(fields[i]);
            }
            long idle = Long.parseLong(fields[4]) + Long.parseLong(fields[5]);
            return new Ticks(total - idle, total);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** CPU time used by this JVM so far. */
    public static long harnessCpuNanos() {
        var bean = ManagementFactory.getOperatingSystemMXBean();
        if (bean instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return 0;
    }

    /** CPU time used so far by process {@code pid} and its live descendants (0 for those that cannot be read). */
    public static long processTreeCpuNanos(long pid) {
        return ProcessHandle.of(pid).map(root -> cpuOf(root)
                        + root.descendants().mapToLong(HostCpu::cpuOf).sum())
                .orElse(0L);
    }

    private static long cpuOf(ProcessHandle process) {
        return process.info().totalCpuDuration().map(java.time.Duration::toNanos).orElse(0L);
    }

    /** Busy and total jiffies; the busy share of a difference of two samples is the machine's load. */
    public record Ticks(long busy, long total) {
        public double busyShareSince(Ticks earlier) {
            long totalDelta = total - earlier.total;
            return totalDelta <= 0 ? Double.NaN : (double) (busy - earlier.busy) / totalDelta;
        }
    }
}
