package org.jesdb.store.snapshots;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.jesdb.store.InvalidInputException;
import org.jesdb.store.Names;

/**
 * Where a page of the snapshot list ended: the key of the last snapshot looked at, as base64url
 * text (when the caller may see that snapshot; else it is sealed, see
 * {@link org.jesdb.store.security.SealedCursors}). Opaque to callers; a forged one only moves
 * where the next scan starts, and every snapshot found from there is still checked against the
 * filters and the access rules.
 */
public final class SnapshotCursor {
    /** Two names of at most 1,024 bytes, their separators and a version, in base64: ample. */
    private static final int MAX_LENGTH = 4_096;

    private SnapshotCursor() {
    }

    public static String of(byte[] key) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(key);
    }

    public static byte[] keyOf(String cursor) {
        if (cursor.isEmpty() || cursor.length() > MAX_LENGTH) {
            throw notACursor();
        }
        byte[] key;
        try {
            key = Base64.getUrlDecoder().decode(cursor);
        } catch (IllegalArgumentException e) {
            throw notACursor();
        }
        // a position that is not a snapshot's key would quietly end the list (after=garbage) or restart it
        if (!isSnapshotKey(key)) {
            throw notACursor();
        }
        return key;
    }

    /** Source, 0, stream, 0, an 8-byte version: both names valid (names hold no 0 byte). */
    private static boolean isSnapshotKey(byte[] key) {
        int first = indexOfZero(key, 0);
        int second = first < 1 ? -1 : indexOfZero(key, first + 1);
        if (second < first + 2 || second + 1 + Long.BYTES != key.length) {
            return false;
        }
        try {
            Names.require("after", utf8(key, 0, first));
            Names.require("after", utf8(key, first + 1, second));
            return true;
        } catch (InvalidInputException | CharacterCodingException e) {
            return false;
        }
    }

    private static String utf8(byte[] key, int from, int to) throws CharacterCodingException {
        return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(key, from, to - from)).toString();
    }

    private static int indexOfZero(byte[] key, int from) {
        for (int i = from; i < key.length; i++) {
            if (key[i] == 0) {
                return i;
            }
        }
        return -1;
    }

    private static InvalidInputException notACursor() {
        return new InvalidInputException("after", "must be the next of a previous page");
    }
}
