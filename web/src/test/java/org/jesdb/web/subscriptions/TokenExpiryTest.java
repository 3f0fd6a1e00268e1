package org.jesdb.web.subscriptions;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TokenExpiryTest {
    private static final Instant NOW = Instant.parse("2026-01-02T10:00:00Z");

    private static TokenExpiry expiringAt(Instant expires, Instant now) {
        return new TokenExpiry(Optional.of(expires), Clock.fixed(now, ZoneOffset.UTC));
    }

    @Test
    void aTokenConnectionRunsUntilTheTokenExpiresAndNotAMomentLonger() {
        Instant expires = NOW.plusSeconds(60);

        assertThat(expiringAt(expires, NOW).passed()).isFalse();
        assertThat(expiringAt(expires, NOW).remaining()).contains(Duration.ofSeconds(60));
        assertThat(expiringAt(expires, expires.minusMillis(1)).passed()).isFalse();
        assertThat(expiringAt(expires, expires).passed()).as("at the expiry itself").isTrue();
        assertThat(expiringAt(expires, expires.plusSeconds(5)).remaining()).contains(Duration.ofSeconds(-5));
    }

    @Test
    void aPasswordConnectionNeverExpires() {
        assertThat(TokenExpiry.at(Optional.empty()).passed()).isFalse();
        assertThat(TokenExpiry.at(Optional.empty()).remaining()).isEmpty();
        assertThat(TokenExpiry.never().remaining()).isEmpty();
    }

    @Test
    void aTokenThatExpiredBeforeTheConnectionOpenedHasPassedAtOnce() {
        assertThat(TokenExpiry.at(Optional.of(Instant.now().minusSeconds(1))).passed()).isTrue();
    }
}
