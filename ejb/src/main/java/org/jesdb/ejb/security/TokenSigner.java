package org.jesdb.ejb.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * Signs and checks the store's bearer tokens: JWTs in MicroProfile JWT's shape (iss, sub, upn,
 * groups, iat, exp, jti), signed with ES256 by a key every member holds (kept in the replicated
 * store), so that a token from one member is good on all. Services that trust the store can check
 * its tokens with {@link #publicKey()}. A good token says who its bearer was when it was issued:
 * whoever authenticates with it must still find the user in the store and take the roles from
 * there, so that deleting a user or taking a role away counts at once.
 */
public final class TokenSigner {
    public static final String ISSUER = "jesdb";
    /** How far a member's clock may be ahead of the one that signed a token. */
    static final Duration CLOCK_SKEW = Duration.ofSeconds(60);
    /** The longest a token may be asked to live. */
    public static final Duration MAX_LIFE = Duration.ofHours(24);
    /** A token longer than this is refused unread. */
    static final int MAX_TOKEN_CHARS = 8192;

    private final ECKey key;
    private final ECDSASigner signer;
    private final ECDSAVerifier verifier;

    /** Takes a key made by {@link #newKey()}. */
    public TokenSigner(byte[] key) {
        try {
            this.key = ECKey.parse(new String(key, StandardCharsets.UTF_8));
            this.signer = new ECDSASigner(this.key);
            this.verifier = new ECDSAVerifier(this.key.toPublicJWK());
        } catch (ParseException | JOSEException e) {
            throw new IllegalArgumentException("not a token key of this store: " + e.getMessage(), e);
        }
    }

    /** A new P-256 key, as the bytes the store keeps (a JWK with its private part). */
    public static byte[] newKey() {
        try {
            ECKey generated = new ECKeyGenerator(Curve.P_256).keyID(UUID.randomUUID().toString()).generate();
            return generated.toJSONString().getBytes(StandardCharsets.UTF_8);
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot make a P-256 key: " + e.getMessage(), e);
        }
    }

    /** A token for {@code user} with {@code roles} as its groups, good from {@code now} for {@code life}. */
    public String issue(String user, Set<String> roles, Instant now, Duration life) {
        if (life.isNegative() || life.isZero() || life.compareTo(MAX_LIFE) > 0) {
            throw new IllegalArgumentException("a token lives between 1 s and " + MAX_LIFE.toHours() + " h");
        }
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(ISSUER).subject(user).claim("upn", user)
                .claim("groups", List.copyOf(new TreeSet<>(roles)))
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plus(life)))
                .jwtID(UUID.randomUUID().toString())
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).type(JOSEObjectType.JWT)
                .keyID(key.getKeyID()).build(), claims);
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign a token: " + e.getMessage(), e);
        }
        return jwt.serialize();
    }

    /**
     * The user a token names, if it is whole, signed with this store's key, issued by it and not
     * expired at {@code now}; empty for anything else, whatever is wrong with it.
     */
    public Optional<TokenHolder> verify(String token, Instant now) {
        if (token == null || token.length() > MAX_TOKEN_CHARS) {
            return Optional.empty();
        }
        try {
            SignedJWT jwt = SignedJWT.parse(token);
            if (!JWSAlgorithm.ES256.equals(jwt.getHeader().getAlgorithm()) || !jwt.verify(verifier)) {
                return Optional.empty();
            }
            JWTClaimsSet claims = jwt.getJWTClaimsSet();
            Date expires = claims.getExpirationTime();
            if (!ISSUER.equals(claims.getIssuer()) || claims.getSubject() == null || expires == null
                    || !now.isBefore(expires.toInstant().plus(CLOCK_SKEW))) {
                return Optional.empty();
            }
            List<String> groups = claims.getStringListClaim("groups");
            return Optional.of(new TokenHolder(claims.getSubject(), groups == null ? Set.of() : Set.copyOf(groups),
                    expires.toInstant()));
        } catch (ParseException | JOSEException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** The public half of the key (a JWK, no private part), for services that check this store's tokens. */
    public String publicKey() {
        return key.toPublicJWK().toJSONString();
    }

    /** Who a good token says its bearer is. */
    public record TokenHolder(String user, Set<String> roles, Instant expires) {
    }
}
