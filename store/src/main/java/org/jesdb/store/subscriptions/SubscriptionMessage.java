package org.jesdb.store.subscriptions;

import org.jesdb.store.streams.RecordedEvent;

/**
 * One delivery of an event to a consumer: the event (with its stream version and global
 * position) and which attempt this is, from 1.
 */
public record SubscriptionMessage(RecordedEvent event, int attempt) {
}
