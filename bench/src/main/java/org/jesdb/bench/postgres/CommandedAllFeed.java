package org.jesdb.bench.postgres;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.jesdb.bench.targets.Feed;
import org.jesdb.bench.targets.FeedListener;
import org.postgresql.PGConnection;

/**
 * A subscription to {@code $all} the way Commanded's EventStore delivers one: the store's
 * trigger notifies a channel after each append, and the subscriber, which LISTENs on its own
 * connection, reads {@code $all} forward in pages from the last event it has seen, whenever it
 * is notified and until a page comes back short. The first read needs no notification, so a
 * subscription from the start catches up at once.
 */
final class CommandedAllFeed implements Feed {
    private static final int PAGE = 1_000;
    /** How long one wait for a notification lasts, so that close() is seen soon. */
    private static final int WAIT_MILLIS = 100;

    private final Connection connection;
    private final PreparedStatement read;
    private final FeedListener listener;
    private final Thread thread;
    private volatile boolean closed;
    private volatile SQLException failure;
    /** The {@code $all} version (from 1) to read next. */
    private long next;

    private CommandedAllFeed(Connection connection, boolean fromStart, FeedListener listener) throws SQLException {
        this.connection = connection;
        this.listener = listener;
        try (Statement statement = connection.createStatement()) {
            statement.execute("LISTEN \"" + CommandedSchema.NOTIFY_CHANNEL + "\"");
        }
        this.read = connection.prepareStatement(CommandedSchema.READ_FORWARD);
        this.next = fromStart ? 1 : allVersion() + 1;
        this.thread = new Thread(this::deliver, "postgres-all-feed");
        this.thread.setDaemon(true);
    }

    /** Starts following {@code $all} on {@code connection}, which the feed owns and closes. */
    static CommandedAllFeed start(Connection connection, boolean fromStart, FeedListener listener) throws SQLException {
        CommandedAllFeed feed = new CommandedAllFeed(connection, fromStart, listener);
        feed.thread.start();
        return feed;
    }

    private long allVersion() throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT stream_version FROM streams WHERE stream_id = 0")) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private void deliver() {
        try {
            while (!closed) {
                while (!closed && readPage() == PAGE) {
                    // a full page: there may be more
                }
                // Notifications that came while reading are consumed here too: the next read covers them.
                connection.unwrap(PGConnection.class).getNotifications(WAIT_MILLIS);
            }
        } catch (SQLException e) {
            if (!closed) {
                failure = e;
            }
        }
    }

    /** Reads one page from {@link #next}, every column as a client would, and hands each event on. */
    private int readPage() throws SQLException {
        read.setLong(1, 0);
        read.setLong(2, next);
        read.setInt(3, PAGE);
        int events = 0;
        try (ResultSet rows = read.executeQuery()) {
            while (rows.next()) {
                next = rows.getLong(1) + 1;
                listener.onEvent(CommandedSchema.readEventRow(rows));
                events++;
            }
        }
        return events;
    }

    @Override
    public void close() {
        closed = true;
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            connection.close();
        } catch (SQLException e) {
            // closing anyway
        }
        if (failure != null) {
            throw new IllegalStateException("the PostgreSQL subscription failed: " + failure.getMessage(), failure);
        }
    }
}
