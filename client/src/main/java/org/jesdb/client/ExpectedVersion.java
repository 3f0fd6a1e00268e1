package org.jesdb.client;

/**
 * What an append expects of its stream (optimistic concurrency): any state, no stream yet, a
 * stream that exists, or exactly this version (that of its last event, counted from 0).
 */
public final class ExpectedVersion {
    private final String json;

    private ExpectedVersion(String json) {
        this.json = json;
    }

    public static ExpectedVersion any() {
        return new ExpectedVersion("\"any\"");
    }

    public static ExpectedVersion noStream() {
        return new ExpectedVersion("\"no_stream\"");
    }

    public static ExpectedVersion streamExists() {
        return new ExpectedVersion("\"stream_exists\"");
    }

    public static ExpectedVersion exactly(long version) {
        if (version < 0) {
            throw new IllegalArgumentException("a version is 0 or more, was " + version);
        }
        return new ExpectedVersion(Long.toString(version));
    }

    /** The value of the API's {@code expectedVersion} member. */
    String toJson() {
        return json;
    }

    @Override
    public String toString() {
        return json.replace("\"", "");
    }
}
