package org.jesdb.it.inprocess;

import static java.nio.charset.StandardCharsets.UTF_8;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.Lock;
import jakarta.ejb.LockType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jesdb.ejb.subscriptions.SubscriptionService;
import org.jesdb.store.security.Caller;
import org.jesdb.store.streams.RecordedEvent;
import org.jesdb.store.subscriptions.ConsumerHandle;
import org.jesdb.store.subscriptions.Selector;
import org.jesdb.store.subscriptions.StartPoint;
import org.jesdb.store.subscriptions.SubscriptionExistsException;
import org.jesdb.store.subscriptions.SubscriptionMessage;
import org.jesdb.store.subscriptions.SubscriptionSettings;

/**
 * A consumer deployed beside the store, as an application would write one: it bills every
 * InvoiceRequested event, and fails the first time on each event that asks for it.
 */
@Singleton
@Startup
@DependsOn("StoreLifecycle")
@Lock(LockType.READ)
public class BillingConsumer {
    static final String SUBSCRIPTION = "it-billing";
    private static final String STORE = "default";

    @EJB
    SubscriptionService subscriptions;

    /** Each delivery the handler saw, as stream@version#attempt, in the order it saw them. */
    private final List<String> handled = new CopyOnWriteArrayList<>();
    /** Events already failed on purpose, so each fails only on its first delivery. */
    private final Set<UUID> failedOnce = ConcurrentHashMap.newKeySet();
    private ConsumerHandle consumer;

    @PostConstruct
    void start() {
        try {
            subscriptions.create(Caller.TRUSTED, STORE, SUBSCRIPTION, Selector.eventTypes(List.of("InvoiceRequested")), StartPoint.start(),
                    SubscriptionSettings.defaults());
        } catch (SubscriptionExistsException madeByAnEarlierDeployment) {
            // The data folder outlives deployments: the subscription resumes at its checkpoint.
        }
        consumer = subscriptions.consume(STORE, SUBSCRIPTION, this::bill);
    }

    private void bill(SubscriptionMessage message) {
        RecordedEvent event = message.event();
        handled.add(event.stream() + "@" + event.version() + "#" + message.attempt());
        if (new String(event.data(), UTF_8).contains("fail-once") && failedOnce.add(event.id())) {
            throw new IllegalStateException("billing " + event.id() + " fails once, on purpose");
        }
    }

    @PreDestroy
    void stop() {
        if (consumer != null) {
            consumer.close();
        }
    }

    public List<String> handled() {
        return List.copyOf(handled);
    }
}
