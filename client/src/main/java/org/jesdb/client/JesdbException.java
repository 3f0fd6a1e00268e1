package org.jesdb.client;

/**
 * The root of the client's errors. Each subclass is one thing a caller may react to; {@link #type()}
 * is the API's problem type (e.g. {@code wrong-expected-version}) and {@link #status()} its HTTP
 * status, or 0 when the error arose in the client (no node answered, or the client's own checks).
 */
public class JesdbException extends RuntimeException {
    private final String type;
    private final int status;

    public JesdbException(String type, int status, String message) {
        super(message);
        this.type = type;
        this.status = status;
    }

    public JesdbException(String type, int status, String message, Throwable cause) {
        super(message, cause);
        this.type = type;
        this.status = status;
    }

    public String type() {
        return type;
    }

    public int status() {
        return status;
    }
}
