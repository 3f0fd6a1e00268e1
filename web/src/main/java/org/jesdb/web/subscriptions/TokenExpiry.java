package org.jesdb.web.subscriptions;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * When a subscription connection opened with a bearer token must end: at the token's expiry, the
 * same instant a new request with that token stops being let in (give or take the clock skew a
 * request is allowed), so that a connection never outlives its token. A connection opened with a
 * password (Basic), or while security is off, has none: Basic proves nothing that expires.
 */
final class TokenExpiry {
    /** Why the connection ends, as the client is told (an SSE event's data, a WebSocket close reason). */
    static final String REASON = "the token expired; take a new one (POST /api/token) and reconnect";

    private static final TokenExpiry NEVER = new TokenExpiry(Optional.empty(), Clock.systemUTC());

    private final Optional<Instant> expires;
    private final Clock clock;

    TokenExpiry(Optional<Instant> expires, Clock clock) {
        this.expires = expires;
        this.clock = clock;
    }

    /** The expiry of a connection whose token expires at {@code expires}; none when it is empty. */
    static TokenExpiry at(Optional<Instant> expires) {
        return expires.isEmpty() ? NEVER : new TokenExpiry(expires, Clock.systemUTC());
    }

    static TokenExpiry never() {
        return NEVER;
    }

    /** Whether the token has expired: nothing more may go out on the connection. */
    boolean passed() {
        return expires.isPresent() && !clock.instant().isBefore(expires.get());
    }

    /** How long until the token expires (zero or less once it has); empty when the connection has no token. */
    Optional<Duration> remaining() {
        return expires.map(at -> Duration.between(clock.instant(), at));
    }
}
