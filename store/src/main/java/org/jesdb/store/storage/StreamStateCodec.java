package org.jesdb.store.storage;

import org.jesdb.store.codec.BinaryReader;
import org.jesdb.store.codec.BinaryWriter;
import org.jesdb.store.codec.MalformedBinaryException;

/** The stored form of a {@link StreamState}, with a CRC32C. */
final class StreamStateCodec {
    private static final int FORMAT = 1;

    private StreamStateCodec() {
    }

    static byte[] encode(StreamState state) {
        return new BinaryWriter(32).u8(FORMAT).i64(state.lastVersion()).i64(state.truncateBefore())
                .u8(state.deletion().ordinal()).toBytesWithCrc();
    }

    static StreamState decode(byte[] bytes, String stream) {
        String what = "state of stream '" + stream + "'";
        BinaryReader in = BinaryReader.checked(bytes, what);
        if (in.u8() != FORMAT) {
            throw new MalformedBinaryException(what + ": unknown format");
        }
        long last = in.i64();
        long truncateBefore = in.i64();
        int deletion = in.u8();
        in.end();
        if (deletion >= StreamState.Deletion.values().length) {
            throw new MalformedBinaryException(what + ": unknown deletion state " + deletion);
        }
        return new StreamState(last, truncateBefore, StreamState.Deletion.values()[deletion]);
    }
}
