package org.jesdb.store;

/**
 * What this node knows of its Raft group: its role, the leader, and how far it has applied.
 * {@code problem} says why the node does not take part (its role is then STOOD_DOWN), else null.
 */
public record NodeStatus(String nodeId, String role, String leaderId, long term, long appliedIndex, boolean ready,
                         String problem) {
}
