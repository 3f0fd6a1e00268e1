package org.jesdb.web.subscriptions;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.websocket.Session;
import jakarta.ws.rs.NotAuthorizedException;
import java.security.Principal;
import java.time.Instant;
import java.util.Optional;
import org.jesdb.ejb.lifecycle.StoreLifecycle;
import org.jesdb.ejb.security.Authenticator;
import org.jesdb.store.security.Caller;
import org.jesdb.web.security.Challenge;

/**
 * Who a WebSocket connection speaks for: {@link Caller#TRUSTED} while security is off, else the
 * user its handshake proved, as that user is stored now. A connection lives long, so this is
 * asked again for every frame: a deleted user is refused, a changed role counts at once.
 */
@ApplicationScoped
public class WebSocketCallers {

    @Inject
    StoreLifecycle lifecycle;

    @Inject
    Authenticator authenticator;

    /** The caller; {@link NotAuthorizedException} when the handshake proved nobody or the user is gone. */
    Caller of(Session session) {
        if (!lifecycle.security().enabled() || lifecycle.isGateway()) {
            return Caller.TRUSTED;
        }
        String name = userName(session);
        if (name == null) {
            throw new NotAuthorizedException("the WebSocket handshake carried no valid credentials "
                    + "(Authorization: Basic or Bearer)", Challenge.of(null));
        }
        return authenticator.user(name).orElseThrow(() -> new NotAuthorizedException(
                "user '" + name + "' no longer exists", Challenge.of(null)));
    }

    /** When the handshake's token expires, which the connection must not outlive; empty for a password, or security off. */
    Optional<Instant> tokenExpires(Session session) {
        if (!lifecycle.security().enabled() || lifecycle.isGateway()) {
            return Optional.empty();
        }
        return session.getUserProperties().get(HandshakeCredentials.TOKEN_EXPIRES) instanceof Instant expires
                ? Optional.of(expires) : Optional.empty();
    }

    private static String userName(Session session) {
        Principal principal = session.getUserPrincipal();
        if (principal != null) {
            return principal.getName();
        }
        return session.getUserProperties().get(HandshakeCredentials.USER) instanceof String name ? name : null;
    }
}
