package org.jesdb.ejb.security;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import org.jesdb.ejb.lifecycle.StoreLifecycle;
import org.jesdb.store.AccessControl;
import org.jesdb.store.security.Caller;
import org.jesdb.store.security.User;

/**
 * Who a request's credentials say its caller is: a user name and password (HTTP Basic) checked
 * against the stored hash, or a token this store signed. Either way the user must exist on this
 * member now and its roles are the stored ones, so a deleted user or a removed role counts at
 * once, even for a token issued before. Reads are local: a user created a moment ago on another
 * member may take a moment to be known here. Failed password sign-ins are limited per user name
 * and per client address ({@link SignInLimiter}); tokens are not.
 */
@ApplicationScoped
public class Authenticator {
    @Inject
    StoreLifecycle lifecycle;

    @Inject
    PasswordHashes passwords;

    private volatile Signer signer;
    private SignInLimiter signIns;

    /** The signer of one token key; replaced when the stored key is another. */
    private record Signer(byte[] key, TokenSigner tokens) {
    }

    @PostConstruct
    void readLimits() {
        signIns = new SignInLimiter(lifecycle.security().signIns());
    }

    /**
     * The user whose name and password these are, or empty; throws
     * {@link TooManySignInsException}, without checking the password, while the name or the
     * address ({@code address}, the client's) has had too many failures lately.
     */
    public Optional<Caller> basic(String name, String password, String address) {
        signIns.check(name, address);
        Optional<Caller> caller = byPassword(name, password);
        if (caller.isEmpty() && isSetUp()) {
            signIns.failed(name, address);
        }
        return caller;
    }

    /**
     * Whether security is set up on this member. Before, every sign-in fails and none guesses
     * anything: a client polling until the admin exists must not get the admin limited.
     */
    private boolean isSetUp() {
        return accessControl().localTokenKey().isPresent();
    }

    private Optional<Caller> byPassword(String name, String password) {
        Optional<User> user = accessControl().localUser(name);
        if (user.isEmpty()) {
            passwords.checkAgainstNobody(password);
            return Optional.empty();
        }
        if (!passwords.matches(name, password, user.get().passwordHash())) {
            return Optional.empty();
        }
        return Optional.of(user.get().asCaller());
    }

    /**
     * The user a token names, with the token's expiry (a connection opened with it must not
     * outlive it), or empty for a token that is not good now or whose user is gone.
     */
    public Optional<Authenticated> bearer(String token) {
        return tokens().flatMap(signer -> signer.verify(token, Instant.now()))
                .flatMap(holder -> accessControl().localUser(holder.user())
                        .map(user -> Authenticated.byToken(user.asCaller(), holder.expires())));
    }

    /**
     * The user of that name as stored now, with its stored roles; empty once it is deleted. For a
     * connection that outlives its handshake (a WebSocket), which is checked again on every frame.
     */
    public Optional<Caller> user(String name) {
        return accessControl().localUser(name).map(User::asCaller);
    }

    /** A token for {@code caller}, good for the configured life (JESDB_TOKEN_SECONDS). */
    public Optional<String> issue(Caller caller) {
        return tokens().map(signer -> signer.issue(caller.name(), caller.roles(), Instant.now(), lifecycle.security().tokenLife()));
    }

    private Optional<TokenSigner> tokens() {
        Optional<byte[]> key = accessControl().localTokenKey();
        if (key.isEmpty()) {
            return Optional.empty();
        }
        Signer current = signer;
        if (current == null || !Arrays.equals(current.key(), key.get())) {
            current = new Signer(key.get(), new TokenSigner(key.get()));
            signer = current;
        }
        return Optional.of(current.tokens());
    }

    private AccessControl accessControl() {
        return lifecycle.store(lifecycle.config().storeId()).accessControl();
    }
}
