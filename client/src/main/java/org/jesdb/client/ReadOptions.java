package org.jesdb.client;

/**
 * How to read a page: from a version (a stream) or a position ({@code $all}), how many events
 * (1..1000, default 100), in which direction, and whether a local read will do.
 */
public record ReadOptions(String from, int count, boolean backwards, boolean localRead) {

    public static ReadOptions forwards() {
        return new ReadOptions("0", 100, false, false);
    }

    /** Backwards from the end. */
    public static ReadOptions backwardsFromEnd() {
        return new ReadOptions("end", 100, true, false);
    }

    public ReadOptions from(long versionOrPosition) {
        return new ReadOptions(Long.toString(versionOrPosition), count, backwards, localRead);
    }

    public ReadOptions maxCount(int value) {
        return new ReadOptions(from, value, backwards, localRead);
    }

    /** Reads what the answering node holds, without the leader's read index (faster, maybe stale). */
    public ReadOptions local() {
        return new ReadOptions(from, count, backwards, true);
    }

    String query() {
        return "?from=" + from + "&count=" + count + "&direction=" + (backwards ? "backward" : "forward")
                + (localRead ? "&consistency=local" : "");
    }
}
