package org.jesdb.bench.embedded;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.jesdb.bench.events.BenchEvent;
import org.jesdb.bench.targets.Feed;
import org.jesdb.bench.targets.FeedListener;
import org.jesdb.bench.targets.Page;
import org.jesdb.bench.targets.ServerUsage;
import org.jesdb.bench.targets.Session;
import org.jesdb.store.EventStore;
import org.jesdb.store.ReadOptions;
import org.jesdb.store.streams.EventPage;
import org.jesdb.store.streams.ExpectedVersion;
import org.jesdb.store.streams.ProposedEvent;
import org.jesdb.store.subscriptions.Selector;
import org.jesdb.store.subscriptions.StartPoint;
import org.jesdb.store.subscriptions.SubscriptionMessage;
import org.jesdb.store.subscriptions.SubscriptionSink;
import org.jesdb.store.subscriptions.TransientSubscription;

/** A store opened on a fresh folder; reads are linearizable, the API's default. */
final class EmbeddedSession implements Session {
    /** Messages a subscription may hand over before the consumer confirms them: the web layer's SSE window. */
    private static final int WINDOW = 1_024;
    private final EventStore store;

    EmbeddedSession(EventStore store) {
        this.store = store;
    }

    @Override
    public void append(String stream, List<BenchEvent> events) {
        List<ProposedEvent> proposed = new ArrayList<>(events.size());
        for (BenchEvent event : events) {
            proposed.add(ProposedEvent.json(event.id(), event.type(), event.data(), event.metadata()));
        }
        store.appendToStream(stream, ExpectedVersion.any(), proposed);
    }

    @Override
    public Page readStream(String stream, Long from, int count) {
        EventPage page = store.readStream(stream, ReadOptions.forwards().from(from == null ? 0 : from).maxCount(count));
        return new Page(page.events().size(), page.next());
    }

    @Override
    public Page readAll(Long from, int count) {
        EventPage page = store.readAll(ReadOptions.forwards().from(from == null ? 0 : from).maxCount(count));
        return new Page(page.events().size(), page.next());
    }

    /** The in-process transient subscription, as CDI observers and SSE use it; each message is confirmed at once. */
    @Override
    public Feed subscribeAll(boolean fromStart, FeedListener listener) {
        AtomicReference<TransientSubscription> handle = new AtomicReference<>();
        SubscriptionSink sink = new SubscriptionSink() {
            @Override
            public boolean offer(SubscriptionMessage message) {
                listener.onEvent(message.event().id());
                handle.get().sent();
                return true;
            }

            @Override
            public void closed(String reason) {
                // The run closes it; nothing to tell anyone.
            }
        };
        TransientSubscription subscription = store.subscribe(Selector.all(), fromStart ? StartPoint.start() : StartPoint.end(),
                WINDOW, sink);
        handle.set(subscription);
        subscription.start();
        return subscription::close;
    }

    @Override
    public ServerUsage usage() {
        // The store runs in the harness's JVM: its CPU is the harness's, counted by the caller.
        return new ServerUsage(0, store.status().appliedIndex(), -1, -1);
    }

    @Override
    public void close() {
        store.close();
    }
}
