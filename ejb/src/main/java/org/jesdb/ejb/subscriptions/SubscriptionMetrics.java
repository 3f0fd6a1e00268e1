package org.jesdb.ejb.subscriptions;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricID;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;
import org.jesdb.ejb.metrics.GaugeValue;
import org.jesdb.store.EventStore;
import org.jesdb.store.PersistentSubscriptions;
import org.jesdb.store.streams.CommitListener;
import org.jesdb.store.streams.RecordedEvent;
import org.jesdb.store.subscriptions.SubscriptionNotFoundException;
import org.jesdb.store.subscriptions.SubscriptionStatus;

/**
 * Per-subscription MicroProfile Metrics, tagged {@code subscription=<name>}: what this node
 * delivered, saw acknowledged, nacked and parked since it started, and the subscription's lag,
 * events in flight and parked events now.
 */
@ApplicationScoped
public class SubscriptionMetrics {
    private static final List<Gauge> GAUGES = List.of(
            new Gauge("jesdb.subscription.delivered", "Events delivered by this node since it started",
                    status -> status.counters().delivered()),
            new Gauge("jesdb.subscription.acked", "Events acknowledged on this node since it started",
                    status -> status.counters().acked()),
            new Gauge("jesdb.subscription.nacked", "Events nacked on this node since it started",
                    status -> status.counters().nacked()),
            new Gauge("jesdb.subscription.parked", "Events on the parked list", SubscriptionStatus::parked),
            new Gauge("jesdb.subscription.lag", "Events in the log at or after the checkpoint", SubscriptionStatus::lag),
            new Gauge("jesdb.subscription.inflight", "Events delivered and not yet acknowledged",
                    SubscriptionStatus::inFlight));

    private static final Logger LOG = Logger.getLogger(SubscriptionMetrics.class.getName());

    @Inject
    MetricRegistry registry;

    /**
     * Guards the gauges: checking that one is absent and registering it is one step, whether a
     * request (a creation) or the follower thread (a change applied here) asks. The registry
     * refuses a gauge registered twice.
     */
    private final ReentrantLock registration = new ReentrantLock();
    /** Follows the changes applied on this node: one thread, so they are followed in order. */
    private volatile ExecutorService follower;

    /** Registers the gauges of one subscription; a gauge already there is left as it is. */
    public void register(String name, PersistentSubscriptions subscriptions) {
        Tag tag = new Tag("subscription", name);
        registration.lock();
        try {
            for (Gauge gauge : GAUGES) {
                if (registry.getGauge(new MetricID(gauge.name, tag)) == null) {
                    registry.gauge(Metadata.builder().withName(gauge.name).withDescription(gauge.description).build(),
                            subscriptions, all -> value(all, name, gauge), tag);
                }
            }
        } finally {
            registration.unlock();
        }
    }

    public void unregister(String name) {
        Tag tag = new Tag("subscription", name);
        registration.lock();
        try {
            GAUGES.forEach(gauge -> registry.remove(new MetricID(gauge.name, tag)));
        } finally {
            registration.unlock();
        }
    }

    /**
     * A listener that keeps the gauges in line with the subscriptions as changes are applied on
     * this node (created or deleted through any node). The check runs on one thread made by
     * {@code threads}, never on Raft's applier thread; {@link #stop()} ends it.
     */
    public CommitListener listenerFor(Supplier<EventStore> store, ThreadFactory threads) {
        ExecutorService thread = Executors.newSingleThreadExecutor(threads);
        follower = thread;
        return new CommitListener() {
            @Override
            public void eventsAppended(List<RecordedEvent> events) {
                // appends change no subscription
            }

            @Override
            public void subscriptionChanged(String name) {
                try {
                    thread.execute(() -> follow(store.get(), name));
                } catch (RejectedExecutionException stopping) {
                    // the node stops: nothing to follow any more, and Raft's applier must go on
                }
            }
        };
    }

    /** Stops following changes (the store is closed). */
    public void stop() {
        ExecutorService thread = follower;
        if (thread != null) {
            thread.shutdownNow();
        }
    }

    private void follow(EventStore store, String name) {
        if (store == null) {
            return; // replayed while the store opens: StoreLifecycle registers what it holds once open
        }
        follow(store.persistentSubscriptions(), name);
    }

    private void follow(PersistentSubscriptions subscriptions, String name) {
        try {
            // The change was applied here: what this node holds is current, no read barrier needed.
            subscriptions.statusHeldHere(name);
            register(name, subscriptions);
        } catch (SubscriptionNotFoundException deleted) {
            unregister(name);
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, () -> "subscription=" + name + " metrics not followed: " + e);
        }
    }

    /**
     * A gauge read for a subscription this node no longer holds: its deletion is followed again,
     * on the follower thread (never while the registry is being read), so that gauges a lost or
     * overtaken step left behind go at the next scrape.
     */
    private void followAgain(PersistentSubscriptions subscriptions, String name) {
        ExecutorService thread = follower;
        if (thread == null) {
            return;
        }
        try {
            thread.execute(() -> follow(subscriptions, name));
        } catch (RejectedExecutionException stopping) {
            // the node stops: its gauges go with it
        }
    }

    /**
     * Read as this node holds it, without a read barrier: a barrier waits for the leader (up to
     * the timeout on a member cut off from it), and a scrape must answer at once.
     */
    private long value(PersistentSubscriptions subscriptions, String name, Gauge gauge) {
        return GaugeValue.orMinusOne(gauge.name, () -> {
            try {
                return gauge.value.applyAsLong(subscriptions.statusHeldHere(name));
            } catch (SubscriptionNotFoundException deletedMeanwhile) {
                followAgain(subscriptions, name);
                return 0; // its gauges go once the deletion is followed
            }
        });
    }

    private record Gauge(String name, String description, ToLongFunction<SubscriptionStatus> value) {
    }
}
