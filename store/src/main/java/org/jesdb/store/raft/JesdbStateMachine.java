package org.jesdb.store.raft;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.ratis.proto.RaftProtos.LogEntryProto;
import org.apache.ratis.proto.RaftProtos.RaftConfigurationProto;
import org.apache.ratis.proto.RaftProtos.RaftPeerProto;
import org.apache.ratis.proto.RaftProtos.RoleInfoProto;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftClientRequest;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftGroupMemberId;
import org.apache.ratis.protocol.RaftPeer;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.server.protocol.TermIndex;
import org.apache.ratis.server.storage.FileInfo;
import org.apache.ratis.server.storage.RaftStorage;
import org.apache.ratis.statemachine.SnapshotInfo;
import org.apache.ratis.statemachine.SnapshotRetentionPolicy;
import org.apache.ratis.statemachine.TransactionContext;
import org.apache.ratis.statemachine.impl.BaseStateMachine;
import org.apache.ratis.statemachine.impl.SimpleStateMachineStorage;
import org.apache.ratis.statemachine.impl.SingleFileSnapshotInfo;
import org.apache.ratis.thirdparty.com.google.protobuf.ByteString;
import org.apache.ratis.util.LifeCycle;
import jetbrains.exodus.env.Transaction;
import org.jesdb.store.ClusterMember;
import org.jesdb.store.CorruptDataException;
import org.jesdb.store.DiskSpaceGuard;
import org.jesdb.store.InsufficientStorageException;
import org.jesdb.store.StoreException;
import org.jesdb.store.snapshots.Snapshot;
import org.jesdb.store.snapshots.SnapshotWriter;
import org.jesdb.store.security.SecurityRecords;
import org.jesdb.store.storage.XodusStorage;
import org.jesdb.store.streams.CommitListener;
import org.jesdb.store.streams.RecordedEvent;
import org.jesdb.store.streams.StreamWriter;
import org.jesdb.store.subscriptions.SubscriptionWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Raft state machine: Xodus is its state. A batch is validated before it enters the log
 * ({@link #startTransaction}) and applied in one Xodus transaction that also stores the
 * entry's term and index ({@link #applyTransaction}), so a restart replays exactly what is
 * missing. This is the only place that writes to Xodus.
 */
public final class JesdbStateMachine extends BaseStateMachine {
    private static final Logger LOG = LoggerFactory.getLogger(JesdbStateMachine.class);

    private static final SnapshotRetentionPolicy KEEP_TWO_SNAPSHOTS = new SnapshotRetentionPolicy() {
        @Override
        public int getNumSnapshotsRetained() {
            return 2;
        }
    };

    private final SimpleStateMachineStorage snapshotFiles = new SimpleStateMachineStorage();
    private final XodusStorage storage;
    private final StreamWriter streams;
    private final SnapshotWriter snapshots;
    private final SubscriptionWriter subscriptions;
    private final SecurityRecords security;
    private final CommitListener listener;
    /**
     * The last Raft index whose changes are in Xodus (under {@link #applyLock}). After a crash Xodus
     * may be ahead of the last Raft snapshot, where Ratis starts its replay: entries up to here
     * are skipped. It is kept apart from the applied index Ratis tracks, which must only grow
     * in the order Ratis replays (metadata entries included) and bounds what a snapshot claims.
     */
    private long xodusApplied;

    private final CommandValidator validator;
    /** Refuses entries that add data while the disk is below its reserve (checked where entries are proposed: the leader). */
    private final DiskSpaceGuard diskSpace;
    /**
     * Held while Xodus changes: applying an entry, marking a snapshot, installing a received
     * state. An install runs on its own thread while the applier may still replay old entries.
     */
    private final Object applyLock = new Object();
    /** Serves and fetches whole states; null for a single node, which has no one to ask. */
    private StateTransfer transfer;
    private final ExecutorService installer = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "jesdb-state-install");
        thread.setDaemon(true);
        return thread;
    });
    /** True while a received state is being fetched and installed: the member is not ready. */
    private volatile boolean installing;
    private final AtomicLong installs = new AtomicLong();

    public JesdbStateMachine(XodusStorage storage, CommitListener listener, CommandValidator validator) {
        this(storage, listener, validator, DiskSpaceGuard.none());
    }

    public JesdbStateMachine(XodusStorage storage, CommitListener listener, CommandValidator validator,
                             DiskSpaceGuard diskSpace) {
        this.storage = storage;
        this.diskSpace = diskSpace;
        this.streams = new StreamWriter(storage);
        this.snapshots = new SnapshotWriter(storage);
        this.subscriptions = new SubscriptionWriter(storage);
        this.security = new SecurityRecords(storage);
        this.listener = listener;
        this.validator = validator;
        this.xodusApplied = storage.applied().map(TermIndex::getIndex).orElse(-1L);
    }


    /**
     * Lets this member serve its state to others and fetch another's when the entries it misses
     * were purged from every log (a Raft snapshot notification). Called before the server starts.
     */
    void enableStateTransfer(Path folder, RaftGroupId groupId, RaftTls tls) throws IOException {
        this.transfer = new StateTransfer(storage, folder, groupId, tls);
    }

    /** Whether a state received from the leader is being installed now. */
    public boolean isInstalling() {
        return installing;
    }

    /** How many whole states this member has installed since it started. */
    public long installs() {
        return installs.get();
    }

    /** The last Raft index whose changes are in Xodus, -1 for none. */
    long appliedInXodus() {
        synchronized (applyLock) {
            return xodusApplied;
        }
    }

    /** True when Xodus already holds applied entries. */
    boolean holdsData() {
        return xodusApplied >= 0;
    }

    @Override
    public void initialize(RaftServer server, RaftGroupId groupId, RaftStorage raftStorage) throws IOException {
        super.initialize(server, groupId, raftStorage);
        // before Ratis reads the markers: a malformed MD5 file would stop it
        SnapshotMarkers.repairDamaged(raftStorage.getStorageDir().getStateMachineDir().toPath());
        getLifeCycle().startAndTransition(() -> snapshotFiles.init(raftStorage), IOException.class);
        SingleFileSnapshotInfo snapshot = snapshotFiles.getLatestSnapshot();
        if (snapshot != null) {
            if (snapshot.getIndex() > xodusApplied) {
                // takeSnapshot syncs Xodus at (or past) the snapshot's index first: this Xodus lost synced data.
                throw new CorruptDataException("Xodus holds entries up to index " + xodusApplied + " but the Raft "
                        + "snapshot says " + snapshot.getIndex() + " were synced; restore the data folder from a backup");
            }
            // Ratis replays the log from the latest snapshot's index.
            setLastAppliedTermIndex(snapshot.getTermIndex());
        }
        LOG.info("state machine initialized group={} xodusApplied={} snapshot={}", groupId, xodusApplied,
                snapshot == null ? "none" : snapshot.getTermIndex());
    }

    @Override
    public SnapshotInfo getLatestSnapshot() {
        return snapshotFiles.getLatestSnapshot();
    }

    @Override
    public SimpleStateMachineStorage getStateMachineStorage() {
        return snapshotFiles;
    }

    /** Rejects a malformed batch before it reaches the log; keeps the decoded batch for apply. */
    @Override
    public TransactionContext startTransaction(RaftClientRequest request) throws IOException {
        ByteString content = request.getMessage().getContent();
        CommandBatch batch;
        try {
            batch = CommandCodec.decode(content.toByteArray());
            batch.commands().forEach(validator::validate);
            if (batch.commands().stream().anyMatch(JesdbStateMachine::addsData)) {
                // Every member's writes reach the log here, on the leader: its disk decides.
                diskSpace.requireSpace();
            }
        } catch (InsufficientStorageException e) {
            return refused(request, StorageRefusal.of(e));
        } catch (StoreException e) {
            return refused(request, new IOException("rejected a command batch: " + e.getMessage(), e));
        }
        return TransactionContext.newBuilder().setStateMachine(this).setClientRequest(request)
                .setLogData(content).setStateMachineContext(batch).build();
    }

    /**
     * A refusal Ratis answers as a reply with a StateMachineException; thrown instead, it reaches
     * a forwarding member as a transport error, which the Raft client retries until it times out.
     */
    private TransactionContext refused(RaftClientRequest request, IOException why) {
        TransactionContext refused = TransactionContext.newBuilder().setStateMachine(this).setClientRequest(request).build();
        refused.setException(why);
        return refused;
    }

    /** Appends and snapshot records are what fill a disk; the rest is small bookkeeping. */
    static boolean addsData(Command command) {
        return command instanceof Command.Append || command instanceof Command.RecordSnapshot;
    }

    @Override
    public CompletableFuture<Message> applyTransaction(TransactionContext trx) {
        synchronized (applyLock) {
            return applyInOrder(trx);
        }
    }

    private CompletableFuture<Message> applyInOrder(TransactionContext trx) {
        LogEntryProto entry = trx.getLogEntry();
        TermIndex termIndex = TermIndex.valueOf(entry);
        if (termIndex.getIndex() <= xodusApplied) {
            // Already in Xodus: replayed after a restart from the last Raft snapshot on, or
            // covered by a state installed from another member.
            updateLastAppliedTermIndex(termIndex);
            return CompletableFuture.completedFuture(Message.EMPTY);
        }
        CommandBatch batch = trx.getStateMachineContext() instanceof CommandBatch decoded
                ? decoded
                : CommandCodec.decode(entry.getStateMachineLogEntry().getLogData().toByteArray());
        List<CommandResult> results = applyBatch(batch, termIndex);
        updateLastAppliedTermIndex(termIndex);
        return CompletableFuture.completedFuture(Message.valueOf(ByteString.copyFrom(ResultCodec.encode(results))));
    }

    /**
     * Applies every command of one entry in one Xodus transaction that also records the entry's
     * term and index; each command succeeds or fails on its own. Then tells the listener.
     */
    List<CommandResult> applyBatch(CommandBatch batch, TermIndex termIndex) {
        List<List<RecordedEvent>> appended = new ArrayList<>();
        List<String> changedSubscriptions = new ArrayList<>();
        List<CommandResult> results = storage.write(txn -> {
            appended.clear();
            changedSubscriptions.clear();
            List<CommandResult> out = new ArrayList<>(batch.commands().size());
            for (Command command : batch.commands()) {
                CommandResult result = apply(txn, batch, command, appended);
                if (!(result instanceof CommandResult.Failed) && changesSubscription(command)) {
                    changedSubscriptions.add(subscriptionName(command));
                }
                out.add(result);
            }
            storage.putApplied(txn, termIndex);
            return out;
        });
        xodusApplied = termIndex.getIndex();
        try {
            for (List<RecordedEvent> events : appended) {
                listener.eventsAppended(events);
            }
            for (String name : changedSubscriptions) {
                listener.subscriptionChanged(name);
            }
        } catch (RuntimeException e) {
            // The entry is applied; a failing listener must not stop the applier.
            LOG.warn("a commit listener failed at index {}: {}", termIndex.getIndex(), e.toString());
        }
        return results;
    }

    /** Creating, updating or deleting a subscription changes what its dispatcher must do. */
    private static boolean changesSubscription(Command command) {
        return command instanceof Command.CreateSubscription || command instanceof Command.UpdateSubscription
                || command instanceof Command.DeleteSubscription;
    }

    private static String subscriptionName(Command command) {
        if (command instanceof Command.CreateSubscription create) {
            return create.name();
        } else if (command instanceof Command.UpdateSubscription update) {
            return update.name();
        }
        return ((Command.DeleteSubscription) command).name();
    }

    private CommandResult apply(Transaction txn, CommandBatch batch, Command command,
                                List<List<RecordedEvent>> appended) {
        try {
            if (command instanceof Command.Append append) {
                List<RecordedEvent> written = new ArrayList<>(append.events().size());
                var result = streams.append(txn, append.stream(), append.expected(), append.events(),
                        batch.created(), written);
                if (!written.isEmpty()) {
                    appended.add(written);
                }
                return new CommandResult.Appended(result);
            } else if (command instanceof Command.DeleteStream delete) {
                return new CommandResult.Done(streams.delete(txn, delete.stream(), delete.expected(), delete.mode()));
            } else if (command instanceof Command.RecordSnapshot record) {
                snapshots.record(txn, new Snapshot(record.source(), record.stream(), record.version(),
                        batch.created(), record.contentType(), record.data()));
                return new CommandResult.Done(0);
            } else if (command instanceof Command.DeleteSnapshot delete) {
                snapshots.delete(txn, delete.source(), delete.stream(), delete.version());
                return new CommandResult.Done(0);
            } else if (command instanceof Command.PutUser put) {
                security.putUser(txn, put.user(), put.mustBeNew());
                return new CommandResult.Done(0);
            } else if (command instanceof Command.DeleteUser delete) {
                security.deleteUser(txn, delete.name());
                return new CommandResult.Done(0);
            } else if (command instanceof Command.PutAccessRules put) {
                security.putRules(txn, put.rules());
                return new CommandResult.Done(0);
            } else if (command instanceof Command.InitializeSecurity init) {
                return new CommandResult.Done(security.initialize(txn, init.admin(), init.tokenKey()) ? 1 : 0);
            }
            return applySubscriptionCommand(txn, batch, command);
        } catch (StoreException rejected) {
            // The rules threw before writing anything: this command fails alone.
            return new CommandResult.Failed(rejected);
        }
    }

    private CommandResult applySubscriptionCommand(Transaction txn, CommandBatch batch, Command command) {
        if (command instanceof Command.CreateSubscription create) {
            return new CommandResult.Done(subscriptions.create(txn, create.name(), create.selector(), create.start(),
                    create.settings(), batch.created()));
        } else if (command instanceof Command.UpdateSubscription update) {
            subscriptions.update(txn, update.name(), update.settings());
        } else if (command instanceof Command.DeleteSubscription delete) {
            subscriptions.delete(txn, delete.name());
        } else if (command instanceof Command.Checkpoint checkpoint) {
            subscriptions.checkpoint(txn, checkpoint.name(), checkpoint.position());
        } else if (command instanceof Command.ParkEvent park) {
            subscriptions.park(txn, park.name(), park.position(), park.attempts(), park.reason(), batch.created());
        } else {
            Command.UnparkEvent unpark = (Command.UnparkEvent) command;
            subscriptions.unpark(txn, unpark.name(), unpark.position());
        }
        return new CommandResult.Done(0);
    }

    @Override
    public void notifyLeaderChanged(RaftGroupMemberId member, RaftPeerId newLeaderId) {
        try {
            listener.leaderChanged(member.getPeerId().equals(newLeaderId));
        } catch (RuntimeException e) {
            LOG.warn("a commit listener failed on a leader change: {}", e.toString());
        }
    }

    @Override
    public void notifyConfigurationChanged(long term, long index, RaftConfigurationProto configuration) {
        if (transfer == null) {
            // a single node (its address may be port 0) has no member list to keep
            return;
        }
        try {
            List<ClusterMember> members = new ArrayList<>();
            for (RaftPeerProto peer : configuration.getPeersList()) {
                members.add(new ClusterMember(peer.getId().toStringUtf8(), peer.getAddress()));
            }
            listener.membersChanged(List.copyOf(members));
        } catch (RuntimeException e) {
            // Never let it reach Ratis's applier thread, which would stop.
            LOG.warn("a commit listener failed on a change of members: {}", e.toString());
        }
    }

    /** Linearizable reads ask Ratis for a read index; this answers once the state has reached it. */
    @Override
    public CompletableFuture<Message> query(Message request) {
        ByteString content = request.getContent();
        if (content.isEmpty()) {
            return CompletableFuture.completedFuture(Message.EMPTY);
        }
        // Anything else is a state transfer request of another member.
        if (transfer == null) {
            return CompletableFuture.failedFuture(new IOException("this node serves no state transfers"));
        }
        try {
            return CompletableFuture.completedFuture(Message.valueOf(ByteString.copyFrom(transfer.answer(content.toByteArray()))));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(new IOException("a state transfer request failed: " + e.getMessage(), e));
        }
    }

    /**
     * The leader purged entries this member misses: fetch the leader's whole state, put it in
     * place of Xodus, and mark it as a Raft snapshot; Ratis then goes on with the entries after it.
     * Completes with null when there is nothing to install.
     */
    @Override
    public CompletableFuture<TermIndex> notifyInstallSnapshotFromLeader(RoleInfoProto roleInfo, TermIndex firstInLeaderLog) {
        if (transfer == null) {
            return CompletableFuture.failedFuture(new IOException("a single node has no one to fetch a state from"));
        }
        RaftPeerProto leader = roleInfo.getFollowerInfo().getLeaderInfo().getId();
        RaftPeer source = RaftPeer.newBuilder().setId(RaftPeerId.valueOf(leader.getId())).setAddress(leader.getAddress()).build();
        return CompletableFuture.supplyAsync(() -> {
            installing = true;
            try {
                return install(source, firstInLeaderLog);
            } catch (IOException e) {
                throw new CompletionException(e);
            } finally {
                installing = false;
            }
        }, installer);
    }

    private TermIndex install(RaftPeer leader, TermIndex firstInLeaderLog) throws IOException {
        long have;
        synchronized (applyLock) {
            if (xodusApplied + 1 >= firstInLeaderLog.getIndex()) {
                if (xodusApplied < 0) {
                    // A new, empty member and a leader whose log still starts at 0 (Ratis asks every
                    // new member once): no state to install, the log will do.
                    return null;
                }
                // Xodus already reaches the leader's log (an install a crash interrupted after the swap).
                storage.syncToDisk();
                return markSnapshot(storage.applied().orElseThrow());
            }
            have = xodusApplied;
        }
        LOG.info("the leader '{}' purged the entries from {} that this member misses: fetching its state",
                leader.getId(), have + 1);
        // The leader's log goes on from firstInLeaderLog: the state must reach the entry before it.
        long needed = firstInLeaderLog.getIndex() - 1;
        Path unpacked = transfer.receive(leader, needed);
        TermIndex installed;
        synchronized (applyLock) {
            installed = storage.replaceWith(unpacked, Math.max(needed, xodusApplied + 1));
            xodusApplied = installed.getIndex();
            markSnapshot(installed);
        }
        installs.incrementAndGet();
        LOG.info("installed the state of member '{}' up to term={} index={}", leader.getId(), installed.getTerm(),
                installed.getIndex());
        try {
            listener.stateInstalled();
        } catch (RuntimeException e) {
            LOG.warn("a commit listener failed after a state install: {}", e.toString());
        }
        return installed;
    }

    @Override
    public void pause() {
        getLifeCycle().transition(LifeCycle.State.PAUSING);
        getLifeCycle().transition(LifeCycle.State.PAUSED);
    }

    /** After an install, Ratis reloads: the applied index is the installed snapshot's. */
    @Override
    public void reinitialize() throws IOException {
        SingleFileSnapshotInfo snapshot = snapshotFiles.getLatestSnapshot();
        if (snapshot != null) {
            setLastAppliedTermIndex(snapshot.getTermIndex());
        }
        if (getLifeCycleState() == LifeCycle.State.PAUSED) {
            getLifeCycle().transition(LifeCycle.State.STARTING);
            getLifeCycle().transition(LifeCycle.State.RUNNING);
        }
    }

    @Override
    public void close() throws IOException {
        installer.shutdownNow();
        try {
            // an install holds the storage: let it end before the storage closes
            if (!installer.awaitTermination(30, TimeUnit.SECONDS)) {
                LOG.warn("a state install did not stop within 30 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (transfer != null) {
            transfer.close();
        }
        super.close();
    }

    /**
     * Xodus is the state, kept in place; a Raft snapshot marks the applied term and index up to
     * which Xodus is synced to disk, so Ratis may purge the log up to there.
     */
    @Override
    public long takeSnapshot() {
        TermIndex last = getLastAppliedTermIndex();
        if (last == null || last.getIndex() < 0) {
            return -1;
        }
        try {
            return markSynced(last);
        } catch (IOException | RuntimeException e) {
            // Ratis stops the whole server when this throws. A snapshot that fails (a full disk,
            // say) only means the log is not purged yet: the next threshold tries again.
            SingleFileSnapshotInfo previous = snapshotFiles.getLatestSnapshot();
            LOG.warn("raft snapshot at index {} skipped, the log is kept: {}", last.getIndex(), e.toString());
            return previous == null ? -1 : previous.getIndex();
        }
    }

    private long markSynced(TermIndex last) throws IOException {
        synchronized (applyLock) {
            if (last.getIndex() > xodusApplied) {
                // Entries after the last write were Raft's own (configuration, no-op): record that
                // Xodus has seen them, so that Xodus never claims less than the snapshot.
                storage.write(txn -> {
                    storage.putApplied(txn, last);
                    return null;
                });
                xodusApplied = last.getIndex();
            }
            storage.syncToDisk();
            markSnapshot(last);
        }
        LOG.info("raft snapshot taken term={} index={}", last.getTerm(), last.getIndex());
        return last.getIndex();
    }

    /** Records that Xodus is synced up to {@code synced}: Ratis may purge the log up to there. */
    private TermIndex markSnapshot(TermIndex synced) throws IOException {
        File file = snapshotFiles.getSnapshotFile(synced.getTerm(), synced.getIndex());
        var md5 = SnapshotMarkers.write(file, synced);
        snapshotFiles.updateLatestSnapshot(new SingleFileSnapshotInfo(new FileInfo(file.toPath(), md5), synced));
        snapshotFiles.cleanupOldSnapshots(KEEP_TWO_SNAPSHOTS);
        return synced;
    }

}
