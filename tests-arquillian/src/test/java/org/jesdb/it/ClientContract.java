package org.jesdb.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jesdb.client.AppendResult;
import org.jesdb.client.Errors;
import org.jesdb.client.EventData;
import org.jesdb.client.EventPage;
import org.jesdb.client.ExpectedVersion;
import org.jesdb.client.JesdbClient;
import org.jesdb.client.ReadOptions;
import org.jesdb.client.RecordedEvent;
import org.jesdb.client.SnapshotList;
import org.jesdb.client.SnapshotSummary;
import org.jesdb.client.JesdbException;
import org.jesdb.client.NackAction;
import org.jesdb.client.PersistentSubscription;
import org.jesdb.client.PersistentSubscriptionInfo;
import org.jesdb.client.PersistentSubscriptionListener;
import org.jesdb.client.PersistentSubscriptionSettings;
import org.jesdb.client.PersistentSubscriptions;
import org.jesdb.client.StreamList;
import org.jesdb.client.SubscribeFrom;
import org.jesdb.client.Subscription;
import org.jesdb.client.SubscriptionListener;
import org.jesdb.client.SubscriptionSelector;
import org.junit.jupiter.api.Test;

/**
 * What the Java client promises against a real node: every operation, subscriptions, and every
 * typed error. Each runtime extends it with its own node: the runnable jar on Payara Micro
 * (ClientIT) and the EAR on Payara Server (tests-server's PayaraServerClientIT).
 */
public abstract class ClientContract {

    /** A client connected to the node under test. */
    protected abstract JesdbClient client();

    /** The node's HTTP port on 127.0.0.1. */
    protected abstract int port();

    /** The node's REST API, for what the client does not do (a hard delete). */
    protected abstract Api api();

    @Test
    void appendsReadsAndVersionsWithOptimisticConcurrency() {
        List<EventData> events = List.of(EventData.json("OrderPlaced", "{\"total\":12}"),
                EventData.json("OrderPaid", "{\"amount\":12}"));
        AppendResult first = client().appendToStream("order-1", ExpectedVersion.noStream(), events);
        assertThat(first.firstVersion()).isZero();
        assertThat(first.lastVersion()).isEqualTo(1);

        // The same ids again: the first answer, nothing appended twice.
        assertThat(client().appendToStream("order-1", ExpectedVersion.noStream(), events)).isEqualTo(first);
        assertThat(client().streamVersion("order-1")).isEqualTo(1);

        assertThatThrownBy(() -> client().appendToStream("order-1", ExpectedVersion.exactly(0),
                List.of(EventData.json("OrderShipped", "{}"))))
                .isInstanceOfSatisfying(Errors.WrongExpectedVersion.class, e -> assertThat(e.actualVersion()).isEqualTo(1));

        EventPage forwards = client().readStream("order-1", ReadOptions.forwards());
        assertThat(forwards.events()).extracting(RecordedEvent::type).containsExactly("OrderPlaced", "OrderPaid");
        assertThat(forwards.events().get(0).dataAsString()).isEqualTo("{\"total\":12}");
        assertThat(forwards.events().get(0).id()).isEqualTo(events.get(0).id());
        EventPage backwards = client().readStream("order-1", ReadOptions.backwardsFromEnd().maxCount(1));
        assertThat(backwards.events()).extracting(RecordedEvent::type).containsExactly("OrderPaid");
        assertThat(client().readAll(ReadOptions.forwards().from(first.firstPosition()).maxCount(2)).events())
                .extracting(RecordedEvent::stream).containsExactly("order-1", "order-1");
    }

    @Test
    void longStreamsAreReadPageByPage() {
        for (int batch = 0; batch < 3; batch++) {
            List<EventData> events = new ArrayList<>();
            for (int i = 0; i < 500; i++) {
                events.add(EventData.json("Tick", "{\"n\":" + (batch * 500 + i) + "}"));
            }
            client().appendToStream("ticks", ExpectedVersion.any(), events);
        }
        assertThat(client().streamEvents("ticks").map(RecordedEvent::version).toList())
                .hasSize(1500).isSorted().startsWith(0L).endsWith(1499L);
        assertThat(client().allEvents(0).filter(event -> event.stream().equals("ticks")).count()).isEqualTo(1500);
    }

    @Test
    void theAsynchronousFormsCompleteWithTheSameAnswers() throws Exception {
        AppendResult appended = client().appendToStreamAsync("async-1", ExpectedVersion.noStream(),
                List.of(EventData.json("Started", "{}"))).get();
        assertThat(client().readStreamAsync("async-1", ReadOptions.forwards()).get().events())
                .extracting(RecordedEvent::position).containsExactly(appended.firstPosition());
    }

    @Test
    void snapshotsAreRecordedReadListedAndDeleted() {
        client().recordSnapshot("billing", "order-9", 3, "{\"total\":30}");
        client().recordSnapshot("billing", "order-9", 7, "{\"total\":70}");
        client().recordSnapshot("billing", "order-9", 5, "application/octet-stream", new byte[] {1, 2, 3});

        assertThat(client().readSnapshot("billing", "order-9", 3).dataAsString()).isEqualTo("{\"total\":30}");
        assertThat(client().readSnapshot("billing", "order-9", 5).data()).containsExactly(1, 2, 3);
        assertThat(client().readLatestSnapshot("billing", "order-9").version()).isEqualTo(7);
        assertThat(client().listSnapshots("billing", "order-9", null, 10).snapshots()).extracting(SnapshotSummary::version)
                .containsExactly(3L, 5L, 7L);
        SnapshotList firstTwo = client().listSnapshots("billing", "order-9", null, 2);
        assertThat(firstTwo.snapshots()).extracting(SnapshotSummary::version).containsExactly(3L, 5L);
        SnapshotList rest = client().listSnapshots("billing", "order-9", firstTwo.next(), 2);
        assertThat(rest.snapshots()).extracting(SnapshotSummary::version).containsExactly(7L);
        assertThat(rest.next()).isNull();

        client().deleteSnapshot("billing", "order-9", 7);
        assertThat(client().readLatestSnapshot("billing", "order-9").version()).isEqualTo(5);
        assertThatThrownBy(() -> client().readSnapshot("billing", "order-9", 7)).isInstanceOf(Errors.NotFound.class);
    }

    @Test
    void streamsAreListedAndDeleted() throws Exception {
        client().appendToStream("listed-a", ExpectedVersion.noStream(), List.of(EventData.json("One", "{}")));
        client().appendToStream("listed-b", ExpectedVersion.noStream(), List.of(EventData.json("One", "{}"),
                EventData.json("Two", "{}")));
        assertThat(client().listStreams("listed-", 2).streams()).containsExactly(
                new StreamList.Entry("listed-a", 0), new StreamList.Entry("listed-b", 1));

        assertThat(client().deleteStream("listed-b", ExpectedVersion.exactly(1), false)).isEqualTo(1);
        assertThatThrownBy(() -> client().readStream("listed-b", ReadOptions.forwards())).isInstanceOf(Errors.NotFound.class);
        // A soft-deleted stream comes back on its next append, its versions going on.
        assertThat(client().appendToStream("listed-b", ExpectedVersion.any(), List.of(EventData.json("Three", "{}")))
                .firstVersion()).isEqualTo(2);
        assertThat(client().streamVersionAsync("listed-b").get()).isEqualTo(2);
    }

    @Test
    void eachErrorHasItsType() {
        assertThat(client().streamVersion("never-written")).isEqualTo(-1);
        assertThatThrownBy(() -> client().readStream("never-written", ReadOptions.forwards()))
                .isInstanceOfSatisfying(Errors.StreamNotFound.class, e -> assertThat(e.status()).isEqualTo(404));
        assertThatThrownBy(() -> client().appendToStream("bad", ExpectedVersion.any(), List.of()))
                .isInstanceOfSatisfying(Errors.InvalidRequest.class, e -> assertThat(e.field()).isEqualTo("events"));
        assertThatThrownBy(() -> client().appendToStream("..", ExpectedVersion.any(), List.of(EventData.json("X", "{}"))))
                .isInstanceOfSatisfying(Errors.InvalidRequest.class, e -> assertThat(e.status()).isZero());

        client().appendToStream("to-delete", ExpectedVersion.noStream(), List.of(EventData.json("Created", "{}")));
        assertThat(api().delete("api/stores/default/streams/to-delete?mode=hard").status()).isEqualTo(200);
        assertThatThrownBy(() -> client().appendToStream("to-delete", ExpectedVersion.any(), List.of(EventData.json("Again", "{}"))))
                .isInstanceOf(Errors.StreamDeleted.class);

        try (JesdbClient nowhere = JesdbClient.builder().nodes("http://127.0.0.1:" + freePort()).timeout(Duration.ofSeconds(1)).build()) {
            assertThatThrownBy(() -> nowhere.streamVersion("order-1"))
                    .isInstanceOfSatisfying(Errors.NoNodeAvailable.class, e -> assertThat(e.status()).isZero());
        }
    }

    // ---- subscriptions ----

    @Test
    void aStreamSubscriptionCatchesUpThenFollowsAndStops() {
        client().appendToStream("followed", ExpectedVersion.noStream(), List.of(EventData.json("A", "{}"), EventData.json("B", "{}")));
        Heard heard = new Heard();
        Subscription subscription = client().subscribeToStream("followed", SubscribeFrom.start(), heard);
        client().appendToStream("followed", ExpectedVersion.exactly(1), List.of(EventData.json("C", "{}")));
        client().appendToStream("elsewhere", ExpectedVersion.any(), List.of(EventData.json("X", "{}")));

        await().atMost(Duration.ofSeconds(10)).until(() -> heard.events.size() == 3);
        assertThat(heard.events).extracting(RecordedEvent::type).containsExactly("A", "B", "C");
        subscription.stop();
        await().atMost(Duration.ofSeconds(5)).until(() -> heard.cancelled);
        assertThat(heard.cause).isNull();
    }

    @Test
    void anAllSubscriptionFromTheEndHearsOnlyNewSelectedEvents() {
        client().appendToStream("typed-1", ExpectedVersion.any(), List.of(EventData.json("Wanted", "{\"n\":0}")));
        Heard heard = new Heard();
        try (Subscription ignored = client().subscribeToAll(SubscribeFrom.end(), SubscriptionSelector.eventTypes(List.of("Wanted")),
                heard)) {
            // "From the end" is pinned before the first connection: an append made right away is not missed.
            client().appendToStream("typed-1", ExpectedVersion.any(), List.of(EventData.json("Wanted", "{\"n\":1}"),
                    EventData.json("Unwanted", "{}")));
            client().appendToStream("typed-2", ExpectedVersion.any(), List.of(EventData.json("Wanted", "{\"n\":2}")));
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(heard.events).as("cancelled by %s", heard.cause)
                    .hasSize(2));
        }
        assertThat(heard.events).extracting(RecordedEvent::dataAsString).containsExactly("{\"n\":1}", "{\"n\":2}");
    }

    @Test
    void aSubscriptionWhoseConnectionsAreCutResumesWithoutGapOrDuplicate() throws Exception {
        Heard heard = new Heard();
        try (CuttableProxy proxy = new CuttableProxy(port());
             JesdbClient viaProxy = JesdbClient.builder().nodes("http://127.0.0.1:" + proxy.port())
                     .credentials(TestAdmin.NAME, TestAdmin.PASSWORD).build();
             Subscription ignored = viaProxy.subscribeToStream("cut-stream", SubscribeFrom.start(), heard)) {
            for (int round = 0; round < 10; round++) {
                List<EventData> batch = new ArrayList<>();
                for (int i = 0; i < 40; i++) {
                    batch.add(EventData.json("Tick", "{\"round\":" + round + "}"));
                }
                client().appendToStream("cut-stream", ExpectedVersion.any(), batch);
                if (round % 2 == 0) {
                    // Also once the subscriber heard something of this batch: a cut in the middle of delivery.
                    int some = round * 40 + 1;
                    await().atMost(Duration.ofSeconds(20)).until(() -> heard.events.size() >= some);
                }
                proxy.cutAll();
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> heard.events.size() >= 400);
        }
        assertThat(heard.events).extracting(RecordedEvent::version)
                .containsExactlyElementsOf(java.util.stream.LongStream.range(0, 400).boxed().toList());
        assertThat(heard.cause).isNull();
    }

    @Test
    void aPersistentSubscriptionDeliversAcksNacksParksAndReplays() {
        PersistentSubscriptions subscriptions = client().persistentSubscriptions();
        subscriptions.create("shipping", SubscriptionSelector.pattern("parcel-*", null),
                PersistentSubscriptionSettings.defaults().from(SubscribeFrom.start()).maxRetries(2));
        assertThatThrownBy(() -> subscriptions.create("shipping", SubscriptionSelector.all(), PersistentSubscriptionSettings.defaults()))
                .isInstanceOfSatisfying(JesdbException.class, e -> assertThat(e.type()).isEqualTo("subscription-exists"));
        client().appendToStream("parcel-1", ExpectedVersion.any(), List.of(EventData.json("Packed", "{}"),
                EventData.json("Broken", "{}"), EventData.json("Sent", "{}")));

        List<String> seen = new CopyOnWriteArrayList<>();
        PersistentSubscription consumer = subscriptions.subscribe("shipping", (subscription, attempt, event) -> {
            seen.add(event.type() + "#" + attempt);
            if (event.type().equals("Broken") && attempt == 1) {
                subscription.nack(NackAction.PARK, event);
            } else {
                subscription.ack(event);
            }
        });
        await().atMost(Duration.ofSeconds(10)).until(() -> subscriptions.getInfo("shipping").checkpoint() > 0
                && subscriptions.getInfo("shipping").parked() == 1 && subscriptions.getInfo("shipping").acked() == 2);
        assertThat(seen).containsExactly("Packed#1", "Broken#1", "Sent#1");
        assertThat(subscriptions.listParked("shipping", -1, 10).events()).extracting(parked -> parked.event().type())
                .containsExactly("Broken");

        assertThat(subscriptions.replayParked("shipping")).isEqualTo(1);
        await().atMost(Duration.ofSeconds(10)).until(() -> subscriptions.getInfo("shipping").parked() == 0);
        assertThat(seen).hasSize(4).last().asString().startsWith("Broken#");
        assertThat(subscriptions.list()).extracting(PersistentSubscriptionInfo::name).contains("shipping");
        assertThat(subscriptions.update("shipping", PersistentSubscriptionSettings.defaults().maxInFlight(7)).maxInFlight())
                .isEqualTo(7);

        List<Throwable> ended = new CopyOnWriteArrayList<>();
        PersistentSubscription second = subscriptions.subscribe("shipping", new PersistentSubscriptionListener() {
            @Override
            public void onEvent(PersistentSubscription subscription, int attempt, RecordedEvent event) {
            }

            @Override
            public void onCancelled(PersistentSubscription subscription, Throwable cause) {
                ended.add(cause);
            }
        });
        await().atMost(Duration.ofSeconds(10)).until(() -> subscriptions.getInfo("shipping").consumers() == 2);
        subscriptions.delete("shipping");
        // Deleting it tells its consumers why they were closed.
        await().atMost(Duration.ofSeconds(10)).until(() -> ended.size() == 1);
        assertThat(ended.get(0)).isInstanceOfSatisfying(Errors.NotFound.class,
                e -> assertThat(e.type()).isEqualTo("subscription-not-found"));
        assertThat(second.name()).isEqualTo("shipping");
        consumer.stop();
        assertThatThrownBy(() -> subscriptions.getInfo("shipping")).isInstanceOf(Errors.NotFound.class);
    }

    /** What a listener heard, for the assertions. */
    private static final class Heard implements SubscriptionListener {
        final List<RecordedEvent> events = new CopyOnWriteArrayList<>();
        volatile boolean cancelled;
        volatile Throwable cause;

        @Override
        public void onEvent(Subscription subscription, RecordedEvent event) {
            events.add(event);
        }

        @Override
        public void onCancelled(Subscription subscription, Throwable error) {
            cause = error;
            cancelled = true;
        }
    }

    private static int freePort() {
        try {
            return NodeProcess.freePort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
