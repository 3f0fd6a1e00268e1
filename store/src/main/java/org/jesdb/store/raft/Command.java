package org.jesdb.store.raft;

import java.util.List;
import org.jesdb.store.InvalidInputException;
import org.jesdb.store.streams.DeleteMode;
import org.jesdb.store.streams.ExpectedVersion;
import org.jesdb.store.streams.ProposedEvent;

/** A change to the store. Commands cross Raft in {@link CommandCodec}'s binary form, never as Java objects. */
public sealed interface Command {

    /** An upper bound of the encoded size (UTF-8 takes at most 3 bytes a char), used to bound a Raft entry. */
    int size();

    private static void requirePresent(String field, Object value) {
        if (value == null) {
            throw new InvalidInputException(field, "must be present");
        }
    }

    record Append(String stream, ExpectedVersion expected, List<ProposedEvent> events) implements Command {
        public Append {
            requirePresent("stream", stream);
            requirePresent("expectedVersion", expected);
            requirePresent("events", events);
            for (int i = 0; i < events.size(); i++) {
                requirePresent("events[" + i + "]", events.get(i));
            }
            events = List.copyOf(events);
        }

        @Override
        public int size() {
            int size = 64 + stream.length() * 3;
            for (ProposedEvent event : events) {
                size += 64 + event.size() + (event.type().length() + event.contentType().length()) * 3;
            }
            return size;
        }
    }

    record DeleteStream(String stream, ExpectedVersion expected, DeleteMode mode) implements Command {
        public DeleteStream {
            requirePresent("stream", stream);
            requirePresent("expectedVersion", expected);
            requirePresent("mode", mode);
        }

        @Override
        public int size() {
            return 64 + stream.length() * 3;
        }
    }

    record RecordSnapshot(String source, String stream, long version, String contentType, byte[] data)
            implements Command {
        public RecordSnapshot {
            requirePresent("source", source);
            requirePresent("stream", stream);
            requirePresent("contentType", contentType);
            requirePresent("data", data);
        }

        @Override
        public int size() {
            return 64 + data.length + (source.length() + stream.length() + contentType.length()) * 3;
        }
    }

    record DeleteSnapshot(String source, String stream, long version) implements Command {
        public DeleteSnapshot {
            requirePresent("source", source);
            requirePresent("stream", stream);
        }

        @Override
        public int size() {
            return 64 + (source.length() + stream.length()) * 3;
        }
    }
}
