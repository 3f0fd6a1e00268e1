package org.jesdb.ejb.subscriptions;

import jakarta.ejb.Local;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import org.jesdb.store.security.Caller;
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
 *
 * <p>Every call but {@link #consume} (in-process, trusted) is made for a {@link Caller} (code in
 * this JVM passes {@link Caller#TRUSTED}). A persistent subscription is the caller's to use only
 * if it may read every stream its selector selects (one stream: read on it; anything else: read
 * everywhere), and {@link #list} holds only those. A transient subscription of one stream needs
 * read on it; one of {@code $all}, globs, types or payloads hands on only the events of streams
 * the caller may read. A refusal is an {@link org.jesdb.store.security.AccessDeniedException},
 * except that a persistent subscription the caller may not read is answered as an unknown one
 * ({@link org.jesdb.store.subscriptions.SubscriptionNotFoundException}, the same words), so that
 * its name cannot be probed; only {@link #create} under a taken name tells that it is taken.
 */
@Local
public interface SubscriptionService {

    SubscriptionStatus create(Caller caller, String storeId, String name, Selector selector, StartPoint from, SubscriptionSettings settings);

    SubscriptionStatus update(Caller caller, String storeId, String name, SubscriptionSettings settings);

    void delete(Caller caller, String storeId, String name);

    SubscriptionStatus status(Caller caller, String storeId, String name);

    List<SubscriptionStatus> list(Caller caller, String storeId);

    /** Connects a consumer that acknowledges by itself ({@link #ack}, {@link #nack}); its sink must not block. */
    ConsumerHandle connect(Caller caller, String storeId, String name, SubscriptionSink sink);

    /**
     * Connects an in-process consumer: {@code handler} runs on a managed thread for one message
     * at a time; returning acknowledges the event, throwing nacks it for a retry.
     */
    ConsumerHandle consume(String storeId, String name, Consumer<SubscriptionMessage> handler);

    int ack(Caller caller, String storeId, String name, List<UUID> eventIds);

    int nack(Caller caller, String storeId, String name, List<UUID> eventIds, NackAction action);

    List<ParkedEvent> listParked(Caller caller, String storeId, String name, long after, int limit);

    int replayParked(Caller caller, String storeId, String name);

    /** A transient subscription; call {@link TransientSubscription#start()} once the sink can take messages. */
    TransientSubscription subscribe(Caller caller, String storeId, Selector selector, StartPoint from, int window, SubscriptionSink sink);
}
