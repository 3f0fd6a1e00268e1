package org.jesdb.store.raft;

import java.nio.file.Path;
import org.apache.ratis.protocol.RaftGroupId;

/**
 * Where Ratis keeps a group's files under a node's Raft folder: {@code <group>/current} holds the
 * log segments and raft-meta (the member's term and vote), {@code <group>/sm} the snapshot markers.
 */
record RaftFolders(Path group) {
    static RaftFolders of(Path raftDir, RaftGroupId groupId) {
        return new RaftFolders(raftDir.resolve(groupId.getUuid().toString()));
    }

    Path log() {
        return group.resolve("current");
    }

    /** The member's Raft term and vote: a member that forgot them could vote twice in a term. */
    Path termAndVote() {
        return log().resolve("raft-meta");
    }

    Path snapshots() {
        return group.resolve("sm");
    }
}
