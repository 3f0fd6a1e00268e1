package org.jesdb.ejb.subscriptions;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.metrics.Tag;
import org.jesdb.ejb.metrics.FakeMetricRegistry;
import org.jesdb.store.EventStore;
import org.jesdb.store.StoreConfig;
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

    private static ProposedEvent event() {
        return ProposedEvent.json(UUID.randomUUID(), "OrderPlaced", "{}".getBytes(StandardCharsets.UTF_8), null);
    }
}
