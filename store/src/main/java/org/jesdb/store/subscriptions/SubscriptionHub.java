package org.jesdb.store.subscriptions;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jesdb.store.NotLeaderException;
import org.jesdb.store.storage.XodusStorage;
import org.jesdb.store.streams.CommitListener;
import org.jesdb.store.streams.RecordedEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The subscriptions running on this node: one dispatcher per persistent subscription, made
 * from the replicated store and kept in step with it, and the transient subscriptions. Hears
 * every commit on Raft's applier thread and only wakes the subscriptions there.
 */
public final class SubscriptionHub implements CommitListener {
    private static final Logger LOG = LoggerFactory.getLogger(SubscriptionHub.class);

    private final XodusStorage storage;
    private final SubscriptionReader reader;
    private volatile DeliveryRecorder recorder;
    private volatile Leadership leadership;
    private final ScheduledExecutorService executor;
    private final Map<String, PersistentDispatcher> dispatchers = new ConcurrentHashMap<>();
    private final Set<TransientSubscription> transients = ConcurrentHashMap.newKeySet();

    public SubscriptionHub(XodusStorage storage, ScheduledExecutorService executor) {
        this.storage = storage;
        this.reader = new SubscriptionReader(storage);
        this.executor = executor;
    }

    /**
     * Starts a dispatcher for every stored persistent subscription, once the store can record
     * their progress (Raft replays the log before that; the stored state is read here).
     */
    public void start(DeliveryRecorder deliveryRecorder, Leadership raftLeadership) {
        this.recorder = deliveryRecorder;
        this.leadership = raftLeadership;
        if (raftLeadership.isLeader()) {
            for (SubscriptionRecord record : storage.read(reader::list)) {
                refresh(record.name());
            }
        }
    }

    /**
     * Dispatchers follow the leader: one that loses the lead stops them, and their consumers
     * reconnect to the new leader, which goes on from the replicated checkpoints.
     */
    @Override
    public void leaderChanged(boolean thisNodeLeads) {
        if (recorder == null) {
            return;
        }
        // Also when this node (again) leads: dispatchers from an earlier term hold in-flight state
        // and checkpoints that another leader may have moved past; they are rebuilt from the store.
        try {
            executor.execute(this::stopDispatchers);
        } catch (RejectedExecutionException stopping) {
            LOG.debug("the leader changed while the node stops");
        }
    }

    private synchronized void stopDispatchers() {
        String reason = "the leader moved" + (leadership.leaderId() == null ? "" : " to node '" + leadership.leaderId() + "'")
                + "; reconnect there";
        dispatchers.values().forEach(dispatcher -> dispatcher.close(reason));
        dispatchers.clear();
    }

    @Override
    public void eventsAppended(List<RecordedEvent> events) {
        dispatchers.values().forEach(PersistentDispatcher::wake);
        transients.forEach(TransientSubscription::wake);
    }

    @Override
    public void stateInstalled() {
        eventsAppended(List.of());
    }

    @Override
    public void subscriptionChanged(String name) {
        if (recorder == null || !leadership.isLeader()) {
            return;
        }
        // (refresh checks leadership again, under its lock)
        try {
            executor.execute(() -> {
                try {
                    refresh(name);
                } catch (SubscriptionNotFoundException | NotLeaderException nothingToRun) {
                    // deleted (its dispatcher is closed), or no longer leading
                } catch (RuntimeException | Error e) {
                    LOG.error("subscription={} could not follow its change", name, e);
                }
            });
        } catch (RejectedExecutionException stopping) {
            LOG.debug("subscription={} changed while the node stops", name);
        }
    }

    /** The running dispatcher of {@code name}, made from the stored definition if needed; on the leader only. */
    PersistentDispatcher dispatcher(String name) {
        if (!leadership.isLeader()) {
            throw new NotLeaderException("delivery of persistent subscriptions", leadership.leaderId());
        }
        PersistentDispatcher dispatcher = dispatchers.get(name);
        return dispatcher != null ? dispatcher : refresh(name);
    }

    /**
     * Brings the dispatcher of {@code name} in line with the stored definition. Leadership is
     * checked under the same lock as {@link #stopDispatchers}: a dispatcher made just before a
     * leader change is stopped by the stop that change queues.
     */
    private synchronized PersistentDispatcher refresh(String name) {
        if (!leadership.isLeader()) {
            throw new NotLeaderException("delivery of persistent subscriptions", leadership.leaderId());
        }
        var stored = storage.read(txn -> reader.find(txn, name).map(record -> Map.entry(record,
                reader.parkedCount(txn, name))));
        PersistentDispatcher running = dispatchers.get(name);
        if (stored.isEmpty()) {
            if (running != null) {
                dispatchers.remove(name);
                running.close("subscription '" + name + "' was deleted");
            }
            throw new SubscriptionNotFoundException(name);
        }
        if (running != null) {
            running.update(stored.get().getKey().settings());
            return running;
        }
        PersistentDispatcher created = new PersistentDispatcher(stored.get().getKey(), stored.get().getValue(),
                storage, recorder, executor);
        dispatchers.put(name, created);
        return created;
    }

    public ConsumerHandle connect(String name, SubscriptionSink sink) {
        return dispatcher(name).connect(sink);
    }

    public int ack(String name, List<UUID> ids) {
        return dispatcher(name).ack(ids);
    }

    public int nack(String name, List<UUID> ids, NackAction action) {
        return dispatcher(name).nack(ids, action);
    }

    public int replayParked(String name) {
        return dispatcher(name).replayParked();
    }

    /** The status; a follower answers from the replicated state (nothing in flight there). */
    public SubscriptionStatus status(String name) {
        return leadership.isLeader() ? dispatcher(name).status() : storedStatus(name);
    }

    /** The status after a change this node has just applied: the dispatcher takes the change first. */
    public SubscriptionStatus statusAfterChange(String name) {
        try {
            return leadership.isLeader() ? refresh(name).status() : storedStatus(name);
        } catch (NotLeaderException movedMeanwhile) {
            return storedStatus(name);
        }
    }

    /**
     * The status as this node holds it now: no read barrier, no leadership check, no dispatcher
     * made. The running dispatcher's (with what is in flight) where there is one, else the
     * stored state. For metrics, which must answer at once even while the group has no leader.
     */
    public SubscriptionStatus statusHeldHere(String name) {
        PersistentDispatcher running = dispatchers.get(name);
        return running != null ? running.status() : storedStatus(name);
    }

    private SubscriptionStatus storedStatus(String name) {
        return storage.read(txn -> {
            SubscriptionRecord record = reader.find(txn, name).orElseThrow(() -> new SubscriptionNotFoundException(name));
            long end = storage.nextPosition(txn);
            return new SubscriptionStatus(name, record.selector(), record.settings(), record.checkpoint(),
                    Math.max(0, end - record.checkpoint()), 0, reader.parkedCount(txn, name), 0, new SubscriptionCounters());
        });
    }

    public List<SubscriptionStatus> list() {
        List<SubscriptionStatus> out = new ArrayList<>();
        for (SubscriptionRecord record : storage.read(reader::list)) {
            try {
                out.add(status(record.name()));
            } catch (SubscriptionNotFoundException deletedMeanwhile) {
                // gone between the two reads
            }
        }
        return out;
    }

    public List<ParkedEvent> parked(String name, long after, int limit) {
        return storage.read(txn -> {
            reader.find(txn, name).orElseThrow(() -> new SubscriptionNotFoundException(name));
            return reader.parked(txn, name, after, limit);
        });
    }

    /** A transient subscription from {@code start}; delivery begins with {@link TransientSubscription#start()}. */
    public TransientSubscription subscribe(Selector selector, StartPoint start, int window, SubscriptionSink sink,
                                           ReadableStreams readable) {
        long position = storage.read(txn -> StartPositions.resolve(storage, txn, selector, start));
        TransientSubscription[] holder = new TransientSubscription[1];
        TransientSubscription subscription = new TransientSubscription(new LogCursor(storage, selector, position), sink,
                window, readable, executor, () -> transients.remove(holder[0]));
        holder[0] = subscription;
        transients.add(subscription);
        return subscription;
    }

    /** Stores each dispatcher's newest checkpoint, waiting at most {@code waitMs}, and ends every consumer. */
    public void close(long waitMs) {
        List<CompletableFuture<Void>> flushes = new ArrayList<>();
        dispatchers.values().forEach(dispatcher -> flushes.add(dispatcher.flush()));
        try {
            CompletableFuture.allOf(flushes.toArray(CompletableFuture[]::new)).get(waitMs, TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            LOG.warn("not every subscription checkpoint was stored before the stop: {}", e.toString());
        }
        dispatchers.values().forEach(dispatcher -> dispatcher.close("the node is stopping"));
        dispatchers.clear();
        List.copyOf(transients).forEach(subscription -> subscription.end("the node is stopping"));
    }
}
