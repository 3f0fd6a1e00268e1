package org.jesdb.bench.targets;

/** A page read: how many events it held, and where the next page starts (null at the end). */
public record Page(int events, Long next) {
    public Page {
        if (events < 0) {
            throw new IllegalArgumentException("events must be >= 0, was " + events);
        }
    }
}
