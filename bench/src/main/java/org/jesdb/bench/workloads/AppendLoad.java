package org.jesdb.bench.workloads;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.jesdb.bench.events.BenchEvent;
import org.jesdb.bench.events.EventFactory;
import org.jesdb.bench.targets.Session;

/**
 * Concurrent writers, each appending batches of new events to its own streams (it cycles over
 * {@value #STREAMS_PER_WRITER} of them) with expected version "any". Stream names start with the
 * workload's id, so workloads that share a store never write to each other's streams.
 */
public final class AppendLoad {
    static final int STREAMS_PER_WRITER = 10;

    private AppendLoad() {
    }

    public static Measurement run(Session session, Workload.Appends workload, EventFactory events, Timing timing,
                                  Consumer<String> progress) throws InterruptedException {
        List<Operation> writers = new ArrayList<>(workload.writers());
        for (int w = 0; w < workload.writers(); w++) {
            writers.add(writer(session, workload.batch(), events, workload.id() + "-writer-" + w + "-stream-"));
        }
        return LoadRunner.run(workload.id(), session, writers, timing, progress);
    }

    private static Operation writer(Session session, int batch, EventFactory events, String streamPrefix) {
        String[] streams = new String[STREAMS_PER_WRITER];
        for (int s = 0; s < STREAMS_PER_WRITER; s++) {
            streams[s] = streamPrefix + s;
        }
        int[] next = {0};
        return () -> {
            List<BenchEvent> batchEvents = events.next(batch);
            String stream = streams[next[0]];
            next[0] = (next[0] + 1) % STREAMS_PER_WRITER;
            session.append(stream, batchEvents);
            return batch;
        };
    }
}
