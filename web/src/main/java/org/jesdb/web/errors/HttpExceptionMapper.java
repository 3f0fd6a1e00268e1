package org.jesdb.web.errors;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.Map;

/** JAX-RS's own errors (unknown path, wrong method, wrong media type) as problem+json. */
@Provider
public class HttpExceptionMapper implements ExceptionMapper<WebApplicationException> {
    /** Stable problem types for the statuses JAX-RS answers by itself. */
    private static final Map<Integer, String> TYPES = Map.of(
            400, "bad-request",
            401, "unauthorized",
            404, "not-found",
            405, "method-not-allowed",
            406, "not-acceptable",
            415, "unsupported-media-type");

    @Override
    public Response toResponse(WebApplicationException e) {
        Response.StatusType status = e.getResponse().getStatusInfo();
        String type = TYPES.getOrDefault(status.getStatusCode(), "http-" + status.getStatusCode());
        String detail = status.getStatusCode() == 404 ? "no such resource; see /openapi for the API" : e.getMessage();
        return Problem.of(status, type, detail).toResponse();
    }
}
