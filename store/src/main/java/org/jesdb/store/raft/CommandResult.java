package org.jesdb.store.raft;

import org.jesdb.store.StoreException;
import org.jesdb.store.streams.AppendResult;

/** The outcome of one command of a batch; each command succeeds or fails on its own. */
public sealed interface CommandResult {

    record Appended(AppendResult result) implements CommandResult {
    }

    /** A delete or snapshot command succeeded; {@code value} is the deleted stream's last version, or 0. */
    record Done(long value) implements CommandResult {
    }

    record Failed(StoreException error) implements CommandResult {
    }
}
