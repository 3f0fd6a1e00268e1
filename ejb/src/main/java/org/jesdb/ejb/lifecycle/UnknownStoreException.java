package org.jesdb.ejb.lifecycle;

import org.jesdb.store.StoreException;

/** A request named a store this node does not serve. */
public class UnknownStoreException extends StoreException {
    private final String storeId;

    public UnknownStoreException(String storeId, String served) {
        super("this node serves store '" + served + "', not '" + storeId + "'");
        this.storeId = storeId;
    }

    public String storeId() {
        return storeId;
    }
}
