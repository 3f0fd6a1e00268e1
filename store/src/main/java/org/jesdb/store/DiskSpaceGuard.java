package org.jesdb.store;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Refuses new data while the data folder's file system has less free space than the reserve,
 * so that neither Raft nor Xodus meets a full disk in the middle of a write: Ratis stops its log
 * on a write error, and a failed apply stops the Raft server. The check is made before a command
 * reaches Raft, so a refused write changes nothing; reads are never refused. The free space is
 * read at most every {@value #SAMPLE_MILLIS} ms (a statfs call).
 *
 * <p>The leader (a single node leads its group of one) checks each entry before it enters the log
 * (every member's writes go through it), and a follower whose own disk runs low stands down from
 * the group until space returns ({@code FollowerDiskWatch}).
 */
public final class DiskSpaceGuard {
    private static final long SAMPLE_MILLIS = 100;

    private final FileStore fileStore;
    private final long reserveBytes;
    private volatile long freeBytes = Long.MAX_VALUE;
    private volatile long sampledAt;

    private DiskSpaceGuard(FileStore fileStore, long reserveBytes) {
        this.fileStore = fileStore;
        this.reserveBytes = reserveBytes;
        this.sampledAt = System.nanoTime() - TimeUnit.MILLISECONDS.toNanos(SAMPLE_MILLIS);
    }

    /** A guard for the file system that holds {@code folder}; a reserve of 0 turns it off. */
    public static DiskSpaceGuard of(Path folder, long reserveBytes) throws IOException {
        return new DiskSpaceGuard(Files.getFileStore(folder), reserveBytes);
    }

    /** A guard that never refuses (for state machines outside a store, in tests). */
    public static DiskSpaceGuard none() {
        return new DiskSpaceGuard(null, 0);
    }

    /** Throws {@link InsufficientStorageException} when free space is below the reserve. */
    public void requireSpace() {
        if (reserveBytes <= 0) {
            return;
        }
        long free = freeBytes();
        if (free < reserveBytes) {
            throw new InsufficientStorageException(free, reserveBytes);
        }
    }

    /** The reserve in bytes; 0 when the guard is off. */
    public long reserveBytes() {
        return reserveBytes;
    }

    /** The free space last sampled (at most {@value #SAMPLE_MILLIS} ms old); unbounded when the guard is off. */
    public long freeBytes() {
        if (reserveBytes <= 0) {
            return Long.MAX_VALUE;
        }
        long now = System.nanoTime();
        if (now - sampledAt >= TimeUnit.MILLISECONDS.toNanos(SAMPLE_MILLIS)) {
            try {
                freeBytes = fileStore.getUsableSpace();
            } catch (IOException e) {
                // The last reading stands: a failed statfs is no reason to refuse or allow more.
            }
            sampledAt = now;
        }
        return freeBytes;
    }
}
