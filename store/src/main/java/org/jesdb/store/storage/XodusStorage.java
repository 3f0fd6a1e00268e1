package org.jesdb.store.storage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Function;
import jetbrains.exodus.ArrayByteIterable;
import jetbrains.exodus.ByteIterable;
import jetbrains.exodus.backup.Backupable;
import jetbrains.exodus.env.Environment;
import jetbrains.exodus.env.EnvironmentConfig;
import jetbrains.exodus.env.EnvironmentImpl;
import jetbrains.exodus.env.Environments;
import jetbrains.exodus.env.Store;
import jetbrains.exodus.env.StoreConfig;
import jetbrains.exodus.env.Transaction;
import jetbrains.exodus.log.DataCorruptionException;
import jetbrains.exodus.util.CompressBackupUtil;
import org.apache.ratis.server.protocol.TermIndex;
import org.jesdb.store.CorruptDataException;
import org.jesdb.store.StoreUnavailableException;

/**
 * The Xodus environment of one store and its named stores (the layout of the architecture
 * page). Only the state machine's apply step writes, through {@link #write}; everything else
 * reads through {@link #read}.
 */
public final class XodusStorage implements AutoCloseable {
    private static final int SCHEMA_VERSION = 1;
    private static final ByteIterable APPLIED_KEY = Keys.name("applied");
    private static final ByteIterable SCHEMA_KEY = Keys.name("schema");

    private final Path dir;
    /**
     * Readers and the applier hold it shared; replacing the whole environment with one received
     * from the leader ({@link #replaceWith}) holds it alone, so no transaction spans two environments.
     */
    private final ReentrantReadWriteLock swap = new ReentrantReadWriteLock();
    private volatile Opened opened;
    /** The latest damage a read met (see {@link #read}), or null; cleared when a received state replaces the data. */
    private volatile String damage;
    /** Set by {@link #close} (under the write lock): no install may reopen an environment after it. */
    private boolean closed;

    /** An open environment and its named stores. */
    private record Opened(Environment env, Store log, Store streams, Store streamIndex, Store eventIds,
                          Store snapshots, Store meta, Store subscriptions, Store parked, Store security) {
    }

    public XodusStorage(Path dir) {
        this.dir = dir;
        StateInstallation.recover(dir);
        this.opened = open(dir);
    }

    private static Opened open(Path dir) {
        // Lazy flushes are safe: the Raft log is the durable truth, apply is replayed from the
        // stored applied index, and a Raft snapshot is only taken after syncToDisk().
        EnvironmentConfig config = new EnvironmentConfig()
                .setLogDurableWrite(false)
                .setEnvCloseForcedly(true)
                .setManagementEnabled(false)
                .setEnvGatherStatistics(false);
        Environment env;
        try {
            env = Environments.newInstance(dir.toFile(), config);
        } catch (DataCorruptionException e) {
            throw new CorruptDataException("the Xodus data in " + dir + " cannot be opened, it is damaged ("
                    + e.getMessage() + ")");
        }
        Opened opened = env.computeInTransaction(txn -> new Opened(env,
                env.openStore("log", StoreConfig.WITHOUT_DUPLICATES, txn),
                env.openStore("streams", StoreConfig.WITHOUT_DUPLICATES, txn),
                env.openStore("stream_index", StoreConfig.WITHOUT_DUPLICATES, txn),
                env.openStore("event_ids", StoreConfig.WITHOUT_DUPLICATES, txn),
                env.openStore("snapshots", StoreConfig.WITHOUT_DUPLICATES, txn),
                env.openStore("meta", StoreConfig.WITHOUT_DUPLICATES, txn),
                env.openStore("subscriptions", StoreConfig.WITHOUT_DUPLICATES, txn),
                env.openStore("parked", StoreConfig.WITHOUT_DUPLICATES, txn),
                env.openStore("security", StoreConfig.WITHOUT_DUPLICATES, txn)));
        try {
            checkSchema(opened);
        } catch (RuntimeException e) {
            env.close();
            throw e;
        }
        return opened;
    }

    private static void checkSchema(Opened opened) {
        opened.env().executeInTransaction(txn -> {
            ByteIterable stored = opened.meta().get(txn, SCHEMA_KEY);
            if (stored == null) {
                opened.meta().put(txn, SCHEMA_KEY, Keys.position(SCHEMA_VERSION));
            } else if (Keys.position(stored) != SCHEMA_VERSION) {
                // not damage: a cluster member must not repair this away
                throw new StoreUnavailableException("the data folder has schema version " + Keys.position(stored)
                        + "; this JESDB reads version " + SCHEMA_VERSION);
            }
        });
    }

    /** The folder of the environment. */
    public Path folder() {
        return dir;
    }

    /** Runs {@code work} in one read-write transaction (only the state machine calls this). */
    public <T> T write(Function<Transaction, T> work) {
        swap.readLock().lock();
        try {
            return opened.env().computeInTransaction(work::apply);
        } finally {
            swap.readLock().unlock();
        }
    }

    /**
     * Runs {@code work} in a read-only snapshot of the store. Damage a read meets is remembered
     * ({@link #damage}): the node reports itself unhealthy from then on.
     */
    public <T> T read(Function<Transaction, T> work) {
        swap.readLock().lock();
        try {
            return opened.env().computeInReadonlyTransaction(work::apply);
        } catch (CorruptDataException e) {
            damage = e.getMessage();
            throw e;
        } catch (DataCorruptionException e) {
            damage = e.getMessage();
            throw new CorruptDataException("the Xodus data in " + dir + " is damaged: " + e.getMessage());
        } finally {
            swap.readLock().unlock();
        }
    }

    /** The damage reads have met since the store opened, or null: damaged records are never returned. */
    public String damage() {
        return damage;
    }

    /** Forces everything committed so far to disk. */
    public void syncToDisk() {
        swap.readLock().lock();
        try {
            ((EnvironmentImpl) opened.env()).flushAndSync();
        } finally {
            swap.readLock().unlock();
        }
    }

    /**
     * Writes a consistent copy of the whole environment, taken while writes go on, into a zip
     * file in {@code folder} (Xodus's hot backup): what a member that missed purged log entries
     * installs.
     */
    public Path backup(Path folder) throws IOException {
        swap.readLock().lock();
        try {
            return CompressBackupUtil.backup((Backupable) opened.env(), folder.toFile(), "xodus-", true).toPath();
        } catch (IOException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException("the Xodus backup failed: " + e.getMessage(), e);
        } finally {
            swap.readLock().unlock();
        }
    }

    /**
     * Replaces the whole environment with the one unpacked in {@code unpacked} (see
     * {@link StateInstallation}), if it is whole and has applied at least {@code atLeast};
     * readers wait for the moment of the swap and then see the new state. Answers the new
     * state's applied term and index.
     */
    public TermIndex replaceWith(Path unpacked, long atLeast) throws IOException {
        // Check the received environment before the live one is touched.
        Opened staged = open(unpacked);
        TermIndex received;
        try {
            received = applied(staged).orElseThrow(() -> new CorruptDataException("a received state has no applied index"));
        } finally {
            staged.env().close();
        }
        if (received.getIndex() < atLeast) {
            throw new CorruptDataException("a received state reaches index " + received.getIndex() + ", older than the "
                    + atLeast + " needed");
        }
        swap.writeLock().lock();
        try {
            if (closed) {
                throw new IOException("the store is closing");
            }
            opened.env().close();
            try {
                StateInstallation.swapIn(dir, unpacked);
            } finally {
                // The new environment, or the old one if the swap failed: never a closed one.
                opened = open(dir);
            }
            damage = null;
        } finally {
            swap.writeLock().unlock();
        }
        return received;
    }

    public Store log() {
        return opened.log();
    }

    public Store streams() {
        return opened.streams();
    }

    public Store streamIndex() {
        return opened.streamIndex();
    }

    public Store eventIds() {
        return opened.eventIds();
    }

    public Store snapshots() {
        return opened.snapshots();
    }

    /** Persistent subscriptions: name → {@code SubscriptionRecord}. */
    public Store subscriptions() {
        return opened.subscriptions();
    }

    /** Users and the stream access rules (see org.jesdb.store.security). */
    public Store security() {
        return opened.security();
    }

    /** Parked events: (subscription, position) → attempts, time and reason. */
    public Store parked() {
        return opened.parked();
    }

    public Optional<StreamState> streamState(Transaction txn, String stream) {
        ByteIterable value = opened.streams().get(txn, Keys.name(stream));
        return value == null ? Optional.empty() : Optional.of(streamState(stream, value));
    }

    /** Decodes a stored stream state (a value of the {@code streams} store, e.g. under a cursor). */
    public static StreamState streamState(String stream, ByteIterable value) {
        return StreamStateCodec.decode(copy(value), stream);
    }

    public void putStreamState(Transaction txn, String stream, StreamState state) {
        opened.streams().put(txn, Keys.name(stream), new ArrayByteIterable(StreamStateCodec.encode(state)));
    }

    /** The Raft term and index of the last entry applied to this environment. */
    public Optional<TermIndex> applied() {
        swap.readLock().lock();
        try {
            return applied(opened);
        } finally {
            swap.readLock().unlock();
        }
    }

    private static Optional<TermIndex> applied(Opened opened) {
        return opened.env().computeInReadonlyTransaction(txn -> {
            ByteIterable value = opened.meta().get(txn, APPLIED_KEY);
            if (value == null) {
                return Optional.empty();
            }
            ByteBuffer buffer = ByteBuffer.wrap(copy(value));
            return Optional.of(TermIndex.valueOf(buffer.getLong(), buffer.getLong()));
        });
    }

    public void putApplied(Transaction txn, TermIndex applied) {
        opened.meta().put(txn, APPLIED_KEY, new ArrayByteIterable(
                ByteBuffer.allocate(16).putLong(applied.getTerm()).putLong(applied.getIndex()).array()));
    }

    /** The position the next event gets: one past the last key of the log. */
    public long nextPosition(Transaction txn) {
        try (var cursor = opened.log().openCursor(txn)) {
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
        swap.writeLock().lock();
        try {
            closed = true;
            opened.env().close();
        } finally {
            swap.writeLock().unlock();
        }
    }
}
