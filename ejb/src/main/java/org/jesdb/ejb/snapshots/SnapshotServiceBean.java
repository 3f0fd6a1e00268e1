package org.jesdb.ejb.snapshots;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.util.List;
import org.jesdb.ejb.lifecycle.StoreLifecycle;
import org.jesdb.store.snapshots.Snapshot;
import org.jesdb.store.snapshots.SnapshotSummary;

/** Snapshots on this node's store. */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class SnapshotServiceBean implements SnapshotService {

    @EJB
    StoreLifecycle lifecycle;

    @Override
    public void recordSnapshot(String storeId, String source, String stream, long version, String contentType, byte[] data) {
        lifecycle.store(storeId).recordSnapshot(source, stream, version, contentType, data);
    }

    @Override
    public Snapshot readSnapshot(String storeId, String source, String stream, long version) {
        return lifecycle.store(storeId).readSnapshot(source, stream, version);
    }

    @Override
    public Snapshot readLatestSnapshot(String storeId, String source, String stream) {
        return lifecycle.store(storeId).readLatestSnapshot(source, stream);
    }

    @Override
    public List<SnapshotSummary> listSnapshots(String storeId, String source, String stream, int limit) {
        return lifecycle.store(storeId).listSnapshots(source, stream, limit);
    }

    @Override
    public void deleteSnapshot(String storeId, String source, String stream, long version) {
        lifecycle.store(storeId).deleteSnapshot(source, stream, version);
    }
}
