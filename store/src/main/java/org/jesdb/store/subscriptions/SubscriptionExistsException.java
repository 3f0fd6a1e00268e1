package org.jesdb.store.subscriptions;

import org.jesdb.store.StoreException;

/** A persistent subscription with this name exists already; update or delete it instead. */
public class SubscriptionExistsException extends StoreException {
    private final String name;

    public SubscriptionExistsException(String name) {
        super("subscription '" + name + "' exists already; update it or delete it first");
        this.name = name;
    }

    public String name() {
        return name;
    }
}
