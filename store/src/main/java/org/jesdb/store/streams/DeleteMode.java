package org.jesdb.store.streams;

/**
 * How a stream is deleted, as KurrentDB users know it.
 * <ul>
 * <li>{@link #SOFT}: the stream's events disappear from stream reads and the stream reads as
 * absent; a later append re-creates it and its versions go on after the deleted ones.</li>
 * <li>{@link #HARD}: a tombstone; the stream can never be read or written again.</li>
 * </ul>
 * In both cases the events stay in {@code $all}: the global history is never rewritten.
 */
public enum DeleteMode {
    SOFT, HARD
}
