package org.jesdb.client;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.StringReader;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * This client's connection to a persistent subscription, as one of its consumers. The server
 * keeps the subscription's checkpoint and what is out with each consumer; the connection goes to
 * the leader (where subscriptions are delivered), and when it is lost it is made again (to the
 * new leader after an election), and delivery goes on from the checkpoint: events not yet
 * acknowledged come again, none is skipped. A listener that throws nacks its event for a retry
 * (with a warning in the log), as the in-process consumer does, and the connection goes on.
 */
public final class PersistentSubscription implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(PersistentSubscription.class.getName());
    private final Transport transport;
    private final String path;
    private final String name;
    private final Follower follower;

    PersistentSubscription(Transport transport, String path, String name, PersistentSubscriptionListener listener) {
        this.transport = transport;
        this.path = path;
        this.name = name;
        this.follower = new Follower(listener);
        follower.start("jesdb-persistent-" + name);
    }

    public String name() {
        return name;
    }

    /** Acknowledges events: they are done. Answers how many were out with a consumer (others are ignored). */
    public int ack(RecordedEvent... events) {
        return JesdbClient.join(ackAsync(ids(events)));
    }

    public CompletableFuture<Integer> ackAsync(List<UUID> ids) {
        return transport.send("POST", path + "/ack", idsBody(ids, null), Transport.Route.LEADER, true)
                .thenApply(reply -> reply.json().getInt("acked"));
    }

    /** Refuses events: deliver them again later, park them, or skip them. */
    public int nack(NackAction action, RecordedEvent... events) {
        return JesdbClient.join(nackAsync(action, ids(events)));
    }

    public CompletableFuture<Integer> nackAsync(NackAction action, List<UUID> ids) {
        // A retry nack sent twice could meet the event's next delivery and cost it an attempt.
        return transport.send("POST", path + "/nack", idsBody(ids, action), Transport.Route.LEADER, action != NackAction.RETRY)
                .thenApply(reply -> reply.json().getInt("nacked"));
    }

    public void stop() {
        follower.stop();
    }

    @Override
    public void close() {
        stop();
    }

    private static List<UUID> ids(RecordedEvent... events) {
        return Arrays.stream(events).map(RecordedEvent::id).toList();
    }

    private static String idsBody(List<UUID> ids, NackAction action) {
        JsonArrayBuilder array = Json.createArrayBuilder();
        ids.forEach(id -> array.add(id.toString()));
        var body = Json.createObjectBuilder().add("ids", array);
        if (action != null) {
            body.add("action", action.json());
        }
        return body.build().toString();
    }

    private final class Follower extends SseFollower {
        private final PersistentSubscriptionListener listener;

        Follower(PersistentSubscriptionListener listener) {
            super(transport, Transport.Route.LEADER);
            this.listener = listener;
        }

        @Override
        String path() {
            return path + "/events";
        }

        @Override
        void onEvent(SseEvent event) {
            JsonObject json;
            try (JsonReader reader = Json.createReader(new StringReader(event.data()))) {
                json = reader.readObject();
            }
            RecordedEvent recorded = EventJson.event(json);
            try {
                listener.onEvent(PersistentSubscription.this, json.getInt("attempt", 1), recorded);
            } catch (RuntimeException failed) {
                // As the in-process consumer does: a handler that throws nacks its event for a retry, and goes on.
                LOG.log(System.Logger.Level.WARNING, "the listener of subscription " + name + " failed on event "
                        + recorded.id() + "; it is nacked for a retry", failed);
                nackAsync(NackAction.RETRY, List.of(recorded.id()));
            }
        }

        @Override
        void onEnd(Throwable cause) {
            listener.onCancelled(PersistentSubscription.this, cause);
        }
    }
}
