package org.jesdb.bench.postgres;

/** The PostgreSQL peer could not be set up; the message says why and what to do. */
public final class PeerUnavailableException extends RuntimeException {
    public PeerUnavailableException(String message) {
        super(message);
    }
}
