package org.jesdb.store.raft;

import java.time.Instant;
import java.util.List;

/**
 * The content of one Raft entry: commands that arrived together, and the time the leader
 * accepted them. The time travels with the entry so every replica records the same one.
 */
public record CommandBatch(Instant created, List<Command> commands) {
    public CommandBatch {
        commands = List.copyOf(commands);
    }
}
