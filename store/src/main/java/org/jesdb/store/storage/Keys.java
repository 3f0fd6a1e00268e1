package org.jesdb.store.storage;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import jetbrains.exodus.ArrayByteIterable;
import jetbrains.exodus.ByteIterable;

/**
 * Key encodings. Numbers are 8 bytes big-endian so that byte order is numeric order (all of
 * them are >= 0). Names never hold control characters, so a 0 byte separates the parts of a
 * compound key and a name is never a prefix of another name's key.
 */
public final class Keys {
    private Keys() {
    }

    public static ByteIterable position(long position) {
        return new ArrayByteIterable(ByteBuffer.allocate(8).putLong(position).array());
    }

    public static long position(ByteIterable key) {
        return ByteBuffer.wrap(key.getBytesUnsafe(), 0, 8).getLong();
    }

    public static ByteIterable name(String name) {
        return new ArrayByteIterable(name.getBytes(StandardCharsets.UTF_8));
    }

    public static String name(ByteIterable key) {
        return new String(key.getBytesUnsafe(), 0, key.getLength(), StandardCharsets.UTF_8);
    }

    public static ByteIterable eventId(UUID id) {
        return new ArrayByteIterable(ByteBuffer.allocate(16).putLong(id.getMostSignificantBits())
                .putLong(id.getLeastSignificantBits()).array());
    }

    /** (stream, version): the stream's prefix, then the version. */
    public static ByteIterable streamVersion(String stream, long version) {
        byte[] prefix = prefix(stream);
        return new ArrayByteIterable(ByteBuffer.allocate(prefix.length + 8).put(prefix).putLong(version).array());
    }

    /** The version part of a (stream, version) or (source, stream, version) key. */
    public static long trailingVersion(ByteIterable key) {
        return ByteBuffer.wrap(key.getBytesUnsafe(), key.getLength() - 8, 8).getLong();
    }

    /** (source, stream, version) of a snapshot. */
    public static ByteIterable snapshot(String source, String stream, long version) {
        byte[] prefix = snapshotPrefix(source, stream);
        return new ArrayByteIterable(ByteBuffer.allocate(prefix.length + 8).put(prefix).putLong(version).array());
    }

    /** The prefix of all snapshots of a source (stream null) or of a source and stream. */
    public static byte[] snapshotPrefix(String source, String stream) {
        byte[] first = prefix(source);
        if (stream == null) {
            return first;
        }
        byte[] second = prefix(stream);
        return ByteBuffer.allocate(first.length + second.length).put(first).put(second).array();
    }

    /**
     * The stream of a snapshot key ({@link #snapshot}): the name between the first and the second
     * 0 separator (names hold no control characters), read without decoding the snapshot.
     */
    public static String snapshotStream(byte[] key) {
        int first = indexOfZero(key, 0);
        int second = indexOfZero(key, first + 1);
        return new String(key, first + 1, second - first - 1, StandardCharsets.UTF_8);
    }

    /** The source of a snapshot key ({@link #snapshot}): the name before the first 0 separator. */
    public static String snapshotSource(byte[] key) {
        return new String(key, 0, indexOfZero(key, 0), StandardCharsets.UTF_8);
    }

    /**
     * Whether {@code key} has the shape of a snapshot key ({@link #snapshot}): a source, 0, a
     * stream, 0 and an 8-byte version, both names non-empty UTF-8. Bytes from outside (a list's
     * cursor) are checked with it before they are used as a position.
     */
    public static boolean isSnapshotKey(byte[] key) {
        int first;
        int second;
        try {
            first = indexOfZero(key, 0);
            second = indexOfZero(key, first + 1);
        } catch (IllegalArgumentException noSeparator) {
            return false;
        }
        return first >= 1 && second >= first + 2 && second + 1 + Long.BYTES == key.length
                && isUtf8(key, 0, first) && isUtf8(key, first + 1, second);
    }

    private static boolean isUtf8(byte[] key, int from, int to) {
        try {
            StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(key, from, to - from));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    private static int indexOfZero(byte[] key, int from) {
        for (int i = from; i < key.length; i++) {
            if (key[i] == 0) {
                return i;
            }
        }
        throw new IllegalArgumentException("not a snapshot key: no separator after byte " + from);
    }

    /** A name followed by the 0 separator. */
    public static byte[] prefix(String name) {
        byte[] utf8 = name.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(utf8.length + 1).put(utf8).put((byte) 0).array();
    }

    /** The smallest key above every key that starts with {@code prefix} (which ends in the 0 separator). */
    public static byte[] after(byte[] prefix) {
        byte[] out = prefix.clone();
        out[out.length - 1] = 1;
        return out;
    }

    public static boolean startsWith(ByteIterable key, byte[] prefix) {
        if (key.getLength() < prefix.length) {
            return false;
        }
        byte[] bytes = key.getBytesUnsafe();
        for (int i = 0; i < prefix.length; i++) {
            if (bytes[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}
