package org.jesdb.store;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.Function;
import org.jesdb.store.raft.Command;
import org.jesdb.store.raft.CommandResult;
import org.jesdb.store.subscriptions.DeliveryRecorder;

/**
 * Records subscription progress as Raft commands, so every replica holds it. Its futures complete
 * on the subscription executor: the Raft submitter thread, which completes the commands, must
 * never wait for a subscription's lock, or one busy subscription would hold up every write.
 */
final class RaftDeliveryRecorder implements DeliveryRecorder {
    private final Function<Command, CompletableFuture<CommandResult>> submit;
    private final Executor callbacks;

    RaftDeliveryRecorder(Function<Command, CompletableFuture<CommandResult>> submit, Executor callbacks) {
        this.submit = submit;
        this.callbacks = callbacks;
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
        CompletableFuture<CommandResult> submitted;
        try {
            submitted = submit.apply(command);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        // handleAsync, not thenApplyAsync: a failure must also reach the callers on the executor.
        return submitted.handleAsync((result, error) -> {
            if (error != null) {
                throw error instanceof CompletionException completion ? completion : new CompletionException(error);
            }
            if (result instanceof CommandResult.Failed failed) {
                throw failed.error();
            }
            return null;
        }, callbacks);
    }
}
