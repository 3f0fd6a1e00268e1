package org.jesdb.store.security;

import org.jesdb.store.StoreException;

/** Only an admin may do this (manage users and access rules, change the cluster's members). */
public class AdminRequiredException extends StoreException {
    public AdminRequiredException(String user, String what) {
        super("user '" + user + "' may not " + what + ": only a user with the role admin may");
    }
}
