package org.jesdb.cli;

import java.util.List;
import org.jesdb.client.EventData;
import org.jesdb.client.ExpectedVersion;

/** Consecutive events of one stream from an export, appended together at the versions they had. */
record ImportBatch(String stream, long firstVersion, long firstLine, List<EventData> events) {

    ImportBatch {
        events = List.copyOf(events);
    }

    /** Exactly where the events before it left the stream, so the batch lands at its exported versions or not at all. */
    ExpectedVersion expectedVersion() {
        return firstVersion == 0 ? ExpectedVersion.noStream() : ExpectedVersion.exactly(firstVersion - 1);
    }
}
