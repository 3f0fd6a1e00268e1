package org.jesdb.store.subscriptions;

/** One consumer's connection to a subscription; closing it hands its unacknowledged events to others. */
public interface ConsumerHandle extends AutoCloseable {

    String id();

    /**
     * Whether this consumer still holds the message: delivered to it and not yet acked, nacked,
     * timed out or handed to another consumer. A consumer that queues messages checks this
     * before it writes or handles one, so it skips what went elsewhere meanwhile.
     */
    boolean holds(SubscriptionMessage message);

    @Override
    void close();
}
