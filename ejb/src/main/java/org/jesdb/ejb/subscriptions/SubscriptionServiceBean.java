package org.jesdb.ejb.subscriptions;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import org.jesdb.ejb.lifecycle.StoreLifecycle;
import org.jesdb.store.PersistentSubscriptions;
import org.jesdb.store.subscriptions.ConsumerHandle;
import org.jesdb.store.subscriptions.NackAction;
import org.jesdb.store.subscriptions.ParkedEvent;
import org.jesdb.store.subscriptions.Selector;
import org.jesdb.store.subscriptions.StartPoint;
import org.jesdb.store.subscriptions.SubscriptionMessage;
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

    @Override
    public SubscriptionStatus create(String storeId, String name, Selector selector, StartPoint from,
                                     SubscriptionSettings settings) {
        SubscriptionStatus status = subscriptions(storeId).create(name, selector, from, settings);
        metrics.register(name, subscriptions(storeId));
        return status;
    }

    @Override
    public SubscriptionStatus update(String storeId, String name, SubscriptionSettings settings) {
        return subscriptions(storeId).update(name, settings);
    }

    @Override
    public void delete(String storeId, String name) {
        subscriptions(storeId).delete(name);
        metrics.unregister(name);
    }

    @Override
    public SubscriptionStatus status(String storeId, String name) {
        return subscriptions(storeId).status(name);
    }

    @Override
    public List<SubscriptionStatus> list(String storeId) {
        return subscriptions(storeId).list();
    }

    @Override
    public ConsumerHandle connect(String storeId, String name, SubscriptionSink sink) {
        return subscriptions(storeId).connect(name, sink);
    }

    @Override
    public ConsumerHandle consume(String storeId, String name, Consumer<SubscriptionMessage> handler) {
        return inProcess.connect(subscriptions(storeId), name, handler);
    }

    @Override
    public int ack(String storeId, String name, List<UUID> eventIds) {
        return subscriptions(storeId).ack(name, eventIds);
    }

    @Override
    public int nack(String storeId, String name, List<UUID> eventIds, NackAction action) {
        return subscriptions(storeId).nack(name, eventIds, action);
    }

    @Override
    public List<ParkedEvent> listParked(String storeId, String name, long after, int limit) {
        return subscriptions(storeId).listParked(name, after, limit);
    }

    @Override
    public int replayParked(String storeId, String name) {
        return subscriptions(storeId).replayParked(name);
    }

    @Override
    public TransientSubscription subscribe(String storeId, Selector selector, StartPoint from, int window,
                                           SubscriptionSink sink) {
        return lifecycle.store(storeId).subscribe(selector, from, window, sink);
    }

    private PersistentSubscriptions subscriptions(String storeId) {
        return lifecycle.store(storeId).persistentSubscriptions();
    }
}
