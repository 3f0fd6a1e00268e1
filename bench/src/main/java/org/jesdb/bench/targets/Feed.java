package org.jesdb.bench.targets;

/** A subscription to {@code $all} that a session opened; closing it stops the delivery. */
public interface Feed extends AutoCloseable {

    @Override
    void close();
}
