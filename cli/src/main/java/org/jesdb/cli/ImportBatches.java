package org.jesdb.cli;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.jesdb.client.EventData;

/**
 * Groups an export's events into appends: consecutive events of one stream go together, up to
 * a number of events and of bytes (data and metadata), and every stream must run from version 0
 * without a gap. The grouping depends on the input alone, so a second import of the same file
 * sends the same batches with the same ids, which the store answers as retries.
 */
final class ImportBatches {
    private final int maxEvents;
    private final long maxBytes;
    private final Consumer<ImportBatch> append;
    /** The version the next event of each stream seen so far must have. */
    private final Map<String, Long> nextVersions = new HashMap<>();
    private final List<EventData> open = new ArrayList<>();
    private ExportedEvent openedBy;
    private long openBytes;

    ImportBatches(int maxEvents, long maxBytes, Consumer<ImportBatch> append) {
        this.maxEvents = maxEvents;
        this.maxBytes = maxBytes;
        this.append = append;
    }

    /** Takes the next event of the export; hands a batch to append when this event cannot join it. */
    void add(ExportedEvent event) {
        Long next = nextVersions.get(event.stream());
        if (next == null && event.version() != 0) {
            throw InputException.atLine(event.line(), "stream '" + event.stream() + "' starts at version " + event.version()
                    + ": its first events are not in the input (an export made with --from?), so it cannot be"
                    + " imported with the same versions");
        }
        if (next != null && event.version() != next) {
            throw InputException.atLine(event.line(), "stream '" + event.stream() + "' goes from version " + (next - 1)
                    + " to " + event.version() + "; the input is not an export of $all in order");
        }
        nextVersions.put(event.stream(), event.version() + 1);
        long bytes = bytes(event.event());
        if (openedBy != null && (!openedBy.stream().equals(event.stream()) || open.size() == maxEvents
                || openBytes + bytes > maxBytes)) {
            finish();
        }
        if (openedBy == null) {
            openedBy = event;
        }
        open.add(event.event());
        openBytes += bytes;
    }

    /** Hands over the last batch; call at the end of the input. */
    void finish() {
        if (openedBy != null) {
            ImportBatch batch = new ImportBatch(openedBy.stream(), openedBy.version(), openedBy.line(), open);
            open.clear();
            openedBy = null;
            openBytes = 0;
            append.accept(batch);
        }
    }

    /** How many streams the input held so far. */
    int streams() {
        return nextVersions.size();
    }

    private static long bytes(EventData event) {
        return event.data().length + (event.metadata() == null ? 0 : event.metadata().getBytes(StandardCharsets.UTF_8).length);
    }
}
