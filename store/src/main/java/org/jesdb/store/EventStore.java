package org.jesdb.store;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongConsumer;
import java.util.function.Predicate;
import org.apache.ratis.protocol.RaftClientReply;
import org.apache.ratis.server.DivisionInfo;
import org.jesdb.store.raft.Command;
import org.jesdb.store.security.UserNotFoundException;
import org.jesdb.store.security.Caller;
import org.jesdb.store.raft.CommandResult;
import org.jesdb.store.raft.CommandSubmitter;
import org.jesdb.store.raft.CommandValidator;
import org.jesdb.store.raft.JesdbStateMachine;
import org.jesdb.store.raft.MemberRepair;
import org.jesdb.store.raft.RaftNode;
import org.jesdb.store.snapshots.Snapshot;
import org.jesdb.store.snapshots.SnapshotReader;
import org.jesdb.store.snapshots.SnapshotList;
import org.jesdb.store.security.SealedCursors;
import org.jesdb.store.snapshots.SnapshotCursor;
import org.jesdb.store.storage.Keys;
import org.jesdb.store.storage.XodusScan;
import org.jesdb.store.storage.XodusStorage;
import org.jesdb.store.streams.AppendResult;
import org.jesdb.store.streams.CommitListener;
import org.jesdb.store.streams.DeleteMode;
import org.jesdb.store.streams.Direction;
import org.jesdb.store.streams.EventPage;
import org.jesdb.store.streams.ExpectedVersion;
import org.jesdb.store.streams.ProposedEvent;
import org.jesdb.store.streams.StreamList;
import org.jesdb.store.streams.StreamReader;
import org.jesdb.store.subscriptions.Leadership;
import org.jesdb.store.subscriptions.ReadableStreams;
import org.jesdb.store.subscriptions.Selector;
import org.jesdb.store.subscriptions.StartPoint;
import org.jesdb.store.subscriptions.SubscriptionHub;
import org.jesdb.store.subscriptions.SubscriptionSettings;
import org.jesdb.store.subscriptions.SubscriptionSink;
import org.jesdb.store.subscriptions.TransientSubscription;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An event store, embedded in this JVM: the API the server's services use, and that any Java
 * program can use without a server.
 *
 * <pre>{@code
 * try (EventStore store = EventStore.open(StoreConfig.singleNode(Path.of("data")))) {
 *     store.appendToStream("order-7", ExpectedVersion.noStream(),
 *             List.of(ProposedEvent.json(UUID.randomUUID(), "OrderPlaced", "{\"total\":12}".getBytes(), null)));
 *     EventPage page = store.readStream("order-7", ReadOptions.forwards());
 * }
 * }</pre>
 *
 * Writes go through Raft and are acknowledged once the entry is committed and synced; reads
 * are linearizable unless {@link ReadOptions#local()} is asked for. Every call waits at most the
 * configured timeout. Errors are the typed {@link StoreException}s.
 */
public final class EventStore implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EventStore.class);

    /** A follower further behind than this many committed entries is not ready (Ratis's staging gap). */
    private static final long READY_LAG = 1000;
    /** How long adding a member may take: it includes sending it the whole state. */
    private static final Duration MEMBERSHIP_TIMEOUT = Duration.ofMinutes(10);

    private final StoreConfig config;
    private final XodusStorage storage;
    private final RaftNode raft;
    private final CommandValidator validator;
    private final CommandSubmitter submitter;
    private final StreamReader streamReader;
    private final SnapshotReader snapshotReader;
    private final SubscriptionHub subscriptionHub;
    private final ScheduledExecutorService ownExecutor;
    private final PersistentSubscriptions persistentSubscriptions;
    private final AccessControl accessControl;
    /** Stands a cluster member down while its disk is low; null for a single node. */
    private final FollowerDiskWatch diskWatch;

    private EventStore(StoreConfig config, XodusStorage storage, RaftNode raft, SubscriptionHub subscriptionHub,
                       ScheduledExecutorService subscriptionExecutor, ScheduledExecutorService ownExecutor,
                       DiskSpaceGuard diskSpace) {
        this.config = config;
        this.diskWatch = config.isClustered() ? FollowerDiskWatch.start(diskSpace, raft) : null;
        this.storage = storage;
        this.raft = raft;
        this.validator = new CommandValidator(config.limits());
        this.submitter = new CommandSubmitter(raft, config.timeout(), config.limits().maxEntryBytes());
        this.streamReader = new StreamReader(storage);
        this.snapshotReader = new SnapshotReader(storage);
        this.subscriptionHub = subscriptionHub;
        this.ownExecutor = ownExecutor;
        this.persistentSubscriptions = new PersistentSubscriptions(this::submitAndAwait, subscriptionHub, config.limits(),
                () -> barrier(true));
        this.accessControl = new AccessControl(this::submitAndAwait, storage, () -> barrier(true));
        subscriptionHub.start(new RaftDeliveryRecorder(this::submit, subscriptionExecutor), new Leadership() {
            @Override
            public boolean isLeader() {
                return raft.isReadyLeader();
            }

            @Override
            public String leaderId() {
                DivisionInfo info = raft.info();
                return info == null || info.getLeaderId() == null ? null : info.getLeaderId().toString();
            }
        });
    }

    public static EventStore open(StoreConfig config) {
        return open(config, CommitListener.NONE);
    }

    /** Opens (or creates) the store in {@code config.dataDir()}; {@code listener} hears every committed append. */
    public static EventStore open(StoreConfig config, CommitListener listener) {
        return open(config, listener, null);
    }

    /**
     * Opens the store; subscriptions deliver on {@code subscriptionExecutor} (an application
     * server passes a managed one), or on two threads of the store's own when it is null.
     */
    public static EventStore open(StoreConfig config, CommitListener listener,
                                  ScheduledExecutorService subscriptionExecutor) {
        Path home = config.dataDir().resolve(config.storeId());
        try {
            OwnerOnlyFolders.secure(config.dataDir(), home);
        } catch (IOException e) {
            throw new StoreUnavailableException("cannot make the store's folder " + home + " owner-only: " + e.getMessage(), e);
        }
        if (!config.isClustered() || config.isJoining()) {
            // no peer to repair from: damage stops the start, naming the file
            return openIn(home, config, listener, subscriptionExecutor);
        }
        try {
            if (MemberRepair.interrupted(home)) {
                MemberRepair.rebuild(config, home, "a repair that did not finish");
            }
            try {
                return openIn(home, config, listener, subscriptionExecutor);
            } catch (CorruptDataException damage) {
                MemberRepair.rebuild(config, home, damage.getMessage());
                return openIn(home, config, listener, subscriptionExecutor);
            }
        } catch (IOException e) {
            throw new StoreUnavailableException("cannot repair store '" + config.storeId() + "' in " + home + " from its peers: "
                    + e.getMessage(), e);
        }
    }

    private static EventStore openIn(Path home, StoreConfig config, CommitListener listener,
                                     ScheduledExecutorService subscriptionExecutor) {
        XodusStorage storage = null;
        ScheduledExecutorService ownExecutor = subscriptionExecutor == null ? newSubscriptionExecutor() : null;
        try {
            Files.createDirectories(home.resolve("raft"));
            DiskSpaceGuard diskSpace = DiskSpaceGuard.of(home, config.limits().minFreeDiskBytes());
            storage = new XodusStorage(home.resolve("xodus"));
            XodusScan.verify(storage);
            ScheduledExecutorService delivery = subscriptionExecutor == null ? ownExecutor : subscriptionExecutor;
            SubscriptionHub hub = new SubscriptionHub(storage, delivery);
            XodusStorage state = storage;
            CommitListener listeners = CommitListener.both(hub, listener);
            RaftNode raft = RaftNode.start(config, home.resolve("raft"), () -> new JesdbStateMachine(state, listeners,
                    new CommandValidator(config.limits()), diskSpace));
            try {
                // A joining node has no leader until an admin adds it: it opens at once and is not ready.
                if (!config.isJoining()) {
                    raft.awaitLeader(config.timeout().multipliedBy(6).compareTo(Duration.ofSeconds(30)) > 0
                            ? config.timeout().multipliedBy(6) : Duration.ofSeconds(30));
                }
            } catch (StoreException e) {
                raft.close();
                throw e;
            }
            LOG.info("store opened id={} dir={}", config.storeId(), home);
            return new EventStore(config, storage, raft, hub, delivery, ownExecutor, diskSpace);
        } catch (IOException e) {
            closeAfterFailedOpen(storage, ownExecutor);
            throw new StoreUnavailableException("cannot open store '" + config.storeId() + "' in " + home + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            closeAfterFailedOpen(storage, ownExecutor);
            throw e;
        }
    }

    private static void closeAfterFailedOpen(XodusStorage storage, ScheduledExecutorService ownExecutor) {
        if (storage != null) {
            storage.close();
        }
        if (ownExecutor != null) {
            ownExecutor.shutdownNow();
        }
    }

    private static ScheduledExecutorService newSubscriptionExecutor() {
        AtomicInteger count = new AtomicInteger();
        return Executors.newScheduledThreadPool(2, task -> {
            Thread thread = new Thread(task, "jesdb-subscriptions-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    public StoreConfig config() {
        return config;
    }

    // ---- streams ----

    /** Appends events atomically; a retry with the same event ids returns the first answer. */
    public AppendResult appendToStream(String stream, ExpectedVersion expected, List<ProposedEvent> events) {
        CommandResult result = await(submit(new Command.Append(stream, expected, events == null ? List.of() : events)));
        return ((CommandResult.Appended) unwrap(result)).result();
    }

    /**
     * The asynchronous form of {@link #appendToStream}; the future completes on a pool thread,
     * never on the store's own threads. Invalid input throws at once.
     */
    public CompletableFuture<AppendResult> appendToStreamAsync(String stream, ExpectedVersion expected,
                                                               List<ProposedEvent> events) {
        return submit(new Command.Append(stream, expected, events == null ? List.of() : events))
                .thenApplyAsync(result -> ((CommandResult.Appended) unwrap(result)).result());
    }

    /** Deletes a stream (see {@link DeleteMode}) and returns the last version it had. */
    public long deleteStream(String stream, ExpectedVersion expected, DeleteMode mode) {
        CommandResult result = await(submit(new Command.DeleteStream(stream, expected, mode)));
        return ((CommandResult.Done) unwrap(result)).value();
    }

    public EventPage readStream(String stream, ReadOptions options) {
        Names.requireStream("stream", stream);
        checkRead(options, options.direction() == Direction.FORWARD ? 0 : -1);
        barrier(options.linearizable());
        return storage.read(txn -> streamReader.readStream(txn, stream, options.from(), options.count(), options.direction()));
    }

    /** Reads the global order, {@code $all}, by position. */
    public EventPage readAll(ReadOptions options) {
        checkRead(options, options.direction() == Direction.FORWARD ? 0 : -1);
        barrier(options.linearizable());
        return storage.read(txn -> streamReader.readAll(txn, options.from(), options.count(), options.direction()));
    }

    /**
     * {@code $all} as {@code caller} may see it: only the events of streams the access rules let
     * it read. A page may hold fewer events than asked while {@code next} goes on: at most
     * {@value #MAX_SCANNED_PER_EVENT} records are looked at per event asked (and at least 10,000).
     */
    public EventPage readAll(ReadOptions options, Caller caller) {
        if (caller.isAdmin()) {
            return readAll(options);
        }
        checkRead(options, options.direction() == Direction.FORWARD ? 0 : -1);
        barrier(options.linearizable());
        Predicate<String> readable = accessControl.readableBy(caller);
        return storage.read(txn -> streamReader.readAll(txn, options.from(), options.count(), options.direction(),
                readable, maxScanned(options.count())));
    }

    private static int maxScanned(int count) {
        return (int) Math.min(Integer.MAX_VALUE, Math.max(10_000L, (long) count * MAX_SCANNED_PER_EVENT));
    }

    private static final int MAX_SCANNED_PER_EVENT = 20;

    /** The stream's version: -1 when it has no events. */
    public long streamVersion(String stream) {
        Names.requireStream("stream", stream);
        barrier(true);
        return storage.read(txn -> streamReader.streamVersion(txn, stream));
    }

    /** Streams with events, by name, after {@code after} (null for the first page). */
    public StreamList listStreams(String after, int limit) {
        return listStreams(after, limit, Caller.TRUSTED);
    }

    /**
     * The streams {@code caller} may read, by name. A page may hold fewer streams than asked while
     * {@code next} goes on: at most {@value #MAX_SCANNED_PER_EVENT} names are looked at per stream
     * asked (and at least 10,000). A {@code next} that would name a stream the caller may not read
     * is sealed ({@link SealedCursors}).
     */
    public StreamList listStreams(String after, int limit, Caller caller) {
        String from = after == null || !SealedCursors.isSealed(after) ? after
                : new String(SealedCursors.open(keyToOpen(), after, "after"), StandardCharsets.UTF_8);
        if (from != null) {
            Names.require("after", from);
        }
        checkCount("limit", limit);
        barrier(true);
        if (caller.isAdmin()) {
            return storage.read(txn -> streamReader.listStreams(txn, from, limit));
        }
        Predicate<String> readable = accessControl.readableBy(caller);
        StreamList page = storage.read(txn -> streamReader.listStreams(txn, from, limit, readable, maxScanned(limit)));
        if (page.next() == null || readable.test(page.next())) {
            return page;
        }
        // the scan stopped on a stream the caller may not see: go on from there without naming it
        return new StreamList(page.streams(), SealedCursors.seal(keyToSeal(), page.next().getBytes(StandardCharsets.UTF_8)));
    }

    /** The key sealed cursors are opened with: none before security is set up, when no cursor was sealed. */
    private byte[] keyToOpen() {
        return accessControl.localTokenKey().orElseThrow(() -> new InvalidInputException("after",
                "must be the next of a page this store gave"));
    }

    /** Only a caller limited by the access rules gets sealed cursors, and such callers exist once security is set up. */
    private byte[] keyToSeal() {
        return accessControl.localTokenKey().orElseThrow(() -> new StoreUnavailableException("security is not set up yet"));
    }

    private void checkRead(ReadOptions options, long lowestFrom) {
        if (options.from() < lowestFrom) {
            throw new InvalidInputException("from", "must be >= " + lowestFrom + ", was " + options.from());
        }
        checkCount("count", options.count());
    }

    private void checkCount(String field, int count) {
        if (count < 1 || count > config.limits().maxReadCount()) {
            throw new InvalidInputException(field, "must be between 1 and " + config.limits().maxReadCount() + ", was " + count);
        }
    }

    // ---- snapshots ----

    /** Records a snapshot; one recorded before under the same source, stream and version is replaced. */
    public void recordSnapshot(String source, String stream, long version, String contentType, byte[] data) {
        unwrap(await(submit(new Command.RecordSnapshot(source, stream, version, contentType, data))));
    }

    public Snapshot readSnapshot(String source, String stream, long version) {
        CommandValidator.validateSnapshotKey(source, stream, version);
        barrier(true);
        return storage.read(txn -> snapshotReader.read(txn, source, stream, version));
    }

    public Snapshot readLatestSnapshot(String source, String stream) {
        Names.require("source", source);
        Names.require("stream", stream);
        barrier(true);
        return storage.read(txn -> snapshotReader.latest(txn, source, stream));
    }

    /**
     * A page of snapshot summaries; {@code source} and {@code stream} may be null to list more,
     * {@code after} is the {@code next} of the page before (null for the first).
     */
    public SnapshotList listSnapshots(String source, String stream, String after, int limit) {
        return listSnapshots(source, stream, after, limit, Caller.TRUSTED);
    }

    /**
     * The snapshot summaries of streams {@code caller} may read (the others are passed over in the
     * scan); for a caller who is not an admin, at most {@value #MAX_SCANNED_PER_EVENT} snapshots are
     * looked at per summary asked (and at least 10,000), so a page may hold fewer than asked
     * while {@code next} goes on; a {@code next} at a snapshot the caller may not see is sealed
     * ({@link SealedCursors}).
     */
    public SnapshotList listSnapshots(String source, String stream, String after, int limit, Caller caller) {
        if (source != null) {
            Names.require("source", source);
        }
        if (stream != null) {
            Names.require("stream", stream);
        }
        byte[] afterKey = after == null ? null
                : SealedCursors.isSealed(after) ? SealedCursors.open(keyToOpen(), after, "after") : SnapshotCursor.keyOf(after);
        checkCount("limit", limit);
        barrier(true);
        if (caller.isAdmin()) {
            SnapshotReader.Page page = storage.read(txn -> snapshotReader.list(txn, source, stream, afterKey, limit));
            return plainPage(page);
        }
        Predicate<String> readable = accessControl.readableBy(caller);
        SnapshotReader.Page page = storage.read(txn -> snapshotReader.list(txn, source, stream, afterKey, limit, readable,
                maxScanned(limit)));
        byte[] resume = page.resumeAfter();
        if (resume == null || readable.test(Keys.snapshotStream(resume))) {
            return plainPage(page);
        }
        // the scan stopped on a snapshot the caller may not see: go on from there without naming it
        return new SnapshotList(page.snapshots(), SealedCursors.seal(keyToSeal(), resume));
    }

    private static SnapshotList plainPage(SnapshotReader.Page page) {
        return new SnapshotList(page.snapshots(), page.resumeAfter() == null ? null : SnapshotCursor.of(page.resumeAfter()));
    }

    public void deleteSnapshot(String source, String stream, long version) {
        unwrap(await(submit(new Command.DeleteSnapshot(source, stream, version))));
    }

    // ---- users and access rules ----

    /** Users and stream access rules, kept in the replicated store. */
    public AccessControl accessControl() {
        return accessControl;
    }

    // ---- subscriptions ----

    /** Named subscriptions kept in the store: create, connect consumers, ack and nack, parked events. */
    public PersistentSubscriptions persistentSubscriptions() {
        return persistentSubscriptions;
    }

    /**
     * A transient subscription: events matching {@code selector} from {@code start} on, catching
     * up and then live, handed to {@code sink} with at most {@code window} of them unconfirmed
     * ({@link TransientSubscription#sent()}). Delivery begins with {@link TransientSubscription#start()};
     * close it when done, nothing stays on the server.
     */
    public TransientSubscription subscribe(Selector selector, StartPoint start, int window, SubscriptionSink sink) {
        return subscribe(selector, start, window, sink, Caller.TRUSTED);
    }

    /**
     * A transient subscription that hands {@code sink} only the events of streams {@code caller}
     * may read. The stored user and rules are read again for every batch, so a rule change counts
     * from the next batch on, and a user deleted meanwhile gets nothing more (the subscription
     * ends). {@link Caller#TRUSTED} is not looked up and sees every event. Whether the caller may
     * subscribe at all is the caller's to check ({@link AccessControl#requireRead}).
     */
    public TransientSubscription subscribe(Selector selector, StartPoint start, int window, SubscriptionSink sink,
                                           Caller caller) {
        if (selector == null) {
            throw new InvalidInputException("selector", "must be present");
        }
        if (start == null) {
            throw new InvalidInputException("from", "must be present");
        }
        if (window < 1 || window > SubscriptionSettings.MAX_IN_FLIGHT) {
            throw new InvalidInputException("maxInFlight", "must be between 1 and " + SubscriptionSettings.MAX_IN_FLIGHT);
        }
        if (caller == Caller.TRUSTED) { // the constant itself: a stored user named "trusted" is still looked up
            return subscriptionHub.subscribe(selector, start, window, sink, ReadableStreams.EVERY);
        }
        return subscriptionHub.subscribe(selector, start, window, sink, () -> readableByStoredUser(caller.name()));
    }

    /** The streams the stored user of that name may read now; refused once the user is gone. */
    private Predicate<String> readableByStoredUser(String name) {
        Caller current = accessControl.localUser(name)
                .orElseThrow(() -> new UserNotFoundException(name))
                .asCaller();
        return accessControl.readableBy(current);
    }

    // ---- node ----

    /** Tells {@code nanos} how long each Raft entry took from submission to its applied reply (for metrics). */
    public void recordCommitTimesTo(LongConsumer nanos) {
        submitter.recordCommitTimesTo(nanos);
    }

    /** Bytes on disk of the Raft log and of Xodus (a walk of the two folders: for metrics, not for hot paths). */
    public DiskUsage diskUsage() {
        Path home = config.dataDir().resolve(config.storeId());
        return DiskUsage.of(home.resolve("raft"), home.resolve("xodus"));
    }

    /**
     * This node's Raft role, leader, term and applied index, read from its own Raft server: no
     * round trip to the leader and no read barrier, so it answers at once (health, metrics).
     */
    public NodeStatus status() {
        String damage = storage.damage();
        if (damage != null) {
            return new NodeStatus(config.nodeId(), "DAMAGED", null, 0, -1, false, "a read met damaged data, which was "
                    + "not served: " + damage + " Restart the node: it checks all its data when it starts.");
        }
        String standingDown = raft.standingDownBecause();
        if (standingDown != null) {
            return new NodeStatus(config.nodeId(), "STOOD_DOWN", null, 0, -1, false, standingDown);
        }
        DivisionInfo info = raft.info();
        if (info == null) {
            return new NodeStatus(config.nodeId(), "STOPPED", null, 0, -1, false, null);
        }
        long behind = raft.commitIndex() - info.getLastAppliedIndex();
        return new NodeStatus(config.nodeId(), info.getCurrentRole().name(),
                info.getLeaderId() == null ? null : info.getLeaderId().toString(),
                info.getCurrentTerm(), info.getLastAppliedIndex(),
                // A follower serves once it knows a leader (writes and read barriers go through it),
                // has applied nearly all it has received, and is not replacing its state.
                info.isLeader() ? info.isLeaderReady()
                        : info.getLeaderId() != null && behind <= READY_LAG && !raft.isInstallingState(), null);
    }

    /**
     * Adds a node to the group (any member may ask; the leader makes the change). The new member
     * first receives the data, then counts for the quorum; this waits for both, up to 10 minutes.
     * The node must be running and listening at {@code member.raftAddress()}.
     */
    public ClusterView addMember(ClusterMember member) {
        raft.addMember(member, MEMBERSHIP_TIMEOUT);
        return clusterView();
    }

    /** Removes a member from the group; the removed node should then be stopped and its data folder deleted. */
    public ClusterView removeMember(String nodeId) {
        Names.requireUrlSafe("nodeId", nodeId);
        raft.removeMember(nodeId, MEMBERSHIP_TIMEOUT);
        return clusterView();
    }

    /** How many whole states this member received from a leader since it started (its log was too far behind). */
    public long stateInstalls() {
        return raft.stateInstalls();
    }

    /** The Raft group as this node sees it (for a single node: itself); a local read, like {@link #status()}. */
    public ClusterView clusterView() {
        return raft.view(config.nodeId());
    }

    // ---- plumbing ----

    /** Checks a command against the rules, then queues it for the next Raft entry. */
    private CompletableFuture<CommandResult> submit(Command command) {
        validator.validate(command);
        // The disk is checked by the leader as it starts the entry (JesdbStateMachine.startTransaction).
        return submitter.submit(command);
    }

    private CommandResult submitAndAwait(Command command) {
        return unwrap(await(submit(command)));
    }

    private void barrier(boolean linearizable) {
        if (!linearizable) {
            return;
        }
        RaftClientReply reply = await(raft.readBarrier());
        if (!reply.isSuccess()) {
            String why = reply.getException() == null ? "unknown" : reply.getException().getMessage();
            throw new StoreUnavailableException("no linearizable read possible now: " + why);
        }
    }

    private static CommandResult unwrap(CommandResult result) {
        if (result instanceof CommandResult.Failed failed) {
            throw failed.error();
        }
        return result;
    }

    private <T> T await(CompletableFuture<T> future) {
        try {
            // The submitter enforces the timeout itself; the margin covers the hand-over.
            return future.get(config.timeout().toMillis() + 1_000, TimeUnit.MILLISECONDS);
        } catch (ExecutionException | CompletionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof StoreException storeException) {
                throw storeException;
            }
            if (raft.info() == null || cause instanceof RejectedExecutionException) {
                // Ratis stops a member's division when it is removed from the group, or when the node stops.
                throw new StoreUnavailableException("this node's Raft server no longer takes requests (it is stopping, "
                        + "or was removed from the group): use another node", cause);
            }
            throw new StoreUnavailableException("the operation failed: " + cause, cause);
        } catch (TimeoutException e) {
            throw new StoreTimeoutException("no answer within " + config.timeout().toMillis()
                    + " ms; a write's outcome is unknown: retry it with the same event ids");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreUnavailableException("interrupted while waiting for the store");
        }
    }

    @Override
    public void close() {
        // Checkpoints go through Raft, so they are stored before the submitter stops.
        subscriptionHub.close(config.timeout().toMillis());
        if (ownExecutor != null) {
            ownExecutor.shutdownNow();
        }
        submitter.close();
        if (diskWatch != null) {
            diskWatch.close();
        }
        try {
            raft.close();
        } catch (IOException e) {
            LOG.warn("closing the raft server failed: {}", e.toString());
        }
        storage.close();
        LOG.info("store closed id={}", config.storeId());
    }
}
