package org.jesdb.store.streams;

/** A stream in the stream list: its name and last version. */
public record StreamSummary(String name, long version) {
}
