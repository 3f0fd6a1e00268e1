package org.jesdb.it;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * A Server-Sent Events client as a user would write one with the JDK: reads events on its own
 * thread, keeps them, and may act on each (acknowledge it). Closing it drops the connection.
 */
final class SseClient implements AutoCloseable {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** One SSE event: its id (a global position), its name (the event type) and its data. */
    record Event(String id, String name, String data) {
        JsonObject json() {
            try (var reader = Json.createReader(new StringReader(data))) {
                return reader.readObject();
            }
        }

        String eventId() {
            return json().getString("id");
        }

        long position() {
            return Long.parseLong(id);
        }

        int attempt() {
            return json().getInt("attempt");
        }
    }

    final List<Event> events = new CopyOnWriteArrayList<>();
    final int status;
    private final InputStream body;
    private final Thread reader;
    private volatile boolean closed;
    /** Whether the server ended the stream (or it broke): nothing more can come. */
    private volatile boolean ended;

    private SseClient(HttpResponse<InputStream> response, Consumer<Event> onEvent) {
        this.status = response.statusCode();
        this.body = response.body();
        this.reader = new Thread(() -> read(onEvent), "sse-client");
        this.reader.setDaemon(true);
        this.reader.start();
    }

    /**
     * Opens {@code uri} with {@code headers}; without an Authorization among them, as the test admin
     * ({@link TestAdmin}), as {@link Api} calls: security is on by default.
     */
    static SseClient open(URI uri, Map<String, String> headers, Consumer<Event> onEvent) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).header("Accept", "text/event-stream").GET();
        if (headers.keySet().stream().noneMatch("Authorization"::equalsIgnoreCase)) {
            request.header("Authorization", Api.basic(TestAdmin.NAME, TestAdmin.PASSWORD));
        }
        headers.forEach(request::header);
        try {
            return new SseClient(HTTP.send(request.build(), HttpResponse.BodyHandlers.ofInputStream()), onEvent);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static SseClient open(URI uri, Consumer<Event> onEvent) {
        return open(uri, Map.of(), onEvent);
    }

    static SseClient open(URI uri) {
        return open(uri, Map.of(), event -> { });
    }

    private void read(Consumer<Event> onEvent) {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
            String id = null;
            String name = null;
            StringBuilder data = new StringBuilder();
            String line;
            while ((line = lines.readLine()) != null) {
                if (line.isEmpty()) {
                    if (data.length() > 0) {
                        Event event = new Event(id, name, data.toString());
                        events.add(event);
                        onEvent.accept(event);
                    }
                    id = null;
                    name = null;
                    data.setLength(0);
                } else if (line.startsWith("id:")) {
                    id = line.substring(3).trim();
                } else if (line.startsWith("event:")) {
                    name = line.substring(6).trim();
                } else if (line.startsWith("data:")) {
                    data.append(data.length() > 0 ? "\n" : "").append(line.substring(5).stripLeading());
                }
            }
        } catch (IOException | RuntimeException e) {
            if (!closed) {
                events.add(new Event(null, "client-error", String.valueOf(e)));
            }
        } finally {
            ended = true;
        }
    }

    /** Whether the stream has ended, by the server's close or a broken connection. */
    boolean ended() {
        return ended;
    }

    /** The server's {@code subscription-closed} notices: why it closed the stream. */
    List<String> closeReasons() {
        return events.stream().filter(event -> "subscription-closed".equals(event.name())).map(Event::data).toList();
    }

    /** Events that carry an event store event (not the server's closing notice). */
    List<Event> deliveries() {
        return events.stream().filter(event -> event.id() != null).toList();
    }

    @Override
    public void close() {
        closed = true;
        try {
            body.close();
        } catch (IOException ignored) {
            // closing a dropped connection
        }
    }
}
