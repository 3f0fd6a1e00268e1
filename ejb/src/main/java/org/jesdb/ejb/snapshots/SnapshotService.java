package org.jesdb.ejb.snapshots;

import jakarta.ejb.Local;
import org.jesdb.store.security.Caller;
import org.jesdb.store.snapshots.Snapshot;
import org.jesdb.store.snapshots.SnapshotList;

/**
 * The snapshot use cases: record, read one or the latest, list, delete. A snapshot belongs to
 * its stream: reading one needs READ on the stream, recording or deleting one WRITE, and the list
 * holds only snapshots of streams the caller may read. Code in this JVM passes {@link Caller#TRUSTED}.
 */
@Local
public interface SnapshotService {

    void recordSnapshot(Caller caller, String storeId, String source, String stream, long version, String contentType, byte[] data);

    Snapshot readSnapshot(Caller caller, String storeId, String source, String stream, long version);

    Snapshot readLatestSnapshot(Caller caller, String storeId, String source, String stream);

    SnapshotList listSnapshots(Caller caller, String storeId, String source, String stream, String after, int limit);

    void deleteSnapshot(Caller caller, String storeId, String source, String stream, long version);
}
