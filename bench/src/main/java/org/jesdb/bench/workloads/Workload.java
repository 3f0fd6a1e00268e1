package org.jesdb.bench.workloads;

/** A workload of the benchmark: appends by concurrent writers, or a paged read. */
public sealed interface Workload permits Workload.Appends, Workload.Reads {

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
}
