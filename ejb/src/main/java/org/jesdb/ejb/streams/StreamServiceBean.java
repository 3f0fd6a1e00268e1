package org.jesdb.ejb.streams;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.util.List;
import org.jesdb.ejb.lifecycle.StoreLifecycle;
import org.jesdb.ejb.metrics.StoreMetrics;
import org.jesdb.store.EventStore;
import org.jesdb.store.ReadOptions;
import org.jesdb.store.security.Caller;
import org.jesdb.store.security.Right;
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

    @Inject
    StoreMetrics metrics;

    @Override
    public AppendResult appendToStream(Caller caller, String storeId, String stream, ExpectedVersion expected, List<ProposedEvent> events) {
        JsonPayloads.requireValid(events);
        AppendResult result = storeFor(caller, storeId, stream, Right.WRITE).appendToStream(stream, expected, events);
        long bytes = 0;
        for (ProposedEvent event : events) {
            bytes += event.data().length + (event.metadata() == null ? 0 : event.metadata().length);
        }
        metrics.appended(storeId, events.size(), bytes);
        return result;
    }

    @Override
    public EventPage readStream(Caller caller, String storeId, String stream, ReadOptions options) {
        EventPage page = storeFor(caller, storeId, stream, Right.READ).readStream(stream, options);
        metrics.read(storeId, "stream", page.events().size());
        return page;
    }

    @Override
    public EventPage readAll(Caller caller, String storeId, ReadOptions options) {
        EventPage page = lifecycle.store(storeId).readAll(options, caller);
        metrics.read(storeId, "all", page.events().size());
        return page;
    }

    @Override
    public long streamVersion(Caller caller, String storeId, String stream) {
        return storeFor(caller, storeId, stream, Right.READ).streamVersion(stream);
    }

    @Override
    public StreamList listStreams(Caller caller, String storeId, String after, int limit) {
        return lifecycle.store(storeId).listStreams(after, limit, caller);
    }

    @Override
    public long deleteStream(Caller caller, String storeId, String stream, ExpectedVersion expected, DeleteMode mode) {
        return storeFor(caller, storeId, stream, Right.DELETE).deleteStream(stream, expected, mode);
    }

    /** The store, once {@code caller} is known to hold {@code right} on {@code stream}. */
    private EventStore storeFor(Caller caller, String storeId, String stream, Right right) {
        EventStore store = lifecycle.store(storeId);
        store.accessControl().require(caller, stream, right);
        return store;
    }
}
