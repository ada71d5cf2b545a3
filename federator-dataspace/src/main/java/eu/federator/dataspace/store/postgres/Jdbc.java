package eu.federator.dataspace.store.postgres;

import eu.federator.dataspace.Position;
import eu.federator.dataspace.internal.Sql;
import eu.federator.dataspace.log.LogEvent;
import eu.federator.dataspace.log.PostgresExchangeLog;
import eu.federator.dataspace.outbox.OutboxEntry;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

/** Plain JDBC for the dataspace stores: transactions that roll back on any failure, and the shared outbox insert. */
final class Jdbc {
    static final String UNIQUE_VIOLATION = "23505";

    private final Sql sql;

    Jdbc(DataSource dataSource, String what) {
        this.sql = new Sql(dataSource, what);
    }

    <T> T transaction(Sql.Work<T> work) {
        return sql.transaction(work);
    }

    <T> T read(Sql.Work<T> work) {
        return sql.read(work);
    }

    static void enqueue(Connection c, String kind, String processId, List<OutboxEntry> send, Instant now) throws SQLException {
        if (send.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO dsp_outbox (process_kind, process_id, message_type, target_url, body, "
                + "next_attempt, created) VALUES (?,?,?,?,?,?,?)")) {
            for (OutboxEntry e : send) {
                ps.setString(1, kind);
                ps.setString(2, processId);
                ps.setString(3, e.messageType());
                ps.setString(4, e.targetUrl());
                ps.setString(5, e.body());
                ps.setTimestamp(6, Timestamp.from(now));
                ps.setTimestamp(7, Timestamp.from(now));
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** Queues exchange-log events in the change's transaction (migration V10); the log's writer chains them. */
    static void log(Connection c, List<LogEvent> events) throws SQLException {
        PostgresExchangeLog.queue(c, events);
    }

    static String name(Enum<?> e) {
        return e == null ? null : e.name();
    }

    static <S extends Enum<S>> Position<S> position(ResultSet rs, Class<S> type) throws SQLException {
        String state = rs.getString("state");
        String pending = rs.getString("pending");
        return new Position<>(state == null ? null : Enum.valueOf(type, state), pending == null ? null : Enum.valueOf(type, pending));
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }
}
