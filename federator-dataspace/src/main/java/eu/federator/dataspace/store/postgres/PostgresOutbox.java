package eu.federator.dataspace.store.postgres;

import eu.federator.dataspace.outbox.Backoff;
import eu.federator.dataspace.outbox.Outbox;
import eu.federator.dataspace.outbox.OutboxEntry;
import eu.federator.dataspace.outbox.OutboxMessage;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link Outbox} on PostgreSQL: a claim is an open transaction holding row locks taken with {@code FOR UPDATE SKIP
 * LOCKED}, so concurrent claimers (threads or replicas) get disjoint rows without waiting for each other, and a claimer
 * that dies releases its rows with its connection.
 */
public final class PostgresOutbox implements Outbox {
    private static final String COLUMNS = "id, process_kind, process_id, message_type, target_url, body, attempts, next_attempt, last_error";

    private final DataSource dataSource;
    private final Backoff backoff;

    public PostgresOutbox(DataSource dataSource, Backoff backoff) {
        this.dataSource = dataSource;
        this.backoff = backoff;
    }

    @Override
    public Claim claim(int limit, Instant now) {
        Connection c = null;
        try {
            c = dataSource.getConnection();
            c.setAutoCommit(false);
            List<OutboxMessage> claimed;
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM dsp_outbox WHERE status = 'pending' AND "
                    + "next_attempt <= ? ORDER BY next_attempt, id LIMIT ? FOR UPDATE SKIP LOCKED")) {
                ps.setTimestamp(1, Timestamp.from(now));
                ps.setInt(2, limit);
                claimed = read(ps);
            }
            return new PgClaim(c, claimed);
        } catch (SQLException e) {
            close(c);
            throw new IllegalStateException("outbox: " + e.getMessage(), e);
        }
    }

    @Override
    public List<OutboxMessage> messages(String processKind, String processId) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM dsp_outbox WHERE process_kind = ? AND process_id = ? "
                     + "ORDER BY id")) {
            ps.setString(1, processKind);
            ps.setString(2, processId);
            return read(ps);
        } catch (SQLException e) {
            throw new IllegalStateException("outbox: " + e.getMessage(), e);
        }
    }

    private static List<OutboxMessage> read(PreparedStatement ps) throws SQLException {
        List<OutboxMessage> messages = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                messages.add(new OutboxMessage(rs.getLong("id"), rs.getString("process_kind"), rs.getString("process_id"),
                        new OutboxEntry(rs.getString("message_type"), rs.getString("target_url"), rs.getString("body")),
                        rs.getInt("attempts"), Jdbc.instant(rs, "next_attempt"), rs.getString("last_error")));
            }
        }
        return messages;
    }

    private static void close(Connection c) {
        if (c != null) {
            try {
                c.rollback();
            } catch (SQLException ignored) {
                // the connection is going away; its transaction ends with it
            }
            try {
                c.close();
            } catch (SQLException ignored) {
                // nothing more to release
            }
        }
    }

    private final class PgClaim implements Claim {
        private final Connection c;
        private final List<OutboxMessage> messages;
        private boolean open = true;

        PgClaim(Connection c, List<OutboxMessage> messages) {
            this.c = c;
            this.messages = List.copyOf(messages);
        }

        @Override
        public List<OutboxMessage> messages() {
            return messages;
        }

        private OutboxMessage claimed(long id) {
            if (!open) {
                throw new IllegalStateException("the claim is closed");
            }
            return messages.stream().filter(m -> m.id() == id).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("outbox message " + id + " is not part of this claim"));
        }

        @Override
        public void sent(long id) {
            claimed(id);
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM dsp_outbox WHERE id = ?")) {
                ps.setLong(1, id);
                ps.executeUpdate();
            } catch (SQLException e) {
                throw new IllegalStateException("outbox: " + e.getMessage(), e);
            }
        }

        @Override
        public boolean failed(long id, String error, Instant now) {
            int failures = claimed(id).attempts() + 1;
            boolean dead = backoff.exhausted(failures);
            try (PreparedStatement ps = c.prepareStatement("UPDATE dsp_outbox SET attempts = ?, last_error = ?, next_attempt = ?, "
                    + "status = ? WHERE id = ?")) {
                ps.setInt(1, failures);
                ps.setString(2, error);
                ps.setTimestamp(3, Timestamp.from(dead ? now : backoff.next(failures, now)));
                ps.setString(4, dead ? "dead" : "pending");
                ps.setLong(5, id);
                ps.executeUpdate();
            } catch (SQLException e) {
                throw new IllegalStateException("outbox: " + e.getMessage(), e);
            }
            return dead;
        }

        @Override
        public void dead(long id, String error) {
            int attempts = claimed(id).attempts() + 1;
            try (PreparedStatement ps = c.prepareStatement("UPDATE dsp_outbox SET attempts = ?, last_error = ?, status = 'dead' WHERE id = ?")) {
                ps.setInt(1, attempts);
                ps.setString(2, error);
                ps.setLong(3, id);
                ps.executeUpdate();
            } catch (SQLException e) {
                throw new IllegalStateException("outbox: " + e.getMessage(), e);
            }
        }

        @Override
        public void commit() {
            try {
                c.commit();
            } catch (SQLException e) {
                throw new IllegalStateException("outbox: " + e.getMessage(), e);
            } finally {
                close();
            }
        }

        @Override
        public void close() {
            if (open) {
                open = false;
                PostgresOutbox.close(c);
            }
        }
    }
}
