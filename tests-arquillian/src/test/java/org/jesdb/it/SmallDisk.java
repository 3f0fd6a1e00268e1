package org.jesdb.it;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A size-limited tmpfs mounted for a test (the tests run as root), and a ballast file that takes
 * its space, so that a node's data folder on it fills up quickly.
 */
final class SmallDisk implements AutoCloseable {
    private final Path mountPoint;

    private SmallDisk(Path mountPoint) {
        this.mountPoint = mountPoint;
    }

    static SmallDisk mount(Path mountPoint, long bytes) throws IOException, InterruptedException {
        Files.createDirectories(mountPoint);
        run("mount", "-t", "tmpfs", "-o", "size=" + bytes, "tmpfs", mountPoint.toString());
        return new SmallDisk(mountPoint);
    }

    Path path() {
        return mountPoint;
    }

    long freeBytes() throws IOException {
        return Files.getFileStore(mountPoint).getUsableSpace();
    }

    /** Fills the disk with a ballast file until {@code leftBytes} remain free. */
    void fillLeaving(long leftBytes) throws IOException {
        long bytes = freeBytes() - leftBytes;
        byte[] chunk = new byte[1 << 20];
        // real bytes: tmpfs gives a sparse file no space
        try (OutputStream out = Files.newOutputStream(ballast())) {
            for (long left = bytes; left > 0; left -= chunk.length) {
                out.write(chunk, 0, (int) Math.min(chunk.length, left));
            }
        }
    }

    void removeBallast() throws IOException {
        Files.delete(ballast());
    }

    private Path ballast() {
        return mountPoint.resolve("ballast");
    }

    @Override
    public void close() throws IOException, InterruptedException {
        run("umount", "-l", mountPoint.toString());
    }

    private static void run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + output);
        }
    }
}
