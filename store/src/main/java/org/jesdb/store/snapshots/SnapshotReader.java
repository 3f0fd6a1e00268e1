package org.jesdb.store.snapshots;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;
import jetbrains.exodus.ArrayByteIterable;
import jetbrains.exodus.ByteIterable;
import jetbrains.exodus.env.Cursor;
import jetbrains.exodus.env.Transaction;
import org.jesdb.store.codec.SnapshotRecordCodec;
import org.jesdb.store.storage.Keys;
import org.jesdb.store.storage.XodusStorage;

/** Reads snapshots; every record's checksum is checked. */
public final class SnapshotReader {
    private final XodusStorage storage;

    public SnapshotReader(XodusStorage storage) {
        this.storage = storage;
    }

    public Snapshot read(Transaction txn, String source, String stream, long version) {
        ByteIterable value = storage.snapshots().get(txn, Keys.snapshot(source, stream, version));
        if (value == null) {
            throw new SnapshotNotFoundException(source, stream, Long.toString(version));
        }
        return SnapshotRecordCodec.decode(XodusStorage.copy(value));
    }

    /** The snapshot with the highest version for this source and stream. */
    public Snapshot latest(Transaction txn, String source, String stream) {
        byte[] prefix = Keys.snapshotPrefix(source, stream);
        try (Cursor cursor = storage.snapshots().openCursor(txn)) {
            // The first key after every version of this source and stream, then one step back.
            ByteIterable found = cursor.getSearchKeyRange(new ArrayByteIterable(Keys.after(prefix)));
            boolean positioned = found == null ? cursor.getLast() : cursor.getPrev();
            if (!positioned || !Keys.startsWith(cursor.getKey(), prefix)) {
                throw new SnapshotNotFoundException(source, stream, "latest");
            }
            return SnapshotRecordCodec.decode(XodusStorage.copy(cursor.getValue()));
        }
    }

    /**
     * A page of snapshots as the list scanned it: {@code resumeAfter} is the key of the last
     * snapshot looked at when more may follow (the caller makes it the page's {@code next}), null
     * at the end.
     */
    public record Page(List<SnapshotSummary> snapshots, byte[] resumeAfter) {
    }

    /**
     * A page of snapshots in key order (source, stream, version), optionally only those of one
     * source or of one source and stream; a stream without a source filters the whole list by
     * stream. {@code afterKey} is where the page before ended, or null for the first.
     */
    public Page list(Transaction txn, String source, String stream, byte[] afterKey, int limit) {
        return list(txn, source, stream, afterKey, limit, name -> true, Integer.MAX_VALUE);
    }

    /**
     * The same page, holding only the snapshots of streams {@code visible} accepts, after looking
     * at no more than {@code maxScanned} snapshots (a caller who may read few streams must not make
     * the node read them all): the next page then goes on from the last one looked at. The stream
     * is read from the key, so a hidden snapshot is never decoded.
     */
    public Page list(Transaction txn, String source, String stream, byte[] afterKey, int limit, Predicate<String> visible,
                     int maxScanned) {
        byte[] prefix = source == null ? new byte[0] : Keys.snapshotPrefix(source, stream);
        List<SnapshotSummary> out = new ArrayList<>();
        try (Cursor cursor = storage.snapshots().openCursor(txn)) {
            boolean found = seek(cursor, prefix, afterKey);
            int scanned = 0;
            byte[] last = null;
            while (found && Keys.startsWith(cursor.getKey(), prefix)) {
                if (out.size() >= limit || scanned >= maxScanned) {
                    return new Page(out, last);
                }
                scanned++;
                last = XodusStorage.copy(cursor.getKey());
                String keyStream = Keys.snapshotStream(last);
                if ((stream == null || keyStream.equals(stream)) && visible.test(keyStream)) {
                    Snapshot snapshot = SnapshotRecordCodec.decode(XodusStorage.copy(cursor.getValue()));
                    out.add(new SnapshotSummary(snapshot.source(), snapshot.stream(), snapshot.version(),
                            snapshot.created(), snapshot.data().length));
                }
                found = cursor.getNext();
            }
        }
        return new Page(out, null);
    }

    /** To the first key under {@code prefix} that comes after {@code afterKey} (when given). */
    private static boolean seek(Cursor cursor, byte[] prefix, byte[] afterKey) {
        if (afterKey == null || Arrays.compareUnsigned(afterKey, prefix) < 0) {
            return cursor.getSearchKeyRange(new ArrayByteIterable(prefix)) != null;
        }
        if (cursor.getSearchKeyRange(new ArrayByteIterable(afterKey)) == null) {
            return false;
        }
        return !Arrays.equals(XodusStorage.copy(cursor.getKey()), afterKey) || cursor.getNext();
    }
}
