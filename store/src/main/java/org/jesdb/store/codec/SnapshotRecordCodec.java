package org.jesdb.store.codec;

import java.time.Instant;
import org.jesdb.store.snapshots.Snapshot;

/** The stored form of a snapshot, with a CRC32C checked on every read. */
public final class SnapshotRecordCodec {
    private static final int FORMAT = 1;

    private SnapshotRecordCodec() {
    }

    public static byte[] encode(Snapshot snapshot) {
        return new BinaryWriter(64 + snapshot.data().length)
                .u8(FORMAT)
                .string(snapshot.source())
                .string(snapshot.stream())
                .i64(snapshot.version())
                .i64(snapshot.created().toEpochMilli())
                .string(snapshot.contentType())
                .bytes(snapshot.data())
                .toBytesWithCrc();
    }

    public static Snapshot decode(byte[] bytes) {
        BinaryReader in = BinaryReader.checked(bytes, "snapshot record");
        int format = in.u8();
        if (format != FORMAT) {
            throw new MalformedBinaryException("snapshot record: unknown format " + format);
        }
        Snapshot snapshot = new Snapshot(in.string(), in.string(), in.i64(), Instant.ofEpochMilli(in.i64()),
                in.string(), in.bytes());
        in.end();
        return snapshot;
    }
}
