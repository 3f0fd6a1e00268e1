package org.jesdb.store.streams;

import org.jesdb.store.StoreException;

/** The stream was not at the version the writer expected; nothing was appended. */
public class WrongExpectedVersionException extends StoreException {
    private final String stream;
    private final String expected;
    private final long actual;

    public WrongExpectedVersionException(String stream, String expected, long actual) {
        super("stream '" + stream + "' is at version " + actual + ", expected " + expected
                + "; read the stream and decide again");
        this.stream = stream;
        this.expected = expected;
        this.actual = actual;
    }

    public String stream() {
        return stream;
    }

    public String expected() {
        return expected;
    }

    public long actual() {
        return actual;
    }
}
