package org.jesdb.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.jesdb.store.EmbeddedStore.events;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jesdb.store.streams.AppendResult;
import org.jesdb.store.streams.ExpectedVersion;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The time of each Raft entry goes to metrics, which never fail nor hold up the write. */
class CommitTimesTest {
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
    void eachCommittedEntryIsRecordedOnce() throws InterruptedException {
        AtomicInteger recorded = new AtomicInteger();
        store.recordCommitTimesTo(nanos -> recorded.incrementAndGet());

        // One writer at a time: each append is an entry of its own.
        for (int i = 0; i < 5; i++) {
            store.appendToStream("order-1", ExpectedVersion.any(), events(2, "OrderLine"));
        }

        // Recorded after each append is answered: the last one may come a moment after the loop.
        await().atMost(Duration.ofSeconds(5)).until(() -> recorded.get() >= 5);
        Thread.sleep(200);
        assertThat(recorded).hasValue(5);
    }

    @Test
    void aMetricsConsumerThatThrowsDoesNotFailTheAppend() {
        store.recordCommitTimesTo(nanos -> {
            throw new IllegalStateException("metrics are broken");
        });

        AppendResult first = store.appendToStream("order-1", ExpectedVersion.noStream(), events(1, "OrderPlaced"));
        AppendResult second = store.appendToStream("order-1", ExpectedVersion.exactly(0), events(1, "OrderPaid"));

        assertThat(first.lastVersion()).isZero();
        assertThat(second.lastVersion()).isEqualTo(1);
    }

    @Test
    void anAppendIsAnsweredBeforeItsCommitTimeIsRecorded() throws Exception {
        CountDownLatch appendAnswered = new CountDownLatch(1);
        store.recordCommitTimesTo(nanos -> {
            try {
                appendAnswered.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });

        try {
            AppendResult result = store.appendToStreamAsync("order-1", ExpectedVersion.any(), events(1, "OrderPlaced"))
                    .get(5, TimeUnit.SECONDS);

            assertThat(result.lastVersion()).isZero();
        } finally {
            appendAnswered.countDown();
        }
    }
}
