package org.jesdb.store.codec;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.UUID;
import java.util.zip.CRC32C;

/** Writes the big-endian binary forms of records and commands into a growing buffer. */
public final class BinaryWriter {
    private ByteBuffer buffer;

    public BinaryWriter(int initialCapacity) {
        buffer = ByteBuffer.allocate(Math.max(16, initialCapacity));
    }

    public BinaryWriter u8(int value) {
        ensure(1).put((byte) value);
        return this;
    }

    public BinaryWriter i32(int value) {
        ensure(4).putInt(value);
        return this;
    }

    public BinaryWriter i64(long value) {
        ensure(8).putLong(value);
        return this;
    }

    public BinaryWriter uuid(UUID value) {
        return i64(value.getMostSignificantBits()).i64(value.getLeastSignificantBits());
    }

    /** A string as UTF-8 with a 4-byte length. */
    public BinaryWriter string(String value) {
        return bytes(value.getBytes(StandardCharsets.UTF_8));
    }

    /** Bytes with a 4-byte length. */
    public BinaryWriter bytes(byte[] value) {
        i32(value.length);
        ensure(value.length).put(value);
        return this;
    }

    /** Appends a CRC32C over everything written so far and returns the bytes. */
    public byte[] toBytesWithCrc() {
        CRC32C crc = new CRC32C();
        crc.update(buffer.array(), 0, buffer.position());
        i32((int) crc.getValue());
        return toBytes();
    }

    public byte[] toBytes() {
        return Arrays.copyOf(buffer.array(), buffer.position());
    }

    private ByteBuffer ensure(int more) {
        if (buffer.remaining() < more) {
            int capacity = Math.max(buffer.capacity() * 2, buffer.position() + more);
            buffer = ByteBuffer.wrap(Arrays.copyOf(buffer.array(), capacity)).position(buffer.position());
        }
        return buffer;
    }
}
