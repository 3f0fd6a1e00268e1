package org.jesdb.ejb.subscriptions;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;
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

    @Inject
    MetricRegistry registry;

    /** Registers the gauges of one subscription (again is harmless). */
    public void register(String name, PersistentSubscriptions subscriptions) {
        Tag tag = new Tag("subscription", name);
        for (Gauge gauge : GAUGES) {
            if (registry.getGauges().containsKey(new MetricID(gauge.name, tag))) {
                continue;
            }
            registry.gauge(Metadata.builder().withName(gauge.name).withDescription(gauge.description).build(),
                    subscriptions, all -> value(all, name, gauge), tag);
        }
    }

    /**
     * A listener that keeps the gauges in line with the subscriptions as changes are applied on
     * this node (created or deleted through any node): the check runs on {@code executor}, never
     * on Raft's applier thread.
     */
    public CommitListener listenerFor(Supplier<EventStore> store, Executor executor) {
        return new CommitListener() {
            @Override
            public void eventsAppended(List<RecordedEvent> events) {
                // appends change no subscription
            }

            @Override
            public void subscriptionChanged(String name) {
                executor.execute(() -> follow(store.get(), name));
            }
        };
    }

    private void follow(EventStore store, String name) {
        if (store == null) {
            return;
        }
        try {
            store.persistentSubscriptions().status(name);
            register(name, store.persistentSubscriptions());
        } catch (SubscriptionNotFoundException deleted) {
            unregister(name);
        } catch (RuntimeException notNow) {
            // the leader moved meanwhile: registering again later is harmless, and value() copes
            register(name, store.persistentSubscriptions());
        }
    }

    public void unregister(String name) {
        Tag tag = new Tag("subscription", name);
        GAUGES.forEach(gauge -> registry.remove(new MetricID(gauge.name, tag)));
    }

    /**
     * Read as this node holds it, without a read barrier: a barrier waits for the leader (up to
     * the timeout on a member cut off from it), and a scrape must answer at once.
     */
    private static long value(PersistentSubscriptions subscriptions, String name, Gauge gauge) {
        return GaugeValue.orMinusOne(gauge.name, () -> {
            try {
                return gauge.value.applyAsLong(subscriptions.statusHeldHere(name));
            } catch (SubscriptionNotFoundException deletedMeanwhile) {
                return 0; // its gauges go once the deletion is followed
            }
        });
    }

    private record Gauge(String name, String description, ToLongFunction<SubscriptionStatus> value) {
    }
}
