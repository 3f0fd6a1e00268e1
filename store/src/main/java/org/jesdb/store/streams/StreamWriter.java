package org.jesdb.store.streams;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import jetbrains.exodus.ArrayByteIterable;
import jetbrains.exodus.ByteIterable;
import jetbrains.exodus.env.Transaction;
import org.jesdb.store.codec.EventRecordCodec;
import org.jesdb.store.storage.Keys;
import org.jesdb.store.storage.StreamState;
import org.jesdb.store.storage.XodusStorage;

/**
 * The stream rules, applied inside the state machine's transaction: expected versions,
 * idempotent retries, atomic batches, deletion. A rule that fails throws before anything is
 * written, so a rejected command leaves the transaction as it found it.
 */
public final class StreamWriter {
    private final XodusStorage storage;

    public StreamWriter(XodusStorage storage) {
        this.storage = storage;
    }

    /**
     * Appends {@code events} to {@code stream} at {@code nextPosition} onwards and adds what it
     * wrote to {@code written}; returns where they landed, or the first answer for a retry.
     */
    public AppendResult append(Transaction txn, String stream, ExpectedVersion expected, List<ProposedEvent> events,
                               Instant created, List<RecordedEvent> written) {
        List<Long> knownPositions = knownPositions(txn, events);
        if (!knownPositions.isEmpty()) {
            return originalResult(txn, stream, events, knownPositions);
        }
        StreamState state = storage.streamState(txn, stream).orElse(StreamState.NEW);
        if (state.isHardDeleted()) {
            throw new StreamDeletedException(stream);
        }
        if (!expected.accepts(state.visibleVersion())) {
            throw new WrongExpectedVersionException(stream, expected.text(), state.visibleVersion());
        }
        long position = storage.nextPosition(txn);
        long version = state.lastVersion() + 1;
        long firstPosition = position;
        long firstVersion = version;
        for (ProposedEvent event : events) {
            RecordedEvent recorded = new RecordedEvent(event.id(), event.type(), stream, version, position, created,
                    event.contentType(), event.data(), event.metadata());
            storage.log().putRight(txn, Keys.position(position), new ArrayByteIterable(EventRecordCodec.encode(recorded)));
            storage.streamIndex().put(txn, Keys.streamVersion(stream, version), Keys.position(position));
            storage.eventIds().put(txn, Keys.eventId(event.id()), Keys.position(position));
            written.add(recorded);
            position++;
            version++;
        }
        storage.putStreamState(txn, stream, state.appended(version - 1));
        return new AppendResult(stream, firstVersion, version - 1, firstPosition, position - 1);
    }

    /** Positions of the events whose ids are already stored, in batch order (empty when none are). */
    private List<Long> knownPositions(Transaction txn, List<ProposedEvent> events) {
        List<Long> positions = new ArrayList<>();
        for (ProposedEvent event : events) {
            ByteIterable position = storage.eventIds().get(txn, Keys.eventId(event.id()));
            if (position != null) {
                positions.add(Keys.position(position));
            } else if (!positions.isEmpty()) {
                break;
            }
        }
        return positions;
    }

    /**
     * A retry is recognised when every event of the batch is already stored, in this stream,
     * consecutively and with the same content: the first answer is returned and nothing is written.
     */
    private AppendResult originalResult(Transaction txn, String stream, List<ProposedEvent> events, List<Long> known) {
        if (known.size() != events.size()) {
            ProposedEvent unknown = events.get(known.size());
            throw new DuplicateEventIdException(stream, events.get(0).id(),
                    "the batch mixes stored event ids with new ones (event " + unknown.id()
                            + " is new); retry with exactly the events of the first attempt");
        }
        RecordedEvent first = null;
        RecordedEvent last = null;
        for (int i = 0; i < events.size(); i++) {
            ProposedEvent proposed = events.get(i);
            RecordedEvent stored = StreamReader.eventAt(storage, txn, known.get(i));
            boolean inPlace = stored.stream().equals(stream) && (first == null || stored.version() == first.version() + i);
            if (!inPlace) {
                throw new DuplicateEventIdException(stream, proposed.id(),
                        "it was appended to stream '" + stored.stream() + "' at version " + stored.version()
                                + " in another batch");
            }
            if (!proposed.sameContentAs(stored)) {
                throw new DuplicateEventIdException(stream, proposed.id(),
                        "it was stored with other content; event ids must be unique");
            }
            first = first == null ? stored : first;
            last = stored;
        }
        return new AppendResult(stream, first.version(), last.version(), first.position(), last.position());
    }

    /** Deletes a stream (see {@link DeleteMode}); returns the version it had. */
    public long delete(Transaction txn, String stream, ExpectedVersion expected, DeleteMode mode) {
        StreamState state = storage.streamState(txn, stream).orElseThrow(() -> new StreamNotFoundException(stream));
        if (state.isHardDeleted()) {
            throw new StreamDeletedException(stream);
        }
        if (!expected.accepts(state.visibleVersion())) {
            throw new WrongExpectedVersionException(stream, expected.text(), state.visibleVersion());
        }
        if (mode == DeleteMode.SOFT) {
            if (!state.hasVisibleEvents()) {
                throw new StreamNotFoundException(stream);
            }
            storage.putStreamState(txn, stream, state.softDeleted());
        } else {
            storage.putStreamState(txn, stream, state.hardDeleted());
        }
        return state.lastVersion();
    }
}
