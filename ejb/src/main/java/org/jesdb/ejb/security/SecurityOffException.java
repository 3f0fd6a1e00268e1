package org.jesdb.ejb.security;

import org.jesdb.store.StoreException;

/** Asked for what exists only with JESDB_SECURITY=on (users, access rules, tokens). */
public class SecurityOffException extends StoreException {
    public SecurityOffException(String what) {
        super("no " + what + " while security is off: start the node with JESDB_SECURITY=on and JESDB_ADMIN_PASSWORD");
    }
}
