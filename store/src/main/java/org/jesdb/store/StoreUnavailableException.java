package org.jesdb.store;

/** The store cannot take the operation now (closed, no leader, overloaded); retry later. */
public class StoreUnavailableException extends StoreException {
    public StoreUnavailableException(String message) {
        super(message);
    }

    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
