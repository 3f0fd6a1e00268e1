package org.jesdb.web.errors;

import jakarta.json.JsonObjectBuilder;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.jesdb.web.json.JsonFactories;

/**
 * An RFC 9457 problem document: {@code type} is stable per error (urn:jesdb:problem:NAME),
 * {@code detail} says what happened and what to do, extra members carry the facts
 * (field, stream, expected and actual version).
 */
public final class Problem {
    public static final MediaType MEDIA_TYPE = new MediaType("application", "problem+json");
    private static final String TYPE_PREFIX = "urn:jesdb:problem:";

    private final int status;
    private final JsonObjectBuilder body = JsonFactories.BUILDERS.createObjectBuilder();
    private String retryAfter;

    private Problem(Response.StatusType status, String name, String detail) {
        this.status = status.getStatusCode();
        String title = status.getReasonPhrase() == null ? "HTTP " + status.getStatusCode() : status.getReasonPhrase();
        body.add("type", TYPE_PREFIX + name)
                .add("title", title)
                .add("status", status.getStatusCode())
                .add("detail", detail == null ? title : detail);
    }

    public static Problem of(Response.StatusType status, String name, String detail) {
        return new Problem(status, name, detail);
    }

    /** A status JAX-RS has no constant for (507 of WebDAV, 431 of RFC 6585). */
    public static Response.StatusType status(int code, String reason) {
        return new Response.StatusType() {
            @Override
            public int getStatusCode() {
                return code;
            }

            @Override
            public Response.Status.Family getFamily() {
                return Response.Status.Family.familyOf(code);
            }

            @Override
            public String getReasonPhrase() {
                return reason;
            }
        };
    }

    public Problem with(String member, String value) {
        if (value != null) {
            body.add(member, value);
        }
        return this;
    }

    public Problem with(String member, long value) {
        body.add(member, value);
        return this;
    }

    public Problem retryAfterSeconds(int seconds) {
        retryAfter = Integer.toString(seconds);
        return this;
    }

    public int status() {
        return status;
    }

    /** Seconds in the Retry-After header, or null. */
    public String retryAfter() {
        return retryAfter;
    }

    /** The problem document, for channels without an HTTP response (a WebSocket). */
    public jakarta.json.JsonObject toJson() {
        return body.build();
    }

    /** The problem as the answer of a servlet filter, which runs before JAX-RS (a gateway, a WebSocket handshake). */
    public void writeTo(HttpServletResponse out) throws IOException {
        out.setStatus(status);
        out.setContentType(MEDIA_TYPE.toString());
        if (retryAfter != null) {
            out.setHeader("Retry-After", retryAfter);
        }
        out.getOutputStream().write(body.build().toString().getBytes(StandardCharsets.UTF_8));
    }

    public Response toResponse() {
        Response.ResponseBuilder response = Response.status(status).type(MEDIA_TYPE).entity(body.build().toString());
        if (retryAfter != null) {
            response.header("Retry-After", retryAfter);
        }
        return response.build();
    }
}
