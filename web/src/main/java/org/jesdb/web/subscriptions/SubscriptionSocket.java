package org.jesdb.web.subscriptions;

import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.websocket.CloseReason;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.PathParam;
import jakarta.websocket.server.ServerEndpoint;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.jesdb.ejb.subscriptions.ConnectionQuota;
import org.jesdb.ejb.subscriptions.DeliveryThreads;
import org.jesdb.ejb.subscriptions.SubscriptionService;
import org.jesdb.store.InvalidInputException;
import org.jesdb.store.StoreException;
import org.jesdb.store.security.Caller;
import org.jesdb.store.subscriptions.ConsumerHandle;
import org.jesdb.web.errors.Problem;
import org.jesdb.web.errors.StoreExceptionMapper;
import org.jesdb.web.json.JsonBody;
import org.jesdb.web.json.JsonFactories;

/**
 * One consumer of a persistent subscription over a WebSocket. The server sends each message as
 * a text frame (the event's JSON with {@code "attempt"}); the client answers on the same
 * connection with {@code {"ack": [ids]}} or {@code {"nack": [ids], "action": "retry" | "park" |
 * "skip"}}. A bad frame gets {@code {"error": problem}} and the connection stays open.
 * With security on, the connection is its handshake's user's: the user must still exist and be
 * allowed to read the subscription's streams when it opens and at every ack or nack; a handshake
 * signed in with a token is closed when the token expires (1008), and frames after that are not read.
 */
@ServerEndpoint(value = "/api/stores/{store}/subscriptions/{name}/ws", configurator = HandshakeCredentials.class)
public class SubscriptionSocket {
    private static final Logger LOG = Logger.getLogger(SubscriptionSocket.class.getName());
    private static final int MAX_FRAME_BYTES = SubscriptionResource.MAX_BODY_BYTES;

    @Inject
    SubscriptionService subscriptions;

    @Inject
    DeliveryThreads threads;

    @Inject
    WebSocketCallers callers;

    @Inject
    ConnectionQuota quota;

    private Session session;

    private String store;
    private String name;
    private WebSocketDelivery delivery;
    private ConsumerHandle consumer;
    /** Gives this connection back to its user's quota (see ConnectionQuota); runs once. */
    private Runnable release = () -> { };

    @OnOpen
    public void open(Session session, @PathParam("store") String store, @PathParam("name") String name) {
        this.session = session;
        this.store = store;
        this.name = name;
        session.setMaxTextMessageBufferSize(MAX_FRAME_BYTES);
        delivery = new WebSocketDelivery(session, threads.lane(), TokenExpiry.at(callers.tokenExpires(session)));
        try {
            Caller caller = callers.of(session);
            release = quota.take(caller);
            consumer = subscriptions.connect(caller, store, name, delivery);
            delivery.attach(consumer, threads);
        } catch (RuntimeException e) {
            release.run();
            // every refusal or failure is told to the client, never only logged: else it waits for frames forever
            LOG.log(e instanceof StoreException || e instanceof WebApplicationException ? Level.FINE : Level.WARNING,
                    "a WebSocket consumer of " + name + " was refused", e);
            delivery.refuse(error(e), CloseReason.CloseCodes.CANNOT_ACCEPT, String.valueOf(e.getMessage()));
        }
    }

    @OnMessage(maxMessageSize = MAX_FRAME_BYTES)
    public void message(String text) {
        if (delivery.expired()) {
            // the close is on its way (the timer, or this): an ack after the token expired is not the token's to make
            delivery.expire();
            return;
        }
        try {
            JsonObject frame = JsonBody.parseObject(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)),
                    MAX_FRAME_BYTES);
            if (frame.containsKey("ack")) {
                subscriptions.ack(callers.of(session), store, name, SubscriptionJson.ids(frame, "ack"));
            } else if (frame.containsKey("nack")) {
                subscriptions.nack(callers.of(session), store, name, SubscriptionJson.ids(frame, "nack"),
                        SubscriptionJson.action(frame.get("action")));
            } else {
                throw new InvalidInputException("ack", "a frame is {\"ack\": [ids]} or {\"nack\": [ids], \"action\": ...}");
            }
        } catch (StoreException e) {
            delivery.reply(error(e));
        } catch (WebApplicationException gone) {
            // the user was deleted: it gets nothing more on this connection
            delivery.refuse(error(gone), CloseReason.CloseCodes.VIOLATED_POLICY, String.valueOf(gone.getMessage()));
        }
    }

    @OnClose
    public void close() {
        release.run();
        if (delivery != null) {
            delivery.detach();
        }
        if (consumer != null) {
            consumer.close();
        }
    }

    @OnError
    public void error(Throwable error) {
        LOG.log(Level.FINE, "WebSocket consumer of " + name + " failed", error);
        close();
    }

    /** The {@code {"error": problem}} frame for a refusal or a failure. */
    private static String error(RuntimeException e) {
        Problem problem;
        if (e instanceof StoreException storeError) {
            problem = StoreExceptionMapper.problemFor(storeError);
        } else if (e instanceof WebApplicationException http) {
            problem = Problem.of(http.getResponse().getStatusInfo(),
                    http.getResponse().getStatus() == 401 ? "unauthorized" : "http-" + http.getResponse().getStatus(),
                    http.getMessage());
        } else {
            problem = Problem.of(Response.Status.INTERNAL_SERVER_ERROR, "internal", "the consumer could not be connected: " + e);
        }
        return JsonFactories.BUILDERS.createObjectBuilder().add("error", problem.toJson()).build().toString();
    }
}
