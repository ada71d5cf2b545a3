package eu.federator.catalogue.sd;

import eu.federator.credentials.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * {@link SelfDescriptionStore} on PostgreSQL (migrations {@code V3__self_descriptions.sql} and {@code V6__search_facets.sql}),
 * plain JDBC.
 *
 * <p>Every write runs in one transaction that first locks the row of {@code catalogue_event_sequence}. That serialises
 * writers across connections and replicas, so "one active self-description per subject" and the 409 on a repeated hash
 * are decided on a stable state (the partial unique index backs it up), and event sequence numbers are assigned in
 * commit order: a reader that sees event n has seen every event below n, which the projector's checkpoint relies on.
 */
public final class PostgresSelfDescriptionStore implements SelfDescriptionStore {
    private static final String COLUMNS = "sd_hash, subject_id, issuer, provider, kind, types, format, content_type, status, "
            + "upload_time, status_time, valid_from, expiration_time, validators, credential_ids, origin, title";

    private final DataSource dataSource;

    public PostgresSelfDescriptionStore(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource);
    }

    @FunctionalInterface
    private interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    private <T> T write(Work<T> work) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                try (Statement s = c.createStatement()) {
                    s.execute("SELECT last FROM catalogue_event_sequence FOR UPDATE");
                }
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                rollback(c, e);
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("self-description store: " + e.getMessage(), e);
        }
    }

    /** Roll back without letting a failing rollback hide why the transaction failed. */
    private static void rollback(Connection c, Exception cause) {
        try {
            c.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }

    private <T> T read(Work<T> work) {
        try (Connection c = dataSource.getConnection()) {
            return work.run(c);
        } catch (SQLException e) {
            throw new IllegalStateException("self-description store: " + e.getMessage(), e);
        }
    }

    // ================================================================================================ writes

    @Override
    public Stored store(NewSelfDescription sd, Instant now) {
        return write(c -> insert(c, sd, now));
    }

    private Stored insert(Connection c, NewSelfDescription sd, Instant now) throws SQLException {
        SelfDescription m = sd.metadata();
        Optional<SelfDescription> existing = select(c, m.hash());
        if (existing.isPresent()) {
            throw SdConflictException.alreadyStored(m.hash(), existing.get().status());
        }
        List<String> deprecated = new ArrayList<>();
        Events events = new Events(c);
        // A version that arrives late (e.g. from a peer) and is older than the active one does not replace it: it is
        // stored as deprecated. "Older" needs both validity starts; without them the newest arrival wins (XFSC).
        boolean superseded = false;
        if (m.validFrom() != null) {
            try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM catalogue_self_descriptions WHERE subject_id = ? "
                    + "AND status = 'active' AND valid_from > ?")) {
                ps.setString(1, m.subject());
                ps.setTimestamp(2, Timestamp.from(m.validFrom()));
                try (ResultSet rs = ps.executeQuery()) {
                    superseded = rs.next();
                }
            }
        }
        Lifecycle status = superseded ? Lifecycle.DEPRECATED : Lifecycle.ACTIVE;
        if (!superseded) {
            deprecate(c, "subject_id = ?", m.subject(), now, deprecated, events);
            if (m.kind() == SdKind.PARTICIPANT && m.provider() != null) {
                // a registered participant has one current self-description: the one it had is replaced even when the new
                // one names another subject (a renamed LegalPerson credential), or the participant would have two active
                deprecate(c, "sd_hash = (SELECT sd_hash FROM catalogue_participants WHERE participant_id = ?)", m.provider(), now,
                        deprecated, events);
            }
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO catalogue_self_descriptions (sd_hash, subject_id, issuer, provider, "
                + "kind, types, format, content_type, content, claims, prefixes, status, upload_time, status_time, valid_from, "
                + "expiration_time, validators, credential_ids, origin, title, search_text, keywords, countries, compliance, ingest_report) "
                + "VALUES (?,?,?,?,?,?,?,?,?,?,?::jsonb,?,?,?,?,?,?,?,?,?,?,?,?,?,?::jsonb)")) {
            int i = 1;
            ps.setString(i++, m.hash());
            ps.setString(i++, m.subject());
            ps.setString(i++, m.issuer());
            ps.setString(i++, m.provider());
            ps.setString(i++, m.kind().value());
            ps.setArray(i++, c.createArrayOf("text", m.types().toArray()));
            ps.setString(i++, m.format());
            ps.setString(i++, m.contentType());
            ps.setBytes(i++, sd.content());
            ps.setString(i++, sd.claims());
            ps.setString(i++, prefixesJson(sd.prefixes()));
            ps.setString(i++, status.value());
            ps.setTimestamp(i++, Timestamp.from(now));
            ps.setTimestamp(i++, Timestamp.from(now));
            ps.setTimestamp(i++, timestamp(m.validFrom()));
            ps.setTimestamp(i++, timestamp(m.expirationTime()));
            ps.setArray(i++, c.createArrayOf("text", m.validators().toArray()));
            ps.setArray(i++, c.createArrayOf("text", m.credentialIds().toArray()));
            ps.setString(i++, m.origin());
            ps.setString(i++, m.title());
            ps.setString(i++, sd.searchText());
            ps.setArray(i++, c.createArrayOf("text", sd.facets().keywords().toArray()));
            ps.setArray(i++, c.createArrayOf("text", sd.facets().countries().toArray()));
            ps.setString(i++, sd.facets().compliance().value());
            ps.setString(i, sd.report() == null ? null : sd.report().toJson());
            ps.executeUpdate();
        }
        for (BundledCredential b : sd.bundled()) {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO catalogue_credentials (credential_hash, credential_id, issuer, "
                    + "subject_id, kind, format, content, first_seen) VALUES (?,?,?,?,?,?,?,?) ON CONFLICT (credential_hash) DO NOTHING")) {
                ps.setString(1, b.hash());
                ps.setString(2, b.id());
                ps.setString(3, b.issuer());
                ps.setString(4, b.subject());
                ps.setString(5, b.kind().value());
                ps.setString(6, b.format());
                ps.setBytes(7, b.content());
                ps.setTimestamp(8, Timestamp.from(now));
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO catalogue_sd_credentials (sd_hash, credential_hash) VALUES (?,?) "
                    + "ON CONFLICT DO NOTHING")) {
                ps.setString(1, m.hash());
                ps.setString(2, b.hash());
                ps.executeUpdate();
            }
        }
        if (m.kind() == SdKind.PARTICIPANT && m.provider() != null && !superseded) {
            // a registered participant follows its newest self-description, however it was submitted
            try (PreparedStatement ps = c.prepareStatement("UPDATE catalogue_participants SET sd_hash = ?, updated = ? WHERE participant_id = ?")) {
                ps.setString(1, m.hash());
                ps.setTimestamp(2, Timestamp.from(now));
                ps.setString(3, m.provider());
                ps.executeUpdate();
            }
        }
        events.add(CatalogueEvent.Type.STORED, m.hash(), status, now, m.origin());
        events.commit();
        return new Stored(select(c, m.hash()).orElseThrow(), deprecated);
    }

    /** Active self-descriptions matching {@code condition} (one parameter) become deprecated, with their events. */
    private static void deprecate(Connection c, String condition, String value, Instant now, List<String> deprecated, Events events)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE catalogue_self_descriptions SET status = 'deprecated', status_time = ? "
                + "WHERE " + condition + " AND status = 'active' RETURNING sd_hash, origin")) {
            ps.setTimestamp(1, Timestamp.from(now));
            ps.setString(2, value);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    deprecated.add(rs.getString(1));
                    events.add(CatalogueEvent.Type.STATUS, rs.getString(1), Lifecycle.DEPRECATED, now, rs.getString(2));
                }
            }
        }
    }

    @Override
    public SelfDescription revoke(String hash, Instant now) {
        return write(c -> {
            SelfDescription sd = select(c, hash).orElseThrow(() -> notFound(hash));
            if (sd.status() != Lifecycle.ACTIVE) {
                throw new SdConflictException("the self-description " + hash + " is " + sd.status().value()
                        + "; only an active self-description can be revoked");
            }
            setStatus(c, List.of(sd), Lifecycle.REVOKED, now);
            return select(c, hash).orElseThrow();
        });
    }

    @Override
    public SelfDescription delete(String hash, Instant now) {
        return write(c -> {
            SelfDescription sd = select(c, hash).orElseThrow(() -> notFound(hash));
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM catalogue_participants WHERE sd_hash = ?")) {
                ps.setString(1, hash);
                ps.executeUpdate();
            }
            deleteRow(c, sd, now);
            return sd;
        });
    }

    private static void deleteRow(Connection c, SelfDescription sd, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM catalogue_self_descriptions WHERE sd_hash = ?")) {
            ps.setString(1, sd.hash());
            ps.executeUpdate();
        }
        // bundled credentials no self-description carries any more go too
        try (Statement s = c.createStatement()) {
            s.executeUpdate("DELETE FROM catalogue_credentials cc WHERE NOT EXISTS "
                    + "(SELECT 1 FROM catalogue_sd_credentials sc WHERE sc.credential_hash = cc.credential_hash)");
        }
        Events events = new Events(c);
        events.add(CatalogueEvent.Type.DELETED, sd.hash(), null, now, sd.origin());
        events.commit();
    }

    @Override
    public List<SelfDescription> expire(Instant now) {
        return write(c -> {
            List<SelfDescription> due = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM catalogue_self_descriptions "
                    + "WHERE status = 'active' AND expiration_time <= ? ORDER BY expiration_time, sd_hash")) {
                ps.setTimestamp(1, Timestamp.from(now));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        due.add(metadata(rs));
                    }
                }
            }
            setStatus(c, due, Lifecycle.EOL, now);
            List<SelfDescription> expired = new ArrayList<>();
            for (SelfDescription sd : due) {
                expired.add(select(c, sd.hash()).orElseThrow());
            }
            return expired;
        });
    }

    private static void setStatus(Connection c, List<SelfDescription> sds, Lifecycle status, Instant now) throws SQLException {
        if (sds.isEmpty()) {
            return;
        }
        Events events = new Events(c);
        try (PreparedStatement ps = c.prepareStatement("UPDATE catalogue_self_descriptions SET status = ?, status_time = ? WHERE sd_hash = ?")) {
            for (SelfDescription sd : sds) {
                ps.setString(1, status.value());
                ps.setTimestamp(2, Timestamp.from(now));
                ps.setString(3, sd.hash());
                ps.addBatch();
                events.add(CatalogueEvent.Type.STATUS, sd.hash(), status, now, sd.origin());
            }
            ps.executeBatch();
        }
        events.commit();
    }

    /** Appends events with the next sequence numbers; the caller holds the sequence row lock. */
    private static final class Events {
        private final Connection c;
        private final List<CatalogueEvent> pending = new ArrayList<>();
        private long last;

        Events(Connection c) throws SQLException {
            this.c = c;
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT last FROM catalogue_event_sequence")) {
                rs.next();
                last = rs.getLong(1);
            }
        }

        void add(CatalogueEvent.Type type, String hash, Lifecycle status, Instant at, String origin) {
            pending.add(new CatalogueEvent(++last, type, hash, status, at, origin));
        }

        void commit() throws SQLException {
            if (pending.isEmpty()) {
                return;
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO catalogue_events (sequence, type, sd_hash, status, at, origin) "
                    + "VALUES (?,?,?,?,?,?)")) {
                for (CatalogueEvent e : pending) {
                    ps.setLong(1, e.sequence());
                    ps.setString(2, e.type().value());
                    ps.setString(3, e.hash());
                    ps.setString(4, e.status() == null ? null : e.status().value());
                    ps.setTimestamp(5, Timestamp.from(e.at()));
                    ps.setString(6, e.origin());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            try (PreparedStatement ps = c.prepareStatement("UPDATE catalogue_event_sequence SET last = ?")) {
                ps.setLong(1, last);
                ps.executeUpdate();
            }
            pending.clear();
        }
    }

    // ================================================================================================ reads

    @Override
    public Optional<SelfDescription> get(String hash) {
        return read(c -> select(c, hash));
    }

    private static Optional<SelfDescription> select(Connection c, String hash) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM catalogue_self_descriptions WHERE sd_hash = ?")) {
            ps.setString(1, hash);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(metadata(rs)) : Optional.empty();
            }
        }
    }

    @Override
    public Optional<Recorded> recorded(String hash) {
        return read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + FACET_COLUMNS + ", ingest_report FROM catalogue_self_descriptions "
                    + "WHERE sd_hash = ?")) {
                ps.setString(1, hash);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    String report = rs.getString("ingest_report");
                    return Optional.of(new Recorded(facets(rs), report == null ? null : IngestReport.fromJson(report)));
                }
            }
        });
    }

    @Override
    public List<Version> versions(String subject) {
        return read(c -> {
            Map<String, SelfDescription> sds = new LinkedHashMap<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM catalogue_self_descriptions WHERE subject_id = ? "
                    + "ORDER BY upload_time DESC, sd_hash")) {
                ps.setString(1, subject);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        SelfDescription sd = metadata(rs);
                        sds.put(sd.hash(), sd);
                    }
                }
            }
            Map<String, List<CatalogueEvent>> events = new LinkedHashMap<>();
            sds.keySet().forEach(h -> events.put(h, new ArrayList<>()));
            if (!sds.isEmpty()) {
                try (PreparedStatement ps = c.prepareStatement("SELECT sequence, type, sd_hash, status, at, origin FROM catalogue_events "
                        + "WHERE sd_hash = ANY (?::bpchar[]) ORDER BY sequence")) {
                    ps.setArray(1, c.createArrayOf("text", sds.keySet().toArray()));
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            CatalogueEvent e = event(rs);
                            events.get(e.hash()).add(e);
                        }
                    }
                }
            }
            return sds.values().stream().map(sd -> new Version(sd, events.get(sd.hash()))).toList();
        });
    }

    @Override
    public Optional<Content> content(String hash) {
        return Optional.ofNullable(contents(List.of(hash)).get(hash));
    }

    @Override
    public Map<String, Content> contents(Collection<String> hashes) {
        if (hashes.isEmpty()) {
            return Map.of();
        }
        return read(c -> {
            Map<String, Content> contents = new LinkedHashMap<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT sd_hash, content, content_type FROM catalogue_self_descriptions "
                    + "WHERE sd_hash = ANY (?::bpchar[])")) {
                ps.setArray(1, c.createArrayOf("text", hashes.toArray()));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        contents.put(rs.getString(1), new Content(rs.getBytes(2), rs.getString(3)));
                    }
                }
            }
            return contents;
        });
    }

    @Override
    public SdPage list(SdFilter filter) {
        List<String> where = new ArrayList<>();
        List<Object> args = new ArrayList<>();
        range(where, args, "upload_time", filter.uploadFrom(), filter.uploadTo());
        range(where, args, "status_time", filter.statusFrom(), filter.statusTo());
        in(where, args, "issuer", filter.issuers());
        in(where, args, "subject_id", filter.ids());
        in(where, args, "sd_hash", filter.hashes());
        in(where, args, "provider", filter.providers());
        in(where, args, "status", (filter.noFilter() ? List.of(Lifecycle.ACTIVE) : List.copyOf(filter.statuses())).stream()
                .map(Lifecycle::value).toList());
        in(where, args, "kind", filter.kinds().stream().map(SdKind::value).toList());
        if (!filter.validators().isEmpty()) {
            where.add("validators && ?");
            args.add(filter.validators());
        }
        String condition = where.isEmpty() ? "" : " WHERE " + String.join(" AND ", where);
        return read(c -> {
            long total;
            try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM catalogue_self_descriptions" + condition)) {
                bind(c, ps, args);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    total = rs.getLong(1);
                }
            }
            List<SelfDescription> items = new ArrayList<>();
            if (filter.limit() > 0) {
                try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM catalogue_self_descriptions" + condition
                        + " ORDER BY status_time DESC, sd_hash OFFSET " + filter.offset() + " LIMIT " + filter.limit())) {
                    bind(c, ps, args);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            items.add(metadata(rs));
                        }
                    }
                }
            }
            return new SdPage(total, items);
        });
    }

    /**
     * Searches answered since the last write, by search: a portal's start page, its facets and popular words are asked
     * again and again, and their exact counts read every match. An entry is valid exactly while the event sequence has
     * not moved (every write moves it, in its own transaction), so a cached answer is never stale.
     */
    private final Map<SdSearch, CachedSearch> searches = java.util.Collections.synchronizedMap(new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<SdSearch, CachedSearch> eldest) {
            return size() > SEARCH_CACHE_ENTRIES;
        }
    });
    static final int SEARCH_CACHE_ENTRIES = 512;

    private record CachedSearch(long sequence, SdSearch.Result result) {
    }

    @Override
    public SdSearch.Result search(SdSearch search) {
        return read(c -> {
            // one snapshot for the counts, the facets and the hits, so they agree under concurrent writes
            c.setAutoCommit(false);
            c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            try {
                long sequence;
                try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT last FROM catalogue_event_sequence")) {
                    rs.next();
                    sequence = rs.getLong(1);
                }
                CachedSearch cached = searches.get(search);
                SdSearch.Result result;
                if (cached != null && cached.sequence() == sequence) {
                    result = cached.result();
                } else {
                    result = search(c, search);
                    searches.put(search, new CachedSearch(sequence, result));
                }
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
                c.setAutoCommit(true);
            }
        });
    }

    private static final String FACET_COLUMNS = "keywords, countries, compliance";
    /** Searches with more matches than this are not ranked by relevance but listed newest first (docs/catalogue.md). */
    static final int RANKED_MATCHES = 10_000;
    /** The facet dimensions whose values are arrays: counted per element. */
    private static final Map<String, String> ARRAY_DIMENSIONS = Map.of("keyword", "keywords", "country", "countries");

    private SdSearch.Result search(Connection c, SdSearch search) throws SQLException {
        // The matches of the text are read once (one index and heap scan) with the columns the filters and facets need;
        // the total and each facet (counted with every filter except its own dimension) are aggregates over that one set.
        List<Object> args = new ArrayList<>();
        String text = search.text().isEmpty() ? "" : " WHERE search_vector @@ websearch_to_tsquery('simple', ?)";
        if (!text.isEmpty()) {
            args.add(websearchText(search.text()));
        }
        StringBuilder sql = new StringBuilder("WITH m AS MATERIALIZED (SELECT kind, provider, status, " + FACET_COLUMNS
                + " FROM catalogue_self_descriptions").append(text).append(")\n");
        sql.append("SELECT 'total', NULL, count(*) FROM m").append(filters(search, null, args).sql()).append('\n');
        Map<String, Map<String, Long>> facets = new LinkedHashMap<>();
        for (String dimension : SdSearch.DIMENSIONS) {
            facets.put(dimension, new LinkedHashMap<>());
            Where w = filters(search, dimension, args);
            String array = ARRAY_DIMENSIONS.get(dimension);
            if (array == null) {
                String notNull = (w.sql().isEmpty() ? " WHERE " : w.sql() + " AND ") + dimension + " IS NOT NULL";
                sql.append("UNION ALL (SELECT '").append(dimension).append("', ").append(dimension).append(", count(*) FROM m")
                        .append(notNull).append(" GROUP BY ").append(dimension).append(" ORDER BY count(*) DESC, ").append(dimension)
                        .append(" LIMIT 100)\n");
            } else {
                // the matches share few distinct arrays (an offering's keywords come from a short list, its countries are
                // its provider's): grouping by the array first and unnesting the groups is 2x faster than unnesting every row
                sql.append("UNION ALL (SELECT '").append(dimension).append("', v, sum(n)::bigint FROM (SELECT ").append(array)
                        .append(" AS a, count(*) AS n FROM m").append(w.sql()).append(" GROUP BY ").append(array)
                        .append(") g, unnest(g.a) v GROUP BY v ORDER BY sum(n) DESC, v LIMIT 100)\n");
            }
        }
        long total = 0;
        try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
            bind(c, ps, args);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if ("total".equals(rs.getString(1))) {
                        total = rs.getLong(3);
                    } else {
                        facets.get(rs.getString(1)).put(rs.getString(2), rs.getLong(3));
                    }
                }
            }
        }
        List<SdSearch.Hit> hits = new ArrayList<>();
        if (total > search.offset() && search.limit() > 0) {
            // ranking reads every match: a word in most of the catalogue lists its matches newest first instead
            boolean ranked = !search.text().isEmpty() && search.sort() == SdSearch.Sort.RELEVANCE && total <= RANKED_MATCHES;
            String rank = ranked ? "ts_rank(search_vector, websearch_to_tsquery('simple', ?))" : "0";
            List<Object> hitArgs = new ArrayList<>();
            if (ranked) {
                hitArgs.add(websearchText(search.text()));
            }
            if (!search.text().isEmpty()) {
                hitArgs.add(websearchText(search.text()));
            }
            Where f = filters(search, null, new ArrayList<>());
            hitArgs.addAll(f.args());
            String where = text + (f.sql().isEmpty() ? "" : (text.isEmpty() ? f.sql() : " AND" + f.sql().substring(" WHERE".length())));
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + ", " + FACET_COLUMNS + ", " + rank
                    + " AS rank FROM catalogue_self_descriptions" + where + " ORDER BY " + order(search.sort(), ranked) + " OFFSET "
                    + search.offset() + " LIMIT " + search.limit())) {
                bind(c, ps, hitArgs);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        hits.add(new SdSearch.Hit(metadata(rs), rs.getDouble("rank"), facets(rs)));
                    }
                }
            }
        }
        return new SdSearch.Result(total, hits, facets);
    }

    /** Each order ends with the hash, so that pages do not overlap. */
    private static String order(SdSearch.Sort sort, boolean ranked) {
        return switch (sort) {
            case RELEVANCE -> ranked ? "rank DESC, status_time DESC, sd_hash" : "status_time DESC, sd_hash";
            case NEWEST -> "upload_time DESC, sd_hash";
            case OLDEST -> "upload_time, sd_hash";
            case NAME -> "lower(COALESCE(title, subject_id)), sd_hash";
        };
    }

    /** The filters over the matches {@code m}, leaving out the dimension {@code except}; appends their arguments. */
    private static Where filters(SdSearch search, String except, List<Object> args) {
        List<String> where = new ArrayList<>();
        List<Object> own = new ArrayList<>();
        if (!"kind".equals(except)) {
            in(where, own, "kind", search.kinds().stream().map(SdKind::value).toList());
        }
        if (!"provider".equals(except)) {
            in(where, own, "provider", search.providers());
        }
        if (!"status".equals(except)) {
            in(where, own, "status", search.statuses().stream().map(Lifecycle::value).sorted().toList());
        }
        if (!"compliance".equals(except)) {
            in(where, own, "compliance", search.compliance().stream().map(Compliance::value).sorted().toList());
        }
        if (!"keyword".equals(except) && !search.keywords().isEmpty()) {
            where.add("keywords && ?");
            own.add(search.keywords());
        }
        if (!"country".equals(except) && !search.countries().isEmpty()) {
            where.add("countries && ?");
            own.add(search.countries());
        }
        args.addAll(own);
        return new Where(where.isEmpty() ? "" : " WHERE " + String.join(" AND ", where), own);
    }

    private record Where(String sql, List<Object> args) {
    }

    /**
     * The search text with every bare word that contains ':' or '/' (an IRI, a DID, a URN) put in quotes.
     * websearch_to_tsquery splits such a word at its punctuation into lexemes the index does not have
     * ({@code https://a.example/x#cs} becomes {@code 'https' & '/a.example/x' <-> 'cs'}), so a subject id typed into the
     * search box found nothing; as a quoted phrase it is parsed the way {@code to_tsvector} parsed the document.
     */
    static String websearchText(String text) {
        StringBuilder out = new StringBuilder(text.length() + 8);
        boolean quoted = false;
        int i = 0;
        while (i < text.length()) {
            char ch = text.charAt(i);
            if (ch == '"') {
                quoted = !quoted;
            }
            if (ch == '"' || quoted || Character.isWhitespace(ch)) {
                out.append(ch);
                i++;
                continue;
            }
            int end = i;
            while (end < text.length() && !Character.isWhitespace(text.charAt(end)) && text.charAt(end) != '"') {
                end++;
            }
            String word = text.substring(i, end);
            String sign = word.startsWith("-") ? "-" : "";
            String bare = word.substring(sign.length());
            if (bare.indexOf(':') >= 0 || bare.indexOf('/') >= 0) {
                out.append(sign).append('"').append(bare).append('"');
            } else {
                out.append(word);
            }
            i = end;
        }
        return out.toString();
    }

    private static void range(List<String> where, List<Object> args, String column, Instant from, Instant to) {
        if (from != null) {
            where.add(column + " >= ?");
            args.add(Timestamp.from(from));
        }
        if (to != null) {
            where.add(column + " <= ?");
            args.add(Timestamp.from(to));
        }
    }

    private static void in(List<String> where, List<Object> args, String column, List<String> values) {
        if (!values.isEmpty()) {
            if (column.endsWith("_hash")) {
                where.add(column + " = ANY (?::bpchar[])"); // CHAR(64): a text[] would cast the column and miss its index
                args.add(values);
            } else if (values.size() == 1) {
                where.add(column + " = ?"); // lets the planner read an index on (column, order) in order
                args.add(values.getFirst());
            } else {
                where.add(column + " = ANY (?)");
                args.add(values);
            }
        }
    }

    private static void bind(Connection c, PreparedStatement ps, List<Object> args) throws SQLException {
        for (int i = 0; i < args.size(); i++) {
            Object arg = args.get(i);
            if (arg instanceof List<?> list) {
                ps.setArray(i + 1, c.createArrayOf("text", list.toArray()));
            } else {
                ps.setObject(i + 1, arg);
            }
        }
    }

    @Override
    public List<BundledCredential> bundled(String hash) {
        return read(c -> {
            List<BundledCredential> bundled = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT cc.credential_hash, credential_id, issuer, subject_id, kind, format, "
                    + "content FROM catalogue_credentials cc JOIN catalogue_sd_credentials sc ON sc.credential_hash = cc.credential_hash "
                    + "WHERE sc.sd_hash = ? ORDER BY credential_id, cc.credential_hash")) {
                ps.setString(1, hash);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        bundled.add(new BundledCredential(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                                SdKind.parse(rs.getString(5)).orElse(SdKind.OTHER), rs.getString(6), rs.getBytes(7)));
                    }
                }
            }
            return bundled;
        });
    }

    @Override
    public int carriers(String credentialHash) {
        return read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM catalogue_sd_credentials WHERE credential_hash = ?")) {
                ps.setString(1, credentialHash);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getInt(1);
                }
            }
        });
    }

    // ================================================================================================ participants

    @Override
    public Participant registerParticipant(NewSelfDescription sd, String name, String publicKey, Instant now) {
        String id = sd.metadata().provider();
        return write(c -> {
            if (selectParticipant(c, id).isPresent()) {
                throw new SdConflictException("the participant " + id + " is registered already; update it with PUT /participants/{id}");
            }
            insert(c, sd, now);
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO catalogue_participants (participant_id, name, public_key, sd_hash, "
                    + "created, updated) VALUES (?,?,?,?,?,?)")) {
                ps.setString(1, id);
                ps.setString(2, name);
                ps.setString(3, publicKey);
                ps.setString(4, sd.metadata().hash());
                ps.setTimestamp(5, Timestamp.from(now));
                ps.setTimestamp(6, Timestamp.from(now));
                ps.executeUpdate();
            }
            return selectParticipant(c, id).orElseThrow();
        });
    }

    @Override
    public Participant updateParticipant(String participantId, NewSelfDescription sd, String name, String publicKey, Instant now) {
        return write(c -> {
            selectParticipant(c, participantId).orElseThrow(() -> participantNotFound(participantId));
            insert(c, sd, now);
            try (PreparedStatement ps = c.prepareStatement("UPDATE catalogue_participants SET name = ?, public_key = ?, sd_hash = ?, "
                    + "updated = ? WHERE participant_id = ?")) {
                ps.setString(1, name);
                ps.setString(2, publicKey);
                ps.setString(3, sd.metadata().hash());
                ps.setTimestamp(4, Timestamp.from(now));
                ps.setString(5, participantId);
                ps.executeUpdate();
            }
            return selectParticipant(c, participantId).orElseThrow();
        });
    }

    @Override
    public Optional<Participant> participant(String participantId) {
        return read(c -> selectParticipant(c, participantId));
    }

    @Override
    public ParticipantPage participants(int offset, int limit) {
        return read(c -> {
            long total;
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM catalogue_participants")) {
                rs.next();
                total = rs.getLong(1);
            }
            List<Participant> items = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT participant_id, name, public_key, sd_hash, created, updated "
                    + "FROM catalogue_participants ORDER BY participant_id OFFSET ? LIMIT ?")) {
                ps.setInt(1, offset);
                ps.setInt(2, limit);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        items.add(participant(rs));
                    }
                }
            }
            return new ParticipantPage(total, items);
        });
    }

    @Override
    public Participant deleteParticipant(String participantId, Instant now) {
        return write(c -> {
            Participant p = selectParticipant(c, participantId).orElseThrow(() -> participantNotFound(participantId));
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM catalogue_participants WHERE participant_id = ?")) {
                ps.setString(1, participantId);
                ps.executeUpdate();
            }
            Optional<SelfDescription> sd = select(c, p.sdHash());
            if (sd.isPresent()) {
                deleteRow(c, sd.get(), now);
            }
            return p;
        });
    }

    private static Optional<Participant> selectParticipant(Connection c, String id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT participant_id, name, public_key, sd_hash, created, updated "
                + "FROM catalogue_participants WHERE participant_id = ?")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(participant(rs)) : Optional.empty();
            }
        }
    }

    private static Participant participant(ResultSet rs) throws SQLException {
        return new Participant(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), instant(rs.getTimestamp(5)),
                instant(rs.getTimestamp(6)));
    }

    // ================================================================================================ event log

    @Override
    public List<CatalogueEvent> events(long after, int limit) {
        return read(c -> {
            List<CatalogueEvent> events = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT sequence, type, sd_hash, status, at, origin FROM catalogue_events "
                    + "WHERE sequence > ? ORDER BY sequence LIMIT ?")) {
                ps.setLong(1, after);
                ps.setInt(2, limit);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        events.add(event(rs));
                    }
                }
            }
            return events;
        });
    }

    @Override
    public long lastSequence() {
        return read(c -> {
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT last FROM catalogue_event_sequence")) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    @Override
    public Map<String, Projected> projections(Collection<String> hashes) {
        if (hashes.isEmpty()) {
            return Map.of();
        }
        return read(c -> {
            Map<String, Projected> found = new LinkedHashMap<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + ", claims, prefixes FROM catalogue_self_descriptions "
                    + "WHERE sd_hash = ANY (?::bpchar[])")) {
                ps.setArray(1, c.createArrayOf("text", hashes.toArray()));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        Projected p = projected(rs);
                        found.put(p.sd().hash(), p);
                    }
                }
            }
            return found;
        });
    }

    @Override
    public long snapshot(Consumer<Projected> consumer) {
        try (Connection c = dataSource.getConnection()) {
            int isolation = c.getTransactionIsolation();
            c.setAutoCommit(false);
            c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            c.setReadOnly(true);
            try {
                long last;
                try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT last FROM catalogue_event_sequence")) {
                    rs.next();
                    last = rs.getLong(1);
                }
                try (Statement s = c.createStatement()) {
                    s.setFetchSize(500); // a cursor: the table is streamed, not loaded
                    try (ResultSet rs = s.executeQuery("SELECT " + COLUMNS + ", claims, prefixes FROM catalogue_self_descriptions")) {
                        while (rs.next()) {
                            consumer.accept(projected(rs));
                        }
                    }
                }
                c.commit();
                return last;
            } catch (SQLException | RuntimeException e) {
                // end the transaction first: resetting read-only inside it would fail and replace the consumer's exception
                rollback(c, e);
                throw e;
            } finally {
                // a pooled connection goes back as it came: a writer that got it in repeatable read would fail with
                // "could not serialize access" instead of waiting for the sequence lock and reading the newest state
                c.setReadOnly(false);
                c.setAutoCommit(true);
                c.setTransactionIsolation(isolation);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("self-description store: " + e.getMessage(), e);
        }
    }

    private static Projected projected(ResultSet rs) throws SQLException {
        return new Projected(metadata(rs), rs.getString("claims"), prefixes(rs.getString("prefixes")));
    }

    // ================================================================================================ mapping

    private static SelfDescription metadata(ResultSet rs) throws SQLException {
        return new SelfDescription(rs.getString("sd_hash"), rs.getString("subject_id"), rs.getString("issuer"),
                rs.getString("provider"), SdKind.parse(rs.getString("kind")).orElse(SdKind.OTHER), strings(rs.getArray("types")),
                rs.getString("format"), rs.getString("content_type"), Lifecycle.parse(rs.getString("status")).orElseThrow(),
                instant(rs.getTimestamp("upload_time")), instant(rs.getTimestamp("status_time")), instant(rs.getTimestamp("valid_from")),
                instant(rs.getTimestamp("expiration_time")), strings(rs.getArray("validators")), strings(rs.getArray("credential_ids")),
                rs.getString("origin"), rs.getString("title"));
    }

    /** sequence, type, sd_hash, status, at, origin */
    private static CatalogueEvent event(ResultSet rs) throws SQLException {
        String status = rs.getString(4);
        return new CatalogueEvent(rs.getLong(1), CatalogueEvent.Type.valueOf(rs.getString(2).toUpperCase(java.util.Locale.ROOT)),
                rs.getString(3), status == null ? null : Lifecycle.parse(status).orElseThrow(), instant(rs.getTimestamp(5)), rs.getString(6));
    }

    private static SdFacets facets(ResultSet rs) throws SQLException {
        return new SdFacets(strings(rs.getArray("keywords")), strings(rs.getArray("countries")),
                Compliance.parse(rs.getString("compliance")).orElse(Compliance.NOT_CHECKED));
    }

    private static List<String> strings(Array array) throws SQLException {
        return array == null ? List.of() : List.of((String[]) array.getArray());
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }

    private static Timestamp timestamp(Instant i) {
        return i == null ? null : Timestamp.from(i);
    }

    private static String prefixesJson(Map<String, String> prefixes) {
        JsonObjectBuilder b = Json.provider().createObjectBuilder();
        new TreeMap<>(prefixes).forEach(b::add);
        return Json.write(b.build());
    }

    private static Map<String, String> prefixes(String json) {
        Map<String, String> prefixes = new TreeMap<>();
        try {
            if (json != null && Json.parse(json.getBytes(StandardCharsets.UTF_8)) instanceof JsonObject o) {
                for (Map.Entry<String, JsonValue> e : o.entrySet()) {
                    if (e.getValue() instanceof JsonString s) {
                        prefixes.put(e.getKey(), s.getString());
                    }
                }
            }
        } catch (eu.federator.credentials.json.JsonSyntaxException e) {
            throw new IllegalStateException("stored prefixes are not JSON: " + e.getMessage(), e);
        }
        return prefixes;
    }

    private static SdNotFoundException notFound(String hash) {
        return new SdNotFoundException("no self-description with hash " + hash);
    }

    private static SdNotFoundException participantNotFound(String id) {
        return new SdNotFoundException("no participant with id " + id);
    }
}
