package org.jesdb.bench.workloads;

/** A workload of the benchmark: appends by concurrent writers, a paged read, or a subscription's delivery. */
public sealed interface Workload permits Workload.Appends, Workload.Reads, Workload.Live, Workload.CatchUp {

    /** The id used on the command line and in the report, e.g. {@code append-8x1}. */
    String id();

    /** How the report names it, e.g. "8 writers × batch 1". */
    String label();

    /**
     * {@code writers} threads, each appending {@code batch} events per append to its own streams.
     */
    record Appends(int writers, int batch) implements Workload {
        public Appends {
            if (writers < 1 || batch < 1) {
                throw new IllegalArgumentException("writers and batch must be >= 1, were " + writers + " and " + batch);
            }
        }

        @Override
        public String id() {
            return "append-" + writers + "x" + batch;
        }

        @Override
        public String label() {
            return writers + (writers == 1 ? " writer" : " writers") + " × batch " + batch;
        }
    }

    /** One reader reading a whole stream, or $all, again and again, in pages. */
    record Reads(Source source, int pageSize) implements Workload {
        public enum Source { STREAM, ALL }

        public Reads {
            if (pageSize < 1) {
                throw new IllegalArgumentException("pageSize must be >= 1, was " + pageSize);
            }
        }

        @Override
        public String id() {
            return source == Source.STREAM ? "read-stream" : "read-all";
        }

        @Override
        public String label() {
            return (source == Source.STREAM ? "read one stream" : "read $all") + ", pages of " + pageSize;
        }
    }

    /**
     * A subscription to {@code $all} from its end while {@code writers} threads append single
     * events: how many it delivers per second, and how long each event takes from the start of
     * its append to its delivery.
     */
    record Live(int writers) implements Workload {
        public Live {
            if (writers < 1) {
                throw new IllegalArgumentException("writers must be >= 1, was " + writers);
            }
        }

        @Override
        public String id() {
            return "live-" + writers + "x1";
        }

        @Override
        public String label() {
            return "live $all subscription, " + writers + " writers × batch 1";
        }
    }

    /** A subscription to {@code $all} from its start, over events written before it: how fast it catches up. */
    record CatchUp() implements Workload {
        @Override
        public String id() {
            return "catch-up";
        }

        @Override
        public String label() {
            return "catch-up subscription over $all";
        }
    }
}
