package org.jesdb.ejb.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TokenSignerTest {
    private static final Instant NOW = Instant.parse("2026-12-02T12:00:00Z");
    private final TokenSigner signer = new TokenSigner(TokenSigner.newKey());

    @Test
    void aTokenNamesItsUserAndRolesUntilItExpires() {
        String token = signer.issue("alice", Set.of("sales", "admin"), NOW, Duration.ofHours(1));

        assertThat(signer.verify(token, NOW.plusSeconds(3599))).get().satisfies(holder -> {
            assertThat(holder.user()).isEqualTo("alice");
            assertThat(holder.roles()).containsExactlyInAnyOrder("sales", "admin");
        });
        assertThat(signer.verify(token, NOW.plus(Duration.ofHours(1)).plus(TokenSigner.CLOCK_SKEW))).isEmpty();
    }

    @Test
    void aTokenOfAnotherKeyOrChangedInTransitIsRefused() {
        String token = signer.issue("alice", Set.of(), NOW, Duration.ofMinutes(5));
        TokenSigner other = new TokenSigner(TokenSigner.newKey());
        assertThat(other.verify(token, NOW)).isEmpty();

        String[] parts = token.split("\\.");
        String claims = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
        String forged = parts[0] + "." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(claims.replace("alice", "admin").getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
        assertThat(signer.verify(forged, NOW)).isEmpty();
    }

    @Test
    void anUnsignedTokenAndGarbageAreRefused() {
        String none = Base64.getUrlEncoder().withoutPadding().encodeToString("{\"alg\":\"none\"}".getBytes(StandardCharsets.UTF_8))
                + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(
                        "{\"iss\":\"jesdb\",\"sub\":\"admin\",\"exp\":9999999999}".getBytes(StandardCharsets.UTF_8)) + ".";
        assertThat(signer.verify(none, NOW)).isEmpty();
        assertThat(signer.verify("not.a.token", NOW)).isEmpty();
        assertThat(signer.verify("x".repeat(10_000), NOW)).isEmpty();
        assertThat(signer.verify(null, NOW)).isEmpty();
    }

    @Test
    void theLifeOfATokenIsBounded() {
        assertThatThrownBy(() -> signer.issue("alice", Set.of(), NOW, Duration.ofDays(2)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(signer.publicKey()).doesNotContain("\"d\"");
    }
}
