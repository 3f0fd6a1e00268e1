package org.jesdb.store;

import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import org.jesdb.store.raft.Command;
import org.jesdb.store.raft.CommandResult;
import org.jesdb.store.subscriptions.ConsumerHandle;
import org.jesdb.store.subscriptions.NackAction;
import org.jesdb.store.subscriptions.ParkedEvent;
import org.jesdb.store.subscriptions.Selector;
import org.jesdb.store.subscriptions.StartPoint;
import org.jesdb.store.subscriptions.SubscriptionHub;
import org.jesdb.store.subscriptions.SubscriptionSettings;
import org.jesdb.store.subscriptions.SubscriptionSink;
import org.jesdb.store.subscriptions.SubscriptionNotFoundException;
import org.jesdb.store.subscriptions.SubscriptionStatus;

/**
 * Named subscriptions kept in the replicated store: the durable (and, with several consumers,
 * shared) subscribers of a topic. Each delivers at least once, in log order, and goes on after
 * a restart right after its checkpoint.
 *
 * <pre>{@code
 * PersistentSubscriptions subscriptions = store.persistentSubscriptions();
 * subscriptions.create("billing", Selector.eventTypes(List.of("OrderPlaced")), StartPoint.start(),
 *         SubscriptionSettings.defaults());
 * ConsumerHandle consumer = subscriptions.connect("billing", sink);
 * subscriptions.ack("billing", List.of(eventId));
 * }</pre>
 */
public final class PersistentSubscriptions {
    private final Function<Command, CommandResult> submit;
    private final SubscriptionHub hub;
    private final StoreLimits limits;
    /** A Raft read barrier: reads of the stored state see every committed change (on a follower too). */
    private final Runnable barrier;

    PersistentSubscriptions(Function<Command, CommandResult> submit, SubscriptionHub hub, StoreLimits limits,
                            Runnable barrier) {
        this.submit = submit;
        this.hub = hub;
        this.limits = limits;
        this.barrier = barrier;
    }

    /** Creates a subscription; its start point is resolved now (for {@code end}: the log's end now). */
    public SubscriptionStatus create(String name, Selector selector, StartPoint start, SubscriptionSettings settings) {
        submit.apply(new Command.CreateSubscription(name, selector, start, settings));
        barrier.run();
        return hub.statusAfterChange(name);
    }

    /** Changes the settings; consumers stay connected and the checkpoint stays where it is. */
    public SubscriptionStatus update(String name, SubscriptionSettings settings) {
        submit.apply(new Command.UpdateSubscription(name, settings));
        barrier.run();
        return hub.statusAfterChange(name);
    }

    /** Deletes the subscription, its checkpoint and its parked events; its consumers are told. */
    public void delete(String name) {
        submit.apply(new Command.DeleteSubscription(name));
        barrier.run();
        try {
            hub.statusAfterChange(name);
        } catch (SubscriptionNotFoundException expected) {
            // the dispatcher is closed and its consumers are told
        }
    }

    public SubscriptionStatus status(String name) {
        Names.require("name", name);
        barrier.run();
        return hub.status(name);
    }

    /**
     * The status as this node holds it now, without a read barrier: it answers at once, also on
     * a member cut off from its leader, and may be behind the leader's (for metrics).
     */
    public SubscriptionStatus statusHeldHere(String name) {
        Names.require("name", name);
        return hub.statusHeldHere(name);
    }

    public List<SubscriptionStatus> list() {
        barrier.run();
        return hub.list();
    }

    /**
     * The subscriptions as this node holds them now, without a read barrier: for start-up, when
     * a member catching up on a busy group may take longer than a read's timeout to reach the
     * leader's commit index.
     */
    public List<SubscriptionStatus> listHeldHere() {
        return hub.list();
    }

    /** Connects a consumer; it receives at most {@code maxInFlight} events it has not acknowledged. */
    public ConsumerHandle connect(String name, SubscriptionSink sink) {
        Names.require("name", name);
        return hub.connect(name, sink);
    }

    /** Acknowledges delivered events; returns how many were in flight (others were done already). */
    public int ack(String name, List<UUID> eventIds) {
        Names.require("name", name);
        checkIds(eventIds);
        return hub.ack(name, eventIds);
    }

    public int nack(String name, List<UUID> eventIds, NackAction action) {
        Names.require("name", name);
        checkIds(eventIds);
        if (action == null) {
            throw new InvalidInputException("action", "must be retry, park or skip");
        }
        return hub.nack(name, eventIds, action);
    }

    /** Parked events above position {@code after} (-1 for the first page). */
    public List<ParkedEvent> listParked(String name, long after, int limit) {
        Names.require("name", name);
        if (limit < 1 || limit > limits.maxReadCount()) {
            throw new InvalidInputException("limit", "must be between 1 and " + limits.maxReadCount() + ", was " + limit);
        }
        barrier.run();
        return hub.parked(name, after, limit);
    }

    /** Puts parked events back into delivery; returns how many were queued. */
    public int replayParked(String name) {
        Names.require("name", name);
        return hub.replayParked(name);
    }

    private static void checkIds(List<UUID> ids) {
        if (ids == null || ids.isEmpty()) {
            throw new InvalidInputException("ids", "must hold at least one event id");
        }
        if (ids.size() > SubscriptionSettings.MAX_IN_FLIGHT) {
            throw new InvalidInputException("ids", "must hold at most " + SubscriptionSettings.MAX_IN_FLIGHT + " ids");
        }
        for (int i = 0; i < ids.size(); i++) {
            if (ids.get(i) == null) {
                throw new InvalidInputException("ids[" + i + "]", "must be an event id");
            }
        }
    }
}
