package org.jesdb.store.raft;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Arrays;
import java.util.UUID;
import org.apache.ratis.client.RaftClient;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftClientReply;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.thirdparty.com.google.protobuf.ByteString;
import org.jesdb.store.CorruptDataException;
import org.jesdb.store.StoreUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Downloads another member's whole state (see {@link StateExport}) into a file, chunk by chunk,
 * and checks its SHA-256 against the one the exporter announced.
 */
final class StateFetch {
    private static final Logger LOG = LoggerFactory.getLogger(StateFetch.class);
    private static final long POLL_MILLIS = 200;

    private final RaftClient client;
    private final RaftPeerId source;
    private final Duration patience;

    /** {@code client} reaches {@code source}; {@code patience}: how long the exporter may take to prepare. */
    StateFetch(RaftClient client, RaftPeerId source, Duration patience) {
        this.client = client;
        this.source = source;
        this.patience = patience;
    }

    /**
     * Fetches a state that has applied at least {@code atLeast} into {@code file} (replaced if
     * it exists), refusing one larger than {@code maxBytes}.
     */
    void fetch(long atLeast, Path file, long maxBytes) throws IOException {
        UUID token = open(atLeast);
        LOG.info("fetching the state of member '{}' (export {})", source, token);
        try {
            download(token, file, maxBytes);
        } finally {
            try {
                ask(StateTransferMessages.closeRequest(token));
            } catch (IOException | RuntimeException e) {
                LOG.debug("could not close export {} on member '{}': {}", token, source, e.toString());
            }
        }
    }

    private void download(UUID token, Path file, long maxBytes) throws IOException {
        Files.createDirectories(file.getParent());
        long deadline = System.nanoTime() + patience.toNanos();
        MessageDigest digest = StateExport.sha256();
        StateTransferMessages.Answer.Ready first = null;
        long offset = 0;
        try (FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            while (true) {
                StateTransferMessages.Answer answer = ask(StateTransferMessages.chunkRequest(token, offset));
                if (answer instanceof StateTransferMessages.Answer.Preparing) {
                    waitForExport(deadline);
                } else if (answer instanceof StateTransferMessages.Answer.Ready ready) {
                    first = first == null ? announced(ready, maxBytes) : first;
                    if (ready.size() != first.size() || !Arrays.equals(ready.sha256(), first.sha256())) {
                        throw new CorruptDataException("member '" + source + "' changed the state it sends mid-way");
                    }
                    out.write(ByteBuffer.wrap(ready.data()), offset);
                    digest.update(ready.data());
                    offset += ready.data().length;
                    if (offset >= ready.size() || ready.data().length == 0) {
                        finish(first, offset, digest, out);
                        return;
                    }
                } else if (answer instanceof StateTransferMessages.Answer.Failed failed) {
                    throw new StoreUnavailableException("fetching the state of member '" + source + "' failed: " + failed.reason());
                } else {
                    throw new CorruptDataException("member '" + source + "' answered a chunk request with something else");
                }
            }
        }
    }

    private StateTransferMessages.Answer.Ready announced(StateTransferMessages.Answer.Ready ready, long maxBytes) {
        if (ready.size() > maxBytes) {
            throw new StoreUnavailableException("the state of member '" + source + "' is " + ready.size()
                    + " bytes, more than the " + maxBytes + " this member can hold; free some disk space");
        }
        return ready;
    }

    private UUID open(long atLeast) throws IOException {
        StateTransferMessages.Answer answer = ask(StateTransferMessages.openRequest(atLeast));
        if (answer instanceof StateTransferMessages.Answer.Opened opened) {
            return opened.token();
        } else if (answer instanceof StateTransferMessages.Answer.Failed failed) {
            throw new StoreUnavailableException("member '" + source + "' cannot export its state: " + failed.reason());
        }
        throw new CorruptDataException("member '" + source + "' answered an open with something else");
    }

    private void finish(StateTransferMessages.Answer.Ready announced, long received, MessageDigest digest,
                        FileChannel out) throws IOException {
        if (received != announced.size() || !Arrays.equals(digest.digest(), announced.sha256())) {
            throw new CorruptDataException("the state received from member '" + source + "' does not match its checksum");
        }
        out.force(true);
        LOG.info("received {} bytes of state from member '{}'", received, source);
    }

    private void waitForExport(long deadline) {
        if (System.nanoTime() > deadline) {
            throw new StoreUnavailableException("member '" + source + "' took too long to prepare its state");
        }
        try {
            Thread.sleep(POLL_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreUnavailableException("interrupted while fetching the state of member '" + source + "'");
        }
    }

    private StateTransferMessages.Answer ask(byte[] request) throws IOException {
        // A stale read goes to that one member's state machine and needs no read index.
        RaftClientReply reply = client.io().sendStaleRead(Message.valueOf(ByteString.copyFrom(request)), 0, source);
        if (!reply.isSuccess()) {
            throw new StoreUnavailableException("member '" + source + "' refused a state transfer request: " + reply.getException());
        }
        return StateTransferMessages.decode(reply.getMessage().getContent().toByteArray());
    }
}
