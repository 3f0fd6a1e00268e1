package org.jesdb.chaos.history;

import java.util.UUID;

/** One event of a node's whole log ({@code $all}), as the final read found it. */
public record LogEntry(long position, String stream, long version, UUID id) {
}
