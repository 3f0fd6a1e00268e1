package org.jesdb.ejb.streams;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.jesdb.store.streams.CommitListener;
import org.jesdb.store.streams.RecordedEvent;

/**
 * Turns the store's commit callbacks into CDI {@link EventsAppended} events. The store calls
 * back on Raft's applier thread, which must never wait for application code, so the events
 * are handed to one managed thread that fires them in order.
 */
@ApplicationScoped
public class AppendNotifier {
    private static final Logger LOG = Logger.getLogger(AppendNotifier.class.getName());
    private static final int QUEUE_CAPACITY = 100_000;

    @Inject
    Event<EventsAppended> appended;

    @Resource
    ManagedThreadFactory threadFactory;

    /** One thread, so observers see appends in log order; the queue bounds memory if they lag. */
    private ThreadPoolExecutor notifier;
    private final AtomicLong dropped = new AtomicLong();

    /** The listener to give the store when it opens. */
    public CommitListener listenerFor(String storeId) {
        notifier = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(QUEUE_CAPACITY), threadFactory);
        return events -> notify(storeId, events);
    }

    private void notify(String storeId, List<RecordedEvent> events) {
        try {
            notifier.execute(() -> fire(new EventsAppended(storeId, events.get(0).stream(), events)));
        } catch (RejectedExecutionException e) {
            // Blocking here would stall every write; observers that fall this far behind lose
            // notifications (durable delivery is the job of persistent subscriptions).
            if (dropped.incrementAndGet() % 10_000 == 1) {
                LOG.warning("CDI observers of EventsAppended fall behind; notifications dropped so far: " + dropped.get());
            }
        }
    }

    private void fire(EventsAppended event) {
        try {
            appended.fire(event);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "an observer of EventsAppended failed for stream " + event.stream(), e);
        }
    }

    public long droppedNotifications() {
        return dropped.get();
    }

    @PreDestroy
    void stop() {
        if (notifier != null) {
            notifier.shutdown();
        }
    }
}
