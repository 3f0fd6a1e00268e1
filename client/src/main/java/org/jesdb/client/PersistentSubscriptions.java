package org.jesdb.client;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Persistent subscriptions of one store: durable, shared by their consumers, with a checkpoint
 * on the server. Made by {@link JesdbClient#persistentSubscriptions()}; every call has a
 * blocking and an asynchronous form.
 */
public final class PersistentSubscriptions {
    private final Transport transport;
    private final String storePath;

    PersistentSubscriptions(Transport transport, String storePath) {
        this.transport = transport;
        this.storePath = storePath;
    }

    /** Creates one; {@link Errors.InvalidRequest} names a bad field, a 409 {@code subscription-exists} says it is there. */
    public PersistentSubscriptionInfo create(String name, SubscriptionSelector selector, PersistentSubscriptionSettings settings) {
        return JesdbClient.join(createAsync(name, selector, settings));
    }

    public CompletableFuture<PersistentSubscriptionInfo> createAsync(String name, SubscriptionSelector selector,
                                                                     PersistentSubscriptionSettings settings) {
        // Not repeated after an unknown outcome: a second try would answer subscription-exists.
        return JesdbClient.checked(() -> transport.send("POST", storePath + "/subscriptions", body(name, selector, settings),
                Transport.Route.LEADER, false).thenApply(reply -> EventJson.subscription(reply.json())));
    }

    private static String body(String name, SubscriptionSelector selector, PersistentSubscriptionSettings settings) {
        JesdbClient.requireName("subscription", name);
        return "{\"name\":" + jakarta.json.Json.createValue(name) + "," + settings.jsonMembers(selector.isStream())
                + "\"selector\":" + selector.json() + "}";
    }

    /** Its settings and status; {@link Errors.NotFound} ({@code subscription-not-found}) when there is none. */
    public PersistentSubscriptionInfo getInfo(String name) {
        return JesdbClient.join(getInfoAsync(name));
    }

    public CompletableFuture<PersistentSubscriptionInfo> getInfoAsync(String name) {
        return JesdbClient.checked(() -> transport.send("GET", path(name), null, Transport.Route.LEADER, true)
                .thenApply(reply -> EventJson.subscription(reply.json())));
    }

    public List<PersistentSubscriptionInfo> list() {
        return JesdbClient.join(listAsync());
    }

    public CompletableFuture<List<PersistentSubscriptionInfo>> listAsync() {
        return transport.send("GET", storePath + "/subscriptions", null, Transport.Route.LEADER, true)
                .thenApply(reply -> EventJson.subscriptions(reply.json()));
    }

    /** Changes what may change (in flight, retries, ordering, ack timeout); {@code from} cannot. */
    public PersistentSubscriptionInfo update(String name, PersistentSubscriptionSettings settings) {
        return JesdbClient.join(updateAsync(name, settings));
    }

    public CompletableFuture<PersistentSubscriptionInfo> updateAsync(String name, PersistentSubscriptionSettings settings) {
        String members = settings.jsonMembers(false);
        String body = "{" + (members.isEmpty() ? "" : members.substring(0, members.length() - 1)) + "}";
        return JesdbClient.checked(() -> transport.send("PUT", path(name), body, Transport.Route.LEADER, true)
                .thenApply(reply -> EventJson.subscription(reply.json())));
    }

    /** Deletes it with its checkpoint and parked events; its consumers are closed. */
    public void delete(String name) {
        JesdbClient.join(deleteAsync(name));
    }

    public CompletableFuture<Void> deleteAsync(String name) {
        return JesdbClient.checked(() -> transport.send("DELETE", path(name), null, Transport.Route.LEADER, false)
                .thenApply(reply -> null));
    }

    /**
     * Connects as one of its consumers; events go to the listener until the subscription is
     * stopped. {@link Errors.NotFound} at once when there is no such subscription.
     */
    public PersistentSubscription subscribe(String name, PersistentSubscriptionListener listener) {
        return JesdbClient.join(subscribeAsync(name, listener));
    }

    /** Completes with the consumer once the subscription is known to exist (and is delivering). */
    public CompletableFuture<PersistentSubscription> subscribeAsync(String name, PersistentSubscriptionListener listener) {
        return getInfoAsync(name).thenApply(exists -> new PersistentSubscription(transport, path(name), name, listener));
    }

    /** Parked events after {@code after} (-1: from the oldest), at most {@code limit} (1..1000). */
    public ParkedEvent.Page listParked(String name, long after, int limit) {
        return JesdbClient.join(listParkedAsync(name, after, limit));
    }

    public CompletableFuture<ParkedEvent.Page> listParkedAsync(String name, long after, int limit) {
        String query = "?limit=" + limit + (after < 0 ? "" : "&after=" + after);
        return JesdbClient.checked(() -> transport.send("GET", path(name) + "/parked" + query, null, Transport.Route.LEADER, true)
                .thenApply(reply -> EventJson.parked(reply.json())));
    }

    /** Delivers the parked events again (up to 10,000 a call); answers how many were queued. */
    public int replayParked(String name) {
        return JesdbClient.join(replayParkedAsync(name));
    }

    public CompletableFuture<Integer> replayParkedAsync(String name) {
        return JesdbClient.checked(() -> transport.send("POST", path(name) + "/parked/replay", null, Transport.Route.LEADER, false)
                .thenApply(reply -> reply.json().getInt("replayed")));
    }

    /** The subscription's path; a bad name is refused by the client (status 0). */
    private String path(String name) {
        JesdbClient.requireName("subscription", name);
        return storePath + "/subscriptions/" + JesdbClient.segment(name);
    }
}
