package org.jesdb.store.streams;

/** Where an append landed: its first and last stream version and global position. */
public record AppendResult(String stream, long firstVersion, long lastVersion, long firstPosition, long lastPosition) {
}
