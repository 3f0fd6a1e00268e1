package org.jesdb.web.subscriptions;

import jakarta.enterprise.inject.spi.CDI;
import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.server.HandshakeRequest;
import jakarta.websocket.server.ServerEndpointConfig;
import java.security.Principal;
import java.util.List;
import java.util.Map;
import org.jesdb.web.security.JesdbAuthenticationMechanism;

/**
 * Keeps the name of the user a WebSocket handshake proved itself to be, for the connection's
 * session. The container's user principal is taken when it has one (the authentication mechanism
 * ran on the upgrade request); when it has none, the handshake's own Authorization header is
 * checked here. The user properties written here are the connection's own copy (WebSocket 2.1),
 * so two handshakes at once cannot see each other's user.
 */
public class HandshakeCredentials extends ServerEndpointConfig.Configurator {
    /** The user property holding the handshake's user name; absent when none was proved. */
    static final String USER = HandshakeCredentials.class.getName() + ".user";

    @Override
    public void modifyHandshake(ServerEndpointConfig config, HandshakeRequest request, HandshakeResponse response) {
        super.modifyHandshake(config, request, response);
        Map<String, Object> properties = config.getUserProperties();
        properties.remove(USER);
        Principal principal = request.getUserPrincipal();
        if (principal != null) {
            properties.put(USER, principal.getName());
            return;
        }
        List<String> authorization = request.getHeaders().get("Authorization");
        if (authorization != null && authorization.size() == 1) {
            CDI.current().select(JesdbAuthenticationMechanism.class).get().credentials(authorization.get(0))
                    .ifPresent(caller -> properties.put(USER, caller.name()));
        }
    }
}
