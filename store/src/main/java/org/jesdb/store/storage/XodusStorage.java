package org.jesdb.store.storage;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Function;
import jetbrains.exodus.ArrayByteIterable;
import jetbrains.exodus.ByteIterable;
import jetbrains.exodus.env.Environment;
import jetbrains.exodus.env.EnvironmentConfig;
import jetbrains.exodus.env.EnvironmentImpl;
import jetbrains.exodus.env.Environments;
import jetbrains.exodus.env.Store;
import jetbrains.exodus.env.StoreConfig;
import jetbrains.exodus.env.Transaction;
import org.apache.ratis.server.protocol.TermIndex;
import org.jesdb.store.CorruptDataException;

/**
 * The Xodus environment of one store and its named stores (the layout of the architecture
 * page). Only the state machine's apply step writes, through {@link #write}; everything else
 * reads through {@link #read}.
 */
public final class XodusStorage implements AutoCloseable {
    private static final int SCHEMA_VERSION = 1;
    private static final ByteIterable APPLIED_KEY = Keys.name("applied");
    private static final ByteIterable SCHEMA_KEY = Keys.name("schema");

    private final Environment env;
    private final Store log;
    private final Store streams;
    private final Store streamIndex;
    private final Store eventIds;
    private final Store snapshots;
    private final Store meta;
    private final Store subscriptions;
    private final Store parked;

    public XodusStorage(Path dir) {
        // Lazy flushes are safe: the Raft log is the durable truth, apply is replayed from the
        // stored applied index, and a Raft snapshot is only taken after syncToDisk().
        EnvironmentConfig config = new EnvironmentConfig()
                .setLogDurableWrite(false)
                .setEnvCloseForcedly(true)
                .setManagementEnabled(false)
                .setEnvGatherStatistics(false);
        env = Environments.newInstance(dir.toFile(), config);
        Store[] opened = env.computeInTransaction(txn -> new Store[] {
                env.openStore("log", StoreConfig.WITHOUT_DUPLICATES, txn),
                env.openStore("streams", StoreConfig.WITHOUT_DUPLICATES, txn),
                env.openStore("stream_index", StoreConfig.WITHOUT_DUPLICATES, txn),
                env.openStore("event_ids", StoreConfig.WITHOUT_DUPLICATES, txn),
                env.openStore("snapshots", StoreConfig.WITHOUT_DUPLICATES, txn),
                env.openStore("meta", StoreConfig.WITHOUT_DUPLICATES, txn),
                env.openStore("subscriptions", StoreConfig.WITHOUT_DUPLICATES, txn),
                env.openStore("parked", StoreConfig.WITHOUT_DUPLICATES, txn)});
        log = opened[0];
        streams = opened[1];
        streamIndex = opened[2];
        eventIds = opened[3];
        snapshots = opened[4];
        meta = opened[5];
        subscriptions = opened[6];
        parked = opened[7];
        checkSchema();
    }

    private void checkSchema() {
        env.executeInTransaction(txn -> {
            ByteIterable stored = meta.get(txn, SCHEMA_KEY);
            if (stored == null) {
                meta.put(txn, SCHEMA_KEY, Keys.position(SCHEMA_VERSION));
            } else if (Keys.position(stored) != SCHEMA_VERSION) {
                throw new CorruptDataException("the data folder has schema version " + Keys.position(stored)
                        + "; this JESDB reads version " + SCHEMA_VERSION);
            }
        });
    }

    /** Runs {@code work} in one read-write transaction (only the state machine calls this). */
    public <T> T write(Function<Transaction, T> work) {
        return env.computeInTransaction(work::apply);
    }

    /** Runs {@code work} in a read-only snapshot of the store. */
    public <T> T read(Function<Transaction, T> work) {
        return env.computeInReadonlyTransaction(work::apply);
    }

    /** Forces everything committed so far to disk. */
    public void syncToDisk() {
        ((EnvironmentImpl) env).flushAndSync();
    }

    public Store log() {
        return log;
    }

    public Store streams() {
        return streams;
    }

    public Store streamIndex() {
        return streamIndex;
    }

    public Store eventIds() {
        return eventIds;
    }

    public Store snapshots() {
        return snapshots;
    }

    /** Persistent subscriptions: name → {@code SubscriptionRecord}. */
    public Store subscriptions() {
        return subscriptions;
    }

    /** Parked events: (subscription, position) → attempts, time and reason. */
    public Store parked() {
        return parked;
    }

    public Optional<StreamState> streamState(Transaction txn, String stream) {
        ByteIterable value = streams.get(txn, Keys.name(stream));
        return value == null ? Optional.empty() : Optional.of(streamState(stream, value));
    }

    /** Decodes a stored stream state (a value of the {@code streams} store, e.g. under a cursor). */
    public static StreamState streamState(String stream, ByteIterable value) {
        return StreamStateCodec.decode(copy(value), stream);
    }

    public void putStreamState(Transaction txn, String stream, StreamState state) {
        streams.put(txn, Keys.name(stream), new ArrayByteIterable(StreamStateCodec.encode(state)));
    }

    /** The Raft term and index of the last entry applied to this environment. */
    public Optional<TermIndex> applied() {
        return read(txn -> {
            ByteIterable value = meta.get(txn, APPLIED_KEY);
            if (value == null) {
                return Optional.empty();
            }
            ByteBuffer buffer = ByteBuffer.wrap(copy(value));
            return Optional.of(TermIndex.valueOf(buffer.getLong(), buffer.getLong()));
        });
    }

    public void putApplied(Transaction txn, TermIndex applied) {
        meta.put(txn, APPLIED_KEY, new ArrayByteIterable(
                ByteBuffer.allocate(16).putLong(applied.getTerm()).putLong(applied.getIndex()).array()));
    }

    /** The position the next event gets: one past the last key of the log. */
    public long nextPosition(Transaction txn) {
        try (var cursor = log.openCursor(txn)) {
            return cursor.getLast() ? Keys.position(cursor.getKey()) + 1 : 0;
        }
    }

    /** The exact bytes of a value (Xodus may hand out a larger backing array). */
    public static byte[] copy(ByteIterable value) {
        byte[] out = new byte[value.getLength()];
        System.arraycopy(value.getBytesUnsafe(), 0, out, 0, out.length);
        return out;
    }

    @Override
    public void close() {
        env.close();
    }
}
