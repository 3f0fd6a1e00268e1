package org.jesdb.web.security;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.NotAuthorizedException;
import java.time.Instant;
import java.util.Optional;
import org.jesdb.ejb.lifecycle.StoreLifecycle;
import org.jesdb.store.security.Caller;

/**
 * Who the current request speaks for, as the services take it: {@link Caller#TRUSTED} while
 * security is off (and on a gateway, whose nodes check the credentials it forwards), so that
 * nothing changes for a node without security; otherwise the caller
 * {@link JesdbAuthenticationMechanism} proved the request to be.
 */
@RequestScoped
public class CurrentCaller {

    @Inject
    StoreLifecycle lifecycle;

    @Inject
    HttpServletRequest request;

    /** The caller; a 401 if security is on and the request proved nobody (an open path). */
    public Caller get() {
        if (!lifecycle.security().enabled() || lifecycle.isGateway()) {
            return Caller.TRUSTED;
        }
        return JesdbAuthenticationMechanism.caller(request).orElseThrow(() -> new NotAuthorizedException(
                "this needs credentials: Authorization: Basic (user and password) or Bearer (a token from POST /api/token)",
                Challenge.of(request.getHeader("X-Requested-With"))));
    }

    /**
     * When the token the request signed in with expires, which a connection it opens (SSE) must
     * not outlive; empty for a password (Basic), while security is off, and on a gateway.
     */
    public Optional<Instant> tokenExpires() {
        if (!lifecycle.security().enabled() || lifecycle.isGateway()) {
            return Optional.empty();
        }
        return JesdbAuthenticationMechanism.tokenExpires(request);
    }
}
