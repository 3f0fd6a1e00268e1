package org.jesdb.ejb.security;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.identitystore.Pbkdf2PasswordHash;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/**
 * Salted, slow password hashes: Jakarta Security's PBKDF2 (HMAC-SHA512, 210,000 iterations, the
 * OWASP figure for it, a 32-byte salt), about a tenth of a second a check here. A password that
 * matched lately is remembered ({@link VerifiedPasswords}) so that HTTP Basic does not pay that
 * on every request.
 */
@ApplicationScoped
public class PasswordHashes {
    private static final Map<String, String> PARAMETERS = Map.of(
            "Pbkdf2PasswordHash.Algorithm", "PBKDF2WithHmacSHA512",
            "Pbkdf2PasswordHash.Iterations", "210000",
            "Pbkdf2PasswordHash.SaltSizeBytes", "32",
            "Pbkdf2PasswordHash.KeySizeBytes", "32");

    @Inject
    Pbkdf2PasswordHash pbkdf2;

    private final VerifiedPasswords verified = new VerifiedPasswords(10_000, Duration.ofMinutes(10), Clock.systemUTC());
    /** Checked for a user that does not exist, so that the answer takes as long as for one that does. */
    private String unknownUserHash;

    @PostConstruct
    void configure() {
        pbkdf2.initialize(PARAMETERS);
        unknownUserHash = pbkdf2.generate("no user has this password".toCharArray());
    }

    /** Spends what a real check spends: the caller named no user, and must not learn that from the time taken. */
    public void checkAgainstNobody(String password) {
        pbkdf2.verify(password.toCharArray(), unknownUserHash);
    }

    public String hash(String password) {
        return pbkdf2.generate(password.toCharArray());
    }

    /** Whether {@code password} is {@code user}'s, whose stored hash is {@code storedHash}. */
    public boolean matches(String user, String password, String storedHash) {
        return verified.matches(user, password, storedHash, (candidate, hash) -> {
            try {
                return pbkdf2.verify(candidate.toCharArray(), hash);
            } catch (RuntimeException notAHashOfOurs) {
                return false;
            }
        });
    }
}
