package org.jesdb.ejb.streams;

import jakarta.ejb.Local;
import java.util.List;
import org.jesdb.store.ReadOptions;
import org.jesdb.store.streams.AppendResult;
import org.jesdb.store.streams.DeleteMode;
import org.jesdb.store.streams.EventPage;
import org.jesdb.store.streams.ExpectedVersion;
import org.jesdb.store.streams.ProposedEvent;
import org.jesdb.store.streams.StreamList;

/** The stream use cases: append, read, version, list, delete. Errors are the store's typed exceptions. */
@Local
public interface StreamService {

    AppendResult appendToStream(String storeId, String stream, ExpectedVersion expected, List<ProposedEvent> events);

    EventPage readStream(String storeId, String stream, ReadOptions options);

    EventPage readAll(String storeId, ReadOptions options);

    long streamVersion(String storeId, String stream);

    StreamList listStreams(String storeId, String after, int limit);

    long deleteStream(String storeId, String stream, ExpectedVersion expected, DeleteMode mode);
}
