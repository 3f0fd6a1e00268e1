package org.jesdb.chaos;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jesdb.chaos.history.LogEntry;

/**
 * The few REST calls a fault run makes on one node; every call has a timeout and carries the
 * run's credentials (the readiness check, open to all, needs none).
 */
public final class NodeApi {
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(2)).build();
    private static final int PAGE = 1000;

    private final URI base;
    private final Duration timeout;
    /** The Authorization header of every API call, or null for none. */
    private final String authorization;

    /**
     * The node at {@code base} (e.g. http://127.0.0.1:8081/), called without credentials: only
     * for a node with JESDB_SECURITY=off, as any other answers every API call with 401.
     */
    public NodeApi(URI base, Duration timeout) {
        this(base, timeout, (String) null);
    }

    /** The node at {@code base}, every API call signed in with {@code credentials}. */
    public NodeApi(URI base, Duration timeout, Credentials credentials) {
        this(base, timeout, credentials.authorization());
    }

    private NodeApi(URI base, Duration timeout, String authorization) {
        this.base = base.toString().endsWith("/") ? base : URI.create(base + "/");
        this.timeout = timeout;
        this.authorization = authorization;
    }

    public URI base() {
        return base;
    }

    /** An HTTP answer: its status, content type and body. */
    public record Answer(int status, String contentType, String body) {
        /**
         * A refusal by JESDB's API (a 4xx problem document), which changed nothing; a node that is
         * still starting answers 404 without one, which says nothing about the request.
         */
        public boolean isRefusal() {
            return status >= 400 && status < 500 && contentType.startsWith("application/problem+json");
        }

        public JsonObject json() {
            try (JsonReader reader = Json.createReader(new StringReader(body))) {
                return reader.readObject();
            }
        }
    }

    /** Appends events of type ChaosEvent with these ids; {@code expected} is a version, or -1 for no_stream. */
    public Answer append(String stream, long expected, List<UUID> ids) throws IOException, InterruptedException {
        StringBuilder events = new StringBuilder();
        for (int i = 0; i < ids.size(); i++) {
            events.append(i == 0 ? "" : ",").append("{\"id\":\"").append(ids.get(i))
                    .append("\",\"type\":\"ChaosEvent\",\"data\":{\"n\":").append(i).append("}}");
        }
        String version = expected < 0 ? "\"no_stream\"" : Long.toString(expected);
        return send(HttpRequest.newBuilder(base.resolve("api/stores/default/streams/" + stream))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"expectedVersion\":" + version + ",\"events\":[" + events + "]}")));
    }

    /** The whole stream, linearizable: event ids in version order (empty when it does not exist). */
    public List<UUID> readStream(String stream) throws IOException, InterruptedException {
        List<UUID> ids = new ArrayList<>();
        while (true) {
            Answer answer = get("api/stores/default/streams/" + stream + "?from=" + ids.size() + "&count=" + PAGE);
            if (answer.status() == 404 && answer.isRefusal()) {
                return ids;
            }
            JsonArray events = page(answer);
            events.forEach(event -> ids.add(UUID.fromString(event.asJsonObject().getString("id"))));
            if (events.size() < PAGE) {
                return ids;
            }
        }
    }

    /** This node's whole log as it holds it now (local reads, no read index), page by page. */
    public List<LogEntry> readAllLocal() throws IOException, InterruptedException {
        List<LogEntry> log = new ArrayList<>();
        long from = 0;
        while (true) {
            JsonArray events = page(get("api/stores/default/all?from=" + from + "&count=" + PAGE + "&consistency=local"));
            for (JsonValue value : events) {
                JsonObject event = value.asJsonObject();
                LogEntry entry = new LogEntry(event.getJsonNumber("position").longValue(), event.getString("stream"),
                        event.getJsonNumber("version").longValue(), UUID.fromString(event.getString("id")));
                log.add(entry);
                from = entry.position() + 1;
            }
            if (events.size() < PAGE) {
                return log;
            }
        }
    }

    /**
     * The status of one small signed-in read ($all, one event, local): 200 when the credentials
     * are taken and may read, 401 or 403 when not. A run started with wrong credentials would
     * see its appends refused, which change nothing, and prove nothing.
     */
    public int signInStatus() throws IOException, InterruptedException {
        return get("api/stores/default/all?count=1&consistency=local").status();
    }

    /** Whether the node answers its readiness check with UP. */
    public boolean ready() {
        try {
            return get("health/ready").status() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static JsonArray page(Answer answer) throws IOException {
        if (answer.status() != 200) {
            throw new IOException("HTTP " + answer.status() + ": " + answer.body());
        }
        return answer.json().getJsonArray("events");
    }

    private Answer get(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(base.resolve(path)).GET());
    }

    private Answer send(HttpRequest.Builder request) throws IOException, InterruptedException {
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        HttpResponse<String> response = HTTP.send(request.timeout(timeout).build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""), response.body());
    }
}
