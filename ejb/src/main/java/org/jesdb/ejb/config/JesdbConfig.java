package org.jesdb.ejb.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;
import org.jesdb.store.InvalidInputException;
import org.jesdb.store.Names;
import org.jesdb.store.StoreConfig;
import org.jesdb.store.StoreLimits;

/**
 * The node's settings, read once from MicroProfile Config at start-up (each one is also an
 * environment variable, e.g. {@code jesdb.data.dir} is {@code JESDB_DATA_DIR}), validated, then
 * immutable. A wrong value stops the start with a message that names the setting.
 */
public record JesdbConfig(String storeId, DbType dbType, Path dataDir, Duration timeout, int raftPort,
                          long snapshotThreshold, StoreLimits limits, ClusterSettings cluster) {

    public static final String DEFAULT_DATA_DIR = "data";

    public static JesdbConfig from(Config config) {
        StoreLimits defaults = StoreLimits.defaults();
        DbType dbType = dbType(text(config, "jesdb.db.type", "single"));
        int raftPort = (int) number(config, "jesdb.raft.port", 0, 0, 65_535);
        return new JesdbConfig(
                text(config, "jesdb.store.id", "default"),
                dbType,
                Path.of(text(config, "jesdb.data.dir", DEFAULT_DATA_DIR)).toAbsolutePath(),
                Duration.ofMillis(number(config, "jesdb.timeout", 5_000, 100, 600_000)),
                raftPort,
                number(config, "jesdb.snapshot.threshold", StoreConfig.DEFAULT_SNAPSHOT_THRESHOLD, 10, Long.MAX_VALUE),
                limits(config, defaults),
                dbType == DbType.SINGLE ? null : cluster(config, dbType, raftPort));
    }

    /** The settings of a cluster member (JESDB_DB_TYPE=cluster) or a gateway (gateway: no Raft, no data). */
    private static ClusterSettings cluster(Config config, DbType dbType, int raftPort) {
        String secret = text(config, "jesdb.cluster.secret", "");
        if (secret.length() < 16) {
            throw new IllegalStateException("JESDB_CLUSTER_SECRET must be set, at least 16 characters, in a cluster");
        }
        boolean member = dbType == DbType.CLUSTER;
        if (member && raftPort == 0) {
            throw new IllegalStateException("JESDB_RAFT_PORT must be set in a cluster (the other members dial it)");
        }
        String nodeId = text(config, "jesdb.node.id", member ? "" : "gateway");
        if (nodeId.isEmpty()) {
            throw new IllegalStateException("JESDB_NODE_ID must be set in a cluster, e.g. node-1");
        }
        try {
            Names.requireUrlSafe("JESDB_NODE_ID", nodeId);
        } catch (InvalidInputException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
        String httpUrl = text(config, "jesdb.http.url", "");
        if (!httpUrl.isEmpty() && !httpUrl.matches("https?://[^/?#\\s]+/?")) {
            throw new IllegalStateException("JESDB_HTTP_URL must be like http://host:port, was '" + httpUrl + "'");
        }
        return new ClusterSettings(nodeId, (int) number(config, "jesdb.cluster.size", 3, 1, 9), secret,
                text(config, "jesdb.raft.host", "127.0.0.1"), raftPort, httpUrl.replaceAll("/$", ""));
    }

    private static StoreLimits limits(Config config, StoreLimits defaults) {
        try {
            return new StoreLimits(
                    (int) number(config, "jesdb.max.event.bytes", defaults.maxEventBytes(), 1, Integer.MAX_VALUE),
                    (int) number(config, "jesdb.max.append.bytes", defaults.maxAppendBytes(), 1, Integer.MAX_VALUE),
                    (int) number(config, "jesdb.max.events.per.append", defaults.maxEventsPerAppend(), 1, Integer.MAX_VALUE),
                    (int) number(config, "jesdb.max.read.count", defaults.maxReadCount(), 1, 100_000),
                    number(config, "jesdb.min.free.disk.bytes", defaults.minFreeDiskBytes(), 0, Long.MAX_VALUE));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("invalid size limits: " + e.getMessage(), e);
        }
    }

    /** The store's own configuration (for a cluster, before its members are known). */
    public StoreConfig storeConfig() {
        return new StoreConfig(storeId, dataDir, timeout, "127.0.0.1", raftPort, snapshotThreshold, limits);
    }

    /**
     * A cluster member's settings.
     *
     * @param clusterSize members that must meet before the first Raft group forms
     * @param secret      shared by the members; a node with another one is not let in
     * @param httpUrl     where gateways reach this member over HTTP (JESDB_HTTP_URL); empty: the
     *                    Raft host and Payara's HTTP port
     */
    public record ClusterSettings(String nodeId, int clusterSize, String secret, String raftHost, int raftPort,
                                  String httpUrl) {
        public String raftAddress() {
            return raftHost + ":" + raftPort;
        }

        @Override
        public String toString() {
            return "ClusterSettings[nodeId=" + nodeId + ", clusterSize=" + clusterSize + ", raft=" + raftAddress() + "]";
        }
    }

    private static DbType dbType(String value) {
        try {
            return DbType.valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("JESDB_DB_TYPE must be single, cluster or gateway, was '" + value + "'");
        }
    }

    private static String text(Config config, String name, String fallback) {
        Optional<String> value = config.getOptionalValue(name, String.class);
        return value.map(String::trim).filter(v -> !v.isEmpty()).orElse(fallback);
    }

    /** A whole-number setting within [min, max]; a wrong one stops the start, naming its environment variable. */
    public static long number(Config config, String name, long fallback, long min, long max) {
        String raw = text(config, name, Long.toString(fallback));
        long value;
        try {
            value = Long.parseLong(raw);
        } catch (NumberFormatException e) {
            throw new IllegalStateException(envName(name) + " must be a whole number, was '" + raw + "'");
        }
        if (value < min || value > max) {
            throw new IllegalStateException(envName(name) + " must be between " + min + " and " + max + ", was " + value);
        }
        return value;
    }

    private static String envName(String name) {
        return name.toUpperCase(Locale.ROOT).replace('.', '_');
    }
}
