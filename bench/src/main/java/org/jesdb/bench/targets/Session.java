package org.jesdb.bench.targets;

import java.util.List;
import org.jesdb.bench.events.BenchEvent;

/**
 * One workload's connection to a target, on fresh data. {@link #append} and the reads are
 * called from many threads at once; each returns once the target has answered, and an append
 * only once it is durable.
 */
public interface Session extends AutoCloseable {

    /** Appends {@code events} to {@code stream} with expected version "any". */
    void append(String stream, List<BenchEvent> events) throws Exception;

    /** Reads up to {@code count} events of {@code stream} from {@code from} (null: the first). */
    Page readStream(String stream, Long from, int count) throws Exception;

    /** Reads up to {@code count} events of the global order from {@code from} (null: the first). */
    Page readAll(Long from, int count) throws Exception;

    /**
     * Subscribes to {@code $all} the way the target's users would (JESDB: its subscription API
     * or SSE; PostgreSQL: Commanded's NOTIFY and page reads), from the first event when
     * {@code fromStart}, else from the end; returns once the subscription is in place.
     */
    Feed subscribeAll(boolean fromStart, FeedListener listener) throws Exception;

    /**
     * Called once the read workloads' data is written: brings the store to the state of data
     * written a while ago (PostgreSQL: what autovacuum would have done), so that no background
     * work of the load falls into the reads' window. Nothing to do for most targets.
     */
    default void settle() throws Exception {
    }

    /** What the target's own processes have used so far; the harness's own use is added by the caller. */
    ServerUsage usage();

    @Override
    void close() throws Exception;
}
