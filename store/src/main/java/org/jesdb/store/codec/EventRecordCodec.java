package org.jesdb.store.codec;

import java.time.Instant;
import org.jesdb.store.streams.RecordedEvent;

/**
 * The stored form of an event in the global log: a format byte, the event's fields, and a
 * CRC32C over all of it, checked on every read so a damaged record is never returned.
 */
public final class EventRecordCodec {
    private static final int FORMAT = 1;

    private EventRecordCodec() {
    }

    public static byte[] encode(RecordedEvent event) {
        return new BinaryWriter(96 + event.data().length + event.metadata().length)
                .u8(FORMAT)
                .i64(event.position())
                .i64(event.version())
                .uuid(event.id())
                .i64(event.created().toEpochMilli())
                .string(event.stream())
                .string(event.type())
                .string(event.contentType())
                .bytes(event.metadata())
                .bytes(event.data())
                .toBytesWithCrc();
    }

    /** Decodes the record stored at {@code position}; fails if it is damaged or belongs elsewhere. */
    public static RecordedEvent decode(byte[] bytes, long position) {
        String what = "event record at position " + position;
        BinaryReader in = BinaryReader.checked(bytes, what);
        int format = in.u8();
        if (format != FORMAT) {
            throw new MalformedBinaryException(what + ": unknown format " + format);
        }
        long storedPosition = in.i64();
        long version = in.i64();
        var id = in.uuid();
        Instant created = Instant.ofEpochMilli(in.i64());
        String stream = in.string();
        String type = in.string();
        String contentType = in.string();
        byte[] metadata = in.bytes();
        byte[] data = in.bytes();
        in.end();
        if (storedPosition != position) {
            throw new MalformedBinaryException(what + ": holds position " + storedPosition);
        }
        return new RecordedEvent(id, type, stream, version, position, created, contentType, data, metadata);
    }
}
