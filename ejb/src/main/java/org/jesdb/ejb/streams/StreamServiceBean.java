package org.jesdb.ejb.streams;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.util.List;
import org.jesdb.ejb.lifecycle.StoreLifecycle;
import org.jesdb.store.ReadOptions;
import org.jesdb.store.streams.AppendResult;
import org.jesdb.store.streams.DeleteMode;
import org.jesdb.store.streams.EventPage;
import org.jesdb.store.streams.ExpectedVersion;
import org.jesdb.store.streams.ProposedEvent;
import org.jesdb.store.streams.StreamList;

/** Streams on this node's store. No JTA transaction: the store's consistency comes from Raft. */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class StreamServiceBean implements StreamService {

    @EJB
    StoreLifecycle lifecycle;

    @Override
    public AppendResult appendToStream(String storeId, String stream, ExpectedVersion expected, List<ProposedEvent> events) {
        return lifecycle.store(storeId).appendToStream(stream, expected, events);
    }

    @Override
    public EventPage readStream(String storeId, String stream, ReadOptions options) {
        return lifecycle.store(storeId).readStream(stream, options);
    }

    @Override
    public EventPage readAll(String storeId, ReadOptions options) {
        return lifecycle.store(storeId).readAll(options);
    }

    @Override
    public long streamVersion(String storeId, String stream) {
        return lifecycle.store(storeId).streamVersion(stream);
    }

    @Override
    public StreamList listStreams(String storeId, String after, int limit) {
        return lifecycle.store(storeId).listStreams(after, limit);
    }

    @Override
    public long deleteStream(String storeId, String stream, ExpectedVersion expected, DeleteMode mode) {
        return lifecycle.store(storeId).deleteStream(stream, expected, mode);
    }
}
