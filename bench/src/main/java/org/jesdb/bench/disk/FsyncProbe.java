package org.jesdb.bench.disk;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import org.HdrHistogram.Histogram;

/**
 * The disk's rate of durable small writes, the reference every durable store on this machine is
 * bounded by: one thread appends 64 bytes to a file and calls {@code FileChannel.force(false)}
 * (fdatasync, as Ratis's log does) after each write.
 */
public final class FsyncProbe {
    private static final int WRITE_BYTES = 64;
    private static final long MAX_WRITES = 5_000_000;

    private FsyncProbe() {
    }

    /** Forces per second and the latency of one write and force. */
    public record Result(long forces, long nanos, Histogram latencyMicros) {
        public double perSecond() {
            return forces * 1e9 / nanos;
        }

        public double p50Millis() {
            return latencyMicros.getValueAtPercentile(50) / 1000.0;
        }

        public double p99Millis() {
            return latencyMicros.getValueAtPercentile(99) / 1000.0;
        }
    }

    public static Result measure(Path folder, Duration duration) throws IOException {
        Files.createDirectories(folder);
        Path file = folder.resolve("fsync-probe.bin");
        Histogram latency = new Histogram(3);
        ByteBuffer buffer = ByteBuffer.allocateDirect(WRITE_BYTES);
        long forces = 0;
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        long now = start;
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE)) {
            while (now < end && forces < MAX_WRITES) {
                buffer.clear();
                buffer.putLong(0, forces);
                long begin = System.nanoTime();
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(false);
                now = System.nanoTime();
                latency.recordValue(Math.max(1, (now - begin) / 1_000));
                forces++;
            }
        } finally {
            Files.deleteIfExists(file);
        }
        return new Result(forces, now - start, latency);
    }
}
