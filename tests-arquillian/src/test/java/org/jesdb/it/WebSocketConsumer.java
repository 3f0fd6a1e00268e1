package org.jesdb.it;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * A WebSocket consumer of a persistent subscription as a user would write one with the JDK: keeps
 * every text frame, and how the server closed the connection. Closing it drops the connection.
 */
final class WebSocketConsumer implements AutoCloseable {
    final List<JsonObject> frames = new CopyOnWriteArrayList<>();
    private final WebSocket socket;
    private volatile Integer closeCode;
    private volatile String closeReason;

    private WebSocketConsumer(URI uri, String authorization) throws Exception {
        this.socket = HttpClient.newHttpClient().newWebSocketBuilder().header("Authorization", authorization)
                .buildAsync(uri, new WebSocket.Listener() {
                    @Override
                    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                        try (var reader = Json.createReader(new StringReader(data.toString()))) {
                            frames.add(reader.readObject());
                        }
                        webSocket.request(1);
                        return null;
                    }

                    @Override
                    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
                        closeReason = reason;
                        closeCode = statusCode;
                        return null;
                    }
                }).get(10, TimeUnit.SECONDS);
    }

    /** A consumer of {@code subscription} on the default store, signed in as {@code who} signs in. */
    static WebSocketConsumer open(Api who, String subscription) throws Exception {
        URI uri = URI.create(who.uri("api/stores/default/subscriptions/" + subscription + "/ws").toString()
                .replaceFirst("^http", "ws"));
        return new WebSocketConsumer(uri, who.authorization());
    }

    /** The close code the server sent, or null while the connection is open. */
    Integer closeCode() {
        return closeCode;
    }

    String closeReason() {
        return closeReason;
    }

    /** The frames that carry an event (not an {@code {"error": ...}} frame). */
    List<JsonObject> deliveries() {
        return frames.stream().filter(frame -> !frame.containsKey("error")).toList();
    }

    void ack(JsonObject delivered) throws Exception {
        socket.sendText("{\"ack\": [\"" + delivered.getString("id") + "\"]}", true).get(10, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        socket.abort();
    }
}
