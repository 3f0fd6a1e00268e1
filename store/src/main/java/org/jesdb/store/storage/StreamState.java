package org.jesdb.store.storage;

/**
 * What the store knows of one stream.
 *
 * @param lastVersion    version of the stream's last event ever written (-1 before the first)
 * @param truncateBefore versions below this are hidden by a soft delete
 * @param deletion       whether and how the stream was deleted
 */
public record StreamState(long lastVersion, long truncateBefore, Deletion deletion) {

    public enum Deletion { NONE, SOFT, HARD }

    public static final StreamState NEW = new StreamState(-1, 0, Deletion.NONE);

    /** The version writers see: -1 while the stream has no readable events. */
    public long visibleVersion() {
        return hasVisibleEvents() ? lastVersion : -1;
    }

    public boolean hasVisibleEvents() {
        return deletion != Deletion.HARD && lastVersion >= truncateBefore;
    }

    public boolean isHardDeleted() {
        return deletion == Deletion.HARD;
    }

    public StreamState appended(long newLastVersion) {
        return new StreamState(newLastVersion, truncateBefore, Deletion.NONE);
    }

    public StreamState softDeleted() {
        return new StreamState(lastVersion, lastVersion + 1, Deletion.SOFT);
    }

    public StreamState hardDeleted() {
        return new StreamState(lastVersion, lastVersion + 1, Deletion.HARD);
    }
}
