package org.jesdb.store.subscriptions;

import java.time.Instant;
import jetbrains.exodus.ArrayByteIterable;
import jetbrains.exodus.ByteIterable;
import jetbrains.exodus.env.Cursor;
import jetbrains.exodus.env.Transaction;
import org.jesdb.store.storage.Keys;
import org.jesdb.store.storage.XodusStorage;

/**
 * The rules of persistent subscriptions, applied inside the state machine's transaction. The
 * start point is resolved here, so that every replica stores the same checkpoint.
 */
public final class SubscriptionWriter {
    private final XodusStorage storage;

    public SubscriptionWriter(XodusStorage storage) {
        this.storage = storage;
    }

    /** Creates the subscription and returns its first checkpoint. */
    public long create(Transaction txn, String name, Selector selector, StartPoint start, SubscriptionSettings settings,
                       Instant created) {
        if (storage.subscriptions().get(txn, Keys.name(name)) != null) {
            throw new SubscriptionExistsException(name);
        }
        long checkpoint = StartPositions.resolve(storage, txn, selector, start);
        put(txn, new SubscriptionRecord(name, selector, settings, checkpoint, created));
        return checkpoint;
    }

    public void update(Transaction txn, String name, SubscriptionSettings settings) {
        put(txn, existing(txn, name).withSettings(settings));
    }

    /** Deletes the subscription with its parked events. */
    public void delete(Transaction txn, String name) {
        existing(txn, name);
        storage.subscriptions().delete(txn, Keys.name(name));
        byte[] prefix = Keys.prefix(name);
        try (Cursor cursor = storage.parked().openCursor(txn)) {
            boolean found = cursor.getSearchKeyRange(new ArrayByteIterable(prefix)) != null;
            while (found && Keys.startsWith(cursor.getKey(), prefix)) {
                cursor.deleteCurrent();
                found = cursor.getNext();
            }
        }
    }

    /**
     * Moves the checkpoint forward; an older one (a late write) or one for a deleted
     * subscription changes nothing.
     */
    public void checkpoint(Transaction txn, String name, long position) {
        ByteIterable value = storage.subscriptions().get(txn, Keys.name(name));
        if (value == null) {
            return;
        }
        SubscriptionRecord record = SubscriptionCodec.decode(XodusStorage.copy(value));
        if (position > record.checkpoint()) {
            put(txn, record.withCheckpoint(position));
        }
    }

    public void park(Transaction txn, String name, long position, int attempts, String reason, Instant when) {
        existing(txn, name);
        storage.parked().put(txn, Keys.streamVersion(name, position),
                new ArrayByteIterable(SubscriptionCodec.encodeParked(attempts, when, reason)));
    }

    public void unpark(Transaction txn, String name, long position) {
        existing(txn, name);
        storage.parked().delete(txn, Keys.streamVersion(name, position));
    }

    private SubscriptionRecord existing(Transaction txn, String name) {
        ByteIterable value = storage.subscriptions().get(txn, Keys.name(name));
        if (value == null) {
            throw new SubscriptionNotFoundException(name);
        }
        return SubscriptionCodec.decode(XodusStorage.copy(value));
    }

    private void put(Transaction txn, SubscriptionRecord record) {
        storage.subscriptions().put(txn, Keys.name(record.name()),
                new ArrayByteIterable(SubscriptionCodec.encode(record)));
    }
}
