package org.jesdb.store.subscriptions;

import jetbrains.exodus.ByteIterable;
import jetbrains.exodus.env.Transaction;
import org.jesdb.store.InvalidInputException;
import org.jesdb.store.storage.Keys;
import org.jesdb.store.storage.StreamState;
import org.jesdb.store.storage.XodusStorage;

/** Turns a {@link StartPoint} into the global position a subscription reads from. */
final class StartPositions {
    private StartPositions() {
    }

    static long resolve(XodusStorage storage, Transaction txn, Selector selector, StartPoint start) {
        if (start instanceof StartPoint.Start) {
            return 0;
        } else if (start instanceof StartPoint.AtPosition at) {
            return at.position();
        } else if (start instanceof StartPoint.AtVersion at) {
            if (!(selector instanceof Selector.ByStream byStream) || byStream.isAll()) {
                throw new InvalidInputException("from", "a version needs a selector of one stream; use a position");
            }
            StreamState state = storage.streamState(txn, byStream.stream()).orElse(StreamState.NEW);
            ByteIterable position = at.version() <= state.lastVersion()
                    ? storage.streamIndex().get(txn, Keys.streamVersion(byStream.stream(), at.version()))
                    : null;
            // A version not written yet will land after everything stored now.
            return position == null ? storage.nextPosition(txn) : Keys.position(position);
        }
        return storage.nextPosition(txn);
    }
}
