package org.jesdb.store.raft;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongConsumer;
import org.apache.ratis.protocol.RaftClientReply;
import org.apache.ratis.protocol.exceptions.StateMachineException;
import org.jesdb.store.InsufficientStorageException;
import org.jesdb.store.StoreException;
import org.jesdb.store.StoreTimeoutException;
import org.jesdb.store.StoreUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Coalesces concurrent commands into Raft entries: commands that arrive while an entry is in
 * flight go together into the next one (bounded in count and bytes). One Raft entry costs about
 * the same whatever it holds, so throughput grows with the number of concurrent writers
 * instead of paying one log sync each. The state machine answers each command on its own.
 */
public final class CommandSubmitter implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CommandSubmitter.class);
    private static final int MAX_COMMANDS_PER_ENTRY = 1_000;
    private static final int QUEUE_CAPACITY = 20_000;
    private static final long RETRY_PAUSE_MS = 20;

    /** A queued command; {@code deadline} (System.nanoTime) is when its caller stops waiting. */
    private record Pending(Command command, CompletableFuture<CommandResult> result, long deadline) {
        boolean expired(long now) {
            return now - deadline > 0;
        }
    }

    private final RaftNode raft;
    private final Duration timeout;
    private final long maxEntryBytes;
    /** Commands waiting for the next entry; only the submitter thread takes from it. */
    private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>(QUEUE_CAPACITY);
    /** Builds and submits entries, one in flight at a time. */
    private final Thread submitter;
    /** A command taken from the queue that did not fit in the previous entry (submitter thread only). */
    private Pending carried;
    private volatile boolean closed;
    /** Told how long each committed entry took from its submission to its applied reply (nanoseconds). */
    private volatile LongConsumer commitTimes = nanos -> { };

    public CommandSubmitter(RaftNode raft, Duration timeout, long maxEntryBytes) {
        this.raft = raft;
        this.timeout = timeout;
        this.maxEntryBytes = maxEntryBytes;
        this.submitter = new Thread(this::run, "jesdb-raft-submitter");
        this.submitter.setDaemon(true);
        this.submitter.start();
    }

    /**
     * Where the time of each committed entry goes (metrics): called once per entry on the
     * submitter thread after the entry's commands are answered, so it must be quick; what it
     * throws is ignored.
     */
    public void recordCommitTimesTo(LongConsumer consumer) {
        commitTimes = consumer;
    }

    /** Queues a command for the next Raft entry; the future completes when it is applied. */
    public CompletableFuture<CommandResult> submit(Command command) {
        Pending pending = new Pending(command, new CompletableFuture<>(), System.nanoTime() + timeout.toNanos());
        if (closed) {
            return CompletableFuture.failedFuture(new StoreUnavailableException("the store is closed"));
        }
        if (!queue.offer(pending)) {
            return CompletableFuture.failedFuture(new StoreUnavailableException(
                    QUEUE_CAPACITY + " writes are already waiting; retry later"));
        }
        if (closed && queue.remove(pending)) {
            // close() may have drained the queue before this offer.
            pending.result().completeExceptionally(new StoreUnavailableException("the store is closed"));
        }
        return pending.result();
    }

    private void run() {
        while (!closed) {
            List<Pending> entry = List.of();
            try {
                entry = withoutExpired(nextEntry());
                if (!entry.isEmpty()) {
                    submitUntilDone(entry);
                }
            } catch (InterruptedException e) {
                break;
            } catch (RuntimeException e) {
                LOG.error("raft submitter failed on an entry of {} commands; continuing", entry.size(), e);
                fail(entry, new StoreException("the write failed: " + e));
            }
        }
        failWaiting(new StoreUnavailableException("the store is closed"));
    }

    /** Waits briefly for a first command, then takes whatever else is waiting, up to the bounds. */
    private List<Pending> nextEntry() throws InterruptedException {
        List<Pending> entry = new ArrayList<>();
        Pending first = carried != null ? carried : queue.poll(100, TimeUnit.MILLISECONDS);
        carried = null;
        if (first == null) {
            return entry;
        }
        entry.add(first);
        long bytes = first.command().size();
        boolean addsData = JesdbStateMachine.addsData(first.command());
        while (entry.size() < MAX_COMMANDS_PER_ENTRY) {
            Pending next = queue.poll();
            if (next == null) {
                break;
            }
            // A leader low on disk refuses whole entries that add data: checkpoints and deletes
            // must not be refused with them, so they never share an entry with appends.
            if (bytes + next.command().size() > maxEntryBytes || JesdbStateMachine.addsData(next.command()) != addsData) {
                carried = next;
                break;
            }
            entry.add(next);
            bytes += next.command().size();
        }
        return entry;
    }

    /** Commands whose callers have stopped waiting are never proposed: they fail as not written. */
    private static List<Pending> withoutExpired(List<Pending> entry) {
        long now = System.nanoTime();
        List<Pending> live = new ArrayList<>(entry.size());
        for (Pending pending : entry) {
            if (pending.expired(now)) {
                pending.result().completeExceptionally(new StoreTimeoutException(
                        "the write waited too long for its turn and was not made; retry it"));
            } else {
                live.add(pending);
            }
        }
        return live;
    }

    private void submitUntilDone(List<Pending> entry) throws InterruptedException {
        List<Command> commands = new ArrayList<>(entry.size());
        for (Pending pending : entry) {
            commands.add(pending.command());
        }
        byte[] content = CommandCodec.encode(new CommandBatch(Instant.now(), commands));
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long submitted = System.nanoTime();
            long leftNanos = deadline - submitted;
            RaftClientReply reply;
            try {
                reply = raft.submitWrite(content).get(Math.max(leftNanos, 0), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                fail(entry, new StoreUnavailableException("the store closed before the write was answered; "
                        + "its outcome is unknown: retry with the same event ids"));
                throw e;
            } catch (TimeoutException e) {
                fail(entry, new StoreTimeoutException("the write was not committed within " + timeout.toMillis()
                        + " ms; its outcome is unknown: retry with the same event ids"));
                return;
            } catch (ExecutionException e) {
                if (e.getCause() instanceof StateMachineException refused) {
                    // the leader refused the entry in startTransaction (a forwarded write)
                    fail(entry, refusal(refused));
                    return;
                }
                fail(entry, new StoreUnavailableException("raft failed the write (" + e.getCause().getMessage()
                        + "); its outcome is unknown: retry with the same event ids", e.getCause()));
                return;
            }
            if (reply.isSuccess()) {
                long nanos = System.nanoTime() - submitted;
                complete(entry, ResultCodec.decode(reply.getMessage().getContent().toByteArray()));
                recordCommitTime(nanos);
                return;
            }
            if (reply.getStateMachineException() != null) {
                fail(entry, refusal(reply.getStateMachineException()));
                return;
            }
            boolean transientRefusal = reply.getNotLeaderException() != null || reply.getLeaderNotReadyException() != null;
            if (!transientRefusal || System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(RETRY_PAUSE_MS) > deadline) {
                String why = reply.getException() == null ? "unknown" : reply.getException().getMessage();
                fail(entry, new StoreUnavailableException("raft refused the write: " + why));
                return;
            }
            try {
                Thread.sleep(RETRY_PAUSE_MS);
            } catch (InterruptedException e) {
                fail(entry, new StoreUnavailableException("the store closed before the write was made"));
                throw e;
            }
        }
    }

    /** Refused by startTransaction: retrying the same commands cannot succeed. */
    private static StoreException refusal(StateMachineException refused) {
        String why = refused.getMessage();
        Optional<InsufficientStorageException> diskFull = StorageRefusal.in(why);
        return diskFull.isPresent() ? diskFull.get() : new StoreException("the state machine refused the write: " + why);
    }

    /**
     * Once per committed entry, after its callers are answered: metrics must never fail a write
     * that was made (a throw here would reach run()'s catch and fail the entry) nor hold up its answer.
     */
    private void recordCommitTime(long nanos) {
        try {
            commitTimes.accept(nanos);
        } catch (RuntimeException e) {
            LOG.debug("the commit time was not recorded: {}", e.toString());
        }
    }

    private static void complete(List<Pending> entry, List<CommandResult> results) {
        if (results.size() != entry.size()) {
            fail(entry, new StoreException("the state machine answered " + results.size() + " results for "
                    + entry.size() + " commands"));
            return;
        }
        for (int i = 0; i < entry.size(); i++) {
            entry.get(i).result().complete(results.get(i));
        }
    }

    private static void fail(List<Pending> entry, StoreException error) {
        for (Pending pending : entry) {
            pending.result().completeExceptionally(error);
        }
    }

    private void failWaiting(StoreException error) {
        if (carried != null) {
            carried.result().completeExceptionally(error);
        }
        Pending pending;
        while ((pending = queue.poll()) != null) {
            pending.result().completeExceptionally(error);
        }
    }

    @Override
    public void close() {
        closed = true;
        submitter.interrupt();
        try {
            submitter.join(timeout.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
