package eu.federator.dataspace.log;

import eu.federator.dataspace.internal.Sql;
import eu.federator.credentials.issue.CredentialSigner.SigningKey;
import eu.federator.credentials.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@link ExchangeLog} on PostgreSQL (migration {@code V9__exchange_log.sql}), plain JDBC. Every append and checkpoint
 * runs in one transaction that first locks the row of {@code dsp_exchange_log_head} (as the catalogue's event log locks
 * {@code catalogue_event_sequence}): appenders on any connection or replica take turns, so each sees the hash of the
 * entry before it and the chain cannot fork or skip a sequence.
 */
public final class PostgresExchangeLog implements ExchangeLog {
    private static final String COLUMNS = "sequence, previous_hash, hash, process_id, process_kind, event_type, counter_party_id, "
            + "agreement_id, payload_digest, time";

    private final DataSource dataSource;
    private final Sql sql;
    private final Clock clock;
    private final int checkpointEvery;

    /** @param checkpointEvery how many entries {@link #checkpointIfDue} lets pass between checkpoints */
    public PostgresExchangeLog(DataSource dataSource, Clock clock, int checkpointEvery) {
        if (checkpointEvery < 1) {
            throw new IllegalArgumentException("checkpointEvery must be at least 1, got " + checkpointEvery);
        }
        this.dataSource = dataSource;
        this.sql = new Sql(dataSource, "exchange log");
        this.clock = clock;
        this.checkpointEvery = checkpointEvery;
    }

    private record Head(long sequence, String hash) {
    }

    private static Head lockHead(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT sequence, hash FROM dsp_exchange_log_head FOR UPDATE")) {
            if (!rs.next()) {
                throw new IllegalStateException("exchange log: dsp_exchange_log_head has no row; was migration V9 applied?");
            }
            return new Head(rs.getLong(1), rs.getString(2));
        }
    }

    @Override
    public LogEntry append(LogEvent event) {
        return sql.transaction(c -> {
            Head head = lockHead(c);
            LogEntry entry = insert(c, head, event);
            moveHead(c, entry);
            return entry;
        });
    }

    @Override
    public int appendQueued(int limit) {
        return sql.transaction(c -> {
            Head head = lockHead(c);
            List<Long> ids = new ArrayList<>();
            LogEntry last = null;
            try (PreparedStatement ps = c.prepareStatement("SELECT id, process_id, process_kind, event_type, counter_party_id, agreement_id, "
                    + "payload_digest, time FROM dsp_exchange_log_queue ORDER BY id LIMIT ?")) {
                ps.setInt(1, Math.max(1, limit));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        ids.add(rs.getLong("id"));
                        LogEvent event = new LogEvent(rs.getString("process_id"), ProcessKind.fromWire(rs.getString("process_kind")),
                                rs.getString("event_type"), rs.getString("counter_party_id"), rs.getString("agreement_id"),
                                rs.getString("payload_digest"), rs.getTimestamp("time").toInstant());
                        last = insert(c, last == null ? head : new Head(last.sequence(), last.hash()), event);
                    }
                }
            }
            if (last == null) {
                return 0;
            }
            moveHead(c, last);
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM dsp_exchange_log_queue WHERE id = ANY (?)")) {
                ps.setArray(1, c.createArrayOf("bigint", ids.toArray()));
                ps.executeUpdate();
            }
            return ids.size();
        });
    }

    private static LogEntry insert(Connection c, Head head, LogEvent event) throws SQLException {
        long sequence = head.sequence() + 1;
        LogEntry entry = new LogEntry(sequence, head.hash(), ExchangeChain.hash(sequence, head.hash(), event), event);
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO dsp_exchange_log (" + COLUMNS + ") VALUES (?,?,?,?,?,?,?,?,?,?)")) {
            ps.setLong(1, sequence);
            ps.setString(2, entry.previousHash());
            ps.setString(3, entry.hash());
            ps.setString(4, event.processId());
            ps.setString(5, event.processKind().wire());
            ps.setString(6, event.eventType());
            ps.setString(7, event.counterPartyId());
            ps.setString(8, event.agreementId());
            ps.setString(9, event.payloadDigest());
            ps.setTimestamp(10, Timestamp.from(event.time()));
            ps.executeUpdate();
        }
        return entry;
    }

    private static void moveHead(Connection c, LogEntry entry) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE dsp_exchange_log_head SET sequence = ?, hash = ?")) {
            ps.setLong(1, entry.sequence());
            ps.setString(2, entry.hash());
            ps.executeUpdate();
        }
    }

    @Override
    public Checkpoint checkpoint(SigningKey signer) {
        return sql.transaction(c -> {
            Head head = lockHead(c);
            if (head.sequence() == 0) {
                throw new IllegalStateException("the exchange log is empty: there is no head to checkpoint yet");
            }
            return existing(c, head.sequence()).orElseGet(() -> store(c, head, signer));
        });
    }

    @Override
    public Optional<Checkpoint> checkpointIfDue(SigningKey signer) {
        return sql.transaction(c -> {
            Head head = lockHead(c);
            long last;
            try (Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT coalesce(max(sequence), 0) FROM dsp_exchange_log_checkpoints")) {
                rs.next();
                last = rs.getLong(1);
            }
            return head.sequence() - last >= checkpointEvery ? Optional.of(store(c, head, signer)) : Optional.empty();
        });
    }

    @Override
    public Optional<Checkpoint> checkpointIfDue(SigningKey signer, Duration maxAge) {
        return sql.transaction(c -> {
            Head head = lockHead(c);
            Optional<Checkpoint> last = lastCheckpoint(c);
            long lastSequence = last.map(Checkpoint::sequence).orElse(0L);
            if (head.sequence() == lastSequence) {
                return Optional.empty();
            }
            Instant since;
            if (last.isPresent()) {
                since = last.get().time();
            } else {
                try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT time FROM dsp_exchange_log WHERE sequence = 1")) {
                    rs.next();
                    since = rs.getTimestamp(1).toInstant();
                }
            }
            boolean due = head.sequence() - lastSequence >= checkpointEvery || !since.plus(maxAge).isAfter(clock.instant());
            return due ? Optional.of(store(c, head, signer)) : Optional.empty();
        });
    }

    @Override
    public Status status() {
        return sql.read(c -> {
            Head head;
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT sequence, hash FROM dsp_exchange_log_head")) {
                rs.next();
                head = new Head(rs.getLong(1), rs.getString(2));
            }
            return new Status(head.sequence(), head.hash(), lastCheckpoint(c).orElse(null));
        });
    }

    private static Optional<Checkpoint> lastCheckpoint(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT sequence, hash, time, verification_method, jws FROM "
                + "dsp_exchange_log_checkpoints ORDER BY sequence DESC LIMIT 1")) {
            return rs.next() ? Optional.of(checkpoint(rs)) : Optional.empty();
        }
    }

    @Override
    public List<LogEntry> entries(String processId, String agreementId, long fromSequence, int limit) {
        StringBuilder where = new StringBuilder("sequence >= ?");
        List<Object> parameters = new ArrayList<>(List.of(Math.max(1, fromSequence)));
        if (processId != null) {
            where.append(" AND process_id = ?");
            parameters.add(processId);
        }
        if (agreementId != null) {
            where.append(" AND agreement_id = ?");
            parameters.add(agreementId);
        }
        return sql.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM dsp_exchange_log WHERE " + where
                    + " ORDER BY sequence LIMIT ?")) {
                int i = 1;
                for (Object p : parameters) {
                    ps.setObject(i++, p);
                }
                ps.setInt(i, Math.max(0, limit));
                List<LogEntry> entries = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        entries.add(entry(rs));
                    }
                }
                return entries;
            }
        });
    }

    /**
     * Queues events in the caller's transaction (migration V10), for stores that record a change and its events together;
     * {@link #appendQueued} chains them later.
     */
    public static void queue(Connection c, List<LogEvent> events) throws SQLException {
        if (events.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO dsp_exchange_log_queue (process_id, process_kind, event_type, "
                + "counter_party_id, agreement_id, payload_digest, time) VALUES (?,?,?,?,?,?,?)")) {
            for (LogEvent e : events) {
                ps.setString(1, e.processId());
                ps.setString(2, e.processKind().wire());
                ps.setString(3, e.eventType());
                ps.setString(4, e.counterPartyId());
                ps.setString(5, e.agreementId());
                ps.setString(6, e.payloadDigest());
                ps.setTimestamp(7, Timestamp.from(e.time()));
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private Checkpoint store(Connection c, Head head, SigningKey signer) {
        Checkpoint checkpoint = ExchangeChain.sign(head.sequence(), head.hash(), clock.instant().truncatedTo(ChronoUnit.MICROS), signer);
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO dsp_exchange_log_checkpoints (sequence, hash, time, "
                + "verification_method, jws) VALUES (?,?,?,?,?)")) {
            ps.setLong(1, checkpoint.sequence());
            ps.setString(2, checkpoint.hash());
            ps.setTimestamp(3, Timestamp.from(checkpoint.time()));
            ps.setString(4, checkpoint.verificationMethod());
            ps.setString(5, checkpoint.jws());
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("exchange log: " + e.getMessage(), e);
        }
        return checkpoint;
    }

    private static Optional<Checkpoint> existing(Connection c, long sequence) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT sequence, hash, time, verification_method, jws FROM "
                + "dsp_exchange_log_checkpoints WHERE sequence = ?")) {
            ps.setLong(1, sequence);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(checkpoint(rs)) : Optional.empty();
            }
        }
    }

    private static Checkpoint checkpoint(ResultSet rs) throws SQLException {
        return new Checkpoint(rs.getLong("sequence"), rs.getString("hash"), rs.getTimestamp("time").toInstant(),
                rs.getString("verification_method"), rs.getString("jws"));
    }

    @Override
    public JsonObject export(long fromSequence, long toSequence) {
        if (fromSequence < 1 || toSequence < fromSequence) {
            throw new IllegalArgumentException("export needs 1 <= fromSequence <= toSequence, got " + fromSequence + ".." + toSequence);
        }
        // REPEATABLE READ: entries and checkpoints from one snapshot
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            try {
                long head;
                try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT sequence FROM dsp_exchange_log_head")) {
                    rs.next();
                    head = rs.getLong(1);
                }
                long to = Math.min(toSequence, head);
                String previousHash = ExchangeChain.GENESIS;
                JsonArrayBuilder entries = Json.provider().createArrayBuilder();
                try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM dsp_exchange_log WHERE sequence BETWEEN ? AND ? "
                        + "ORDER BY sequence")) {
                    ps.setLong(1, fromSequence);
                    ps.setLong(2, to);
                    try (ResultSet rs = ps.executeQuery()) {
                        boolean first = true;
                        while (rs.next()) {
                            LogEntry entry = entry(rs);
                            if (first) {
                                previousHash = entry.previousHash();
                                first = false;
                            }
                            entries.add(ExchangeChain.entryJson(entry));
                        }
                    }
                }
                JsonArrayBuilder checkpoints = Json.provider().createArrayBuilder();
                try (PreparedStatement ps = c.prepareStatement("SELECT sequence, hash, time, verification_method, jws FROM "
                        + "dsp_exchange_log_checkpoints WHERE sequence BETWEEN ? AND ? ORDER BY sequence")) {
                    ps.setLong(1, fromSequence);
                    ps.setLong(2, to);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            checkpoints.add(ExchangeChain.checkpointJson(checkpoint(rs)));
                        }
                    }
                }
                c.commit();
                return Json.provider().createObjectBuilder().add("from", fromSequence).add("to", to).add("previousHash", previousHash)
                        .add("entries", entries).add("checkpoints", checkpoints).build();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("exchange log: " + e.getMessage(), e);
        }
    }

    private static LogEntry entry(ResultSet rs) throws SQLException {
        LogEvent event = new LogEvent(rs.getString("process_id"), ProcessKind.fromWire(rs.getString("process_kind")),
                rs.getString("event_type"), rs.getString("counter_party_id"), rs.getString("agreement_id"),
                rs.getString("payload_digest"), rs.getTimestamp("time").toInstant());
        return new LogEntry(rs.getLong("sequence"), rs.getString("previous_hash"), rs.getString("hash"), event);
    }
}
