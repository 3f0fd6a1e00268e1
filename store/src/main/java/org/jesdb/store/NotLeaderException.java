package org.jesdb.store;

/**
 * The operation runs on the Raft leader only (persistent subscription consumers, as in
 * KurrentDB); {@code leaderId} names the node to go to, or is null while there is none.
 */
public class NotLeaderException extends StoreUnavailableException {
    private final String leaderId;

    public NotLeaderException(String what, String leaderId) {
        super(what + " runs on the leader; " + (leaderId == null
                ? "there is no leader now, retry shortly" : "connect to node '" + leaderId + "'"));
        this.leaderId = leaderId;
    }

    public String leaderId() {
        return leaderId;
    }
}
