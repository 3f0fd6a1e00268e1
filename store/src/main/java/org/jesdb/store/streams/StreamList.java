package org.jesdb.store.streams;

import java.util.List;

/** One page of the stream list, in name order; {@code next} is the {@code after} of the next page, or null. */
public record StreamList(List<StreamSummary> streams, String next) {
    public StreamList {
        streams = List.copyOf(streams);
    }
}
