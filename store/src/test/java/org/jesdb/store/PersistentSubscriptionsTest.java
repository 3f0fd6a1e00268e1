package org.jesdb.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.jesdb.store.EmbeddedStore.event;
import static org.jesdb.store.EmbeddedStore.events;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.jesdb.store.streams.ExpectedVersion;
import org.jesdb.store.subscriptions.ConsumerHandle;
import org.jesdb.store.subscriptions.NackAction;
import org.jesdb.store.subscriptions.Ordering;
import org.jesdb.store.subscriptions.ParkedEvent;
import org.jesdb.store.subscriptions.Selector;
import org.jesdb.store.subscriptions.StartPoint;
import org.jesdb.store.subscriptions.SubscriptionExistsException;
import org.jesdb.store.subscriptions.SubscriptionMessage;
import org.jesdb.store.subscriptions.SubscriptionNotFoundException;
import org.jesdb.store.subscriptions.SubscriptionSettings;
import org.jesdb.store.subscriptions.SubscriptionSink;
import org.jesdb.store.subscriptions.SubscriptionStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PersistentSubscriptionsTest {
    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path dir;
    EventStore store;
    PersistentSubscriptions subscriptions;

    @BeforeEach
    void open() {
        store = EventStore.open(EmbeddedStore.config(dir));
        subscriptions = store.persistentSubscriptions();
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void aConsumerGetsEveryEventOnceInLogOrderWhileAppendsGoOn() throws Exception {
        store.appendToStream("order-1", ExpectedVersion.any(), events(30, "OrderLine"));
        subscriptions.create("all", Selector.all(), StartPoint.start(), SubscriptionSettings.defaults());
        RecordingSink sink = new RecordingSink(message -> subscriptions.ack("all", List.of(message.event().id())));

        try (ConsumerHandle ignored = subscriptions.connect("all", sink)) {
            appendConcurrently(4, 25);
            await().atMost(WAIT).until(() -> sink.messages.size() >= 130);
        }

        assertThat(sink.positions()).containsExactlyElementsOf(range(0, 130));
        assertThat(sink.messages).allMatch(message -> message.attempt() == 1);
        await().atMost(WAIT).until(() -> subscriptions.status("all").checkpoint() == 130);
        assertThat(subscriptions.status("all").lag()).isZero();
    }

    @Test
    void consumersThatRefuseAnEventSpendNoDeliveryAttemptOnIt() {
        store.appendToStream("order-1", ExpectedVersion.any(), events(1, "OrderLine"));
        subscriptions.create("billing", Selector.all(), StartPoint.start(), SubscriptionSettings.defaults().withMaxRetries(0));
        List<String> refusedReasons = new CopyOnWriteArrayList<>();
        for (int i = 0; i < 3; i++) {
            // a consumer gone before it could take anything: a dropped connection, a revoked right
            RefusingSink refusing = new RefusingSink(refusedReasons);
            subscriptions.connect("billing", refusing);
            await().atMost(WAIT).until(() -> refusing.offered > 0 && !refusedReasons.isEmpty());
            refusedReasons.clear();
        }

        RecordingSink sink = new RecordingSink();
        subscriptions.connect("billing", sink);

        await().atMost(WAIT).until(() -> sink.messages.size() == 1);
        assertThat(sink.messages.get(0).attempt()).isEqualTo(1);
        assertThat(subscriptions.status("billing").parked()).isZero();
    }

    /** Refuses every message, as a consumer whose connection is gone does. */
    private static final class RefusingSink implements SubscriptionSink {
        private final List<String> closedReasons;
        volatile int offered;

        RefusingSink(List<String> closedReasons) {
            this.closedReasons = closedReasons;
        }

        @Override
        public boolean offer(SubscriptionMessage message) {
            offered++;
            return false;
        }

        @Override
        public void closed(String reason) {
            closedReasons.add(reason);
        }
    }

    @Test
    void aSubscriptionMadeAtTheEndSeesOnlyLaterEvents() {
        store.appendToStream("order-1", ExpectedVersion.any(), events(5, "OrderLine"));
        SubscriptionStatus status = subscriptions.create("late", Selector.all(), StartPoint.end(), SubscriptionSettings.defaults());
        RecordingSink sink = new RecordingSink();
        subscriptions.connect("late", sink);

        store.appendToStream("order-2", ExpectedVersion.any(), events(2, "OrderLine"));

        assertThat(status.checkpoint()).isEqualTo(5);
        await().atMost(WAIT).until(() -> sink.messages.size() == 2);
        assertThat(sink.positions()).containsExactly(5L, 6L);
    }

    @Test
    void aStreamSubscriptionStartsAtTheVersionAsked() {
        store.appendToStream("order-1", ExpectedVersion.any(), events(3, "OrderLine"));
        store.appendToStream("order-2", ExpectedVersion.any(), events(3, "OrderLine"));
        store.appendToStream("order-1", ExpectedVersion.any(), events(3, "OrderLine"));
        subscriptions.create("o1", Selector.stream("order-1"), StartPoint.version(2), SubscriptionSettings.defaults());
        RecordingSink sink = new RecordingSink();
        subscriptions.connect("o1", sink);

        await().atMost(WAIT).until(() -> sink.messages.size() == 4);
        assertThat(sink.messages).extracting(message -> message.event().version()).containsExactly(2L, 3L, 4L, 5L);
    }

    @Test
    void selectorsPickByTypePatternAndPayload() {
        store.appendToStream("order-1", ExpectedVersion.any(), List.of(
                event("OrderPlaced", "{\"customer\":{\"tier\":\"gold\",\"id\":7},\"total\":12.5}"),
                event("OrderPaid", "{\"amount\":12.5}")));
        store.appendToStream("user-1", ExpectedVersion.any(), List.of(
                event("UserRegistered", "{\"customer\":{\"tier\":\"silver\"}}")));
        subscriptions.create("types", Selector.eventTypes(List.of("OrderPaid", "UserRegistered")), StartPoint.start(),
                SubscriptionSettings.defaults());
        subscriptions.create("glob", Selector.pattern("order-*", "Order*"), StartPoint.start(), SubscriptionSettings.defaults());
        subscriptions.create("gold", Selector.payload("{\"customer\":{\"tier\":\"gold\"}}"), StartPoint.start(),
                SubscriptionSettings.defaults());

        Map<String, RecordingSink> sinks = Map.of("types", new RecordingSink(), "glob", new RecordingSink(),
                "gold", new RecordingSink());
        sinks.forEach(subscriptions::connect);

        await().atMost(WAIT).until(() -> sinks.values().stream().mapToInt(sink -> sink.messages.size()).sum() == 5);
        assertThat(types(sinks.get("types"))).containsExactly("OrderPaid", "UserRegistered");
        assertThat(types(sinks.get("glob"))).containsExactly("OrderPlaced", "OrderPaid");
        assertThat(types(sinks.get("gold"))).containsExactly("OrderPlaced");
    }

    @Test
    void aNackedEventComesBackThenIsParkedWhenRetriesRunOutAndCanBeReplayed() {
        SubscriptionSettings settings = SubscriptionSettings.defaults().withMaxRetries(2);
        subscriptions.create("billing", Selector.stream("order-1"), StartPoint.start(), settings);
        RecordingSink sink = new RecordingSink(message -> {
            if (message.event().version() == 0) {
                subscriptions.nack("billing", List.of(message.event().id()), NackAction.RETRY);
            } else {
                subscriptions.ack("billing", List.of(message.event().id()));
            }
        });
        ConsumerHandle consumer = subscriptions.connect("billing", sink);

        store.appendToStream("order-1", ExpectedVersion.any(), events(2, "OrderLine"));

        // attempts 1, 2, 3 of version 0, then (it is parked) version 1 in its stream's order
        await().atMost(WAIT).until(() -> sink.messages.size() == 4);
        assertThat(sink.messages).extracting(m -> m.event().version() + "#" + m.attempt())
                .containsExactly("0#1", "0#2", "0#3", "1#1");
        await().atMost(WAIT).until(() -> subscriptions.status("billing").checkpoint() == 2);
        List<ParkedEvent> parked = subscriptions.listParked("billing", -1, 10);
        assertThat(parked).hasSize(1);
        assertThat(parked.get(0).event().version()).isZero();
        assertThat(parked.get(0).attempts()).isEqualTo(3);
        assertThat(parked.get(0).reason()).contains("nacked");
        assertThat(subscriptions.status("billing").parked()).isEqualTo(1);
        consumer.close();

        RecordingSink replaySink = new RecordingSink(message -> subscriptions.ack("billing", List.of(message.event().id())));
        subscriptions.connect("billing", replaySink);
        assertThat(subscriptions.replayParked("billing")).isEqualTo(1);

        await().atMost(WAIT).until(() -> replaySink.messages.size() == 1);
        assertThat(replaySink.messages.get(0).attempt()).isEqualTo(4);
        await().atMost(WAIT).until(() -> subscriptions.listParked("billing", -1, 10).isEmpty());
        await().atMost(WAIT).until(() -> subscriptions.status("billing").parked() == 0);
    }

    @Test
    void nackWithParkOrSkipDoesNotRetry() {
        subscriptions.create("s", Selector.all(), StartPoint.start(), SubscriptionSettings.defaults());
        store.appendToStream("order-1", ExpectedVersion.any(), events(2, "OrderLine"));
        RecordingSink sink = new RecordingSink(message -> subscriptions.nack("s", List.of(message.event().id()),
                message.event().version() == 0 ? NackAction.PARK : NackAction.SKIP));
        subscriptions.connect("s", sink);

        await().atMost(WAIT).until(() -> subscriptions.status("s").checkpoint() == 2);
        assertThat(sink.messages).hasSize(2);
        assertThat(subscriptions.listParked("s", -1, 10)).extracting(p -> p.event().version()).containsExactly(0L);
    }

    @Test
    void eventsInFlightToAConsumerThatLeavesGoToAnother() {
        subscriptions.create("shared", Selector.all(), StartPoint.start(), SubscriptionSettings.defaults());
        store.appendToStream("order-1", ExpectedVersion.any(), events(3, "OrderLine"));
        RecordingSink leaving = new RecordingSink();
        ConsumerHandle first = subscriptions.connect("shared", leaving);
        await().atMost(WAIT).until(() -> leaving.messages.size() == 3);

        RecordingSink staying = new RecordingSink(message -> subscriptions.ack("shared", List.of(message.event().id())));
        subscriptions.connect("shared", staying);
        first.close();

        await().atMost(WAIT).until(() -> staying.messages.size() == 3);
        assertThat(staying.ids()).containsExactlyElementsOf(leaving.ids());
        assertThat(staying.messages).allMatch(message -> message.attempt() == 2);
    }

    @Test
    void anEventNotAcknowledgedInTimeIsDeliveredAgain() {
        SubscriptionSettings settings = SubscriptionSettings.defaults().withAckTimeout(Duration.ofMillis(300));
        subscriptions.create("slow", Selector.all(), StartPoint.start(), settings);
        store.appendToStream("order-1", ExpectedVersion.any(), events(1, "OrderLine"));
        RecordingSink sink = new RecordingSink(message -> {
            if (message.attempt() == 2) {
                subscriptions.ack("slow", List.of(message.event().id()));
            }
        });
        subscriptions.connect("slow", sink);

        await().atMost(WAIT).until(() -> subscriptions.status("slow").checkpoint() == 1);
        assertThat(sink.messages).extracting(SubscriptionMessage::attempt).containsExactly(1, 2);
    }

    @Test
    void aConsumerThatLetsAnEventTimeOutIsPausedAndTheEventGoesToAnother() {
        subscriptions.create("pause", Selector.all(), StartPoint.start(), SubscriptionSettings.defaults()
                .withAckTimeout(Duration.ofMillis(500)).withOrdering(Ordering.NONE));
        RecordingSink silent = new RecordingSink();
        subscriptions.connect("pause", silent);
        store.appendToStream("order-1", ExpectedVersion.any(), events(1, "OrderLine"));
        await().atMost(WAIT).until(() -> silent.messages.size() == 1);

        RecordingSink working = new RecordingSink(message -> subscriptions.ack("pause", List.of(message.event().id())));
        subscriptions.connect("pause", working);

        await().atMost(WAIT).until(() -> subscriptions.status("pause").checkpoint() == 1);
        assertThat(working.messages).extracting(SubscriptionMessage::attempt).containsExactly(2);
        assertThat(silent.messages).hasSize(1);
    }

    @Test
    void competingConsumersShareEventsAndKeepEachStreamsOrder() throws Exception {
        subscriptions.create("workers", Selector.all(), StartPoint.start(),
                SubscriptionSettings.defaults().withMaxInFlight(5).withOrdering(Ordering.PER_STREAM));
        List<String> handled = java.util.Collections.synchronizedList(new ArrayList<>());
        List<RecordingSink> sinks = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            RecordingSink sink = new RecordingSink(message -> {
                handled.add(message.event().stream() + "@" + message.event().version());
                subscriptions.ack("workers", List.of(message.event().id()));
            });
            sinks.add(sink);
            subscriptions.connect("workers", sink);
        }

        appendConcurrently(4, 25);

        await().atMost(WAIT).until(() -> handled.size() == 100);
        assertThat(sinks).allMatch(sink -> !sink.messages.isEmpty());
        Map<String, List<Long>> byStream = handled.stream().collect(Collectors.groupingBy(
                entry -> entry.substring(0, entry.indexOf('@')),
                Collectors.mapping(entry -> Long.parseLong(entry.substring(entry.indexOf('@') + 1)), Collectors.toList())));
        byStream.values().forEach(versions -> assertThat(versions).isSorted().doesNotHaveDuplicates());
    }

    @Test
    void aConsumerThatNeverAcknowledgesHoldsOnlyItsWindow() {
        subscriptions.create("stuck", Selector.all(), StartPoint.start(),
                SubscriptionSettings.defaults().withMaxInFlight(10).withOrdering(Ordering.NONE));
        RecordingSink sink = new RecordingSink();
        subscriptions.connect("stuck", sink);

        store.appendToStream("order-1", ExpectedVersion.any(), events(500, "OrderLine"));

        await().atMost(WAIT).until(() -> sink.messages.size() == 10);
        SubscriptionStatus status = subscriptions.status("stuck");
        assertThat(status.inFlight()).isEqualTo(10);
        assertThat(status.checkpoint()).isZero();
        assertThat(status.lag()).isEqualTo(500);
        assertThat(sink.messages).hasSize(10);
    }

    @Test
    void aRestartGoesOnRightAfterTheLastAcknowledgedEvent() {
        subscriptions.create("durable", Selector.all(), StartPoint.start(), SubscriptionSettings.defaults());
        store.appendToStream("order-1", ExpectedVersion.any(), events(10, "OrderLine"));
        RecordingSink before = new RecordingSink(message -> {
            if (message.event().position() < 6) {
                subscriptions.ack("durable", List.of(message.event().id()));
            }
        });
        subscriptions.connect("durable", before);
        await().atMost(WAIT).until(() -> subscriptions.status("durable").checkpoint() == 6);

        store.close();
        store = EventStore.open(EmbeddedStore.config(dir));
        subscriptions = store.persistentSubscriptions();
        RecordingSink after = new RecordingSink();
        subscriptions.connect("durable", after);

        await().atMost(WAIT).until(() -> after.messages.size() == 4);
        assertThat(after.positions()).containsExactly(6L, 7L, 8L, 9L);
        assertThat(subscriptions.status("durable").checkpoint()).isEqualTo(6);
    }

    @Test
    void updateChangesTheSettingsAndDeleteEndsTheConsumers() {
        subscriptions.create("s", Selector.all(), StartPoint.start(), SubscriptionSettings.defaults());
        RecordingSink sink = new RecordingSink();
        subscriptions.connect("s", sink);

        SubscriptionStatus updated = subscriptions.update("s", SubscriptionSettings.defaults().withMaxRetries(3));
        subscriptions.delete("s");

        assertThat(updated.settings().maxRetries()).isEqualTo(3);
        await().atMost(WAIT).until(() -> !sink.closedReasons.isEmpty());
        assertThat(sink.closedReasons.get(0)).contains("deleted");
        assertThatThrownBy(() -> subscriptions.status("s")).isInstanceOf(SubscriptionNotFoundException.class);
        assertThat(subscriptions.list()).isEmpty();
    }

    @Test
    void theStatusHeldHereShowsWhatIsInFlightWithoutAReadBarrier() {
        subscriptions.create("held", Selector.all(), StartPoint.start(), SubscriptionSettings.defaults());
        RecordingSink sink = new RecordingSink();
        subscriptions.connect("held", sink);

        store.appendToStream("order-1", ExpectedVersion.any(), events(3, "OrderLine"));

        await().atMost(WAIT).until(() -> subscriptions.statusHeldHere("held").inFlight() == 3);
        SubscriptionStatus held = subscriptions.statusHeldHere("held");
        assertThat(held.counters().delivered()).isEqualTo(3);
        assertThat(held.lag()).isEqualTo(3);
        assertThatThrownBy(() -> subscriptions.statusHeldHere("missing")).isInstanceOf(SubscriptionNotFoundException.class);
    }

    @Test
    void badRequestsAreRejectedAndChangeNothing() {
        subscriptions.create("s", Selector.all(), StartPoint.start(), SubscriptionSettings.defaults());

        assertThatThrownBy(() -> subscriptions.create("s", Selector.all(), StartPoint.start(), SubscriptionSettings.defaults()))
                .isInstanceOf(SubscriptionExistsException.class);
        assertThatThrownBy(() -> subscriptions.create("v", Selector.all(), StartPoint.version(3), SubscriptionSettings.defaults()))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("from"));
        assertThatThrownBy(() -> subscriptions.create(" bad", Selector.all(), StartPoint.start(), SubscriptionSettings.defaults()))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("name"));
        assertThatThrownBy(() -> subscriptions.create("a/b", Selector.all(), StartPoint.start(), SubscriptionSettings.defaults()))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("name"));
        assertThatThrownBy(() -> subscriptions.update("missing", SubscriptionSettings.defaults()))
                .isInstanceOf(SubscriptionNotFoundException.class);
        assertThatThrownBy(() -> subscriptions.ack("missing", List.of(UUID.randomUUID())))
                .isInstanceOf(SubscriptionNotFoundException.class);
        assertThatThrownBy(() -> subscriptions.ack("s", List.of()))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("ids"));
        assertThatThrownBy(() -> Selector.pattern(null, null))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("selector.pattern"));

        assertThat(subscriptions.list()).extracting(SubscriptionStatus::name).containsExactly("s");
    }

    private void appendConcurrently(int writers, int eventsEach) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                String stream = "writer-" + w;
                done.add(pool.submit(() -> {
                    for (int i = 0; i < eventsEach; i++) {
                        store.appendToStream(stream, ExpectedVersion.any(), events(1, "Written"));
                    }
                }));
            }
            for (Future<?> future : done) {
                future.get();
            }
        } finally {
            pool.shutdown();
        }
    }

    private static List<Long> range(long from, long to) {
        List<Long> out = new ArrayList<>();
        for (long i = from; i < to; i++) {
            out.add(i);
        }
        return out;
    }

    private static List<String> types(RecordingSink sink) {
        return sink.messages.stream().map(message -> message.event().type()).toList();
    }
}
