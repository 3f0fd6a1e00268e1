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
    private final RaftTls tls;
    private final StateExport export;

    StateTransfer(XodusStorage storage, Path folder, RaftGroupId groupId, RaftTls tls) throws IOException {
        this.storage = storage;
        this.folder = folder;
        this.groupId = groupId;
        this.tls = tls;
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
        return receive(source, groupId, tls, atLeast, folder, storage.folder());
    }

    /**
     * Fetches the state of {@code source} into {@code folder} and unpacks it beside the
     * environment folder {@code xodus}; also for a member whose own environment is set aside.
     */
    static Path receive(RaftPeer source, RaftGroupId groupId, RaftTls tls, long atLeast, Path folder, Path xodus)
            throws IOException {
        Path zip = folder.resolve("in").resolve("state.zip");
        try (RaftClient client = clientFor(source, groupId, tls)) {
            new StateFetch(client, source.getId(), PATIENCE).fetch(atLeast, zip, usableSpace(xodus) - DISK_RESERVE);
        }
        try {
            return StateInstallation.unpack(zip, xodus, usableSpace(xodus) - DISK_RESERVE);
        } finally {
            Files.deleteIfExists(zip);
        }
    }

    private static long usableSpace(Path xodus) throws IOException {
        return Files.getFileStore(xodus.getParent()).getUsableSpace();
    }

    /** A client of the one member that serves the state. */
    private static RaftClient clientFor(RaftPeer source, RaftGroupId groupId, RaftTls tls) {
        RaftProperties p = new RaftProperties();
        RaftClientConfigKeys.Rpc.setRequestTimeout(p, TimeDuration.valueOf(30, TimeUnit.SECONDS));
        GrpcConfigKeys.setMessageSizeMax(p, SizeInBytes.valueOf(StateExport.CHUNK_BYTES + (1 << 20)));
        return RaftClient.newBuilder().setProperties(p).setParameters(tls.parameters())
                .setRaftGroup(RaftGroup.valueOf(groupId, source))
                .setClientId(ClientId.randomId())
                .setRetryPolicy(RetryPolicies.retryUpToMaximumCountWithFixedSleep(5, TimeDuration.valueOf(500, TimeUnit.MILLISECONDS)))
                .build();
    }

    @Override
    public void close() {
        export.close();
    }
}
