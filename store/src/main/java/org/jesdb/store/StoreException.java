package org.jesdb.store;

/**
 * The root of every error the store reports. Subclasses are typed so that callers (the EJB
 * layer, the HTTP layer, embedded programs) can react to each one; the message says what
 * happened and what to do.
 */
public class StoreException extends RuntimeException {
    public StoreException(String message) {
        super(message);
    }

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
