package org.jesdb.ejb.subscriptions;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jesdb.ejb.lifecycle.StoreLifecycle;
import org.jesdb.store.security.Caller;

/**
 * Counts the subscription connections (SSE and WebSocket) each user holds open on this node, and
 * refuses one more than JESDB_MAX_CONNECTIONS_PER_USER allows: every connection holds a delivery
 * lane and a subscription, so one user's leaking client loop must not take the node's. In-process
 * code and requests while security is off ({@link Caller#TRUSTED}) are not counted.
 */
@ApplicationScoped
public class ConnectionQuota {
    private static final Runnable NOTHING_TO_RELEASE = () -> { };

    @Inject
    StoreLifecycle lifecycle;

    /** Open connections per user name; a name leaves the map when its last connection ends. */
    private final Map<String, Integer> open = new ConcurrentHashMap<>();

    /**
     * Takes a connection for {@code caller}, or throws {@link TooManyConnectionsException}; the
     * answer releases it (running it again does nothing), and must be run when the connection ends.
     */
    public Runnable take(Caller caller) {
        if (caller == Caller.TRUSTED) {
            return NOTHING_TO_RELEASE;
        }
        return take(caller.name(), lifecycle.security().connectionsPerUser());
    }

    Runnable take(String user, int limit) {
        int now = open.merge(user, 1, Integer::sum);
        if (now > limit) {
            release(user);
            throw new TooManyConnectionsException(user, limit);
        }
        AtomicBoolean released = new AtomicBoolean();
        return () -> {
            if (released.compareAndSet(false, true)) {
                release(user);
            }
        };
    }

    /** How many connections {@code user} holds open on this node. */
    public int openBy(String user) {
        return open.getOrDefault(user, 0);
    }

    private void release(String user) {
        open.computeIfPresent(user, (name, count) -> count == 1 ? null : count - 1);
    }
}
