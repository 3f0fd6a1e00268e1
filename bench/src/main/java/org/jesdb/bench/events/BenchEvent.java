package org.jesdb.bench.events;

import java.util.Objects;
import java.util.UUID;

/**
 * One event as every target receives it: a fresh random id, a type, and JSON data and metadata.
 * {@code dataJson} and {@code metadataJson} are the same bytes as text, for the REST body.
 */
public record BenchEvent(UUID id, String type, byte[] data, byte[] metadata, String dataJson, String metadataJson) {
    public BenchEvent {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(metadata, "metadata");
        Objects.requireNonNull(dataJson, "dataJson");
        Objects.requireNonNull(metadataJson, "metadataJson");
    }

    /** Bytes of data and metadata, as the store counts them. */
    public int size() {
        return data.length + metadata.length;
    }
}
