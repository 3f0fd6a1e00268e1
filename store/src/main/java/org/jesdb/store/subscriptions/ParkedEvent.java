package org.jesdb.store.subscriptions;

import java.time.Instant;
import org.jesdb.store.streams.RecordedEvent;

/** An event a subscription gave up on, kept until it is replayed and acknowledged. */
public record ParkedEvent(RecordedEvent event, int attempts, Instant parkedAt, String reason) {
}
