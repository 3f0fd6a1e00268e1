package org.jesdb.store.subscriptions;

import java.util.concurrent.CompletableFuture;

/** Writes a subscription's durable progress through Raft: checkpoints and parked events. */
public interface DeliveryRecorder {

    CompletableFuture<Void> checkpoint(String name, long position);

    CompletableFuture<Void> park(String name, long position, int attempts, String reason);

    CompletableFuture<Void> unpark(String name, long position);
}
