package org.jesdb.store;

import java.util.Objects;

/**
 * A member of the store's Raft group: its node id and the host:port its Raft server listens on.
 */
public record ClusterMember(String id, String raftAddress) {
    public ClusterMember {
        Names.requireUrlSafe("member.id", id);
        Objects.requireNonNull(raftAddress, "raftAddress");
        int colon = raftAddress.lastIndexOf(':');
        if (colon <= 0 || colon == raftAddress.length() - 1) {
            throw new InvalidInputException("member.raftAddress", "must be host:port, was '" + raftAddress + "'");
        }
        try {
            int port = Integer.parseInt(raftAddress.substring(colon + 1));
            if (port < 1 || port > 65_535) {
                throw new NumberFormatException();
            }
        } catch (NumberFormatException e) {
            throw new InvalidInputException("member.raftAddress", "must end in a port 1..65535, was '" + raftAddress + "'");
        }
    }
}
