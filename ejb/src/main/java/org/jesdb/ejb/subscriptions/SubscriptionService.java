package org.jesdb.ejb.subscriptions;

import jakarta.ejb.Local;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
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

/**
 * Subscriptions on this node's store, for the HTTP layer and for code deployed beside the store.
 * A persistent subscription is a durable (shared, with several consumers) subscriber of the
 * store's topic; a transient one a non-durable subscriber; the selector is the message selector.
 */
@Local
public interface SubscriptionService {

    SubscriptionStatus create(String storeId, String name, Selector selector, StartPoint from, SubscriptionSettings settings);

    SubscriptionStatus update(String storeId, String name, SubscriptionSettings settings);

    void delete(String storeId, String name);

    SubscriptionStatus status(String storeId, String name);

    List<SubscriptionStatus> list(String storeId);

    /** Connects a consumer that acknowledges by itself ({@link #ack}, {@link #nack}); its sink must not block. */
    ConsumerHandle connect(String storeId, String name, SubscriptionSink sink);

    /**
     * Connects an in-process consumer: {@code handler} runs on a managed thread for one message
     * at a time; returning acknowledges the event, throwing nacks it for a retry.
     */
    ConsumerHandle consume(String storeId, String name, Consumer<SubscriptionMessage> handler);

    int ack(String storeId, String name, List<UUID> eventIds);

    int nack(String storeId, String name, List<UUID> eventIds, NackAction action);

    List<ParkedEvent> listParked(String storeId, String name, long after, int limit);

    int replayParked(String storeId, String name);

    /** A transient subscription; call {@link TransientSubscription#start()} once the sink can take messages. */
    TransientSubscription subscribe(String storeId, Selector selector, StartPoint from, int window, SubscriptionSink sink);
}
