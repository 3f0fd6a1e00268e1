package org.jesdb.bench.cluster;

/**
 * One failover: the leader killed with SIGKILL while a client appended.
 *
 * @param oldLeader        the member killed
 * @param newLeader        the member a survivor named leader afterwards, or null if none within the limit
 * @param electedMillis    from the kill until a survivor named a new leader, or NaN
 * @param firstAckMillis   from the kill until an append sent after it was acknowledged, or NaN
 * @param longestAppendMillis the longest append of the writer around the kill (what its caller waited)
 * @param appendErrors     appends that failed with an error the client gave up on
 * @param firstError       the first of those errors, or null
 */
public record FailoverResult(String oldLeader, String newLeader, double electedMillis, double firstAckMillis,
                             double longestAppendMillis, int appendErrors, String firstError) {
}
