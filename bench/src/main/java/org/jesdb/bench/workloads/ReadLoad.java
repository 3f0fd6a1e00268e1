package org.jesdb.bench.workloads;

import java.util.List;
import java.util.function.Consumer;
import org.jesdb.bench.events.EventFactory;
import org.jesdb.bench.targets.Page;
import org.jesdb.bench.targets.Session;

/**
 * One reader that reads a whole stream (or $all) from its start to its end in pages, again
 * and again. Each full pass must return exactly the events written, or it counts as an error.
 */
public final class ReadLoad {
    /** The one stream the read workloads fill and read. */
    public static final String STREAM = "reads-stream";
    private static final int LOAD_BATCH = 1_000;

    private ReadLoad() {
    }

    /** Writes the {@code count} events the reads will read, in appends of {@value #LOAD_BATCH}, then lets the target settle. */
    public static void fill(Session session, EventFactory events, long count) throws Exception {
        long left = count;
        while (left > 0) {
            int batch = (int) Math.min(LOAD_BATCH, left);
            session.append(STREAM, events.next(batch));
            left -= batch;
        }
        session.settle();
    }

    public static Measurement run(Session session, Workload.Reads workload, long expectedEvents, Timing timing,
                                  Consumer<String> progress) throws InterruptedException {
        return LoadRunner.run(workload.id(), session, List.of(reader(session, workload, expectedEvents)), timing, progress);
    }

    private static Operation reader(Session session, Workload.Reads workload, long expectedEvents) {
        Long[] from = {null};
        long[] readInPass = {0};
        return () -> {
            Page page = workload.source() == Workload.Reads.Source.STREAM
                    ? session.readStream(STREAM, from[0], workload.pageSize())
                    : session.readAll(from[0], workload.pageSize());
            readInPass[0] += page.events();
            from[0] = page.next();
            if (page.next() == null) {
                long read = readInPass[0];
                readInPass[0] = 0;
                if (read != expectedEvents) {
                    throw new IllegalStateException("a full pass read " + read + " events, expected " + expectedEvents);
                }
            } else if (page.events() == 0) {
                throw new IllegalStateException("an empty page that is not the last, at " + page.next());
            }
            return page.events();
        };
    }
}
