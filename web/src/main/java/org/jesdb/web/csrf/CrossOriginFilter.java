package org.jesdb.web.csrf;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.Provider;

/**
 * Refuses, with a 403 {@code cross-origin} problem, every API request that would change
 * something and comes from a page of another origin ({@link SameOrigin}). Before matching, so
 * that no resource method runs and nothing changes.
 */
@Provider
@PreMatching
public class CrossOriginFilter implements ContainerRequestFilter {

    @Override
    public void filter(ContainerRequestContext request) {
        String origin = request.getHeaderString("Origin");
        if (SameOrigin.refuses(request.getMethod(), origin, request.getHeaderString(HttpHeaders.HOST))) {
            request.abortWith(SameOrigin.problem(origin).toResponse());
        }
    }
}
