package org.jesdb.web.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;
import org.jesdb.ejb.lifecycle.StoreLifecycle;
import org.jesdb.ejb.security.Authenticated;
import org.jesdb.ejb.security.Authenticator;
import org.jesdb.ejb.security.TooManySignInsException;
import org.jesdb.store.security.Caller;
import org.jesdb.web.errors.Problem;

/**
 * The one way in (Payara takes one mechanism per application): every request but the health
 * checks and the console's static files ({@link OpenPaths}) must carry {@code Authorization:
 * Basic} (a user and password) or {@code Authorization: Bearer} (a token from POST /api/token);
 * anything else is a 401 problem before any resource runs, challenging a script's request with
 * Bearer only ({@link Challenge}). No session is kept: each request proves itself. The caller
 * found is handed to the container (its name and roles) and put on the request for the
 * resources ({@link #caller(HttpServletRequest)}), with a token's expiry
 * ({@link #tokenExpires(HttpServletRequest)}), which a connection opened with it must not
 * outlive. A user name or client address with too many failed password sign-ins lately is
 * answered 429 {@code too-many-sign-ins} with Retry-After, its password unchecked. The one rule
 * of who may do what that is checked here is {@code /metrics} ({@link MetricsReaders}): Payara
 * serves it, so no resource of ours runs for it. With JESDB_SECURITY=off, and on a gateway
 * (whose nodes check the credentials it forwards), every request passes as it is.
 */
@ApplicationScoped
public class JesdbAuthenticationMechanism implements HttpAuthenticationMechanism {
    private static final String CALLER = JesdbAuthenticationMechanism.class.getName() + ".caller";
    private static final String BY_PASSWORD = JesdbAuthenticationMechanism.class.getName() + ".byPassword";
    private static final String TOKEN_EXPIRES = JesdbAuthenticationMechanism.class.getName() + ".tokenExpires";
    private static final int MAX_CREDENTIALS_CHARS = 8_192;
    /** The address a WebSocket handshake's failures count under: the handshake does not tell the client's. */
    private static final String HANDSHAKE_ADDRESS = "(websocket handshake)";

    @Inject
    StoreLifecycle lifecycle;

    @Inject
    Authenticator authenticator;

    @Override
    public AuthenticationStatus validateRequest(HttpServletRequest request, HttpServletResponse response,
                                                HttpMessageContext context) {
        if (!lifecycle.security().enabled() || lifecycle.isGateway()) {
            return context.doNothing();
        }
        if (isOpen(request)) {
            // answered alike for anyone: credentials sent along are not checked, so they neither
            // cost a password hash nor count as a failed sign-in (a probe with an old password)
            return context.doNothing();
        }
        String authorization = request.getHeader("Authorization");
        Optional<Authenticated> proven;
        try {
            proven = credentials(authorization, request.getRemoteAddr());
        } catch (TooManySignInsException limited) {
            return tooManySignIns(response, limited);
        }
        if (proven.isPresent()) {
            Caller caller = proven.get().caller();
            if (MetricsReaders.refuse(request, caller)) {
                return forbidden(response, "/metrics is for admins and users with the role '" + MetricsReaders.ROLE
                        + "' (its tags name every store and subscription)");
            }
            request.setAttribute(CALLER, caller);
            request.setAttribute(BY_PASSWORD, isBasic(authorization));
            proven.get().expires().ifPresent(expires -> request.setAttribute(TOKEN_EXPIRES, expires));
            return context.notifyContainerAboutLogin(caller.name(), caller.roles());
        }
        return unauthorized(response, authorization != null, Challenge.of(request.getHeader("X-Requested-With")));
    }

    /** The caller a request proved itself to be, or empty (security off, or an open path, where none is looked for). */
    public static Optional<Caller> caller(HttpServletRequest request) {
        return Optional.ofNullable((Caller) request.getAttribute(CALLER));
    }

    /** When the token the request signed in with expires; empty for a password, or when nobody was proved. */
    public static Optional<Instant> tokenExpires(HttpServletRequest request) {
        return Optional.ofNullable((Instant) request.getAttribute(TOKEN_EXPIRES));
    }

    /** Whether the caller signed in with a password (HTTP Basic), not a token. */
    public static boolean signedInWithPassword(HttpServletRequest request) {
        return Boolean.TRUE.equals(request.getAttribute(BY_PASSWORD));
    }

    private static boolean isOpen(HttpServletRequest request) {
        return OpenPaths.isOpen(request.getMethod(), request.getServletPath());
    }

    private static boolean isBasic(String authorization) {
        return authorization.regionMatches(true, 0, "Basic ", 0, 6);
    }

    /** Whether {@code authorization} (an Authorization header, or null) carries a bearer token. */
    public static boolean isBearer(String authorization) {
        return authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7);
    }

    /**
     * Who a WebSocket handshake's Authorization header proves the caller is, and until when (a
     * token's expiry); empty for anything else, a limited sign-in included.
     */
    public Optional<Authenticated> credentials(String authorization) {
        try {
            return credentials(authorization, HANDSHAKE_ADDRESS);
        } catch (TooManySignInsException limited) {
            return Optional.empty();
        }
    }

    /**
     * Who the Authorization header, sent from {@code address}, proves the caller is; empty for
     * anything else, whatever is wrong with it, except {@link TooManySignInsException}.
     */
    private Optional<Authenticated> credentials(String authorization, String address) {
        if (authorization == null || authorization.length() > MAX_CREDENTIALS_CHARS) {
            return Optional.empty();
        }
        try {
            if (isBearer(authorization)) {
                return authenticator.bearer(authorization.substring(7).trim());
            }
            if (isBasic(authorization)) {
                return basic(authorization.substring(6).trim(), address).map(Authenticated::byPassword);
            }
        } catch (TooManySignInsException limited) {
            throw limited;
        } catch (RuntimeException notValid) {
            // a malformed name, or the store closing: a 401 rather than the container's 500 page
            return Optional.empty();
        }
        return Optional.empty();
    }

    private Optional<Caller> basic(String encoded, String address) {
        String pair;
        try {
            pair = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException notBase64) {
            return Optional.empty();
        }
        int colon = pair.indexOf(':');
        if (colon <= 0) {
            return Optional.empty();
        }
        return authenticator.basic(pair.substring(0, colon), pair.substring(colon + 1), address);
    }

    /**
     * Writes the 401 problem and commits it; not {@code context.responseUnauthorized()}, whose
     * sendError would put the container's HTML error page in its place.
     */
    private static AuthenticationStatus unauthorized(HttpServletResponse response, boolean tried, String challenge) {
        String detail = tried ? "the credentials are not valid (unknown user, wrong password, or a bad or expired token)"
                : "this needs credentials: Authorization: Basic (user and password) or Bearer (a token from POST /api/token)";
        response.setHeader("WWW-Authenticate", challenge);
        return refuse(response, Problem.of(Response.Status.UNAUTHORIZED, "unauthorized", detail));
    }

    /** A 403 admin-required problem, committed as {@link #unauthorized} does. */
    private static AuthenticationStatus forbidden(HttpServletResponse response, String detail) {
        return refuse(response, Problem.of(Response.Status.FORBIDDEN, "admin-required", detail));
    }

    /** The 429 problem, committed as {@link #unauthorized} does; no challenge, as trying again now is no use. */
    private static AuthenticationStatus tooManySignIns(HttpServletResponse response, TooManySignInsException limited) {
        return refuse(response, Problem.of(Response.Status.TOO_MANY_REQUESTS, "too-many-sign-ins", limited.getMessage())
                .with("limited", limited.scope().name().toLowerCase(Locale.ROOT))
                .retryAfterSeconds((int) limited.retryAfterSeconds()));
    }

    /** Writes {@code problem} and commits the response, so nothing the container adds replaces it. */
    private static AuthenticationStatus refuse(HttpServletResponse response, Problem problem) {
        try {
            problem.writeTo(response);
            response.flushBuffer();
        } catch (IOException gone) {
            // the client left; nothing more to tell it
        }
        return AuthenticationStatus.SEND_FAILURE;
    }
}
