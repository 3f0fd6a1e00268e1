package org.jesdb.store;

import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.jesdb.store.raft.Command;
import org.jesdb.store.raft.CommandResult;
import org.jesdb.store.subscriptions.DeliveryRecorder;

/** Records subscription progress as Raft commands, so every replica holds it. */
final class RaftDeliveryRecorder implements DeliveryRecorder {
    private final Function<Command, CompletableFuture<CommandResult>> submit;

    RaftDeliveryRecorder(Function<Command, CompletableFuture<CommandResult>> submit) {
        this.submit = submit;
    }

    @Override
    public CompletableFuture<Void> checkpoint(String name, long position) {
        return run(new Command.Checkpoint(name, position));
    }

    @Override
    public CompletableFuture<Void> park(String name, long position, int attempts, String reason) {
        return run(new Command.ParkEvent(name, position, attempts, reason));
    }

    @Override
    public CompletableFuture<Void> unpark(String name, long position) {
        return run(new Command.UnparkEvent(name, position));
    }

    private CompletableFuture<Void> run(Command command) {
        try {
            return submit.apply(command).thenApply(result -> {
                if (result instanceof CommandResult.Failed failed) {
                    throw failed.error();
                }
                return null;
            });
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }
}
