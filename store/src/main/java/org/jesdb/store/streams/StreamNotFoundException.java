package org.jesdb.store.streams;

import org.jesdb.store.StoreException;

/** The stream has no events: it was never written, or it was soft-deleted. */
public class StreamNotFoundException extends StoreException {
    private final String stream;

    public StreamNotFoundException(String stream) {
        super("stream '" + stream + "' does not exist");
        this.stream = stream;
    }

    public String stream() {
        return stream;
    }
}
