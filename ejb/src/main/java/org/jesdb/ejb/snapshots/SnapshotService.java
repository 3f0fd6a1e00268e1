package org.jesdb.ejb.snapshots;

import jakarta.ejb.Local;
import java.util.List;
import org.jesdb.store.snapshots.Snapshot;
import org.jesdb.store.snapshots.SnapshotSummary;

/** The snapshot use cases: record, read one or the latest, list, delete. */
@Local
public interface SnapshotService {

    void recordSnapshot(String storeId, String source, String stream, long version, String contentType, byte[] data);

    Snapshot readSnapshot(String storeId, String source, String stream, long version);

    Snapshot readLatestSnapshot(String storeId, String source, String stream);

    List<SnapshotSummary> listSnapshots(String storeId, String source, String stream, int limit);

    void deleteSnapshot(String storeId, String source, String stream, long version);
}
