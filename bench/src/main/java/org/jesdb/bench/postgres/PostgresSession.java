package org.jesdb.bench.postgres;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.jesdb.bench.events.BenchEvent;
import org.jesdb.bench.targets.Feed;
import org.jesdb.bench.targets.FeedListener;
import org.jesdb.bench.targets.Page;
import org.jesdb.bench.targets.ServerUsage;
import org.jesdb.bench.targets.Session;

/**
 * Appends and reads on one database. Each calling thread borrows a connection of its own (a
 * minimal pool that grows to the number of writers) with its statements prepared once.
 * Connections use the generic plan and no parallel workers: a parallel plan (which PostgreSQL
 * picks for 1000-row pages with custom plans, and with the generic plan once the tables are
 * analyzed) is 2-3 times slower here, and the peer is measured at its best.
 */
final class PostgresSession implements Session {
    static final String SESSION_OPTIONS = "-c plan_cache_mode=force_generic_plan -c max_parallel_workers_per_gather=0 -c statement_timeout=60000";

    private final PostgresServer server;
    private final String database;
    private final boolean withAllRows;
    /** Idle connections; a thread takes one for one call and gives it back. */
    private final ConcurrentLinkedQueue<Link> idle = new ConcurrentLinkedQueue<>();
    /** Every connection opened, to close them all at the end. */
    private final ConcurrentLinkedQueue<Link> all = new ConcurrentLinkedQueue<>();

    PostgresSession(PostgresServer server, String database, boolean withAllRows) {
        this.server = server;
        this.database = database;
        this.withAllRows = withAllRows;
    }

    /** A connection and its prepared statements. */
    private final class Link {
        final Connection connection;
        final PreparedStatement append;
        final PreparedStatement createStream;
        final PreparedStatement streamId;
        final PreparedStatement read;

        Link() throws SQLException {
            connection = server.connect(database, SESSION_OPTIONS);
            append = connection.prepareStatement(withAllRows ? CommandedSchema.APPEND_WITH_ALL : CommandedSchema.APPEND_WITHOUT_ALL);
            createStream = connection.prepareStatement(CommandedSchema.CREATE_STREAM);
            streamId = connection.prepareStatement(CommandedSchema.STREAM_ID);
            read = connection.prepareStatement(CommandedSchema.READ_FORWARD);
        }
    }

    private Link borrow() throws SQLException {
        Link link = idle.poll();
        if (link == null) {
            link = new Link();
            all.add(link);
        }
        return link;
    }

    @Override
    public void append(String stream, List<BenchEvent> events) throws SQLException {
        Link link = borrow();
        try {
            if (!appendToExisting(link, stream, events)) {
                link.createStream.setString(1, stream);
                link.createStream.executeUpdate();
                if (!appendToExisting(link, stream, events)) {
                    throw new SQLException("stream " + stream + " still missing after it was created");
                }
            }
        } finally {
            idle.add(link);
        }
    }

    private boolean appendToExisting(Link link, String stream, List<BenchEvent> events) throws SQLException {
        int n = events.size();
        UUID[] ids = new UUID[n];
        String[] types = new String[n];
        byte[][] data = new byte[n][];
        byte[][] metadata = new byte[n][];
        for (int i = 0; i < n; i++) {
            BenchEvent event = events.get(i);
            ids[i] = event.id();
            types[i] = event.type();
            data[i] = event.data();
            metadata[i] = event.metadata();
        }
        PreparedStatement append = link.append;
        int p = 1;
        append.setLong(p++, n);
        append.setString(p++, stream);
        append.setLong(p++, n);
        if (withAllRows) {
            append.setLong(p++, n);
            append.setLong(p++, n);
        }
        Connection connection = link.connection;
        Array idArray = connection.createArrayOf("uuid", ids);
        Array typeArray = connection.createArrayOf("text", types);
        Array dataArray = connection.createArrayOf("bytea", data);
        Array metadataArray = connection.createArrayOf("bytea", metadata);
        append.setArray(p++, idArray);
        append.setArray(p++, typeArray);
        append.setArray(p++, dataArray);
        append.setArray(p, metadataArray);
        try (ResultSet rows = append.executeQuery()) {
            return rows.next();
        }
    }

    @Override
    public Page readStream(String stream, Long from, int count) throws SQLException {
        Link link = borrow();
        try {
            link.streamId.setString(1, stream);
            long streamId;
            try (ResultSet rows = link.streamId.executeQuery()) {
                if (!rows.next()) {
                    throw new SQLException("no stream " + stream);
                }
                streamId = rows.getLong(1);
            }
            return readPage(link, streamId, from, count);
        } finally {
            idle.add(link);
        }
    }

    @Override
    public Page readAll(Long from, int count) throws SQLException {
        Link link = borrow();
        try {
            return readPage(link, 0, from, count);
        } finally {
            idle.add(link);
        }
    }

    /** One page; versions in Commanded's schema start at 1. Every column is read, as a client would. */
    private static Page readPage(Link link, long streamId, Long from, int count) throws SQLException {
        link.read.setLong(1, streamId);
        link.read.setLong(2, from == null ? 1 : from);
        link.read.setInt(3, count);
        int events = 0;
        long last = -1;
        try (ResultSet rows = link.read.executeQuery()) {
            while (rows.next()) {
                last = rows.getLong(1);
                CommandedSchema.readEventRow(rows);
                events++;
            }
        }
        return new Page(events, events == count ? Long.valueOf(last + 1) : null);
    }

    /** Adds Commanded's NOTIFY trigger (the append workloads run without it), then LISTENs on a connection of its own. */
    @Override
    public Feed subscribeAll(boolean fromStart, FeedListener listener) throws SQLException {
        try (Connection connection = server.connect(database, null); java.sql.Statement statement = connection.createStatement()) {
            for (String ddl : CommandedSchema.NOTIFY_DDL) {
                statement.execute(ddl);
            }
        }
        return CommandedAllFeed.start(server.connect(database, SESSION_OPTIONS), fromStart, listener);
    }

    /** VACUUM ANALYZE, as autovacuum would soon after a load: the peer is read at its best. */
    @Override
    public void settle() throws SQLException {
        try (Connection connection = server.connect(database, null); java.sql.Statement statement = connection.createStatement()) {
            statement.execute("VACUUM (ANALYZE) streams, events, stream_events");
        }
    }

    @Override
    public ServerUsage usage() {
        return new ServerUsage(server.cpuNanos(), -1, -1, -1);
    }

    @Override
    public void close() throws SQLException {
        SQLException first = null;
        for (Link link : all) {
            try {
                link.connection.close();
            } catch (SQLException e) {
                first = first == null ? e : first;
            }
        }
        server.dropDatabase(database);
        if (first != null) {
            throw first;
        }
    }
}
