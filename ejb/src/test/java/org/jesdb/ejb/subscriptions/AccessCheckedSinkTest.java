package org.jesdb.ejb.subscriptions;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.jesdb.store.streams.RecordedEvent;
import org.jesdb.store.subscriptions.SubscriptionMessage;
import org.jesdb.store.subscriptions.SubscriptionSink;
import org.junit.jupiter.api.Test;

class AccessCheckedSinkTest {
    private final AtomicLong nanos = new AtomicLong(1_000);
    private final AtomicReference<Optional<String>> refusal = new AtomicReference<>(Optional.empty());
    private final AtomicInteger checks = new AtomicInteger();
    private final Recording consumer = new Recording();
    private final AccessCheckedSink sink = new AccessCheckedSink(consumer, () -> {
        checks.incrementAndGet();
        return refusal.get();
    }, nanos::get);

    @Test
    void passesMessagesAndAsksAgainAtMostOnceASecond() {
        assertThat(sink.offer(message(0))).isTrue();
        nanos.addAndGet(AccessCheckedSink.RECHECK_NANOS - 1);
        assertThat(sink.offer(message(1))).isTrue();
        assertThat(checks).hasValue(0);

        nanos.addAndGet(1);
        assertThat(sink.offer(message(2))).isTrue();

        assertThat(checks).hasValue(1);
        assertThat(consumer.versions).containsExactly(0L, 1L, 2L);
    }

    @Test
    void aConsumerThatMayNoLongerReadIsClosedWithTheReasonAndGetsNothingMore() {
        sink.offer(message(0));
        refusal.set(Optional.of("the user 'bob' no longer exists"));
        nanos.addAndGet(AccessCheckedSink.RECHECK_NANOS);

        assertThat(sink.offer(message(1))).isFalse();
        sink.closed("the consumer could not take more messages and was disconnected");
        assertThat(sink.offer(message(2))).isFalse();

        assertThat(consumer.versions).containsExactly(0L);
        assertThat(consumer.reasons).containsExactly("the user 'bob' no longer exists");
    }

    @Test
    void anEndOfTheSubscriptionReachesTheConsumerOnce() {
        sink.closed("the subscription was deleted");
        sink.closed("again");

        assertThat(consumer.reasons).containsExactly("the subscription was deleted");
        assertThat(sink.offer(message(0))).isFalse();
    }

    private static SubscriptionMessage message(long version) {
        return new SubscriptionMessage(new RecordedEvent(UUID.randomUUID(), "OrderPlaced", "order-1", version, version,
                Instant.EPOCH, "application/json", "{}".getBytes(), new byte[0]), 1);
    }

    private static final class Recording implements SubscriptionSink {
        final List<Long> versions = new ArrayList<>();
        final List<String> reasons = new ArrayList<>();

        @Override
        public boolean offer(SubscriptionMessage message) {
            versions.add(message.event().version());
            return true;
        }

        @Override
        public void closed(String reason) {
            reasons.add(reason);
        }
    }
}
