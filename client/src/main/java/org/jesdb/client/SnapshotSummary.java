package org.jesdb.client;

import java.time.Instant;

/** A snapshot in a list: where it belongs and how large it is, without its data. */
public record SnapshotSummary(String source, String stream, long version, Instant created, long size) {
}
