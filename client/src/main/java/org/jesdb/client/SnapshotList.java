package org.jesdb.client;

import java.util.List;

/**
 * A page of snapshot summaries in (source, stream, version) order; {@code next} is the
 * {@code after} of the next page, or null at the end. A page filtered by the access rules may
 * hold fewer than asked while {@code next} goes on.
 */
public record SnapshotList(List<SnapshotSummary> snapshots, String next) {

    public SnapshotList {
        snapshots = List.copyOf(snapshots);
    }
}
