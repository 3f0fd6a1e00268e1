package org.jesdb.store.snapshots;

import java.util.ArrayList;
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
     * Snapshots in key order (source, stream, version), optionally only those of one source or of
     * one source and stream; a stream without a source filters the whole list by stream.
     */
    public List<SnapshotSummary> list(Transaction txn, String source, String stream, int limit) {
        return list(txn, source, stream, limit, name -> true, Integer.MAX_VALUE);
    }

    /**
     * The same list, holding only the snapshots of streams {@code visible} accepts, after looking
     * at no more than {@code maxScanned} snapshots (a caller who may read few streams must not make
     * the node read them all). The stream is read from the key, so a hidden snapshot is never decoded.
     */
    public List<SnapshotSummary> list(Transaction txn, String source, String stream, int limit, Predicate<String> visible,
                                      int maxScanned) {
        byte[] prefix = source == null ? new byte[0] : Keys.snapshotPrefix(source, stream);
        List<SnapshotSummary> out = new ArrayList<>();
        try (Cursor cursor = storage.snapshots().openCursor(txn)) {
            boolean found = cursor.getSearchKeyRange(new ArrayByteIterable(prefix)) != null;
            int scanned = 0;
            while (found && out.size() < limit && scanned < maxScanned && Keys.startsWith(cursor.getKey(), prefix)) {
                scanned++;
                String keyStream = Keys.snapshotStream(XodusStorage.copy(cursor.getKey()));
                if ((stream == null || keyStream.equals(stream)) && visible.test(keyStream)) {
                    Snapshot snapshot = SnapshotRecordCodec.decode(XodusStorage.copy(cursor.getValue()));
                    out.add(new SnapshotSummary(snapshot.source(), snapshot.stream(), snapshot.version(),
                            snapshot.created(), snapshot.data().length));
                }
                found = cursor.getNext();
            }
        }
        return out;
    }
}
