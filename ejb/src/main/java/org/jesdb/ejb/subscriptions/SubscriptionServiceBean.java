package org.jesdb.ejb.subscriptions;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import org.jesdb.ejb.lifecycle.StoreLifecycle;
import org.jesdb.store.AccessControl;
import org.jesdb.store.EventStore;
import org.jesdb.store.PersistentSubscriptions;
import org.jesdb.store.security.Caller;
import org.jesdb.store.security.Right;
import org.jesdb.store.security.User;
import org.jesdb.store.subscriptions.ConsumerHandle;
import org.jesdb.store.subscriptions.NackAction;
import org.jesdb.store.subscriptions.ParkedEvent;
import org.jesdb.store.subscriptions.Selector;
import org.jesdb.store.subscriptions.StartPoint;
import org.jesdb.store.subscriptions.SubscriptionMessage;
import org.jesdb.store.subscriptions.SubscriptionNotFoundException;
import org.jesdb.store.subscriptions.SubscriptionSettings;
import org.jesdb.store.subscriptions.SubscriptionSink;
import org.jesdb.store.subscriptions.SubscriptionStatus;
import org.jesdb.store.subscriptions.TransientSubscription;

/** Subscriptions on this node's store. No JTA transaction: progress is stored through Raft. */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class SubscriptionServiceBean implements SubscriptionService {

    @EJB
    StoreLifecycle lifecycle;

    @Inject
    SubscriptionMetrics metrics;

    @Inject
    InProcessConsumers inProcess;

    /**
     * A taken name is refused as taken (SubscriptionExistsException) whoever may read the subscription
     * holding it: names are one namespace per store, so this much cannot be hidden. The caller's rights
     * on what its own selector selects are checked first, so only a caller who may create some
     * subscription learns it, and it learns nothing of the other one (not its selector nor status).
     */
    @Override
    public SubscriptionStatus create(Caller caller, String storeId, String name, Selector selector, StartPoint from,
                                     SubscriptionSettings settings) {
        AccessControl access = lifecycle.store(storeId).accessControl();
        access.requireRead(caller, selector);
        access.require(caller, selector, Right.WRITE);
        SubscriptionStatus status = subscriptions(storeId).create(name, selector, from, settings);
        metrics.register(name, subscriptions(storeId));
        return status;
    }

    @Override
    public SubscriptionStatus update(Caller caller, String storeId, String name, SubscriptionSettings settings) {
        return managedBy(caller, storeId, name).update(name, settings);
    }

    @Override
    public void delete(Caller caller, String storeId, String name) {
        managedBy(caller, storeId, name).delete(name);
        metrics.unregister(name);
    }

    @Override
    public SubscriptionStatus status(Caller caller, String storeId, String name) {
        return readableBy(caller, storeId, name).status(name);
    }

    @Override
    public List<SubscriptionStatus> list(Caller caller, String storeId) {
        AccessControl access = lifecycle.store(storeId).accessControl();
        return subscriptions(storeId).list().stream().filter(status -> access.mayRead(caller, status.selector())).toList();
    }

    @Override
    public ConsumerHandle connect(Caller caller, String storeId, String name, SubscriptionSink sink) {
        PersistentSubscriptions subscriptions = readableBy(caller, storeId, name);
        if (caller == Caller.TRUSTED) { // the constant itself: in-process code, or security off
            return subscriptions.connect(name, sink);
        }
        AccessControl access = lifecycle.store(storeId).accessControl();
        Selector selector = storedSelector(subscriptions, name);
        return subscriptions.connect(name, new AccessCheckedSink(sink, () -> refusal(access, caller.name(), selector),
                System::nanoTime));
    }

    /** Why the stored user {@code user} may no longer read {@code selector}; empty while it may. */
    private static Optional<String> refusal(AccessControl access, String user, Selector selector) {
        Optional<User> current = access.localUser(user);
        if (current.isEmpty()) {
            return Optional.of("the user '" + user + "' no longer exists");
        }
        if (!access.mayRead(current.get().asCaller(), selector)) {
            return Optional.of("the user '" + user + "' may no longer read what this subscription selects");
        }
        return Optional.empty();
    }

    @Override
    public ConsumerHandle consume(String storeId, String name, Consumer<SubscriptionMessage> handler) {
        return inProcess.connect(subscriptions(storeId), name, handler);
    }

    @Override
    public int ack(Caller caller, String storeId, String name, List<UUID> eventIds) {
        return readableBy(caller, storeId, name).ack(name, eventIds);
    }

    @Override
    public int nack(Caller caller, String storeId, String name, List<UUID> eventIds, NackAction action) {
        return readableBy(caller, storeId, name).nack(name, eventIds, action);
    }

    @Override
    public List<ParkedEvent> listParked(Caller caller, String storeId, String name, long after, int limit) {
        return readableBy(caller, storeId, name).listParked(name, after, limit);
    }

    @Override
    public int replayParked(Caller caller, String storeId, String name) {
        return managedBy(caller, storeId, name).replayParked(name);
    }

    @Override
    public TransientSubscription subscribe(Caller caller, String storeId, Selector selector, StartPoint from, int window,
                                           SubscriptionSink sink) {
        EventStore store = lifecycle.store(storeId);
        if (selector instanceof Selector.ByStream byStream && !byStream.isAll()) {
            store.accessControl().requireRead(caller, selector);
        }
        // any other selector may reach any stream: its events are filtered as they are handed on
        return store.subscribe(selector, from, window, sink, caller);
    }

    private PersistentSubscriptions subscriptions(String storeId) {
        return lifecycle.store(storeId).persistentSubscriptions();
    }

    /**
     * The store's subscriptions, once {@code caller} is known to be allowed to read every stream the stored
     * subscription {@code name} selects. Admins are not checked. A caller who may not read it is told it
     * does not exist, in the same words as for an unknown name: a refusal would confirm that the name is
     * taken, so a limited user could probe which subscriptions there are.
     */
    private PersistentSubscriptions readableBy(Caller caller, String storeId, String name) {
        EventStore store = lifecycle.store(storeId);
        PersistentSubscriptions subscriptions = store.persistentSubscriptions();
        if (!caller.isAdmin() && !store.accessControl().mayRead(caller, storedSelector(subscriptions, name))) {
            // an unknown name is looked for again behind a read barrier (storedSelector), which on a
            // cluster takes a round trip to the leader: a hidden one waits for the same, so that the
            // time of the answer does not tell them apart either
            subscriptions.status(name);
            throw new SubscriptionNotFoundException(name);
        }
        return subscriptions;
    }

    /**
     * The store's subscriptions, once {@code caller} is known to be allowed to read and write every
     * stream the stored subscription {@code name} selects: changing, deleting or replaying a
     * subscription changes what its other consumers get, which reading alone must not allow. Read
     * is checked first, so only a caller who may see the subscription learns that it may not write it.
     */
    private PersistentSubscriptions managedBy(Caller caller, String storeId, String name) {
        PersistentSubscriptions subscriptions = readableBy(caller, storeId, name);
        if (!caller.isAdmin()) {
            lifecycle.store(storeId).accessControl().require(caller, storedSelector(subscriptions, name), Right.WRITE);
        }
        return subscriptions;
    }

    /** The subscription's selector: as held here, else (not here yet, or unknown) after a read barrier. */
    private static Selector storedSelector(PersistentSubscriptions subscriptions, String name) {
        try {
            return subscriptions.statusHeldHere(name).selector();
        } catch (SubscriptionNotFoundException notHereYet) {
            return subscriptions.status(name).selector();
        }
    }
}
