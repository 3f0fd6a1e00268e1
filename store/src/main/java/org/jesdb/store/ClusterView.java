package org.jesdb.store;

import java.util.List;

/**
 * The store's Raft group as this node sees it. Match indexes (how far each member's log agrees
 * with the leader's) are known on the leader only; elsewhere they are -1.
 *
 * @param nodeId       the node that answers
 * @param leaderId     the leader, or null while there is none
 * @param commitIndex  the last entry this node knows to be committed
 * @param appliedIndex the last entry this node has applied
 */
public record ClusterView(String nodeId, String leaderId, long commitIndex, long appliedIndex, List<Member> members) {

    public ClusterView {
        members = List.copyOf(members);
    }

    /**
     * @param role       LEADER, FOLLOWER, CANDIDATE as far as this node knows
     * @param matchIndex the member's last entry that matches the leader's log (-1: unknown here)
     * @param lag        committed entries the member's log is behind (-1: unknown here)
     */
    public record Member(String id, String raftAddress, String role, long matchIndex, long lag) {
    }
}
