package org.jesdb.store.subscriptions;

/**
 * Where a subscription hands its messages: an SSE connection, a WebSocket, a callback in the
 * same JVM. Called on the store's subscription threads, under the subscription's lock:
 * return at once, never block.
 */
public interface SubscriptionSink {

    /** Takes one message; false means the consumer is gone and gets nothing more. */
    boolean offer(SubscriptionMessage message);

    /** The subscription ended for this consumer (deleted, or the node is stopping). */
    void closed(String reason);
}
