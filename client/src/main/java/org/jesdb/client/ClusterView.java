package org.jesdb.client;

import java.util.List;

/**
 * The cluster as one node sees it ({@code GET /api/cluster}): that node's id, the leader's (null
 * while there is none), the Raft indexes, the members, and nodes up but not yet members.
 */
public record ClusterView(String node, String leader, long commitIndex, long appliedIndex, List<Member> members,
                          List<String> waiting) {

    public ClusterView {
        members = List.copyOf(members);
        waiting = List.copyOf(waiting);
    }

    /**
     * @param role       LEADER, FOLLOWER or CANDIDATE as far as the answering node knows
     * @param matchIndex the member's last entry matching the leader's log (-1: unknown to a follower)
     * @param lag        committed entries the member is behind (-1: unknown to a follower)
     */
    public record Member(String id, String raftAddress, String role, long matchIndex, long lag) {
    }
}
