package org.jesdb.bench.postgres;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import org.jesdb.bench.targets.Session;
import org.jesdb.bench.targets.Target;
import org.jesdb.bench.targets.TargetKind;

/**
 * The PostgreSQL peer with Commanded's schema. Each workload gets a new database in the one
 * server the run started (the server's equivalent of a fresh data folder), dropped afterwards.
 * {@code withAllRows} false is the variant without the {@code $all} rows: the peer's upper bound.
 */
public final class PostgresTarget implements Target {
    private static final AtomicInteger DATABASES = new AtomicInteger();

    private final PostgresServer server;
    private final boolean withAllRows;

    public PostgresTarget(PostgresServer server, boolean withAllRows) {
        this.server = server;
        this.withAllRows = withAllRows;
    }

    @Override
    public TargetKind kind() {
        return withAllRows ? TargetKind.POSTGRES : TargetKind.POSTGRES_WITHOUT_ALL;
    }

    @Override
    public boolean coldPerSession() {
        return false;
    }

    @Override
    public Session open(Path folder) throws SQLException {
        String database = "bench_" + DATABASES.incrementAndGet();
        server.dropDatabase(database);
        server.createDatabase(database);
        try (Connection connection = server.connect(database, null); Statement statement = connection.createStatement()) {
            for (String ddl : CommandedSchema.DDL) {
                statement.execute(ddl);
            }
        }
        return new PostgresSession(server, database, withAllRows);
    }

    @Override
    public void close() {
        // The server is shared by both variants; the run stops it.
    }
}
