package org.jesdb.store.snapshots;

import jetbrains.exodus.ArrayByteIterable;
import jetbrains.exodus.env.Transaction;
import org.jesdb.store.codec.SnapshotRecordCodec;
import org.jesdb.store.storage.Keys;
import org.jesdb.store.storage.XodusStorage;

/** Records and deletes snapshots inside the state machine's transaction. */
public final class SnapshotWriter {
    private final XodusStorage storage;

    public SnapshotWriter(XodusStorage storage) {
        this.storage = storage;
    }

    /** Stores the snapshot, replacing one recorded before under the same source, stream and version. */
    public void record(Transaction txn, Snapshot snapshot) {
        storage.snapshots().put(txn, Keys.snapshot(snapshot.source(), snapshot.stream(), snapshot.version()),
                new ArrayByteIterable(SnapshotRecordCodec.encode(snapshot)));
    }

    public void delete(Transaction txn, String source, String stream, long version) {
        if (!storage.snapshots().delete(txn, Keys.snapshot(source, stream, version))) {
            throw new SnapshotNotFoundException(source, stream, Long.toString(version));
        }
    }
}
