package org.jesdb.store.security;

import java.util.Locale;
import org.jesdb.store.StoreException;

/** The caller may not do this to the stream: the access rules give the right to others only. */
public class AccessDeniedException extends StoreException {
    private final String stream;
    private final Right right;

    public AccessDeniedException(String user, String stream, Right right) {
        super("user '" + user + "' may not " + right.name().toLowerCase(Locale.ROOT) + " stream '" + stream
                + "'; an admin can grant it in the access rules");
        this.stream = stream;
        this.right = right;
    }

    public String stream() {
        return stream;
    }

    public Right right() {
        return right;
    }
}
