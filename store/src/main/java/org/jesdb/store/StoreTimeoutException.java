package org.jesdb.store;

/**
 * The operation did not finish within the configured timeout. For an append the outcome is
 * unknown: retry it with the same event ids, which is safe because appends are idempotent.
 */
public class StoreTimeoutException extends StoreException {
    public StoreTimeoutException(String message) {
        super(message);
    }
}
