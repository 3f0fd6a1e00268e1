package org.jesdb.store.raft;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.ratis.server.protocol.TermIndex;
import org.jesdb.store.codec.BinaryReader;
import org.jesdb.store.codec.MalformedBinaryException;
import org.jesdb.store.storage.StateInstallation;
import org.jesdb.store.storage.XodusStorage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves this member's whole state to a member whose missing log entries were purged: a Xodus
 * hot backup, made on demand in the background and read out in chunks over Raft's own channel
 * (as read-only queries, see {@link StateTransferMessages}). Exports unused for a while are deleted.
 */
final class StateExport implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(StateExport.class);
    static final int CHUNK_BYTES = 1 << 20;
    /** A fetcher that opens within this time of an earlier export shares it. */
    private static final long SHARE_NANOS = 60_000_000_000L;
    private static final long IDLE_NANOS = 300_000_000_000L;
    private static final int MAX_EXPORTS = 3;

    private final XodusStorage storage;
    private final Path folder;
    private final ScheduledExecutorService worker;
    private final Map<UUID, Export> exports = new LinkedHashMap<>();

    /** One backup: being made, or ready as a file with its size and SHA-256. */
    private static final class Export {
        final long created = System.nanoTime();
        /** The backup is taken after this index was applied, so it holds at least this much. */
        final long appliedBefore;
        final CompletableFuture<Prepared> prepared = new CompletableFuture<>();
        long lastUsed = created;

        Export(long appliedBefore) {
            this.appliedBefore = appliedBefore;
        }
    }

    private record Prepared(Path file, long size, byte[] sha256) {
    }

    StateExport(XodusStorage storage, Path folder) {
        this.storage = storage;
        this.folder = folder;
        this.worker = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "jesdb-state-export");
            thread.setDaemon(true);
            return thread;
        });
        worker.scheduleWithFixedDelay(this::expire, 1, 1, TimeUnit.MINUTES);
        try {
            // exports of an earlier run are of no use to anyone
            StateInstallation.deleteTree(folder);
        } catch (IOException e) {
            LOG.warn("cannot delete old state exports in {}: {}", folder, e.toString());
        }
    }

    /** Answers one request of a fetching member. */
    synchronized byte[] answer(byte[] request) {
        BinaryReader in = BinaryReader.of(request, "state transfer request");
        int kind = in.u8();
        if (kind == StateTransferMessages.OPEN) {
            long atLeast = in.i64();
            in.end();
            return open(atLeast);
        }
        if (kind != StateTransferMessages.CHUNK && kind != StateTransferMessages.CLOSE) {
            throw new MalformedBinaryException("state transfer request: unknown kind " + kind);
        }
        UUID token = in.uuid();
        if (kind == StateTransferMessages.CLOSE) {
            in.end();
            Export closed = exports.remove(token);
            if (closed != null) {
                deleteFile(closed);
            }
            // the fetcher does not read the answer to a close
            return StateTransferMessages.preparing();
        }
        long offset = in.i64();
        in.end();
        return chunk(token, offset);
    }

    private byte[] open(long atLeast) {
        expire();
        for (Map.Entry<UUID, Export> entry : exports.entrySet()) {
            Export export = entry.getValue();
            if (System.nanoTime() - export.created < SHARE_NANOS && export.appliedBefore >= atLeast
                    && !export.prepared.isCompletedExceptionally()) {
                export.lastUsed = System.nanoTime();
                return StateTransferMessages.opened(entry.getKey());
            }
        }
        if (exports.size() >= MAX_EXPORTS) {
            return StateTransferMessages.failed("this member is already exporting its state " + MAX_EXPORTS + " times");
        }
        long applied = storage.applied().map(TermIndex::getIndex).orElse(-1L);
        if (applied < atLeast) {
            return StateTransferMessages.failed("this member has applied up to " + applied + ", less than the " + atLeast + " asked");
        }
        UUID token = UUID.randomUUID();
        Export export = new Export(applied);
        exports.put(token, export);
        worker.execute(() -> prepare(export));
        LOG.info("state export {} started for a member that missed purged log entries", token);
        return StateTransferMessages.opened(token);
    }

    private void prepare(Export export) {
        try {
            Files.createDirectories(folder);
            Path file = storage.backup(folder);
            long size = Files.size(file);
            byte[] sha256 = sha256(file);
            export.prepared.complete(new Prepared(file, size, sha256));
            LOG.info("state export ready: {} bytes in {}", size, file);
        } catch (IOException | RuntimeException e) {
            LOG.warn("state export failed: {}", e.toString());
            export.prepared.completeExceptionally(e);
        }
    }

    private byte[] chunk(UUID token, long offset) {
        Export export = exports.get(token);
        if (export == null) {
            return StateTransferMessages.failed("no state export " + token + " (expired or never opened)");
        }
        export.lastUsed = System.nanoTime();
        if (!export.prepared.isDone()) {
            return StateTransferMessages.preparing();
        }
        Prepared prepared;
        try {
            prepared = export.prepared.join();
        } catch (RuntimeException e) {
            exports.remove(token);
            return StateTransferMessages.failed("the state export failed: " + e.getMessage());
        }
        if (offset < 0 || offset > prepared.size()) {
            return StateTransferMessages.failed("offset " + offset + " is outside the export of " + prepared.size() + " bytes");
        }
        try (FileChannel channel = FileChannel.open(prepared.file(), StandardOpenOption.READ)) {
            ByteBuffer data = ByteBuffer.allocate((int) Math.min(CHUNK_BYTES, prepared.size() - offset));
            while (data.hasRemaining() && channel.read(data, offset + data.position()) >= 0) {
                // read until the chunk is full
            }
            return StateTransferMessages.ready(prepared.size(), prepared.sha256(), data.array());
        } catch (IOException e) {
            return StateTransferMessages.failed("cannot read the state export: " + e.getMessage());
        }
    }

    /** Drops exports nobody asked about for a while, and their files. */
    private synchronized void expire() {
        Iterator<Export> it = exports.values().iterator();
        while (it.hasNext()) {
            Export export = it.next();
            if (System.nanoTime() - export.lastUsed > IDLE_NANOS && export.prepared.isDone()) {
                it.remove();
                deleteFile(export);
            }
        }
    }

    /**
     * Deletes an export's file, now or, for one still being made, once it is: never waits, since
     * the answers run on Raft's own threads.
     */
    private static void deleteFile(Export export) {
        export.prepared.thenAccept(prepared -> {
            try {
                Files.deleteIfExists(prepared.file());
            } catch (IOException e) {
                LOG.warn("cannot delete a state export: {}", e.toString());
            }
        });
    }

    static byte[] sha256(Path file) throws IOException {
        MessageDigest digest = sha256();
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
        }
        return digest.digest();
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    @Override
    public synchronized void close() {
        worker.shutdownNow();
        exports.clear();
        try {
            StateInstallation.deleteTree(folder);
        } catch (IOException e) {
            LOG.warn("cannot delete the state export folder {}: {}", folder, e.toString());
        }
    }
}
