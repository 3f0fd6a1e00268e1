package org.jesdb.chaos.history;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Everything clients did and saw during a run, in the order they recorded it; safe for many
 * threads. The {@link HistoryChecker} judges it against the nodes' final logs.
 */
public final class History {

    /** The expected version of an append that gave none ({@code any}). */
    public static final long ANY = -2;

    /**
     * One append: its stream, the version it expected the stream to be at (-1: no stream;
     * {@link #ANY}), its events in order, and what the client learned.
     */
    public record Append(String stream, long expected, List<UUID> ids, AppendOutcome outcome, long lastVersion) {
        public Append {
            ids = List.copyOf(ids);
        }
    }

    /** A read of a stream from version 0: the ids it returned, in version order. */
    public record StreamRead(String stream, List<UUID> ids) {
        public StreamRead {
            ids = List.copyOf(ids);
        }
    }

    private final List<Append> appends = new ArrayList<>();
    private final List<StreamRead> reads = new ArrayList<>();

    /** An acknowledged append whose last event got {@code lastVersion}. */
    public synchronized void acknowledged(String stream, long expected, List<UUID> ids, long lastVersion) {
        appends.add(new Append(stream, expected, ids, AppendOutcome.ACKNOWLEDGED, lastVersion));
    }

    public synchronized void refused(String stream, long expected, List<UUID> ids) {
        appends.add(new Append(stream, expected, ids, AppendOutcome.REFUSED, -1));
    }

    public synchronized void unknown(String stream, long expected, List<UUID> ids) {
        appends.add(new Append(stream, expected, ids, AppendOutcome.UNKNOWN, -1));
    }

    public synchronized void read(String stream, List<UUID> ids) {
        reads.add(new StreamRead(stream, ids));
    }

    /** The calls made so far: appends, whatever their outcome, and reads. */
    public synchronized int operations() {
        return appends.size() + reads.size();
    }

    public synchronized List<Append> appends() {
        return List.copyOf(appends);
    }

    public synchronized List<StreamRead> reads() {
        return List.copyOf(reads);
    }
}
