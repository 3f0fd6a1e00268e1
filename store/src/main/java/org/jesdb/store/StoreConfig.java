package org.jesdb.store;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How to open a store. Built once, validated, immutable.
 *
 * @param storeId           the store's id; names the Raft group
 * @param dataDir           the folder that holds the Raft log ({@code raft/}) and Xodus ({@code xodus/})
 * @param timeout           the longest any operation waits
 * @param raftHost          the address the Raft server listens on
 * @param raftPort          the Raft server's port; 0 picks a free one (enough for a single node)
 * @param snapshotThreshold Raft entries between two Raft snapshots (which let the log be purged)
 * @param limits            size limits on requests
 */
public record StoreConfig(String storeId, Path dataDir, Duration timeout, String raftHost, int raftPort,
                          long snapshotThreshold, StoreLimits limits) {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);
    public static final long DEFAULT_SNAPSHOT_THRESHOLD = 100_000;

    public StoreConfig {
        Names.require("storeId", storeId);
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(raftHost, "raftHost");
        Objects.requireNonNull(limits, "limits");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, was " + timeout);
        }
        if (raftPort < 0 || raftPort > 65535) {
            throw new IllegalArgumentException("raftPort must be 0..65535, was " + raftPort);
        }
        if (snapshotThreshold < 1) {
            throw new IllegalArgumentException("snapshotThreshold must be positive, was " + snapshotThreshold);
        }
    }

    /** A single node store in {@code dataDir} with every other setting at its default. */
    public static StoreConfig singleNode(Path dataDir) {
        return new StoreConfig("default", dataDir, DEFAULT_TIMEOUT, "127.0.0.1", 0,
                DEFAULT_SNAPSHOT_THRESHOLD, StoreLimits.defaults());
    }

    public StoreConfig withStoreId(String id) {
        return new StoreConfig(id, dataDir, timeout, raftHost, raftPort, snapshotThreshold, limits);
    }

    public StoreConfig withTimeout(Duration value) {
        return new StoreConfig(storeId, dataDir, value, raftHost, raftPort, snapshotThreshold, limits);
    }

    public StoreConfig withRaftPort(int port) {
        return new StoreConfig(storeId, dataDir, timeout, raftHost, port, snapshotThreshold, limits);
    }

    public StoreConfig withSnapshotThreshold(long entries) {
        return new StoreConfig(storeId, dataDir, timeout, raftHost, raftPort, entries, limits);
    }

    public StoreConfig withLimits(StoreLimits value) {
        return new StoreConfig(storeId, dataDir, timeout, raftHost, raftPort, snapshotThreshold, value);
    }
}
