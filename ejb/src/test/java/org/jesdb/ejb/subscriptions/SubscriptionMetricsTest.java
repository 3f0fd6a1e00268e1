package org.jesdb.ejb.subscriptions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.metrics.Tag;
import org.jesdb.ejb.metrics.FakeMetricRegistry;
import org.jesdb.store.EventStore;
import org.jesdb.store.StoreConfig;
import org.jesdb.store.streams.CommitListener;
import org.jesdb.store.streams.ExpectedVersion;
import org.jesdb.store.streams.ProposedEvent;
import org.jesdb.store.subscriptions.Selector;
import org.jesdb.store.subscriptions.StartPoint;
import org.jesdb.store.subscriptions.SubscriptionSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SubscriptionMetricsTest {
    private static final Tag BILLING = new Tag("subscription", "billing");

    @TempDir
    Path dir;
    final FakeMetricRegistry fake = new FakeMetricRegistry();
    final SubscriptionMetrics metrics = new SubscriptionMetrics();
    EventStore store;

    @BeforeEach
    void open() {
        metrics.registry = fake.registry;
        store = EventStore.open(StoreConfig.singleNode(dir));
        store.persistentSubscriptions().create("billing", Selector.all(), StartPoint.start(), SubscriptionSettings.defaults());
    }

    @AfterEach
    void close() {
        if (store != null) {
            store.close();
        }
    }

    @Test
    void theGaugesTellTheSubscriptionsLagAsThisNodeHoldsIt() {
        metrics.register("billing", store.persistentSubscriptions());

        store.appendToStream("order-1", ExpectedVersion.any(), List.of(event(), event()));

        assertThat(fake.value("jesdb.subscription.lag", BILLING)).isEqualTo(2);
        assertThat(fake.value("jesdb.subscription.inflight", BILLING)).isZero();
    }

    @Test
    void aGaugeThatCannotBeReadReportsMinusOneInsteadOfFailingTheScrape() {
        metrics.register("billing", store.persistentSubscriptions());
        store.close();
        store = null;

        assertThat(fake.value("jesdb.subscription.lag", BILLING)).isEqualTo(-1);
        assertThat(fake.value("jesdb.subscription.delivered", BILLING)).isEqualTo(-1);
    }

    @Test
    void registeringAgainOrFromManyThreadsAtOnceRegistersEachGaugeOnce() throws Exception {
        ExecutorService callers = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> calls = new ArrayList<>();
            for (int i = 0; i < 32; i++) {
                calls.add(callers.submit(() -> metrics.register("billing", store.persistentSubscriptions())));
            }
            for (Future<?> call : calls) {
                call.get();
            }
        } finally {
            callers.shutdown();
        }

        assertThat(fake.registeredTwice).hasValue(0);
        assertThat(fake.gauges.keySet()).filteredOn(id -> id.getTags().containsValue("billing")).hasSize(6);
    }

    @Test
    void changesAppliedHereAreFollowedOnOneThreadAndEachGaugeIsRegisteredOnce() {
        AtomicInteger threads = new AtomicInteger();
        CommitListener listener = metrics.listenerFor(() -> store, task -> {
            threads.incrementAndGet();
            return new Thread(task, "test-metrics-follower");
        });
        for (int i = 0; i < 5; i++) {
            store.persistentSubscriptions().create("s" + i, Selector.all(), StartPoint.start(), SubscriptionSettings.defaults());
        }
        store.persistentSubscriptions().delete("s4");
        metrics.register("s4", store.persistentSubscriptions());

        try {
            for (int round = 0; round < 10; round++) {
                for (int i = 0; i < 5; i++) {
                    listener.subscriptionChanged("s" + i);
                }
            }

            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(fake.gauges.keySet())
                    .extracting(id -> id.getTags().get("subscription")).containsOnly("s0", "s1", "s2", "s3").hasSize(24));
            assertThat(threads).hasValue(1);
            assertThat(fake.registeredTwice).hasValue(0);
        } finally {
            metrics.stop();
        }
    }

    private static ProposedEvent event() {
        return ProposedEvent.json(UUID.randomUUID(), "OrderPlaced", "{}".getBytes(StandardCharsets.UTF_8), null);
    }
}
