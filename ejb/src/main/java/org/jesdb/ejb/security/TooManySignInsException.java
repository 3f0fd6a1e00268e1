package org.jesdb.ejb.security;

import org.jesdb.store.StoreException;

/**
 * Too many failed password sign-ins for the user name sent, or from the caller's address, in the
 * current window: the password was not checked at all, so the answer says nothing of whether it
 * was right. The message never names a user.
 */
public class TooManySignInsException extends StoreException {
    /** What was limited: the user name sent, or the address it came from. */
    public enum Scope {
        NAME("this user name"), ADDRESS("this address");

        private final String words;

        Scope(String words) {
            this.words = words;
        }
    }

    private final Scope scope;
    private final long retryAfterSeconds;

    public TooManySignInsException(Scope scope, int limit, long retryAfterSeconds) {
        super("too many failed sign-ins for " + scope.words + " (" + limit + " in the window): passwords are not "
                + "checked for it for " + retryAfterSeconds + " s; a bearer token still works");
        this.scope = scope;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public Scope scope() {
        return scope;
    }

    /** Whole seconds until the window closes, at least 1. */
    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
