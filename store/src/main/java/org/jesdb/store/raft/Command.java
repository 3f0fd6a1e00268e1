package org.jesdb.store.raft;

import java.util.List;
import org.jesdb.store.InvalidInputException;
import org.jesdb.store.security.AccessRules;
import org.jesdb.store.security.SecurityCodec;
import org.jesdb.store.security.User;
import org.jesdb.store.streams.DeleteMode;
import org.jesdb.store.streams.ExpectedVersion;
import org.jesdb.store.streams.ProposedEvent;
import org.jesdb.store.subscriptions.Selector;
import org.jesdb.store.subscriptions.StartPoint;
import org.jesdb.store.subscriptions.SubscriptionCodec;
import org.jesdb.store.subscriptions.SubscriptionSettings;

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

    record CreateSubscription(String name, Selector selector, StartPoint start, SubscriptionSettings settings)
            implements Command {
        public CreateSubscription {
            requirePresent("name", name);
            requirePresent("selector", selector);
            requirePresent("from", start);
            requirePresent("settings", settings);
        }

        @Override
        public int size() {
            return 96 + name.length() * 3 + SubscriptionCodec.maxSize(selector);
        }
    }

    record UpdateSubscription(String name, SubscriptionSettings settings) implements Command {
        public UpdateSubscription {
            requirePresent("name", name);
            requirePresent("settings", settings);
        }

        @Override
        public int size() {
            return 64 + name.length() * 3;
        }
    }

    record DeleteSubscription(String name) implements Command {
        public DeleteSubscription {
            requirePresent("name", name);
        }

        @Override
        public int size() {
            return 16 + name.length() * 3;
        }
    }

    /** Every matching event below {@code position} is done; stored only after the acknowledgements. */
    record Checkpoint(String name, long position) implements Command {
        public Checkpoint {
            requirePresent("name", name);
        }

        @Override
        public int size() {
            return 32 + name.length() * 3;
        }
    }

    record ParkEvent(String name, long position, int attempts, String reason) implements Command {
        public ParkEvent {
            requirePresent("name", name);
            requirePresent("reason", reason);
        }

        @Override
        public int size() {
            return 48 + (name.length() + reason.length()) * 3;
        }
    }

    record UnparkEvent(String name, long position) implements Command {
        public UnparkEvent {
            requirePresent("name", name);
        }

        @Override
        public int size() {
            return 32 + name.length() * 3;
        }
    }

    /** Stores a user; {@code mustBeNew} refuses a name that is taken (creating, as opposed to changing). */
    record PutUser(User user, boolean mustBeNew) implements Command {
        public PutUser {
            requirePresent("user", user);
        }

        @Override
        public int size() {
            return 8 + SecurityCodec.maxSize(user);
        }
    }

    record DeleteUser(String name) implements Command {
        public DeleteUser {
            requirePresent("name", name);
        }

        @Override
        public int size() {
            return 16 + name.length() * 3;
        }
    }

    /** Replaces the store's stream access rules. */
    record PutAccessRules(AccessRules rules) implements Command {
        public PutAccessRules {
            requirePresent("rules", rules);
        }

        @Override
        public int size() {
            return 8 + SecurityCodec.maxSize(rules);
        }
    }

    /**
     * Sets up a new store's security once: its first admin and the key its tokens are signed with.
     * Applied only if the store has not been set up, so that members starting together agree.
     */
    record InitializeSecurity(User admin, byte[] tokenKey) implements Command {
        public static final int MAX_KEY_BYTES = 8192;

        public InitializeSecurity {
            requirePresent("admin", admin);
            requirePresent("tokenKey", tokenKey);
            if (tokenKey.length == 0 || tokenKey.length > MAX_KEY_BYTES) {
                throw new InvalidInputException("tokenKey", "must be 1 to " + MAX_KEY_BYTES + " bytes");
            }
        }

        @Override
        public int size() {
            return 16 + SecurityCodec.maxSize(admin) + tokenKey.length;
        }
    }
}
