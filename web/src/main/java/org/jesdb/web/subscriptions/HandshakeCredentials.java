package org.jesdb.web.subscriptions;

import jakarta.enterprise.inject.spi.CDI;
import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.server.HandshakeRequest;
import jakarta.websocket.server.ServerEndpointConfig;
import java.security.Principal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jesdb.ejb.security.Authenticated;
import org.jesdb.web.security.JesdbAuthenticationMechanism;

/**
 * Keeps the name of the user a WebSocket handshake proved itself to be, for the connection's
 * session. The container's user principal is taken when it has one (the authentication mechanism
 * ran on the upgrade request); when it has none, the handshake's own Authorization header is
 * checked here. A handshake signed in with a bearer token also keeps the token's expiry, which the
 * connection must not outlive; the container does not hand it on, so the token is read again here
 * (a token no longer good by now keeps the expiry "now": the connection closes at once). The user
 * properties written here are the connection's own copy (WebSocket 2.1), so two handshakes at once
 * cannot see each other's user.
 */
public class HandshakeCredentials extends ServerEndpointConfig.Configurator {
    /** The user property holding the handshake's user name; absent when none was proved. */
    static final String USER = HandshakeCredentials.class.getName() + ".user";
    /** The user property holding the handshake's token's expiry (an Instant); absent for a password. */
    static final String TOKEN_EXPIRES = HandshakeCredentials.class.getName() + ".tokenExpires";

    @Override
    public void modifyHandshake(ServerEndpointConfig config, HandshakeRequest request, HandshakeResponse response) {
        super.modifyHandshake(config, request, response);
        Map<String, Object> properties = config.getUserProperties();
        properties.remove(USER);
        properties.remove(TOKEN_EXPIRES);
        List<String> headers = request.getHeaders().get("Authorization");
        String authorization = headers != null && headers.size() == 1 ? headers.get(0) : null;
        Principal principal = request.getUserPrincipal();
        if (principal != null) {
            properties.put(USER, principal.getName());
            if (JesdbAuthenticationMechanism.isBearer(authorization)) {
                properties.put(TOKEN_EXPIRES, credentials(authorization).flatMap(Authenticated::expires).orElseGet(Instant::now));
            }
            return;
        }
        if (authorization != null) {
            credentials(authorization).ifPresent(proven -> {
                properties.put(USER, proven.caller().name());
                proven.expires().ifPresent(expires -> properties.put(TOKEN_EXPIRES, expires));
            });
        }
    }

    private static Optional<Authenticated> credentials(String authorization) {
        return CDI.current().select(JesdbAuthenticationMechanism.class).get().credentials(authorization);
    }
}
