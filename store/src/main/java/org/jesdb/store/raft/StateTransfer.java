package org.jesdb.store.raft;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.apache.ratis.client.RaftClient;
import org.apache.ratis.client.RaftClientConfigKeys;
import org.apache.ratis.conf.RaftProperties;
import org.apache.ratis.grpc.GrpcConfigKeys;
import org.apache.ratis.protocol.ClientId;
import org.apache.ratis.protocol.RaftGroup;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftPeer;
import org.apache.ratis.retry.RetryPolicies;
import org.apache.ratis.util.SizeInBytes;
import org.apache.ratis.util.TimeDuration;
import org.jesdb.store.storage.StateInstallation;
import org.jesdb.store.storage.XodusStorage;

/**
 * Whole states between members: this member serves its own ({@link StateExport}) and receives
 * another's ({@link StateFetch}, then unpacked beside the live environment), for a member whose
 * missing log entries were purged. Everything lives under one folder of the store.
 */
final class StateTransfer implements AutoCloseable {
    /** How long an exporter may take to prepare a backup. */
    private static final Duration PATIENCE = Duration.ofMinutes(30);
    /** Left free on the disk after a received state is unpacked: the Raft log shares it. */
    private static final long DISK_RESERVE = 256L << 20;

    private final XodusStorage storage;
    private final Path folder;
    private final RaftGroupId groupId;
    private final StateExport export;

    StateTransfer(XodusStorage storage, Path folder, RaftGroupId groupId) throws IOException {
        this.storage = storage;
        this.folder = folder;
        this.groupId = groupId;
        // a download a crash interrupted is of no use
        StateInstallation.deleteTree(folder.resolve("in"));
        this.export = new StateExport(storage, folder.resolve("out"));
    }

    byte[] answer(byte[] request) {
        return export.answer(request);
    }

    /**
     * Fetches the state of {@code source} (one that has applied at least {@code atLeast}) and
     * unpacks it beside the live environment; answers the folder to swap in.
     */
    Path receive(RaftPeer source, long atLeast) throws IOException {
        Path zip = folder.resolve("in").resolve("state.zip");
        try (RaftClient client = clientFor(source)) {
            new StateFetch(client, source.getId(), PATIENCE).fetch(atLeast, zip, usableSpace() - DISK_RESERVE);
        }
        try {
            return StateInstallation.unpack(zip, storage.folder(), usableSpace() - DISK_RESERVE);
        } finally {
            Files.deleteIfExists(zip);
        }
    }

    private long usableSpace() throws IOException {
        return Files.getFileStore(storage.folder().getParent()).getUsableSpace();
    }

    /** A client of the one member that serves the state: the leader whose address came with the notification. */
    private RaftClient clientFor(RaftPeer source) {
        RaftProperties p = new RaftProperties();
        RaftClientConfigKeys.Rpc.setRequestTimeout(p, TimeDuration.valueOf(30, TimeUnit.SECONDS));
        GrpcConfigKeys.setMessageSizeMax(p, SizeInBytes.valueOf(StateExport.CHUNK_BYTES + (1 << 20)));
        return RaftClient.newBuilder().setProperties(p).setRaftGroup(RaftGroup.valueOf(groupId, source))
                .setClientId(ClientId.randomId())
                .setRetryPolicy(RetryPolicies.retryUpToMaximumCountWithFixedSleep(5, TimeDuration.valueOf(500, TimeUnit.MILLISECONDS)))
                .build();
    }

    @Override
    public void close() {
        export.close();
    }
}
