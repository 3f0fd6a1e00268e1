package org.jesdb.store.snapshots;

import java.util.List;

/**
 * One page of the snapshot list, in key order (source, stream, version); {@code next} is the
 * {@code after} of the next page, or null at the end. A page filtered by the access rules may
 * hold fewer than asked, even none, while {@code next} goes on.
 */
public record SnapshotList(List<SnapshotSummary> snapshots, String next) {
    public SnapshotList {
        snapshots = List.copyOf(snapshots);
    }
}
