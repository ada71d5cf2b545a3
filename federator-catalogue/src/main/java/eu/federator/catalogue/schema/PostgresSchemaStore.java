package eu.federator.catalogue.schema;

import javax.sql.DataSource;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * {@link SchemaStore} on PostgreSQL (tables of migration {@code V2__schemas.sql}), plain JDBC.
 *
 * <p>Every write runs in one transaction that first increments the single row of {@code catalogue_schema_revision}:
 * that row lock serialises schema writers across connections and replicas, so the id and term checks that follow see
 * every committed schema and name the conflicting term; the primary keys of {@code catalogue_schemas} and
 * {@code catalogue_schema_terms} back them up.
 */
public final class PostgresSchemaStore implements SchemaStore {
    private static final String UNIQUE_VIOLATION = "23505";
    private static final int NAMED_CONFLICTS = 5;

    private final DataSource dataSource;

    public PostgresSchemaStore(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource);
    }

    @FunctionalInterface
    private interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    private <T> T inTransaction(Work<T> work) {
        try (Connection c = dataSource.getConnection()) {
            boolean auto = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                if (e instanceof SQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState())) {
                    throw new SchemaException(SchemaException.Reason.CONFLICT, "Schema conflicts with a stored schema: " + sql.getMessage(), sql);
                }
                throw e;
            } finally {
                c.setAutoCommit(auto);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("schema store: " + e.getMessage(), e);
        }
    }

    private <T> T read(Work<T> work) {
        try (Connection c = dataSource.getConnection()) {
            return work.run(c);
        } catch (SQLException e) {
            throw new IllegalStateException("schema store: " + e.getMessage(), e);
        }
    }

    private static long bumpRevision(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("UPDATE catalogue_schema_revision SET revision = revision + 1 RETURNING revision")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Override
    public StoredSchema insert(String id, SchemaType type, SchemaSyntax syntax, byte[] content, Set<String> terms, String origin) {
        String hash = SchemaAnalyzer.sha256(content);
        return inTransaction(c -> {
            bumpRevision(c);
            if (exists(c, id)) {
                throw new SchemaException(SchemaException.Reason.CONFLICT, "A schema with id " + id + " already exists.");
            }
            checkTerms(c, id, terms);
            Instant now;
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO catalogue_schemas (schema_id, type, syntax, content, content_hash, origin)
                    VALUES (?, ?, ?, ?, ?, ?) RETURNING upload_time""")) {
                ps.setString(1, id);
                ps.setString(2, type.code());
                ps.setString(3, syntax.code());
                ps.setBytes(4, content);
                ps.setString(5, hash);
                ps.setString(6, origin);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    now = rs.getTimestamp(1).toInstant();
                }
            }
            insertTerms(c, id, terms);
            return new StoredSchema(id, type, syntax, content, hash, origin, now, now);
        });
    }

    @Override
    public StoredSchema replace(String id, SchemaType type, SchemaSyntax syntax, byte[] content, Set<String> terms) {
        String hash = SchemaAnalyzer.sha256(content);
        return inTransaction(c -> {
            bumpRevision(c);
            StoredSchema old = select(c, id, false)
                    .orElseThrow(() -> new SchemaException(SchemaException.Reason.NOT_FOUND, "Schema with id " + id + " was not found"));
            if (old.type() != type) {
                throw new SchemaException(SchemaException.Reason.MISMATCH, "Schema " + id + " is a " + old.type().code()
                        + " and cannot be replaced by a " + type.code());
            }
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM catalogue_schema_terms WHERE schema_id = ?")) {
                ps.setString(1, id);
                ps.executeUpdate();
            }
            checkTerms(c, id, terms);
            Instant now;
            try (PreparedStatement ps = c.prepareStatement("""
                    UPDATE catalogue_schemas SET syntax = ?, content = ?, content_hash = ?, update_time = now()
                    WHERE schema_id = ? RETURNING update_time""")) {
                ps.setString(1, syntax.code());
                ps.setBytes(2, content);
                ps.setString(3, hash);
                ps.setString(4, id);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    now = rs.getTimestamp(1).toInstant();
                }
            }
            insertTerms(c, id, terms);
            return new StoredSchema(id, type, syntax, content, hash, old.origin(), old.uploadTime(), now);
        });
    }

    @Override
    public SchemaType delete(String id) {
        return inTransaction(c -> {
            bumpRevision(c);
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM catalogue_schemas WHERE schema_id = ? RETURNING type")) {
                ps.setString(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        throw new SchemaException(SchemaException.Reason.NOT_FOUND, "Schema with id " + id + " was not found");
                    }
                    return SchemaType.parse(rs.getString(1)).orElseThrow();
                }
            }
        });
    }

    @Override
    public Optional<StoredSchema> get(String id) {
        return read(c -> select(c, id, true));
    }

    @Override
    public Map<SchemaType, List<String>> ids() {
        return read(c -> {
            Map<SchemaType, List<String>> ids = new EnumMap<>(SchemaType.class);
            for (SchemaType t : SchemaType.values()) {
                ids.put(t, new ArrayList<>());
            }
            try (Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT type, schema_id FROM catalogue_schemas ORDER BY type, schema_id")) {
                while (rs.next()) {
                    ids.get(SchemaType.parse(rs.getString(1)).orElseThrow()).add(rs.getString(2));
                }
            }
            ids.replaceAll((t, l) -> List.copyOf(l));
            return ids;
        });
    }

    @Override
    public List<StoredSchema> all(SchemaType type) {
        return read(c -> {
            List<StoredSchema> all = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM catalogue_schemas WHERE type = ? ORDER BY schema_id")) {
                ps.setString(1, type.code());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        all.add(row(rs));
                    }
                }
            }
            return all;
        });
    }

    @Override
    public List<String> terms(String id) {
        return read(c -> {
            List<String> terms = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT term FROM catalogue_schema_terms WHERE schema_id = ? ORDER BY term")) {
                ps.setString(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        terms.add(rs.getString(1));
                    }
                }
            }
            return terms;
        });
    }

    @Override
    public Optional<String> definingSchema(String term) {
        return read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT schema_id FROM catalogue_schema_terms WHERE term = ?")) {
                ps.setString(1, term);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
                }
            }
        });
    }

    @Override
    public long count() {
        return read(c -> single(c, "SELECT count(*) FROM catalogue_schemas"));
    }

    @Override
    public long revision() {
        return read(c -> single(c, "SELECT revision FROM catalogue_schema_revision"));
    }

    private static long single(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static final String COLUMNS = "schema_id, type, syntax, content, content_hash, origin, upload_time, update_time";

    private static Optional<StoredSchema> select(Connection c, String id, boolean withContent) throws SQLException {
        String columns = withContent ? COLUMNS : COLUMNS.replace("content,", "''::bytea AS content,");
        try (PreparedStatement ps = c.prepareStatement("SELECT " + columns + " FROM catalogue_schemas WHERE schema_id = ?")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(row(rs)) : Optional.empty();
            }
        }
    }

    private static StoredSchema row(ResultSet rs) throws SQLException {
        return new StoredSchema(rs.getString(1), SchemaType.parse(rs.getString(2)).orElseThrow(), SchemaSyntax.ofCode(rs.getString(3)),
                rs.getBytes(4), rs.getString(5), rs.getString(6), instant(rs.getTimestamp(7)), instant(rs.getTimestamp(8)));
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }

    private static boolean exists(Connection c, String id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM catalogue_schemas WHERE schema_id = ?")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** Terms already defined by another schema: a conflict naming the first few and their schemas. */
    private static void checkTerms(Connection c, String id, Set<String> terms) throws SQLException {
        if (terms.isEmpty()) {
            return;
        }
        List<String> conflicts = new ArrayList<>();
        long total = 0;
        Array array = c.createArrayOf("text", terms.toArray());
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT term, schema_id, count(*) OVER () FROM catalogue_schema_terms
                WHERE term = ANY (?) AND schema_id <> ? ORDER BY term LIMIT ?""")) {
            ps.setArray(1, array);
            ps.setString(2, id);
            ps.setInt(3, NAMED_CONFLICTS);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    conflicts.add(rs.getString(1) + " (defined by schema " + rs.getString(2) + ")");
                    total = rs.getLong(3);
                }
            }
        } finally {
            array.free();
        }
        if (!conflicts.isEmpty()) {
            String more = total > conflicts.size() ? " and " + (total - conflicts.size()) + " more" : "";
            throw new SchemaException(SchemaException.Reason.CONFLICT, "Schema redefines existing terms: "
                    + String.join(", ", conflicts) + more);
        }
    }

    private static void insertTerms(Connection c, String id, Set<String> terms) throws SQLException {
        if (terms.isEmpty()) {
            return;
        }
        Array array = c.createArrayOf("text", terms.toArray());
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO catalogue_schema_terms (term, schema_id) SELECT t, ? FROM unnest(?::text[]) AS t")) {
            ps.setString(1, id);
            ps.setArray(2, array);
            ps.executeUpdate();
        } finally {
            array.free();
        }
    }
}
