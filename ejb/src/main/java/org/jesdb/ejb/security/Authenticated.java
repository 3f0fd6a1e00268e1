package org.jesdb.ejb.security;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.jesdb.store.security.Caller;

/**
 * A caller that credentials proved, and until when those credentials hold: a token's expiry, or
 * none for a password (HTTP Basic proves itself again on every request). A connection that
 * outlives its request (SSE, WebSocket) must end at {@code expires}, or it would outlive the token.
 */
public record Authenticated(Caller caller, Optional<Instant> expires) {
    public Authenticated {
        Objects.requireNonNull(caller, "caller");
        Objects.requireNonNull(expires, "expires");
    }

    public static Authenticated byPassword(Caller caller) {
        return new Authenticated(caller, Optional.empty());
    }

    public static Authenticated byToken(Caller caller, Instant expires) {
        return new Authenticated(caller, Optional.of(expires));
    }
}
