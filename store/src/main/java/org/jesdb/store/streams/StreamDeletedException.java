package org.jesdb.store.streams;

import org.jesdb.store.StoreException;

/** The stream was hard-deleted (tombstoned): it can never be read or written again. */
public class StreamDeletedException extends StoreException {
    private final String stream;

    public StreamDeletedException(String stream) {
        super("stream '" + stream + "' was deleted permanently and cannot be read or written");
        this.stream = stream;
    }

    public String stream() {
        return stream;
    }
}
