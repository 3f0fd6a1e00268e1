package org.jesdb.bench.postgres;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;

/**
 * The tables of Commanded's EventStore (Elixir), on which the peer's figures are measured:
 * {@code streams}, {@code events} and {@code stream_events}, with {@code $all} as stream 0.
 * An append is one statement (so one transaction and one round trip, the peer at its best)
 * that takes the stream's row lock, takes the {@code $all} row lock, and inserts the events
 * and their {@code stream_events} rows for the stream and for {@code $all}. Commanded's NOTIFY
 * trigger is left out of the append workloads (it would only cost the peer time) and added for
 * the subscription workloads ({@link #NOTIFY_DDL}), where its subscribers need it.
 */
final class CommandedSchema {
    private CommandedSchema() {
    }

    static final List<String> DDL = List.of(
            """
            CREATE TABLE streams (
                stream_id bigserial PRIMARY KEY NOT NULL,
                stream_uuid text NOT NULL,
                stream_version bigint DEFAULT 0 NOT NULL,
                created_at timestamp with time zone DEFAULT now() NOT NULL,
                deleted_at timestamp with time zone
            )""",
            "CREATE UNIQUE INDEX ix_streams_stream_uuid ON streams (stream_uuid)",
            "INSERT INTO streams (stream_id, stream_uuid, stream_version) VALUES (0, '$all', 0)",
            """
            CREATE TABLE events (
                event_id uuid PRIMARY KEY NOT NULL,
                event_type text NOT NULL,
                causation_id uuid NULL,
                correlation_id uuid NULL,
                data bytea NOT NULL,
                metadata bytea NULL,
                created_at timestamp with time zone DEFAULT now() NOT NULL
            )""",
            """
            CREATE TABLE stream_events (
                event_id uuid NOT NULL REFERENCES events (event_id),
                stream_id bigint NOT NULL REFERENCES streams (stream_id),
                stream_version bigint NOT NULL,
                original_stream_id bigint REFERENCES streams (stream_id),
                original_stream_version bigint,
                PRIMARY KEY (event_id, stream_id)
            )""",
            "CREATE UNIQUE INDEX ix_stream_events ON stream_events (stream_id, stream_version)");

    /** The channel the trigger notifies: Commanded names it after the schema. */
    static final String NOTIFY_CHANNEL = "public.events";

    /**
     * Commanded's notification: after each insert or update of a {@code streams} row (so after
     * each append, once for the stream and once for {@code $all}), a NOTIFY whose payload names the
     * stream and the versions appended, sent when the transaction commits.
     */
    static final List<String> NOTIFY_DDL = List.of(
            """
            CREATE OR REPLACE FUNCTION notify_events() RETURNS trigger AS $$
            BEGIN
                PERFORM pg_notify(TG_TABLE_SCHEMA || '.events', NEW.stream_uuid || ',' || NEW.stream_id || ','
                    || (CASE WHEN TG_OP = 'UPDATE' THEN OLD.stream_version + 1 ELSE 1 END) || ',' || NEW.stream_version);
                RETURN NULL;
            END;
            $$ LANGUAGE plpgsql""",
            "CREATE OR REPLACE TRIGGER event_notification AFTER INSERT OR UPDATE ON streams "
                    + "FOR EACH ROW EXECUTE FUNCTION notify_events()");

    /** Creates a stream row on its first append (expected version "any"). */
    static final String CREATE_STREAM =
            "INSERT INTO streams (stream_uuid, stream_version) VALUES (?, 0) ON CONFLICT (stream_uuid) DO NOTHING";

    /**
     * Appends events to an existing stream and to {@code $all}. Parameters: 1 and 3 to 5 the
     * number of events, 2 the stream, 6 to 9 the arrays of ids, types, data and metadata.
     * Answers one row, or none when the stream does not exist yet.
     */
    static final String APPEND_WITH_ALL = """
            WITH s AS (
                UPDATE streams SET stream_version = stream_version + ? WHERE stream_uuid = ?
                RETURNING stream_id, stream_version - ? AS v0
            ), a AS (
                UPDATE streams SET stream_version = stream_version + ? WHERE stream_id = 0 AND EXISTS (SELECT 1 FROM s)
                RETURNING stream_version - ? AS p0
            ), ev AS (
                SELECT * FROM unnest(?::uuid[], ?::text[], ?::bytea[], ?::bytea[])
                    WITH ORDINALITY AS t(event_id, event_type, data, metadata, i)
            ), inserted_events AS (
                INSERT INTO events (event_id, event_type, data, metadata, created_at)
                SELECT ev.event_id, ev.event_type, ev.data, ev.metadata, now() FROM ev, s
            ), stream_rows AS (
                INSERT INTO stream_events (event_id, stream_id, stream_version, original_stream_id, original_stream_version)
                SELECT ev.event_id, s.stream_id, s.v0 + ev.i, s.stream_id, s.v0 + ev.i FROM ev, s
            ), all_rows AS (
                INSERT INTO stream_events (event_id, stream_id, stream_version, original_stream_id, original_stream_version)
                SELECT ev.event_id, 0, a.p0 + ev.i, s.stream_id, s.v0 + ev.i FROM ev, s, a
            )
            SELECT s.v0 FROM s""";

    /**
     * The same without the {@code $all} rows and lock: the peer's upper bound (it loses the
     * global order). Parameters: 1 and 3 the number of events, 2 the stream, 4 to 7 the arrays.
     */
    static final String APPEND_WITHOUT_ALL = """
            WITH s AS (
                UPDATE streams SET stream_version = stream_version + ? WHERE stream_uuid = ?
                RETURNING stream_id, stream_version - ? AS v0
            ), ev AS (
                SELECT * FROM unnest(?::uuid[], ?::text[], ?::bytea[], ?::bytea[])
                    WITH ORDINALITY AS t(event_id, event_type, data, metadata, i)
            ), inserted_events AS (
                INSERT INTO events (event_id, event_type, data, metadata, created_at)
                SELECT ev.event_id, ev.event_type, ev.data, ev.metadata, now() FROM ev, s
            ), stream_rows AS (
                INSERT INTO stream_events (event_id, stream_id, stream_version, original_stream_id, original_stream_version)
                SELECT ev.event_id, s.stream_id, s.v0 + ev.i, s.stream_id, s.v0 + ev.i FROM ev, s
            )
            SELECT s.v0 FROM s""";

    static final String STREAM_ID = "SELECT stream_id FROM streams WHERE stream_uuid = ?";

    /**
     * Reads every column of one row of {@link #READ_FORWARD}, as a client would, and answers the
     * event's id.
     */
    static UUID readEventRow(ResultSet rows) throws SQLException {
        UUID id = rows.getObject(2, UUID.class);
        rows.getString(3);
        rows.getLong(4);
        rows.getString(5);
        rows.getObject(6);
        rows.getObject(7);
        rows.getBytes(8);
        rows.getBytes(9);
        rows.getTimestamp(10);
        return id;
    }

    /** Commanded's forward read of a stream (stream 0 is {@code $all}), one page. */
    static final String READ_FORWARD = """
            SELECT se.stream_version, e.event_id, s.stream_uuid, se.original_stream_version, e.event_type,
                   e.correlation_id, e.causation_id, e.data, e.metadata, e.created_at
            FROM stream_events se
            INNER JOIN streams s ON s.stream_id = se.original_stream_id
            INNER JOIN events e ON se.event_id = e.event_id
            WHERE se.stream_id = ? AND se.stream_version >= ?
            ORDER BY se.stream_version ASC
            LIMIT ?""";
}
