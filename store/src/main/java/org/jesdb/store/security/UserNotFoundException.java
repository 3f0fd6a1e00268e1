package org.jesdb.store.security;

import org.jesdb.store.StoreException;

/** No user has this name. */
public class UserNotFoundException extends StoreException {
    private final String name;

    public UserNotFoundException(String name) {
        super("user '" + name + "' does not exist");
        this.name = name;
    }

    public String name() {
        return name;
    }
}
