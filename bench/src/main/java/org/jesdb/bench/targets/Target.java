package org.jesdb.bench.targets;

import java.nio.file.Path;

/**
 * A system under test: JESDB embedded, a JESDB node over REST, or the PostgreSQL peer. Each
 * workload gets its own {@link Session} on a fresh data folder, so no workload inherits the
 * data (or the compaction debt) of the one before.
 */
public interface Target extends AutoCloseable {

    /** Which system this is. */
    TargetKind kind();

    /** True when every session starts in a new JVM, whose JIT must warm up again. */
    boolean coldPerSession();

    /** Opens a session on fresh, empty data under {@code folder} (which this call may create). */
    Session open(Path folder) throws Exception;

    /** Stops whatever {@link #open} and the constructor started; safe to call twice. */
    @Override
    void close();
}
