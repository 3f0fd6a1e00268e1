package org.jesdb.ejb.snapshots;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import org.jesdb.ejb.lifecycle.StoreLifecycle;
import org.jesdb.store.EventStore;
import org.jesdb.store.security.Caller;
import org.jesdb.store.security.Right;
import org.jesdb.store.snapshots.Snapshot;
import org.jesdb.store.snapshots.SnapshotList;

/** Snapshots on this node's store. */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class SnapshotServiceBean implements SnapshotService {

    @EJB
    StoreLifecycle lifecycle;

    @Override
    public void recordSnapshot(Caller caller, String storeId, String source, String stream, long version, String contentType, byte[] data) {
        storeFor(caller, storeId, stream, Right.WRITE).recordSnapshot(source, stream, version, contentType, data);
    }

    @Override
    public Snapshot readSnapshot(Caller caller, String storeId, String source, String stream, long version) {
        return storeFor(caller, storeId, stream, Right.READ).readSnapshot(source, stream, version);
    }

    @Override
    public Snapshot readLatestSnapshot(Caller caller, String storeId, String source, String stream) {
        return storeFor(caller, storeId, stream, Right.READ).readLatestSnapshot(source, stream);
    }

    @Override
    public SnapshotList listSnapshots(Caller caller, String storeId, String source, String stream, String after, int limit) {
        return lifecycle.store(storeId).listSnapshots(source, stream, after, limit, caller);
    }

    @Override
    public void deleteSnapshot(Caller caller, String storeId, String source, String stream, long version) {
        storeFor(caller, storeId, stream, Right.WRITE).deleteSnapshot(source, stream, version);
    }

    /** The store, once {@code caller} is known to hold {@code right} on {@code stream}. */
    private EventStore storeFor(Caller caller, String storeId, String stream, Right right) {
        EventStore store = lifecycle.store(storeId);
        store.accessControl().require(caller, stream, right);
        return store;
    }
}
