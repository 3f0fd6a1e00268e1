package org.jesdb.store.raft;

import java.util.List;
import org.jesdb.store.streams.DeleteMode;
import org.jesdb.store.streams.ExpectedVersion;
import org.jesdb.store.streams.ProposedEvent;

/** A change to the store. Commands cross Raft in {@link CommandCodec}'s binary form, never as Java objects. */
public sealed interface Command {

    /** Approximate encoded size, used to bound a Raft entry. */
    int size();

    record Append(String stream, ExpectedVersion expected, List<ProposedEvent> events) implements Command {
        public Append {
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
        @Override
        public int size() {
            return 64 + stream.length() * 3;
        }
    }

    record RecordSnapshot(String source, String stream, long version, String contentType, byte[] data)
            implements Command {
        @Override
        public int size() {
            return 64 + data.length + (source.length() + stream.length() + contentType.length()) * 3;
        }
    }

    record DeleteSnapshot(String source, String stream, long version) implements Command {
        @Override
        public int size() {
            return 64 + (source.length() + stream.length()) * 3;
        }
    }
}
