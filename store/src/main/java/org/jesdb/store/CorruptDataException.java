package org.jesdb.store;

/**
 * Stored bytes failed their checksum or could not be decoded. The damaged data is never
 * returned; the operator restores the node from a backup or, in a cluster, from its peers.
 */
public class CorruptDataException extends StoreException {
    public CorruptDataException(String message) {
        super(message);
    }
}
