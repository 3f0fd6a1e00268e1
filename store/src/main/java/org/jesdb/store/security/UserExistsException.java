package org.jesdb.store.security;

import org.jesdb.store.StoreException;

/** A user with this name exists already; change or delete it instead. */
public class UserExistsException extends StoreException {
    private final String name;

    public UserExistsException(String name) {
        super("user '" + name + "' exists already; change it or delete it first");
        this.name = name;
    }

    public String name() {
        return name;
    }
}
