package org.jesdb.store.codec;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.zip.CRC32C;

/**
 * Reads what {@link BinaryWriter} wrote. Every read is bounds-checked: malformed input ends in
 * a {@link MalformedBinaryException}, never in a wrong value or an out-of-memory.
 */
public final class BinaryReader {
    private final ByteBuffer buffer;
    private final String what;

    private BinaryReader(ByteBuffer buffer, String what) {
        this.buffer = buffer;
        this.what = what;
    }

    public static BinaryReader of(byte[] bytes, String what) {
        return new BinaryReader(ByteBuffer.wrap(bytes), what);
    }

    /** A reader over bytes whose last 4 bytes are a CRC32C of the rest; fails if they do not match. */
    public static BinaryReader checked(byte[] bytes, String what) {
        if (bytes.length < 5) {
            throw new MalformedBinaryException(what + ": " + bytes.length + " bytes is too short");
        }
        int body = bytes.length - 4;
        CRC32C crc = new CRC32C();
        crc.update(bytes, 0, body);
        int stored = ByteBuffer.wrap(bytes, body, 4).getInt();
        if (stored != (int) crc.getValue()) {
            throw new MalformedBinaryException(what + ": checksum mismatch");
        }
        return new BinaryReader(ByteBuffer.wrap(bytes, 0, body).slice(), what);
    }

    public int u8() {
        try {
            return buffer.get() & 0xFF;
        } catch (BufferUnderflowException e) {
            throw truncated();
        }
    }

    public int i32() {
        try {
            return buffer.getInt();
        } catch (BufferUnderflowException e) {
            throw truncated();
        }
    }

    public long i64() {
        try {
            return buffer.getLong();
        } catch (BufferUnderflowException e) {
            throw truncated();
        }
    }

    public UUID uuid() {
        return new UUID(i64(), i64());
    }

    public String string() {
        byte[] raw = bytes();
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(raw)).toString();
        } catch (CharacterCodingException e) {
            throw new MalformedBinaryException(what + ": a string is not valid UTF-8");
        }
    }

    public byte[] bytes() {
        int length = i32();
        if (length < 0 || length > buffer.remaining()) {
            throw new MalformedBinaryException(what + ": length " + length + " exceeds the " + buffer.remaining() + " bytes left");
        }
        byte[] out = new byte[length];
        buffer.get(out);
        return out;
    }

    /** A count of items to follow, each at least {@code minItemBytes} long; bounded by what is left. */
    public int count(int minItemBytes) {
        int count = i32();
        if (count < 0 || (long) count * minItemBytes > buffer.remaining()) {
            throw new MalformedBinaryException(what + ": count " + count + " does not fit in the " + buffer.remaining() + " bytes left");
        }
        return count;
    }

    /** Fails unless every byte was read: trailing bytes mean the input is not what it claims. */
    public void end() {
        if (buffer.hasRemaining()) {
            throw new MalformedBinaryException(what + ": " + buffer.remaining() + " unexpected trailing bytes");
        }
    }

    private MalformedBinaryException truncated() {
        return new MalformedBinaryException(what + ": truncated");
    }
}
