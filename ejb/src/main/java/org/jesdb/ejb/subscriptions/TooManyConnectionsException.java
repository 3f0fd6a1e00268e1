package org.jesdb.ejb.subscriptions;

import org.jesdb.store.StoreException;

/** A user already holds as many subscription connections on this node as JESDB_MAX_CONNECTIONS_PER_USER allows. */
public class TooManyConnectionsException extends StoreException {
    private final int limit;

    public TooManyConnectionsException(String user, int limit) {
        super("user '" + user + "' already holds " + limit + " subscription connections on this node, the most "
                + "JESDB_MAX_CONNECTIONS_PER_USER allows: close one first");
        this.limit = limit;
    }

    public int limit() {
        return limit;
    }
}
