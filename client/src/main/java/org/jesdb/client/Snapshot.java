package org.jesdb.client;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

/** A snapshot: a source's state of a stream as of one version, kept by (source, stream, version). */
public record Snapshot(String source, String stream, long version, Instant created, String contentType, byte[] data) {

    /** The state as text (for JSON snapshots). */
    public String dataAsString() {
        return new String(data, StandardCharsets.UTF_8);
    }
}
