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
import org.jesdb.store.StoreException;
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
        HandlerSink sink = new HandlerSink(subscriptions, name, handler, threads.lane());
        ConsumerHandle handle = subscriptions.connect(name, sink);
        sink.handle = handle;
        return new ConsumerHandle() {
            @Override
            public String id() {
                return handle.id();
            }

            @Override
            public boolean holds(SubscriptionMessage message) {
                return handle.holds(message);
            }

            @Override
            public void close() {
                sink.closed = true;
                handle.close();
            }
        };
    }

    /** Queues each message on the consumer's lane; the handler runs there, one message at a time. */
    private static final class HandlerSink implements SubscriptionSink {
        private final PersistentSubscriptions subscriptions;
        private final String name;
        private final Consumer<SubscriptionMessage> handler;
        private final SerialExecutor lane;
        volatile ConsumerHandle handle;
        volatile boolean closed;

        HandlerSink(PersistentSubscriptions subscriptions, String name, Consumer<SubscriptionMessage> handler,
                    SerialExecutor lane) {
            this.subscriptions = subscriptions;
            this.name = name;
            this.handler = handler;
            this.lane = lane;
        }

        @Override
        public boolean offer(SubscriptionMessage message) {
            try {
                lane.execute(() -> handle(message));
                return true;
            } catch (RejectedExecutionException busy) {
                return false;
            }
        }

        private void handle(SubscriptionMessage message) {
            ConsumerHandle current = handle;
            // Skips what timed out and went elsewhere while it waited, and anything after close().
            if (closed || (current != null && !current.holds(message))) {
                return;
            }
            List<UUID> id = List.of(message.event().id());
            boolean handled;
            try {
                handler.accept(message);
                handled = true;
            } catch (RuntimeException | Error e) {
                LOG.log(Level.FINE, "handler of subscription " + name + " failed; the event is retried", e);
                handled = false;
            }
            try {
                if (handled) {
                    subscriptions.ack(name, id);
                } else {
                    subscriptions.nack(name, id, NackAction.RETRY);
                }
            } catch (StoreException e) {
                LOG.log(Level.FINE, "subscription " + name + " is gone; the answer is dropped", e);
            }
        }

        @Override
        public void closed(String reason) {
            closed = true;
            LOG.info(() -> "in-process consumer of subscription " + name + " ended: " + reason);
        }
    }
}
