package org.jesdb.web.security;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jesdb.ejb.lifecycle.StoreLifecycle;
import org.jesdb.ejb.security.Authenticator;
import org.jesdb.ejb.security.SecurityOffException;
import org.jesdb.store.security.Caller;
import org.jesdb.web.errors.Problem;
import org.jesdb.web.json.JsonFactories;

/** Bearer tokens for the signed-in caller, e.g. for a browser or a WebSocket that should not hold a password. */
@Path("token")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "security")
public class TokenResource {
    @Inject
    Authenticator authenticator;

    @Inject
    StoreLifecycle lifecycle;

    @Context
    HttpServletRequest request;

    @POST
    @Operation(summary = "A token for the caller (Authorization: Bearer TOKEN on later calls)",
            description = "{\"token\", \"expiresInSeconds\"}: an ES256 JWT (MicroProfile JWT's claims) signed with this "
                    + "store's key; it stops working when it expires or its user is deleted.")
    @APIResponse(responseCode = "200", description = "A new token")
    @APIResponse(responseCode = "403", description = "Signed in with a token: a new one needs the password")
    @APIResponse(responseCode = "409", description = "Security is off (JESDB_SECURITY=off) or not yet set up")
    @APIResponse(responseCode = "429", description = "Too many failed password sign-ins lately for this user name "
            + "(JESDB_MAX_FAILED_SIGN_INS) or from this address (JESDB_MAX_FAILED_SIGN_INS_PER_ADDRESS): "
            + "too-many-sign-ins, with Retry-After; the password was not checked")
    public Response issue() {
        if (!lifecycle.security().enabled()) {
            throw new SecurityOffException("tokens");
        }
        Caller caller = JesdbAuthenticationMechanism.caller(request).orElseThrow();
        if (!JesdbAuthenticationMechanism.signedInWithPassword(request)) {
            // a token must not mint its own successors: a stolen one would then never expire
            return Problem.of(Response.Status.FORBIDDEN, "password-required",
                    "a token is issued only to a caller who signs in with a password (HTTP Basic)").toResponse();
        }
        String token = authenticator.issue(caller).orElseThrow(() -> new SecurityOffException("tokens yet"));
        JsonObject out = JsonFactories.BUILDERS.createObjectBuilder().add("token", token)
                .add("expiresInSeconds", lifecycle.security().tokenLife().toSeconds()).build();
        return Response.ok(out).build();
    }
}
