package org.jesdb.store.raft;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.jesdb.store.InvalidInputException;
import org.jesdb.store.LimitExceededException;
import org.jesdb.store.Names;
import org.jesdb.store.security.Principals;
import org.jesdb.store.StoreLimits;
import org.jesdb.store.streams.ProposedEvent;
import org.jesdb.store.subscriptions.Selector;
import org.jesdb.store.subscriptions.StartPoint;

/**
 * The rules a command must meet before it may enter the Raft log: names, sizes, ids. Checked
 * where a command is made ({@code EventStore}) and again by the state machine before the log
 * ({@code startTransaction}), so a command from any Raft client meets them too. Never checked
 * on replay: what is in the log was valid when it got there.
 */
public final class CommandValidator {
    private final StoreLimits limits;

    public CommandValidator(StoreLimits limits) {
        this.limits = limits;
    }

    public void validate(Command command) {
        if (command instanceof Command.Append append) {
            validateAppend(append);
        } else if (command instanceof Command.DeleteStream delete) {
            Names.requireStream("stream", delete.stream());
        } else if (command instanceof Command.RecordSnapshot snapshot) {
            validateSnapshotKey(snapshot.source(), snapshot.stream(), snapshot.version());
            Names.require("contentType", snapshot.contentType());
            if (snapshot.data().length > limits.maxAppendBytes()) {
                throw new LimitExceededException("data", limits.maxAppendBytes(), snapshot.data().length, "bytes");
            }
        } else if (command instanceof Command.DeleteSnapshot delete) {
            validateSnapshotKey(delete.source(), delete.stream(), delete.version());
        } else if (command instanceof Command.DeleteUser delete) {
            Principals.requireName("name", delete.name());
        } else {
            validateSubscriptionCommand(command);
        }
        if (command.size() > limits.maxEntryBytes()) {
            throw new LimitExceededException("events", limits.maxEntryBytes(), command.size(), "encoded bytes");
        }
    }

    private void validateAppend(Command.Append append) {
        Names.requireStream("stream", append.stream());
        if (append.events().isEmpty()) {
            throw new InvalidInputException("events", "must hold at least one event");
        }
        if (append.events().size() > limits.maxEventsPerAppend()) {
            throw new LimitExceededException("events", limits.maxEventsPerAppend(), append.events().size(), "events");
        }
        Set<UUID> ids = new HashSet<>();
        long total = 0;
        for (int i = 0; i < append.events().size(); i++) {
            ProposedEvent event = append.events().get(i);
            if (!ids.add(event.id())) {
                throw new InvalidInputException("events[" + i + "].id", "event id " + event.id() + " appears twice in the batch");
            }
            if (event.size() > limits.maxEventBytes()) {
                throw new LimitExceededException("events[" + i + "]", limits.maxEventBytes(), event.size(), "bytes");
            }
            total += event.size();
        }
        if (total > limits.maxAppendBytes()) {
            throw new LimitExceededException("events", limits.maxAppendBytes(), total, "bytes");
        }
    }

    private static void validateSubscriptionCommand(Command command) {
        if (command instanceof Command.CreateSubscription create) {
            Names.requireUrlSafe("name", create.name());
            boolean oneStream = create.selector() instanceof Selector.ByStream byStream && !byStream.isAll();
            if (create.start() instanceof StartPoint.AtVersion && !oneStream) {
                throw new InvalidInputException("from", "a version needs a selector of one stream; use a position");
            }
        } else if (command instanceof Command.UpdateSubscription update) {
            Names.require("name", update.name());
        } else if (command instanceof Command.DeleteSubscription delete) {
            Names.require("name", delete.name());
        } else if (command instanceof Command.Checkpoint checkpoint) {
            Names.require("name", checkpoint.name());
            requirePosition(checkpoint.position());
        } else if (command instanceof Command.ParkEvent park) {
            Names.require("name", park.name());
            requirePosition(park.position());
        } else if (command instanceof Command.UnparkEvent unpark) {
            Names.require("name", unpark.name());
            requirePosition(unpark.position());
        }
    }

    private static void requirePosition(long position) {
        if (position < 0) {
            throw new InvalidInputException("position", "must be >= 0, was " + position);
        }
    }

    /** The rules of a snapshot's key: valid source and stream names, a version >= 0. */
    public static void validateSnapshotKey(String source, String stream, long version) {
        Names.require("source", source);
        Names.require("stream", stream);
        if (version < 0) {
            throw new InvalidInputException("version", "must be >= 0, was " + version);
        }
    }
}
