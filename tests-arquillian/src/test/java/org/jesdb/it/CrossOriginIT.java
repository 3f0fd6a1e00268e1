package org.jesdb.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.jesdb.it.Api.Answer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Cross-site request forgery: a change sent by a browser from a page of another origin is refused
 * (403, cross-origin) and changes nothing; the node's own console and clients without an Origin
 * header (the CLI, the Java client, curl) go on working.
 */
@ExtendWith(ArquillianExtension.class)
class CrossOriginIT {
    private static final String STORE = "api/stores/default/";
    private static final String EVIL = "https://evil.example";
    private static final String EVENTS = "{\"events\":[{\"type\":\"OrderPlaced\",\"data\":{}}]}";

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.jesdbWar();
    }

    @ArquillianResource
    URL base;

    Api api;
    String stream;
    /** The origin of the node's own pages, the console's. */
    String sameOrigin;

    @BeforeEach
    void setUp() {
        api = Deployments.readyApi(base);
        stream = "csrf-" + UUID.randomUUID();
        sameOrigin = base.getProtocol() + "://" + base.getHost() + ":" + base.getPort();
    }

    @Test
    void changesFromAPageOfAnotherOriginAreRefusedAndChangeNothing() {
        Answer append = send("POST", STORE + "streams/" + stream, EVENTS, EVIL);
        Answer snapshot = send("PUT", STORE + "snapshots/csrf/" + stream + "/1", "{\"data\":{}}", EVIL);
        Answer subscription = send("POST", STORE + "subscriptions",
                "{\"name\":\"" + stream + "\",\"selector\":{\"stream\":\"$all\"}}", EVIL);

        for (Answer refused : new Answer[] {append, snapshot, subscription}) {
            assertThat(refused.status()).isEqualTo(403);
            assertThat(refused.isProblem()).as(refused.contentType()).isTrue();
            assertThat(refused.json().getString("type")).isEqualTo("urn:jesdb:problem:cross-origin");
            assertThat(refused.json().getString("origin")).isEqualTo(EVIL);
        }
        assertThat(api.get(STORE + "streams/" + stream).status()).isEqualTo(404);
        assertThat(api.get(STORE + "snapshots/csrf/" + stream + "/1").status()).isEqualTo(404);
        assertThat(api.get(STORE + "subscriptions/" + stream).status()).isEqualTo(404);
    }

    @Test
    void aDeletionFromAPageOfAnotherOriginLeavesTheStream() {
        assertThat(api.post(STORE + "streams/" + stream, EVENTS).status()).isEqualTo(200);

        Answer delete = send("DELETE", STORE + "streams/" + stream, null, EVIL);

        assertThat(delete.status()).isEqualTo(403);
        assertThat(delete.isProblem()).isTrue();
        assertThat(api.get(STORE + "streams/" + stream + "/version").json().getInt("version")).isZero();
    }

    @Test
    void theNodesOwnPagesAndClientsWithoutAnOriginStillAppend() {
        Answer fromTheConsole = send("POST", STORE + "streams/" + stream, EVENTS, sameOrigin);
        Answer fromCurl = api.post(STORE + "streams/" + stream, EVENTS);
        Answer readFromElsewhere = send("GET", STORE + "streams/" + stream, null, EVIL);

        assertThat(fromTheConsole.status()).isEqualTo(200);
        assertThat(fromCurl.status()).isEqualTo(200);
        assertThat(readFromElsewhere.status()).isEqualTo(200);
        assertThat(readFromElsewhere.json().getJsonArray("events")).hasSize(2);
    }

    @Test
    void aWebSocketConsumerFromAPageOfAnotherOriginIsRefused() throws Exception {
        assertThat(api.post(STORE + "subscriptions", "{\"name\":\"" + stream + "\",\"selector\":{\"stream\":\"" + stream + "\"}}")
                .status()).isEqualTo(201);
        URI socket = URI.create(api.uri(STORE + "subscriptions/" + stream + "/ws").toString().replaceFirst("^http", "ws"));

        assertThatThrownBy(() -> connect(socket, EVIL))
                .isInstanceOf(ExecutionException.class)
                .cause().isInstanceOfSatisfying(WebSocketHandshakeException.class,
                        e -> assertThat(e.getResponse().statusCode()).isEqualTo(403));
        WebSocket fromTheConsole = connect(socket, sameOrigin);
        fromTheConsole.sendClose(WebSocket.NORMAL_CLOSURE, "done").get(10, TimeUnit.SECONDS);
    }

    private Answer send(String method, String path, String json, String origin) {
        HttpRequest.Builder request = HttpRequest.newBuilder(api.uri(path)).header("Origin", origin)
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        return api.send(request);
    }

    private WebSocket connect(URI socket, String origin) throws Exception {
        return HttpClient.newHttpClient().newWebSocketBuilder().header("Origin", origin)
                .header("Authorization", api.authorization())
                .buildAsync(socket, new WebSocket.Listener() { })
                .get(10, TimeUnit.SECONDS);
    }
}
