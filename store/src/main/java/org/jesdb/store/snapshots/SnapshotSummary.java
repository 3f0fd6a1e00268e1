package org.jesdb.store.snapshots;

import java.time.Instant;

/** A snapshot in a list: where it belongs and how big it is, without its data. */
public record SnapshotSummary(String source, String stream, long version, Instant created, int size) {
}
