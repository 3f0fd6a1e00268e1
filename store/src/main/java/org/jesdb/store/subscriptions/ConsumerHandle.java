package org.jesdb.store.subscriptions;

/** One consumer's connection to a subscription; closing it hands its unacknowledged events to others. */
public interface ConsumerHandle extends AutoCloseable {

    String id();

    @Override
    void close();
}
