package org.jesdb.web.errors;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.Locale;

/** JAX-RS's own errors (unknown path, wrong method, wrong media type) as problem+json. */
@Provider
public class HttpExceptionMapper implements ExceptionMapper<WebApplicationException> {

    @Override
    public Response toResponse(WebApplicationException e) {
        Response.StatusType status = e.getResponse().getStatusInfo();
        String name = status.getReasonPhrase().toLowerCase(Locale.ROOT).replace(' ', '-');
        String detail = status.getStatusCode() == 404 ? "no such resource; see /openapi for the API" : e.getMessage();
        return Problem.of(status, name, detail).toResponse();
    }
}
