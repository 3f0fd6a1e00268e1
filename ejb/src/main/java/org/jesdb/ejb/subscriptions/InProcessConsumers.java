package org.jesdb.ejb.subscriptions;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.jesdb.store.PersistentSubscriptions;
import org.jesdb.store.subscriptions.ConsumerHandle;
import org.jesdb.store.subscriptions.NackAction;
import org.jesdb.store.subscriptions.SubscriptionMessage;
import org.jesdb.store.subscriptions.SubscriptionSink;

/** Consumers in this JVM: a handler per consumer, run on a delivery thread, acking by returning. */
@ApplicationScoped
public class InProcessConsumers {
    private static final Logger LOG = Logger.getLogger(InProcessConsumers.class.getName());

    @Inject
    DeliveryThreads threads;

    ConsumerHandle connect(PersistentSubscriptions subscriptions, String name, Consumer<SubscriptionMessage> handler) {
        SerialExecutor lane = threads.lane();
        return subscriptions.connect(name, new SubscriptionSink() {
            @Override
            public boolean offer(SubscriptionMessage message) {
                try {
                    lane.execute(() -> handle(subscriptions, name, handler, message));
                    return true;
                } catch (RejectedExecutionException busy) {
                    return false;
                }
            }

            @Override
            public void closed(String reason) {
                LOG.info(() -> "in-process consumer of subscription " + name + " ended: " + reason);
            }
        });
    }

    private static void handle(PersistentSubscriptions subscriptions, String name, Consumer<SubscriptionMessage> handler,
                               SubscriptionMessage message) {
        List<UUID> id = List.of(message.event().id());
        try {
            handler.accept(message);
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "handler of subscription " + name + " failed; the event is retried", e);
            subscriptions.nack(name, id, NackAction.RETRY);
            return;
        }
        subscriptions.ack(name, id);
    }
}
