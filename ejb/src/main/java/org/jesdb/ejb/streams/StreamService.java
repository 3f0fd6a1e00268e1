package org.jesdb.ejb.streams;

import jakarta.ejb.Local;
import java.util.List;
import org.jesdb.store.ReadOptions;
import org.jesdb.store.security.Caller;
import org.jesdb.store.streams.AppendResult;
import org.jesdb.store.streams.DeleteMode;
import org.jesdb.store.streams.EventPage;
import org.jesdb.store.streams.ExpectedVersion;
import org.jesdb.store.streams.ProposedEvent;
import org.jesdb.store.streams.StreamList;

/**
 * The stream use cases: append, read, version, list, delete. Errors are the store's typed
 * exceptions. Every call is made for a {@link Caller} and checked against the store's access
 * rules (an {@link org.jesdb.store.security.AccessDeniedException} when refused); code in this
 * JVM passes {@link Caller#TRUSTED}. Reading needs READ, appending WRITE, deleting DELETE;
 * {@code $all} and the stream list hold only the streams the caller may read.
 */
@Local
public interface StreamService {

    AppendResult appendToStream(Caller caller, String storeId, String stream, ExpectedVersion expected, List<ProposedEvent> events);

    EventPage readStream(Caller caller, String storeId, String stream, ReadOptions options);

    EventPage readAll(Caller caller, String storeId, ReadOptions options);

    long streamVersion(Caller caller, String storeId, String stream);

    StreamList listStreams(Caller caller, String storeId, String after, int limit);

    long deleteStream(Caller caller, String storeId, String stream, ExpectedVersion expected, DeleteMode mode);
}
