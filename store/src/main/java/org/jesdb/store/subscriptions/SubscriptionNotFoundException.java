package org.jesdb.store.subscriptions;

import org.jesdb.store.StoreException;

/** No persistent subscription has this name. */
public class SubscriptionNotFoundException extends StoreException {
    private final String name;

    public SubscriptionNotFoundException(String name) {
        super("subscription '" + name + "' does not exist");
        this.name = name;
    }

    public String name() {
        return name;
    }
}
