package org.jesdb.bench.workloads;

/** One step of a worker's loop: an append or a page read. */
@FunctionalInterface
public interface Operation {

    /** Performs the step and returns how many events it appended or read. */
    int perform() throws Exception;
}
