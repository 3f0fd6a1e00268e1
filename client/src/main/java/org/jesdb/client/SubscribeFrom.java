package org.jesdb.client;

/**
 * Where a subscription starts: the first event, only new events, or at a version (a stream's
 * subscription) or a position ({@code $all}'s), that event included.
 */
public final class SubscribeFrom {
    private final String value;

    private SubscribeFrom(String value) {
        this.value = value;
    }

    public static SubscribeFrom start() {
        return new SubscribeFrom("start");
    }

    /** Only events appended after the subscription is made. */
    public static SubscribeFrom end() {
        return new SubscribeFrom("end");
    }

    /** At this version of a stream, or this position of {@code $all}, included. */
    public static SubscribeFrom at(long versionOrPosition) {
        if (versionOrPosition < 0) {
            throw new IllegalArgumentException("a version or position is 0 or more, was " + versionOrPosition);
        }
        return new SubscribeFrom(Long.toString(versionOrPosition));
    }

    /** Right after this version or position: where a reader that stored the last one it handled resumes. */
    public static SubscribeFrom after(long versionOrPosition) {
        if (versionOrPosition < 0) {
            throw new IllegalArgumentException("a version or position is 0 or more, was " + versionOrPosition);
        }
        return at(versionOrPosition + 1);
    }

    /** The value of a transient subscription's {@code from} parameter. */
    String query() {
        return value;
    }

    /** The value of a persistent subscription's {@code "from"}: a number is a version for a stream selector, else a position. */
    String json(boolean streamSelector) {
        if (value.equals("start") || value.equals("end")) {
            return "\"" + value + "\"";
        }
        return "{\"" + (streamSelector ? "version" : "position") + "\":" + value + "}";
    }

    @Override
    public String toString() {
        return value;
    }
}
