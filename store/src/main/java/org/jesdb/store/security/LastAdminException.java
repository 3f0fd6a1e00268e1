package org.jesdb.store.security;

import org.jesdb.store.StoreException;

/** The change would leave the store without an admin, and so without a way to manage users. */
public class LastAdminException extends StoreException {
    public LastAdminException(String user) {
        super("'" + user + "' is the last user with the role admin: make another admin first");
    }
}
