package org.jesdb.store.raft;

import java.io.IOException;
import java.util.Optional;
import org.jesdb.store.InsufficientStorageException;

/**
 * Carries the leader's full-disk refusal of an entry back to the member that proposed it. Ratis
 * passes only the message of what {@code startTransaction} throws across members, so the figures
 * travel in it, after a fixed mark.
 */
final class StorageRefusal {
    private static final String MARK = "[insufficient-storage free=";
    private static final String REQUIRED = " required=";

    private StorageRefusal() {
    }

    /** What {@code startTransaction} throws when the leader's disk is below its reserve. */
    static IOException of(InsufficientStorageException refused) {
        return new IOException(MARK + refused.freeBytes() + REQUIRED + refused.requiredBytes() + "] on the leader: "
                + refused.getMessage());
    }

    /** The refusal a state machine error message carries, if it is one. */
    static Optional<InsufficientStorageException> in(String message) {
        if (message == null) {
            return Optional.empty();
        }
        int mark = message.indexOf(MARK);
        int required = mark < 0 ? -1 : message.indexOf(REQUIRED, mark);
        int end = required < 0 ? -1 : message.indexOf(']', required);
        if (end < 0) {
            return Optional.empty();
        }
        try {
            long free = Long.parseLong(message.substring(mark + MARK.length(), required));
            long reserve = Long.parseLong(message.substring(required + REQUIRED.length(), end));
            return Optional.of(new InsufficientStorageException(free, reserve));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
