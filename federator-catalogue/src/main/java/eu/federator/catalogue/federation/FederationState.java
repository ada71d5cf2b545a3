package eu.federator.catalogue.federation;

import eu.federator.catalogue.ingest.IngestException;
import eu.federator.credentials.json.Json;
import eu.federator.credentials.json.JsonSyntaxException;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The subscriber's state in PostgreSQL (migration {@code V4__federation.sql}): per peer the cursor (the last event of
 * its feed that is done), counters per {@link Outcome}, the last success and error, and the latest rejections.
 *
 * <p>Following a peer takes a {@link Lease}: a session-level advisory lock on the peer, held on one connection while a
 * page is processed. Server replicas sharing the database therefore never work on the same peer at the same time; a
 * replica that does not get the lock skips that round. The cursor only moves forward.
 */
public final class FederationState {
    /** First key of the advisory locks (the second is the hash of the peer URL): "FEDR". */
    private static final int LOCK_CLASS = 0x46454452;
    /** Rejections kept per peer (the counter counts every one). */
    static final int KEPT_REJECTIONS = 1000;
    private static final int MAX_MESSAGE = 2000;

    private final DataSource dataSource;

    public FederationState(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource);
    }

    /**
     * @param peer          the peer's URL
     * @param lastSequence  the cursor: every event up to it is done
     * @param peerCatalogue the id the peer's feed gives itself
     * @param counts        events per outcome, since the peer was first followed
     */
    public record PeerRecord(String peer, long lastSequence, String peerCatalogue, Instant lastSuccess, String lastError,
                             Instant lastErrorAt, Map<Outcome, Long> counts) {
        public PeerRecord {
            counts = Collections.unmodifiableMap(new EnumMap<>(counts));
        }

        public long count(Outcome outcome) {
            return counts.getOrDefault(outcome, 0L);
        }
    }

    /**
     * The exclusive right to follow {@code peer} until closed (its row is created on first use).
     *
     * @return empty when another subscriber (another replica) holds it
     */
    public Optional<Lease> lease(String peer) {
        Connection c = null;
        try {
            c = dataSource.getConnection();
            c.setAutoCommit(true);
            boolean locked;
            try (PreparedStatement ps = c.prepareStatement("SELECT pg_try_advisory_lock(?, hashtext(?))")) {
                ps.setInt(1, LOCK_CLASS);
                ps.setString(2, peer);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    locked = rs.getBoolean(1);
                }
            }
            if (!locked) {
                c.close();
                return Optional.empty();
            }
            Lease lease = new Lease(c, peer);
            c = null; // the lease owns it now
            return Optional.of(lease);
        } catch (SQLException e) {
            closeQuietly(c);
            throw new IllegalStateException("federation state: " + e.getMessage(), e);
        }
    }

    public Optional<PeerRecord> peer(String peer) {
        return read("SELECT " + PEER_COLUMNS + " FROM federation_peers WHERE peer_url = ?", ps -> ps.setString(1, peer)).stream().findFirst();
    }

    /** The latest rejections of events of {@code peer}, newest first. */
    public List<Rejection> rejections(String peer, int limit) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT peer_url, sequence, sd_hash, reason, message, problems, at "
                     + "FROM federation_rejections WHERE peer_url = ? ORDER BY sequence DESC LIMIT ?")) {
            ps.setString(1, peer);
            ps.setInt(2, limit);
            List<Rejection> rejections = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rejections.add(new Rejection(rs.getString(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5),
                            problems(rs.getString(6)), rs.getTimestamp(7).toInstant()));
                }
            }
            return rejections;
        } catch (SQLException e) {
            throw new IllegalStateException("federation state: " + e.getMessage(), e);
        }
    }

    private static final String PEER_COLUMNS = "peer_url, last_sequence, peer_catalogue, last_success, last_error, last_error_at, "
            + "stored, present, revoked, expired, deleted, ignored, rejected";

    @FunctionalInterface
    private interface Binder {
        void bind(PreparedStatement ps) throws SQLException;
    }

    private List<PeerRecord> read(String sql, Binder binder) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            binder.bind(ps);
            List<PeerRecord> peers = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Map<Outcome, Long> counts = new EnumMap<>(Outcome.class);
                    for (Outcome o : Outcome.values()) {
                        counts.put(o, rs.getLong(column(o)));
                    }
                    peers.add(new PeerRecord(rs.getString("peer_url"), rs.getLong("last_sequence"), rs.getString("peer_catalogue"),
                            instant(rs.getTimestamp("last_success")), rs.getString("last_error"), instant(rs.getTimestamp("last_error_at")), counts));
                }
            }
            return peers;
        } catch (SQLException e) {
            throw new IllegalStateException("federation state: " + e.getMessage(), e);
        }
    }

    /** The counter column of an outcome (the enum, never input, names it). */
    private static String column(Outcome outcome) {
        return outcome.value();
    }

    /** Following one peer, exclusively; close it to let go. Not thread-safe: one subscriber thread uses it. */
    public final class Lease implements AutoCloseable {
        private final Connection c;
        private final String peer;
        private long lastSequence;

        private Lease(Connection c, String peer) throws SQLException {
            this.c = c;
            this.peer = peer;
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO federation_peers (peer_url) VALUES (?) ON CONFLICT DO NOTHING")) {
                ps.setString(1, peer);
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT last_sequence FROM federation_peers WHERE peer_url = ?")) {
                ps.setString(1, peer);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    lastSequence = rs.getLong(1);
                }
            }
        }

        /** The cursor: every event up to here is done. */
        public long lastSequence() {
            return lastSequence;
        }

        /**
         * The events up to {@code sequence} are done; the last one had {@code outcome} (null: none, the cursor only moves
         * past events the feed did not export). The counter, the rejection and the cursor are written in one transaction.
         */
        public void advance(long sequence, Outcome outcome, Rejection rejection) {
            try {
                c.setAutoCommit(false);
                try {
                    String counter = outcome == null ? "" : ", " + column(outcome) + " = " + column(outcome) + " + 1";
                    try (PreparedStatement ps = c.prepareStatement("UPDATE federation_peers SET last_sequence = greatest(last_sequence, ?)"
                            + counter + " WHERE peer_url = ?")) {
                        ps.setLong(1, sequence);
                        ps.setString(2, peer);
                        ps.executeUpdate();
                    }
                    if (rejection != null) {
                        insert(rejection);
                    }
                    c.commit();
                } catch (SQLException | RuntimeException e) {
                    c.rollback();
                    throw e;
                } finally {
                    c.setAutoCommit(true);
                }
                lastSequence = Math.max(lastSequence, sequence);
            } catch (SQLException e) {
                throw new IllegalStateException("federation state: " + e.getMessage(), e);
            }
        }

        private void insert(Rejection r) throws SQLException {
            JsonArrayBuilder problems = Json.provider().createArrayBuilder();
            for (IngestException.Problem p : r.problems()) {
                var o = Json.provider().createObjectBuilder();
                if (p.focus() != null) {
                    o.add("focus", p.focus());
                }
                if (p.check() != null) {
                    o.add("check", p.check());
                }
                problems.add(o.add("message", p.message() == null ? "" : p.message()));
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO federation_rejections (peer_url, sequence, sd_hash, reason, message, "
                    + "problems, at) VALUES (?,?,?,?,?,?::jsonb,?) ON CONFLICT (peer_url, sequence) DO UPDATE SET reason = EXCLUDED.reason, "
                    + "message = EXCLUDED.message, problems = EXCLUDED.problems, at = EXCLUDED.at")) {
                ps.setString(1, peer);
                ps.setLong(2, r.sequence());
                ps.setString(3, r.sdHash());
                ps.setString(4, r.reason());
                ps.setString(5, abbreviate(r.message()));
                ps.setString(6, Json.write(problems.build()));
                ps.setTimestamp(7, Timestamp.from(r.at()));
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM federation_rejections WHERE peer_url = ? AND sequence < "
                    + "(SELECT min(sequence) FROM (SELECT sequence FROM federation_rejections WHERE peer_url = ? ORDER BY sequence DESC LIMIT ?) kept)")) {
                ps.setString(1, peer);
                ps.setString(2, peer);
                ps.setInt(3, KEPT_REJECTIONS);
                ps.executeUpdate();
            }
        }

        /**
         * Move the cursor to {@code sequence}, backwards too (an operator's decision: replay after a trust or schema change,
         * or follow a peer whose log was replaced). The last error is cleared; counters stay.
         */
        public void reset(long sequence) {
            if (sequence < 0) {
                throw new IllegalArgumentException("the cursor is 0 or a sequence number, not " + sequence);
            }
            update("UPDATE federation_peers SET last_sequence = ?, last_error = NULL, last_error_at = NULL WHERE peer_url = ?", ps -> {
                ps.setLong(1, sequence);
                ps.setString(2, peer);
            });
            lastSequence = sequence;
        }

        /** A page was read and applied completely. */
        public void succeeded(Instant at, String peerCatalogue) {
            update("UPDATE federation_peers SET last_success = ?, peer_catalogue = coalesce(?, peer_catalogue) WHERE peer_url = ?", ps -> {
                ps.setTimestamp(1, Timestamp.from(at));
                ps.setString(2, peerCatalogue);
                ps.setString(3, peer);
            });
        }

        public void failed(String message, Instant at) {
            update("UPDATE federation_peers SET last_error = ?, last_error_at = ? WHERE peer_url = ?", ps -> {
                ps.setString(1, abbreviate(message));
                ps.setTimestamp(2, Timestamp.from(at));
                ps.setString(3, peer);
            });
        }

        private void update(String sql, Binder binder) {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                binder.bind(ps);
                ps.executeUpdate();
            } catch (SQLException e) {
                throw new IllegalStateException("federation state: " + e.getMessage(), e);
            }
        }

        @Override
        public void close() {
            try (PreparedStatement ps = c.prepareStatement("SELECT pg_advisory_unlock(?, hashtext(?))")) {
                ps.setInt(1, LOCK_CLASS);
                ps.setString(2, peer);
                ps.execute();
            } catch (SQLException e) {
                // the lock goes with the session; closing the connection below ends it if the pool discards it
            } finally {
                closeQuietly(c);
            }
        }
    }

    private static List<IngestException.Problem> problems(String json) {
        List<IngestException.Problem> problems = new ArrayList<>();
        try {
            if (json != null && Json.parse(json.getBytes(StandardCharsets.UTF_8)) instanceof jakarta.json.JsonArray array) {
                for (JsonValue v : array) {
                    if (v instanceof JsonObject o) {
                        problems.add(new IngestException.Problem(text(o, "focus"), text(o, "check"), text(o, "message")));
                    }
                }
            }
        } catch (JsonSyntaxException e) {
            throw new IllegalStateException("stored rejection problems are not JSON: " + e.getMessage(), e);
        }
        return problems;
    }

    private static String text(JsonObject o, String key) {
        return o.get(key) instanceof JsonString s ? s.getString() : null;
    }

    private static String abbreviate(String s) {
        String text = s == null ? "" : s;
        return text.length() <= MAX_MESSAGE ? text : text.substring(0, MAX_MESSAGE) + "…";
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }

    private static void closeQuietly(Connection c) {
        if (c != null) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // nothing left to do
            }
        }
    }
}
