package org.jesdb.store;

/**
 * Size limits checked before a request reaches Raft, so an oversized request changes nothing.
 *
 * @param maxEventBytes      data + metadata of one event
 * @param maxAppendBytes     data + metadata of all events of one append, and of one snapshot
 * @param maxEventsPerAppend number of events in one append
 * @param maxReadCount       events in one read page
 * @param minFreeDiskBytes   free space the data folder's file system keeps: below it, new data is
 *                           refused (0: never)
 */
public record StoreLimits(int maxEventBytes, int maxAppendBytes, int maxEventsPerAppend, int maxReadCount,
                          long minFreeDiskBytes) {
    public static final int DEFAULT_MAX_EVENT_BYTES = 1 << 20;
    public static final int DEFAULT_MAX_APPEND_BYTES = 4 << 20;
    public static final int DEFAULT_MAX_EVENTS_PER_APPEND = 10_000;
    public static final int DEFAULT_MAX_READ_COUNT = 1_000;
    /** Room for Raft's next log segments, Xodus's next files and in-flight appends. */
    public static final long DEFAULT_MIN_FREE_DISK_BYTES = 256L << 20;

    public StoreLimits {
        requirePositive("maxEventBytes", maxEventBytes);
        requirePositive("maxAppendBytes", maxAppendBytes);
        requirePositive("maxEventsPerAppend", maxEventsPerAppend);
        requirePositive("maxReadCount", maxReadCount);
        if (minFreeDiskBytes < 0) {
            throw new IllegalArgumentException("minFreeDiskBytes must be >= 0, was " + minFreeDiskBytes);
        }
        if (maxEventBytes > maxAppendBytes) {
            throw new IllegalArgumentException("maxEventBytes (" + maxEventBytes
                    + ") must not exceed maxAppendBytes (" + maxAppendBytes + ")");
        }
        if (maxAppendBytes > 64 << 20) {
            throw new IllegalArgumentException("maxAppendBytes must be at most 64 MiB, was " + maxAppendBytes);
        }
    }

    /**
     * The largest Raft entry: a coalesced batch of commands. Every Ratis buffer is sized from it,
     * and a single command that would encode larger is refused before it reaches Raft (a larger
     * entry would make Ratis close the log).
     */
    public long maxEntryBytes() {
        return 2L * maxAppendBytes + (1 << 20);
    }

    public static StoreLimits defaults() {
        return new StoreLimits(DEFAULT_MAX_EVENT_BYTES, DEFAULT_MAX_APPEND_BYTES,
                DEFAULT_MAX_EVENTS_PER_APPEND, DEFAULT_MAX_READ_COUNT, DEFAULT_MIN_FREE_DISK_BYTES);
    }

    private static void requirePositive(String name, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive, was " + value);
        }
    }
}
