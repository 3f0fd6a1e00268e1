package org.jesdb.store.subscriptions;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import jetbrains.exodus.ArrayByteIterable;
import jetbrains.exodus.ByteIterable;
import jetbrains.exodus.env.Cursor;
import jetbrains.exodus.env.Transaction;
import org.jesdb.store.codec.EventRecordCodec;
import org.jesdb.store.storage.Keys;
import org.jesdb.store.storage.XodusStorage;

/** Reads persistent subscriptions and their parked events. */
public final class SubscriptionReader {
    private final XodusStorage storage;

    public SubscriptionReader(XodusStorage storage) {
        this.storage = storage;
    }

    public Optional<SubscriptionRecord> find(Transaction txn, String name) {
        ByteIterable value = storage.subscriptions().get(txn, Keys.name(name));
        return value == null ? Optional.empty() : Optional.of(SubscriptionCodec.decode(XodusStorage.copy(value)));
    }

    public List<SubscriptionRecord> list(Transaction txn) {
        List<SubscriptionRecord> records = new ArrayList<>();
        try (Cursor cursor = storage.subscriptions().openCursor(txn)) {
            while (cursor.getNext()) {
                records.add(SubscriptionCodec.decode(XodusStorage.copy(cursor.getValue())));
            }
        }
        return records;
    }

    /** Parked events of {@code name} above position {@code after} (-1 for the first), oldest first. */
    public List<ParkedEvent> parked(Transaction txn, String name, long after, int limit) {
        List<ParkedEvent> out = new ArrayList<>(Math.min(limit, 256));
        byte[] prefix = Keys.prefix(name);
        try (Cursor cursor = storage.parked().openCursor(txn)) {
            boolean found = cursor.getSearchKeyRange(Keys.streamVersion(name, after + 1)) != null;
            while (found && out.size() < limit && Keys.startsWith(cursor.getKey(), prefix)) {
                long position = Keys.trailingVersion(cursor.getKey());
                ByteIterable record = storage.log().get(txn, Keys.position(position));
                if (record != null) {
                    out.add(SubscriptionCodec.decodeParked(XodusStorage.copy(cursor.getValue()),
                            EventRecordCodec.decode(XodusStorage.copy(record), position)));
                }
                found = cursor.getNext();
            }
        }
        return out;
    }

    public long parkedCount(Transaction txn, String name) {
        byte[] prefix = Keys.prefix(name);
        long count = 0;
        try (Cursor cursor = storage.parked().openCursor(txn)) {
            boolean found = cursor.getSearchKeyRange(new ArrayByteIterable(prefix)) != null;
            while (found && Keys.startsWith(cursor.getKey(), prefix)) {
                count++;
                found = cursor.getNext();
            }
        }
        return count;
    }
}
