package org.jesdb.store;

/** What this node knows of its Raft group: its role, the leader, and how far it has applied. */
public record NodeStatus(String nodeId, String role, String leaderId, long term, long appliedIndex, boolean ready) {
}
