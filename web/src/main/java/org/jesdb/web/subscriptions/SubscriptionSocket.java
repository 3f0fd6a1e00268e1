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
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.jesdb.ejb.subscriptions.DeliveryThreads;
import org.jesdb.ejb.subscriptions.SubscriptionService;
import org.jesdb.store.InvalidInputException;
import org.jesdb.store.StoreException;
import org.jesdb.store.subscriptions.ConsumerHandle;
import org.jesdb.web.errors.StoreExceptionMapper;
import org.jesdb.web.json.JsonBody;
import org.jesdb.web.json.JsonFactories;

/**
 * One consumer of a persistent subscription over a WebSocket. The server sends each message as
 * a text frame (the event's JSON with {@code "attempt"}); the client answers on the same
 * connection with {@code {"ack": [ids]}} or {@code {"nack": [ids], "action": "retry" | "park" |
 * "skip"}}. A bad frame gets {@code {"error": problem}} and the connection stays open.
 */
@ServerEndpoint("/api/stores/{store}/subscriptions/{name}/ws")
public class SubscriptionSocket {
    private static final Logger LOG = Logger.getLogger(SubscriptionSocket.class.getName());
    private static final int MAX_FRAME_BYTES = SubscriptionResource.MAX_BODY_BYTES;

    @Inject
    SubscriptionService subscriptions;

    @Inject
    DeliveryThreads threads;

    private String store;
    private String name;
    private WebSocketDelivery delivery;
    private ConsumerHandle consumer;

    @OnOpen
    public void open(Session session, @PathParam("store") String store, @PathParam("name") String name) {
        this.store = store;
        this.name = name;
        session.setMaxTextMessageBufferSize(MAX_FRAME_BYTES);
        delivery = new WebSocketDelivery(session, threads.lane());
        try {
            consumer = subscriptions.connect(store, name, delivery);
            delivery.attach(consumer);
        } catch (StoreException e) {
            delivery.reply(error(e));
            delivery.close(CloseReason.CloseCodes.CANNOT_ACCEPT, e.getMessage());
        }
    }

    @OnMessage(maxMessageSize = MAX_FRAME_BYTES)
    public void message(String text) {
        try {
            JsonObject frame = JsonBody.parseObject(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)),
                    MAX_FRAME_BYTES);
            if (frame.containsKey("ack")) {
                subscriptions.ack(store, name, SubscriptionJson.ids(frame, "ack"));
            } else if (frame.containsKey("nack")) {
                subscriptions.nack(store, name, SubscriptionJson.ids(frame, "nack"),
                        SubscriptionJson.action(frame.get("action")));
            } else {
                throw new InvalidInputException("ack", "a frame is {\"ack\": [ids]} or {\"nack\": [ids], \"action\": ...}");
            }
        } catch (StoreException e) {
            delivery.reply(error(e));
        }
    }

    @OnClose
    public void close() {
        if (consumer != null) {
            consumer.close();
        }
    }

    @OnError
    public void error(Throwable error) {
        LOG.log(Level.FINE, "WebSocket consumer of " + name + " failed", error);
        close();
    }

    private static String error(StoreException e) {
        return JsonFactories.BUILDERS.createObjectBuilder()
                .add("error", StoreExceptionMapper.problemFor(e).toJson()).build().toString();
    }
}
