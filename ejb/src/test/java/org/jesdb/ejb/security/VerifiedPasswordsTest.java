package org.jesdb.ejb.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiPredicate;
import org.junit.jupiter.api.Test;

class VerifiedPasswordsTest {
    private final AtomicInteger slowChecks = new AtomicInteger();
    /** A stand-in for the slow hash: the stored "hash" is the password with a prefix. */
    private final BiPredicate<String, String> slowCheck = (password, stored) -> {
        slowChecks.incrementAndGet();
        return stored.equals("hash:" + password);
    };

    @Test
    void aMatchedPasswordIsCheckedSlowlyOnceWhileItsHashStaysTheSame() {
        VerifiedPasswords passwords = new VerifiedPasswords(100, Duration.ofMinutes(5), Clock.systemUTC());

        assertThat(passwords.matches("alice", "s3cret", "hash:s3cret", slowCheck)).isTrue();
        assertThat(passwords.matches("alice", "s3cret", "hash:s3cret", slowCheck)).isTrue();
        assertThat(slowChecks).hasValue(1);

        assertThat(passwords.matches("alice", "s3cret", "hash:changed", slowCheck)).as("after a password change").isFalse();
        assertThat(passwords.matches("bob", "s3cret", "hash:s3cret", slowCheck)).as("another user").isTrue();
        assertThat(slowChecks).hasValue(3);
    }

    @Test
    void aWrongPasswordIsNeverRemembered() {
        VerifiedPasswords passwords = new VerifiedPasswords(100, Duration.ofMinutes(5), Clock.systemUTC());
        assertThat(passwords.matches("alice", "guess", "hash:s3cret", slowCheck)).isFalse();
        assertThat(passwords.matches("alice", "guess", "hash:s3cret", slowCheck)).isFalse();
        assertThat(slowChecks).hasValue(2);
    }

    @Test
    void anEntryAgesOut() {
        Instant start = Instant.parse("2026-12-02T12:00:00Z");
        Instant[] now = {start};
        Clock clock = new Clock() {
            @Override
            public ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now[0];
            }
        };
        VerifiedPasswords passwords = new VerifiedPasswords(100, Duration.ofMinutes(5), clock);
        passwords.matches("alice", "s3cret", "hash:s3cret", slowCheck);
        now[0] = start.plus(Duration.ofMinutes(4));
        passwords.matches("alice", "s3cret", "hash:s3cret", slowCheck);
        assertThat(slowChecks).hasValue(1);
        now[0] = start.plus(Duration.ofMinutes(6));
        passwords.matches("alice", "s3cret", "hash:s3cret", slowCheck);
        assertThat(slowChecks).hasValue(2);
    }

    @Test
    void theLeastRecentlyUsedEntryLeavesFirst() {
        VerifiedPasswords small = new VerifiedPasswords(1, Duration.ofMinutes(5), Clock.systemUTC());
        small.matches("alice", "a", "hash:a", slowCheck);
        small.matches("bob", "b", "hash:b", slowCheck);
        small.matches("alice", "a", "hash:a", slowCheck);
        assertThat(slowChecks).as("alice was pushed out by bob").hasValue(3);
    }
}
