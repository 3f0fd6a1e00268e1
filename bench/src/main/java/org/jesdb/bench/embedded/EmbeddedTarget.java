package org.jesdb.bench.embedded;

import java.nio.file.Path;
import org.jesdb.bench.targets.Session;
import org.jesdb.bench.targets.Target;
import org.jesdb.bench.targets.TargetKind;
import org.jesdb.store.EventStore;
import org.jesdb.store.StoreConfig;

/** JESDB's store inside the harness's JVM: no HTTP, the same durability (Raft log fsync before ack). */
public final class EmbeddedTarget implements Target {

    @Override
    public TargetKind kind() {
        return TargetKind.JESDB_EMBEDDED;
    }

    @Override
    public boolean coldPerSession() {
        return false;
    }

    @Override
    public Session open(Path folder) {
        return new EmbeddedSession(EventStore.open(StoreConfig.singleNode(folder.resolve("data"))));
    }

    @Override
    public void close() {
        // Each session closes its own store.
    }
}
