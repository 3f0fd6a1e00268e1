package org.jesdb.store.snapshots;

import java.time.Instant;

/**
 * A snapshot of some state derived from a stream, recorded by a source (the projection or
 * aggregate that built it) at a stream version.
 */
public record Snapshot(String source, String stream, long version, Instant created, String contentType, byte[] data) {
}
