package org.jesdb.store;

import org.jesdb.store.streams.Direction;

/**
 * How to read a page: where to start, how many events, which way, and whether the read must be
 * linearizable (the default) or may be served from this node's state as it is (faster, possibly
 * stale in a cluster). For a backward read, {@code from} -1 means the end.
 */
public record ReadOptions(long from, int count, Direction direction, boolean linearizable) {
    public static final int DEFAULT_COUNT = 100;

    public static ReadOptions forwards() {
        return new ReadOptions(0, DEFAULT_COUNT, Direction.FORWARD, true);
    }

    public static ReadOptions backwards() {
        return new ReadOptions(-1, DEFAULT_COUNT, Direction.BACKWARD, true);
    }

    public ReadOptions from(long value) {
        return new ReadOptions(value, count, direction, linearizable);
    }

    public ReadOptions maxCount(int value) {
        return new ReadOptions(from, value, direction, linearizable);
    }

    /** Read this node's state without a Raft read index. */
    public ReadOptions local() {
        return new ReadOptions(from, count, direction, false);
    }
}
