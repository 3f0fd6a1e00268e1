package org.jesdb.it;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonStructure;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/** A small HTTP client for the JESDB REST API, as a user would call it. */
public final class Api {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final URI base;
    /** The Authorization header sent with every call, or null. */
    private final String authorization;

    /** The API at {@code base}, called as the test admin ({@link TestAdmin}): security is on by default. */
    public Api(URI base) {
        this(base, basic(TestAdmin.NAME, TestAdmin.PASSWORD));
    }

    private Api(URI base, String authorization) {
        this.base = base;
        this.authorization = authorization;
    }

    /** The same API called as {@code user} with {@code password} (HTTP Basic). */
    public Api as(String user, String password) {
        return new Api(base, basic(user, password));
    }

    /** The same API called without credentials. */
    public Api withoutCredentials() {
        return new Api(base, null);
    }

    /** The HTTP Basic Authorization header of {@code user} with {@code password}. */
    static String basic(String user, String password) {
        String pair = user + ":" + password;
        return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
    }

    /** The same API called with a bearer token. */
    public Api withToken(String token) {
        return new Api(base, "Bearer " + token);
    }

    /** The Authorization header this API sends, for clients of other kinds (SSE, WebSocket); null for none. */
    public String authorization() {
        return authorization;
    }

    public static Api of(String base) {
        return new Api(URI.create(base.endsWith("/") ? base : base + "/"));
    }

    /** An answer: status, content type, and the body as text and, when it is JSON, as an object. */
    public record Answer(int status, String contentType, String text) {
        public JsonObject json() {
            try (var reader = Json.createReader(new StringReader(text))) {
                JsonStructure structure = reader.read();
                return structure.asJsonObject();
            }
        }

        public boolean isProblem() {
            return contentType != null && contentType.startsWith("application/problem+json");
        }
    }

    public Answer get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).GET());
    }

    public Answer delete(String path) {
        return send(HttpRequest.newBuilder(uri(path)).DELETE());
    }

    public Answer post(String path, String json) {
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    public Answer put(String path, String json) {
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)));
    }

    public Answer send(HttpRequest.Builder request) {
        if (authorization != null) {
            request.setHeader("Authorization", authorization);
        }
        try {
            HttpResponse<String> response = HTTP.send(request.timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(null),
                    response.body());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public URI uri(String path) {
        return base.resolve(path.startsWith("/") ? path.substring(1) : path);
    }
}
