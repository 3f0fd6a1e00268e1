package org.jesdb.store.subscriptions;

import java.util.ArrayList;
import java.util.List;
import jetbrains.exodus.env.Cursor;
import org.jesdb.store.codec.EventRecordCodec;
import org.jesdb.store.storage.Keys;
import org.jesdb.store.storage.XodusStorage;
import org.jesdb.store.streams.RecordedEvent;

/**
 * A subscription's place in the global log. Catch-up and live reading are the same thing here:
 * the cursor reads what is committed past its position, so the switch from one to the other
 * has no gap and no duplicate. Not thread-safe: its owner guards it.
 */
final class LogCursor {
    /** Records looked at in one call, so that a selective subscription never holds its lock long. */
    static final int SCAN_LIMIT = 2_000;

    private final XodusStorage storage;
    private final Selector selector;
    private long position;
    private boolean reachedEnd;

    LogCursor(XodusStorage storage, Selector selector, long position) {
        this.storage = storage;
        this.selector = selector;
        this.position = position;
    }

    /** The next position to look at: every matching event below it has been handed out. */
    long position() {
        return position;
    }

    /** Whether the last {@link #next} call reached the end of the log. */
    boolean reachedEnd() {
        return reachedEnd;
    }

    /** Up to {@code max} matching events from the current position, looking at {@link #SCAN_LIMIT} records at most. */
    List<RecordedEvent> next(int max) {
        List<RecordedEvent> matched = new ArrayList<>(Math.min(max, 256));
        // The position moves only when the whole read succeeded: a record that fails its check
        // must stop the subscription there, never be stepped over.
        long[] next = {position};
        boolean end = storage.read(txn -> {
            try (Cursor cursor = storage.log().openCursor(txn)) {
                boolean found = cursor.getSearchKeyRange(Keys.position(next[0])) != null;
                int scanned = 0;
                while (found && matched.size() < max && scanned < SCAN_LIMIT) {
                    long at = Keys.position(cursor.getKey());
                    RecordedEvent event = EventRecordCodec.decode(XodusStorage.copy(cursor.getValue()), at);
                    if (selector.matches(event)) {
                        matched.add(event);
                    }
                    next[0] = at + 1;
                    scanned++;
                    found = cursor.getNext();
                }
                return !found;
            }
        });
        position = next[0];
        reachedEnd = end;
        return matched;
    }
}
