package org.jesdb.store.snapshots;

import java.util.Base64;
import org.jesdb.store.InvalidInputException;
import org.jesdb.store.Names;
import org.jesdb.store.storage.Keys;

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

    /** A snapshot key (see {@link Keys#isSnapshotKey}) whose two names follow the rules of names. */
    private static boolean isSnapshotKey(byte[] key) {
        if (!Keys.isSnapshotKey(key)) {
            return false;
        }
        try {
            Names.require("after", Keys.snapshotSource(key));
            Names.require("after", Keys.snapshotStream(key));
            return true;
        } catch (InvalidInputException e) {
            return false;
        }
    }

    private static InvalidInputException notACursor() {
        return new InvalidInputException("after", "must be the next of a previous page");
    }
}
