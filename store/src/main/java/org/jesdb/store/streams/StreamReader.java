package org.jesdb.store.streams;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import jetbrains.exodus.ByteIterable;
import jetbrains.exodus.env.Cursor;
import jetbrains.exodus.env.Transaction;
import org.jesdb.store.CorruptDataException;
import org.jesdb.store.codec.EventRecordCodec;
import org.jesdb.store.storage.Keys;
import org.jesdb.store.storage.StreamState;
import org.jesdb.store.storage.XodusStorage;

/** Reads streams and the global log from Xodus; every record's checksum is checked. */
public final class StreamReader {
    private final XodusStorage storage;

    public StreamReader(XodusStorage storage) {
        this.storage = storage;
    }

    /**
     * A page of {@code stream}: forward from version {@code from}, or backward from it ({@code from}
     * below 0 means the end).
     */
    public EventPage readStream(Transaction txn, String stream, long from, int count, Direction direction) {
        StreamState state = visibleState(txn, stream);
        long lowest = state.truncateBefore();
        long highest = state.lastVersion();
        List<RecordedEvent> events = new ArrayList<>(Math.min(count, 256));
        if (direction == Direction.FORWARD) {
            long version = Math.max(from, lowest);
            try (Cursor cursor = storage.streamIndex().openCursor(txn)) {
                boolean found = version <= highest && cursor.getSearchKey(Keys.streamVersion(stream, version)) != null;
                while (found && events.size() < count && version <= highest) {
                    events.add(indexedEvent(txn, cursor, stream, version));
                    version++;
                    found = cursor.getNext();
                }
            }
            requireComplete(stream, events.size(), count, Math.max(from, lowest), highest);
            long next = events.isEmpty() ? version : events.get(events.size() - 1).version() + 1;
            return new EventPage(events, next <= highest ? next : null);
        }
        long version = from < 0 || from > highest ? highest : from;
        long start = version;
        try (Cursor cursor = storage.streamIndex().openCursor(txn)) {
            boolean found = version >= lowest && cursor.getSearchKey(Keys.streamVersion(stream, version)) != null;
            while (found && events.size() < count && version >= lowest) {
                events.add(indexedEvent(txn, cursor, stream, version));
                version--;
                found = cursor.getPrev();
            }
        }
        requireComplete(stream, events.size(), count, lowest, start);
        long next = events.isEmpty() ? version : events.get(events.size() - 1).version() - 1;
        return new EventPage(events, next >= lowest && !events.isEmpty() ? next : null);
    }

    /** A page of the global order: forward from {@code from}, or backward ({@code from} below 0 means the end). */
    /** A page of $all stops once it has read this many bytes of records (a page of wanted events may pass it by one). */
    private static final long MAX_SCANNED_BYTES = 64L << 20;

    public EventPage readAll(Transaction txn, long from, int count, Direction direction) {
        return readAll(txn, from, count, direction, stream -> true, Integer.MAX_VALUE);
    }

    /**
     * {@code $all} as seen by a reader who may read only the streams {@code visible} accepts: the
     * other events are passed over. At most {@code maxScanned} records are looked at, so that a
     * reader of a few streams in a large log gets an answer in bounded time (and, whoever reads, at
     * most {@value #MAX_SCANNED_BYTES} bytes of records per page): the page may then hold fewer
     * events than asked (even none) while {@code next} goes on from where it stopped.
     */
    public EventPage readAll(Transaction txn, long from, int count, Direction direction, Predicate<String> visible,
                             int maxScanned) {
        List<RecordedEvent> events = new ArrayList<>(Math.min(count, 256));
        try (Cursor cursor = storage.log().openCursor(txn)) {
            boolean found;
            if (direction == Direction.FORWARD) {
                found = cursor.getSearchKeyRange(Keys.position(Math.max(0, from))) != null;
            } else if (from < 0) {
                found = cursor.getLast();
            } else {
                found = cursor.getSearchKey(Keys.position(from)) != null || cursor.getLast();
                if (found && Keys.position(cursor.getKey()) > from) {
                    found = false;
                }
            }
            int scanned = 0;
            long scannedBytes = 0;
            while (found && events.size() < count && scanned < maxScanned && scannedBytes < MAX_SCANNED_BYTES) {
                byte[] record = XodusStorage.copy(cursor.getValue());
                RecordedEvent event = EventRecordCodec.decode(record, Keys.position(cursor.getKey()));
                scanned++;
                scannedBytes += record.length;
                if (visible.test(event.stream())) {
                    events.add(event);
                }
                found = direction == Direction.FORWARD ? cursor.getNext() : cursor.getPrev();
            }
            return new EventPage(events, found ? Keys.position(cursor.getKey()) : null);
        }
    }

    /** The stream's version: -1 when it has no events; throws if it was hard-deleted. */
    public long streamVersion(Transaction txn, String stream) {
        StreamState state = storage.streamState(txn, stream).orElse(StreamState.NEW);
        if (state.isHardDeleted()) {
            throw new StreamDeletedException(stream);
        }
        return state.visibleVersion();
    }

    /** Streams with readable events, in name order, after {@code after} (null: from the first). */
    public StreamList listStreams(Transaction txn, String after, int limit) {
        return listStreams(txn, after, limit, stream -> true, Integer.MAX_VALUE);
    }

    /**
     * The stream list as seen by a reader who may read only the streams {@code visible} accepts.
     * At most {@code maxScanned} names are looked at, so the page may hold fewer streams than asked
     * (even none) while {@code next} goes on from the last name looked at.
     */
    public StreamList listStreams(Transaction txn, String after, int limit, Predicate<String> visible, int maxScanned) {
        List<StreamSummary> streams = new ArrayList<>(Math.min(limit, 256));
        try (Cursor cursor = storage.streams().openCursor(txn)) {
            boolean found = after == null
                    ? cursor.getNext()
                    : cursor.getSearchKeyRange(Keys.name(after)) != null;
            if (found && after != null && Keys.name(cursor.getKey()).equals(after)) {
                found = cursor.getNext();
            }
            String lastScanned = null;
            int scanned = 0;
            while (found && streams.size() < limit && scanned < maxScanned) {
                String name = Keys.name(cursor.getKey());
                StreamState state = XodusStorage.streamState(name, cursor.getValue());
                if (state.hasVisibleEvents() && visible.test(name)) {
                    streams.add(new StreamSummary(name, state.lastVersion()));
                }
                lastScanned = name;
                scanned++;
                found = cursor.getNext();
            }
            // without a filter the last name looked at is the last one listed, as before
            return new StreamList(streams, found ? lastScanned : null);
        }
    }

    private StreamState visibleState(Transaction txn, String stream) {
        StreamState state = storage.streamState(txn, stream).orElseThrow(() -> new StreamNotFoundException(stream));
        if (state.isHardDeleted()) {
            throw new StreamDeletedException(stream);
        }
        if (!state.hasVisibleEvents()) {
            throw new StreamNotFoundException(stream);
        }
        return state;
    }

    /**
     * The event the index cursor points at, checked to be this stream's event at this version: a
     * missing or stray index entry is damage, never a reason to return another stream's events.
     */
    private RecordedEvent indexedEvent(Transaction txn, Cursor cursor, String stream, long version) {
        if (!cursor.getKey().equals(Keys.streamVersion(stream, version))) {
            throw new CorruptDataException("the index of stream '" + stream + "' has no entry for version " + version);
        }
        RecordedEvent event = eventAt(storage, txn, Keys.position(cursor.getValue()));
        if (!event.stream().equals(stream) || event.version() != version) {
            throw new CorruptDataException("the index of stream '" + stream + "' at version " + version
                    + " points to position " + event.position() + ", which holds " + event.stream() + "@" + event.version());
        }
        return event;
    }

    /** Versions low..high all exist: a page must be full unless the range ran out. */
    private static void requireComplete(String stream, int read, int count, long low, long high) {
        long available = Math.max(0, high - low + 1);
        if (read < Math.min(count, available)) {
            throw new CorruptDataException("the index of stream '" + stream + "' misses entries between versions "
                    + low + " and " + high);
        }
    }

    /** The event at a global position; a missing or damaged record is an error, never skipped. */
    static RecordedEvent eventAt(XodusStorage storage, Transaction txn, long position) {
        ByteIterable value = storage.log().get(txn, Keys.position(position));
        if (value == null) {
            throw new CorruptDataException("the index points to position " + position + ", which is not in the log");
        }
        return EventRecordCodec.decode(XodusStorage.copy(value), position);
    }
}
