package org.jesdb.client;

import java.util.List;

/** A page of stream names with their versions; {@code next} is the name to list after, or null at the end. */
public record StreamList(List<Entry> streams, String next) {

    public record Entry(String name, long version) {
    }

    public StreamList {
        streams = List.copyOf(streams);
    }
}
