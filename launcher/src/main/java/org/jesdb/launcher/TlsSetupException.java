package org.jesdb.launcher;

/** The node cannot serve HTTPS as configured; the message names the setting or file to fix. */
final class TlsSetupException extends RuntimeException {
    TlsSetupException(String message) {
        super(message);
    }

    TlsSetupException(String message, Throwable cause) {
        super(message, cause);
    }
}
