package org.jesdb.store.subscriptions;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.jesdb.store.storage.XodusStorage;
import org.jesdb.store.streams.RecordedEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers one persistent subscription to its consumers on this node: reads matching events
 * from the log at the checkpoint on, hands them out within each consumer's window, and tracks
 * every event until it is acknowledged, parked or skipped. The checkpoint is the lowest
 * position not yet done, stored through Raft only after the acknowledgements that move it.
 * <p>
 * All state is guarded by {@link #lock}; work runs on the shared subscription executor, one
 * pump at a time, woken by appends, acknowledgements, consumers and timers.
 */
final class PersistentDispatcher {
    private static final Logger LOG = LoggerFactory.getLogger(PersistentDispatcher.class);
    private static final long BACKOFF_BASE_MS = 100;
    private static final long BACKOFF_MAX_MS = 10_000;
    private static final long RECORDER_RETRY_MS = 1_000;
    private static final int MAX_REPLAY = 10_000;
    /** Events read ahead and not done, at most, whatever the windows: bounds memory with big windows. */
    private static final int MAX_READ_AHEAD = 10_000;

    private final String name;
    private final Selector selector;
    private final XodusStorage storage;
    private final SubscriptionReader reader;
    private final DeliveryRecorder recorder;
    private final ScheduledExecutorService executor;
    private final SubscriptionCounters counters = new SubscriptionCounters();
    private final Pump pump;

    /** Guards everything below. */
    private final ReentrantLock lock = new ReentrantLock();
    private SubscriptionSettings settings;
    private final LogCursor cursor;
    /** Matching events read and not done yet, by position: the checkpoint is the first key. */
    private final TreeMap<Long, Delivery> unfinished = new TreeMap<>();
    /** Events ready to go out (new, due for a retry, or replayed from the parked list), by position. */
    private final TreeMap<Long, Delivery> ready = new TreeMap<>();
    private final Map<UUID, Delivery> inFlight = new HashMap<>();
    private final PriorityQueue<Delivery> retries = new PriorityQueue<>((a, b) -> Long.compare(a.dueAt, b.dueAt));
    /** Streams with events out or waiting for a retry, for the per-stream order. */
    private final Map<String, StreamHold> holds = new HashMap<>();
    private final Map<String, Consumer> consumers = new LinkedHashMap<>();
    private final List<Consumer> roundRobin = new ArrayList<>();
    private int nextConsumer;
    private long storedCheckpoint;
    private boolean checkpointWriting;
    private long parkedCount;
    private ScheduledFuture<?> timer;
    /** When the running pump started: what consumers' pauses are compared with. */
    private long pumpTime;
    private long timerAt = Long.MAX_VALUE;
    private boolean closed;

    PersistentDispatcher(SubscriptionRecord record, long parkedCount, XodusStorage storage, DeliveryRecorder recorder,
                         ScheduledExecutorService executor) {
        this.name = record.name();
        this.selector = record.selector();
        this.settings = record.settings();
        this.storage = storage;
        this.reader = new SubscriptionReader(storage);
        this.recorder = recorder;
        this.executor = executor;
        this.pump = new Pump(executor, this::pump);
        this.cursor = new LogCursor(storage, selector, record.checkpoint());
        this.storedCheckpoint = record.checkpoint();
        this.parkedCount = parkedCount;
    }

    String name() {
        return name;
    }

    SubscriptionCounters counters() {
        return counters;
    }

    // ---- consumers ----

    ConsumerHandle connect(SubscriptionSink sink) {
        Consumer consumer = new Consumer(UUID.randomUUID().toString(), sink);
        lock.lock();
        try {
            if (closed) {
                throw new SubscriptionNotFoundException(name);
            }
            consumers.put(consumer.id, consumer);
            roundRobin.add(consumer);
        } finally {
            lock.unlock();
        }
        wake();
        return consumer;
    }

    private void disconnect(Consumer consumer) {
        lock.lock();
        try {
            if (consumers.remove(consumer.id) == null) {
                return;
            }
            roundRobin.remove(consumer);
            long now = now();
            for (Delivery delivery : List.copyOf(inFlight.values())) {
                if (delivery.consumer == consumer) {
                    inFlight.remove(delivery.event.id());
                    returned(delivery);
                    retryOrPark(delivery, "its consumer went away", 0, now);
                }
            }
        } finally {
            lock.unlock();
        }
        wake();
    }

    // ---- acknowledgements ----

    /** Acknowledges events by id; ids not in flight here (already done, or timed out) are ignored. */
    int ack(Collection<UUID> ids) {
        int done = 0;
        lock.lock();
        try {
            for (UUID id : ids) {
                Delivery delivery = takeInFlight(id);
                if (delivery != null) {
                    counters.acked.incrementAndGet();
                    finish(delivery);
                    done++;
                }
            }
        } finally {
            lock.unlock();
        }
        wake();
        return done;
    }

    int nack(Collection<UUID> ids, NackAction action) {
        int done = 0;
        lock.lock();
        try {
            long now = now();
            for (UUID id : ids) {
                Delivery delivery = takeInFlight(id);
                if (delivery == null) {
                    continue;
                }
                counters.nacked.incrementAndGet();
                done++;
                switch (action) {
                    case RETRY -> retryOrPark(delivery, "nacked", backoff(delivery.attempt), now);
                    case PARK -> park(delivery, "parked by a consumer");
                    case SKIP -> finish(delivery);
                }
            }
        } finally {
            lock.unlock();
        }
        wake();
        return done;
    }

    /** Puts the parked events back into delivery; they leave the parked list once acknowledged. */
    int replayParked() {
        List<ParkedEvent> parked = storage.read(txn -> reader.parked(txn, name, -1, MAX_REPLAY));
        int queued = 0;
        lock.lock();
        try {
            Set<Long> out = new HashSet<>();
            inFlight.values().forEach(delivery -> out.add(delivery.event.position()));
            for (ParkedEvent event : parked) {
                long position = event.event().position();
                // A park committed just before a crash leaves the event both parked and unfinished.
                if (!ready.containsKey(position) && !unfinished.containsKey(position) && !out.contains(position)) {
                    Delivery delivery = new Delivery(event.event(), true);
                    delivery.attempt = event.attempts();
                    ready.put(position, delivery);
                    queued++;
                }
            }
        } finally {
            lock.unlock();
        }
        wake();
        return queued;
    }

    /** True while {@code consumer} holds this delivery: not acked, nacked, timed out or given to another. */
    private boolean holds(Consumer consumer, SubscriptionMessage message) {
        lock.lock();
        try {
            Delivery delivery = inFlight.get(message.event().id());
            return delivery != null && delivery.consumer == consumer && delivery.attempt == message.attempt();
        } finally {
            lock.unlock();
        }
    }

    private Delivery takeInFlight(UUID id) {
        Delivery delivery = inFlight.remove(id);
        if (delivery != null) {
            // The consumer answered: it is alive and may take events again.
            delivery.consumer.pausedUntil = 0;
            returned(delivery);
        }
        return delivery;
    }

    /** The delivery is no longer out with its consumer. */
    private void returned(Delivery delivery) {
        delivery.consumer.inFlight--;
        delivery.consumer = null;
        if (!delivery.fromParked) {
            hold(delivery.event.stream(), hold -> hold.inFlight--);
        }
    }

    /** Acknowledged or skipped: the event no longer holds the checkpoint back. */
    private void finish(Delivery delivery) {
        if (delivery.fromParked) {
            // Stays on the parked list until the removal is durable; a crash before it replays it again.
            recorder.unpark(name, delivery.event.position()).whenComplete((ok, error) -> {
                if (error == null) {
                    changeParkedCount(-1);
                } else {
                    LOG.warn("subscription={} could not remove position={} from the parked list: {}", name,
                            delivery.event.position(), error.toString());
                }
            });
            return;
        }
        unfinished.remove(delivery.event.position());
    }

    private void retryOrPark(Delivery delivery, String reason, long delayMs, long now) {
        if (delivery.attempt > settings.maxRetries()) {
            park(delivery, reason + " on attempt " + delivery.attempt + " of " + (settings.maxRetries() + 1));
            return;
        }
        waitForRetry(delivery, now + delayMs);
    }

    private void waitForRetry(Delivery delivery, long dueAt) {
        delivery.dueAt = dueAt;
        retries.add(delivery);
        if (!delivery.fromParked) {
            hold(delivery.event.stream(), hold -> hold.retrying++);
        }
    }

    /**
     * Writes the event to the parked list; only once that is durable does it stop holding the
     * checkpoint back, so a crash in between delivers it again rather than losing it.
     */
    private void park(Delivery delivery, String reason) {
        if (delivery.fromParked) {
            return; // it is still on the parked list
        }
        recorder.park(name, delivery.event.position(), delivery.attempt, truncate(reason))
                .whenComplete((ok, error) -> parked(delivery, error));
    }

    private void parked(Delivery delivery, Throwable error) {
        lock.lock();
        try {
            if (error == null) {
                counters.parked.incrementAndGet();
                parkedCount++;
                unfinished.remove(delivery.event.position());
            } else {
                LOG.warn("subscription={} could not park position={}: {}", name, delivery.event.position(), error.toString());
                waitForRetry(delivery, now() + RECORDER_RETRY_MS);
            }
        } finally {
            lock.unlock();
        }
        wake();
    }

    private void changeParkedCount(int delta) {
        lock.lock();
        try {
            parkedCount = Math.max(0, parkedCount + delta);
        } finally {
            lock.unlock();
        }
    }

    // ---- the pump ----

    /** Asks for a pump on the executor (see {@link Pump}). */
    void wake() {
        pump.wake();
    }

    private void pump() {
        boolean more = false;
        lock.lock();
        try {
            if (closed) {
                return;
            }
            long now = now();
            pumpTime = now;
            expire(now);
            releaseDueRetries(now);
            if (!consumers.isEmpty()) {
                more = fill();
                assign(now);
            }
            writeCheckpoint();
            scheduleTimer(now);
        } catch (RuntimeException | Error e) {
            // The executor would swallow it silently, and no timer would wake this pump again.
            LOG.error("subscription={} delivery failed, retrying in {} ms", name, RECORDER_RETRY_MS, e);
            executor.schedule(this::wake, RECORDER_RETRY_MS, TimeUnit.MILLISECONDS);
        } finally {
            lock.unlock();
        }
        if (more) {
            wake();
        }
    }

    /** In flight past the ack timeout: delivered again (or parked once retries run out). */
    private void expire(long now) {
        for (Iterator<Delivery> it = inFlight.values().iterator(); it.hasNext(); ) {
            Delivery delivery = it.next();
            if (delivery.deadline <= now) {
                it.remove();
                // A consumer that let an event time out gets nothing for one more ack timeout, or
                // until it answers: a stuck connection does not pile up redeliveries behind it.
                delivery.consumer.pausedUntil = now + settings.ackTimeout().toMillis();
                returned(delivery);
                retryOrPark(delivery, "not acknowledged within " + settings.ackTimeout().toMillis() + " ms", 0, now);
            }
        }
    }

    private void releaseDueRetries(long now) {
        while (!retries.isEmpty() && retries.peek().dueAt <= now) {
            Delivery delivery = retries.poll();
            if (!delivery.fromParked) {
                hold(delivery.event.stream(), hold -> hold.retrying--);
            }
            ready.put(delivery.event.position(), delivery);
        }
    }

    /**
     * Reads ahead while fewer than twice the consumers' windows are unfinished: this bounds the
     * memory a slow consumer can hold. Returns true when the log has more to read right now.
     */
    private boolean fill() {
        int limit = Math.min(MAX_READ_AHEAD, 2 * settings.maxInFlight() * consumers.size());
        int room = limit - unfinished.size();
        if (room <= 0) {
            return false;
        }
        for (RecordedEvent event : cursor.next(room)) {
            Delivery delivery = new Delivery(event, false);
            unfinished.put(event.position(), delivery);
            ready.put(event.position(), delivery);
        }
        return !cursor.reachedEnd() && unfinished.size() < limit;
    }

    /**
     * Hands ready events to consumers with room, round robin. With the per-stream order, a
     * stream's events go to the consumer that holds its earlier ones, and wait while one of
     * them waits for a retry.
     */
    private void assign(long now) {
        boolean perStream = settings.ordering() == Ordering.PER_STREAM;
        Set<String> waiting = new HashSet<>();
        List<Consumer> gone = new ArrayList<>();
        for (Iterator<Delivery> it = ready.values().iterator(); it.hasNext() && hasRoom(); ) {
            Delivery delivery = it.next();
            if (inFlight.containsKey(delivery.event.id())) {
                if (delivery.fromParked) {
                    it.remove(); // the same event is out already, as a regular delivery
                }
                continue;
            }
            String stream = delivery.event.stream();
            Consumer consumer;
            if (!perStream || delivery.fromParked) {
                consumer = consumerWithRoom();
            } else if (waiting.contains(stream)) {
                continue;
            } else {
                consumer = consumerInOrder(holds.get(stream));
            }
            if (consumer == null) {
                waiting.add(stream);
                continue;
            }
            it.remove();
            send(delivery, consumer, now, gone);
        }
        gone.forEach(consumer -> executor.execute(() -> dropGone(consumer)));
    }

    /** A consumer whose sink refused a message: its events go to the others, and it is told. */
    private void dropGone(Consumer consumer) {
        disconnect(consumer);
        try {
            consumer.sink.closed("the consumer could not take more messages and was disconnected");
        } catch (RuntimeException e) {
            LOG.debug("subscription={} consumer={} failed on close: {}", name, consumer.id, e.toString());
        }
    }

    /** The consumer that may take the next event of a stream in this state, or null. */
    private Consumer consumerInOrder(StreamHold hold) {
        if (hold == null) {
            return consumerWithRoom();
        }
        if (hold.retrying > 0) {
            return null;
        }
        if (hold.inFlight > 0) {
            return hasRoom(hold.consumer) ? hold.consumer : null;
        }
        return consumerWithRoom();
    }

    private boolean hasRoom() {
        for (Consumer consumer : roundRobin) {
            if (hasRoom(consumer)) {
                return true;
            }
        }
        return false;
    }

    private boolean hasRoom(Consumer consumer) {
        return consumer.inFlight < settings.maxInFlight() && !consumer.gone && consumer.pausedUntil <= pumpTime;
    }

    private Consumer consumerWithRoom() {
        for (int i = 0; i < roundRobin.size(); i++) {
            Consumer candidate = roundRobin.get((nextConsumer + i) % roundRobin.size());
            if (hasRoom(candidate)) {
                nextConsumer = (nextConsumer + i + 1) % roundRobin.size();
                return candidate;
            }
        }
        return null;
    }

    private void send(Delivery delivery, Consumer consumer, long now, List<Consumer> gone) {
        delivery.attempt++;
        delivery.consumer = consumer;
        delivery.deadline = now + settings.ackTimeout().toMillis();
        inFlight.put(delivery.event.id(), delivery);
        consumer.inFlight++;
        if (!delivery.fromParked) {
            hold(delivery.event.stream(), hold -> {
                hold.inFlight++;
                hold.consumer = consumer;
            });
        }
        counters.delivered.incrementAndGet();
        if (!consumer.sink.offer(new SubscriptionMessage(delivery.event, delivery.attempt))) {
            // Not taken, so never delivered: no attempt is spent, or consumers refused one after
            // another (a dropped connection, a revoked right) could park an event nobody received.
            delivery.attempt--;
            counters.delivered.decrementAndGet();
            consumer.gone = true;
            gone.add(consumer);
        }
    }

    /** Changes a stream's hold, and forgets it once nothing of the stream is out or waiting. */
    private void hold(String stream, java.util.function.Consumer<StreamHold> change) {
        StreamHold hold = holds.computeIfAbsent(stream, key -> new StreamHold());
        change.accept(hold);
        if (hold.inFlight <= 0 && hold.retrying <= 0) {
            holds.remove(stream);
        }
    }

    private long checkpoint() {
        return unfinished.isEmpty() ? cursor.position() : Math.min(unfinished.firstKey(), cursor.position());
    }

    /** One checkpoint write at a time; each carries the newest checkpoint when it starts. */
    private void writeCheckpoint() {
        long checkpoint = checkpoint();
        if (checkpointWriting || checkpoint <= storedCheckpoint) {
            return;
        }
        checkpointWriting = true;
        recorder.checkpoint(name, checkpoint).whenComplete((ok, error) -> {
            lock.lock();
            try {
                checkpointWriting = false;
                if (error == null) {
                    storedCheckpoint = Math.max(storedCheckpoint, checkpoint);
                } else {
                    LOG.warn("subscription={} checkpoint={} not stored: {}", name, checkpoint, error.toString());
                }
            } finally {
                lock.unlock();
            }
            if (error == null) {
                wake();
            } else {
                executor.schedule(this::wake, RECORDER_RETRY_MS, TimeUnit.MILLISECONDS);
            }
        });
    }

    /** Wakes the pump when the next retry is due or the next delivery times out. */
    private void scheduleTimer(long now) {
        long next = Long.MAX_VALUE;
        if (!retries.isEmpty()) {
            next = retries.peek().dueAt;
        }
        for (Delivery delivery : inFlight.values()) {
            next = Math.min(next, delivery.deadline);
        }
        for (Consumer consumer : roundRobin) {
            if (consumer.pausedUntil > now) {
                next = Math.min(next, consumer.pausedUntil);
            }
        }
        // A timer due by now has fired (its future may not say so yet): it wakes nothing more.
        boolean pending = timer != null && timerAt > now && !timer.isDone();
        if (next == Long.MAX_VALUE || (pending && timerAt <= next)) {
            return;
        }
        if (timer != null) {
            timer.cancel(false);
        }
        timerAt = next;
        try {
            timer = executor.schedule(this::wake, Math.max(1, next - now), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException stopping) {
            timer = null;
        }
    }

    /** Milliseconds on a monotonic clock: a wall-clock jump must not expire or stall deliveries. */
    private static long now() {
        return System.nanoTime() / 1_000_000;
    }

    private static long backoff(int attempt) {
        return Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS << Math.min(20, Math.max(0, attempt - 1)));
    }

    private static String truncate(String reason) {
        return reason.length() <= 500 ? reason : reason.substring(0, 500);
    }

    // ---- settings, status, end ----

    void update(SubscriptionSettings value) {
        lock.lock();
        try {
            settings = value;
        } finally {
            lock.unlock();
        }
        wake();
    }

    SubscriptionStatus status() {
        long end = storage.read(storage::nextPosition);
        lock.lock();
        try {
            long checkpoint = checkpoint();
            return new SubscriptionStatus(name, selector, settings, checkpoint, Math.max(0, end - checkpoint),
                    inFlight.size(), parkedCount, consumers.size(), counters);
        } finally {
            lock.unlock();
        }
    }

    /** Stops delivering and tells every consumer why; the stored checkpoint stays as it is. */
    void close(String reason) {
        List<Consumer> toTell;
        lock.lock();
        try {
            closed = true;
            toTell = List.copyOf(consumers.values());
            consumers.clear();
            roundRobin.clear();
            if (timer != null) {
                timer.cancel(false);
            }
        } finally {
            lock.unlock();
        }
        for (Consumer consumer : toTell) {
            try {
                consumer.sink.closed(reason);
            } catch (RuntimeException e) {
                LOG.debug("subscription={} consumer={} failed on close: {}", name, consumer.id, e.toString());
            }
        }
    }

    /** Stores the newest checkpoint, before the node stops. */
    CompletableFuture<Void> flush() {
        lock.lock();
        try {
            long checkpoint = checkpoint();
            return checkpoint > storedCheckpoint ? recorder.checkpoint(name, checkpoint) : CompletableFuture.completedFuture(null);
        } finally {
            lock.unlock();
        }
    }

    /** What of one stream is out with a consumer or waiting for a retry. */
    private static final class StreamHold {
        Consumer consumer;
        int inFlight;
        int retrying;
    }

    /** One event's way through the subscription. */
    private static final class Delivery {
        final RecordedEvent event;
        final boolean fromParked;
        int attempt;
        Consumer consumer;
        long deadline;
        long dueAt;

        Delivery(RecordedEvent event, boolean fromParked) {
            this.event = event;
            this.fromParked = fromParked;
        }
    }

    private final class Consumer implements ConsumerHandle {
        final String id;
        final SubscriptionSink sink;
        /** Guarded by the dispatcher's lock. */
        int inFlight;
        boolean gone;
        /** After one of its deliveries timed out: no deliveries before then, unless it acks or nacks. */
        long pausedUntil;

        Consumer(String id, SubscriptionSink sink) {
            this.id = id;
            this.sink = sink;
        }

        @Override
        public String id() {
            return id;
        }

        @Override
        public boolean holds(SubscriptionMessage message) {
            return PersistentDispatcher.this.holds(this, message);
        }

        @Override
        public void close() {
            disconnect(this);
        }
    }
}
