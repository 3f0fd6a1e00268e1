package org.jesdb.ejb.security;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiPredicate;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Remembers passwords that matched a user's stored hash, so that HTTP Basic does not pay the slow
 * hash (deliberately about a tenth of a second) on every request. An entry is an HMAC of the user
 * and password under a key that exists only in this JVM, never the password; it counts only while
 * the user's stored hash is still the one it matched, so a changed password or a deleted user
 * takes effect at once. Failed attempts are never remembered. Bounded in entries and in age.
 */
public final class VerifiedPasswords {
    private final int capacity;
    private final Duration life;
    private final Clock clock;
    private final byte[] key = new byte[32];
    private final Map<String, Entry> entries;

    private record Entry(String storedHash, Instant until) {
    }

    public VerifiedPasswords(int capacity, Duration life, Clock clock) {
        this.capacity = capacity;
        this.life = life;
        this.clock = clock;
        new SecureRandom().nextBytes(key);
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
                return size() > VerifiedPasswords.this.capacity;
            }
        };
    }

    /**
     * Whether {@code password} is {@code user}'s, whose stored hash is {@code storedHash}: from
     * memory when it matched that hash lately, else by {@code slowCheck(password, storedHash)}.
     */
    public boolean matches(String user, String password, String storedHash, BiPredicate<String, String> slowCheck) {
        String id = mac(user + '\0' + password);
        Instant now = clock.instant();
        synchronized (entries) {
            Entry known = entries.get(id);
            if (known != null && known.storedHash().equals(storedHash) && now.isBefore(known.until())) {
                return true;
            }
        }
        if (!slowCheck.test(password, storedHash)) {
            return false;
        }
        synchronized (entries) {
            entries.put(id, new Entry(storedHash, now.plus(life)));
        }
        return true;
    }

    private String mac(String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JVM", e);
        }
    }
}
