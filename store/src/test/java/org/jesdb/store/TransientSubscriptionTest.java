package org.jesdb.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.jesdb.store.EmbeddedStore.events;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.jesdb.store.streams.ExpectedVersion;
import org.jesdb.store.subscriptions.Selector;
import org.jesdb.store.subscriptions.StartPoint;
import org.jesdb.store.subscriptions.TransientSubscription;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TransientSubscriptionTest {
    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path dir;
    EventStore store;

    @BeforeEach
    void open() {
        store = EventStore.open(EmbeddedStore.config(dir));
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void catchUpThenLiveMissesNothingAndRepeatsNothingWhileAppendsGoOn() throws Exception {
        store.appendToStream("order-1", ExpectedVersion.any(), events(200, "OrderLine"));
        AtomicReference<TransientSubscription> subscription = new AtomicReference<>();
        RecordingSink sink = new RecordingSink(message -> subscription.get().sent());

        Thread writer = new Thread(() -> {
            for (int i = 0; i < 100; i++) {
                store.appendToStream("order-" + (i % 3), ExpectedVersion.any(), events(1, "OrderLine"));
            }
        });
        writer.start();
        subscription.set(store.subscribe(Selector.all(), StartPoint.start(), 16, sink));
        subscription.get().start();
        writer.join();

        await().atMost(WAIT).until(() -> sink.messages.size() >= 300);
        subscription.get().close();
        List<Long> expected = new ArrayList<>();
        for (long p = 0; p < 300; p++) {
            expected.add(p);
        }
        assertThat(sink.positions()).containsExactlyElementsOf(expected);
    }

    @Test
    void aLiveSubscriptionOfOneStreamSeesOnlyLaterEventsOfThatStream() {
        store.appendToStream("order-1", ExpectedVersion.any(), events(3, "OrderLine"));
        RecordingSink sink = new RecordingSink();
        try (TransientSubscription subscription = store.subscribe(Selector.stream("order-1"), StartPoint.end(), 10, sink)) {
            subscription.start();
            store.appendToStream("order-2", ExpectedVersion.any(), events(2, "OrderLine"));
            store.appendToStream("order-1", ExpectedVersion.any(), events(2, "OrderLine"));

            await().atMost(WAIT).until(() -> sink.messages.size() == 2);
        }
        assertThat(sink.messages).extracting(m -> m.event().stream() + "@" + m.event().version())
                .containsExactly("order-1@3", "order-1@4");
    }

    @Test
    void aConsumerThatConfirmsNothingGetsOnlyItsWindow() {
        store.appendToStream("order-1", ExpectedVersion.any(), events(100, "OrderLine"));
        RecordingSink sink = new RecordingSink();
        try (TransientSubscription subscription = store.subscribe(Selector.all(), StartPoint.start(), 7, sink)) {
            subscription.start();
            await().atMost(WAIT).until(() -> sink.messages.size() == 7);
            store.appendToStream("order-1", ExpectedVersion.any(), events(10, "OrderLine"));
            assertThat(sink.messages).hasSize(7);

            subscription.sent();
            await().atMost(WAIT).until(() -> sink.messages.size() == 8);
        }
    }

    @Test
    void aVersionNeedsAStreamSelector() {
        assertThatThrownBy(() -> store.subscribe(Selector.all(), StartPoint.version(1), 10, new RecordingSink()))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("from"));
    }
}
