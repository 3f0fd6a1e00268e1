package org.jesdb.client;

/** The client's typed errors, one per thing a caller may do differently. */
public final class Errors {
    private Errors() {
    }

    /** The stream was not at the expected version; {@link #actualVersion()} is where it is (-1: no stream). */
    public static final class WrongExpectedVersion extends JesdbException {
        private final long actualVersion;

        public WrongExpectedVersion(String message, long actualVersion) {
            super("wrong-expected-version", 409, message);
            this.actualVersion = actualVersion;
        }

        public long actualVersion() {
            return actualVersion;
        }
    }

    /**
     * The node's disk has less free space than it keeps in reserve (507): nothing was written.
     * Writes are taken again once an operator frees space; reads go on meanwhile.
     */
    public static final class InsufficientStorage extends JesdbException {
        public InsufficientStorage(String message) {
            super("insufficient-storage", 507, message);
        }
    }

    /** The stream was deleted (410). */
    public static final class StreamDeleted extends JesdbException {
        public StreamDeleted(String message) {
            super("stream-deleted", 410, message);
        }
    }

    /** What was asked for does not exist (404: a stream, a snapshot, a subscription). */
    public static class NotFound extends JesdbException {
        public NotFound(String type, String message) {
            super(type, 404, message);
        }
    }

    /** The stream does not exist (or was deleted softly): a {@link NotFound} of its own, as Kurrent's clients have. */
    public static final class StreamNotFound extends NotFound {
        public StreamNotFound(String message) {
            super("stream-not-found", message);
        }
    }

    /** The request was refused as invalid (400, 413, 415); {@link #field()} names what was wrong. */
    public static final class InvalidRequest extends JesdbException {
        private final String field;

        public InvalidRequest(String type, int status, String message, String field) {
            super(type, status, message);
            this.field = field;
        }

        public String field() {
            return field;
        }
    }

    /** Credentials are missing or wrong (401), or do not allow this (403). */
    public static final class Unauthorized extends JesdbException {
        public Unauthorized(String type, int status, String message) {
            super(type, status, message);
        }
    }

    /**
     * A write's outcome is unknown: retry it with the same event ids. No answer came within the
     * timeout (status 504 when a node said so, 0 when the client gave up waiting), the connection
     * broke after the request was sent (0), or a gateway's node failed during it (502).
     */
    public static final class Timeout extends JesdbException {
        public Timeout(String message, Throwable cause, int status) {
            super("timeout", status, message, cause);
        }
    }

    /**
     * No node could take the request: none could be reached (status 0), or the last one answered
     * it could not, having no leader or not being ready (503).
     */
    public static final class NoNodeAvailable extends JesdbException {
        public NoNodeAvailable(String message, Throwable cause, int status) {
            super("no-node-available", status, message, cause);
        }
    }
}
