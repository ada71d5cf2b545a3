package eu.federator.bench.catalogue;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import eu.federator.catalogue.Catalogue;
import eu.federator.catalogue.graph.Tdb2GraphStore;
import eu.federator.catalogue.ingest.Classifier;
import eu.federator.catalogue.ingest.IngestPipeline;
import eu.federator.catalogue.ingest.IngestSettings;
import eu.federator.catalogue.projection.GraphProjector;
import eu.federator.catalogue.schema.DefaultSchemas;
import eu.federator.catalogue.schema.PostgresSchemaStore;
import eu.federator.catalogue.schema.SchemaType;
import eu.federator.catalogue.schema.Schemas;
import eu.federator.catalogue.sd.PostgresSelfDescriptionStore;
import eu.federator.catalogue.store.postgres.EmbeddedPostgresServer;
import eu.federator.credentials.verify.CredentialVerifier;
import eu.federator.credentials.verify.VerifierSettings;
import eu.federator.trustframework.bundle.TrustFrameworks;
import org.apache.jena.graph.Graph;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The catalogue wired as {@code federator serve} wires it (CatalogueConfiguration, SchemaConfiguration,
 * EmbeddedDatabaseConfiguration, VerifierConfiguration), without Spring and HTTP: the embedded PostgreSQL in
 * {@code WORK/pg} with the V2/V3 migrations and a HikariCP pool of 10, the schema service with the default schemas
 * (trust frameworks 22.10 and 25.11), the credential verifier answering from the input's web mirror with its root as
 * trust anchor, the ingest pipeline, the self-description store, TDB2 in {@code WORK/graph}, the graph projector (1 s
 * poll) and the {@link Catalogue} facade with every check on.
 */
final class CatalogueEnvironment implements AutoCloseable {
    static final List<String> MIGRATIONS = List.of("db/migration/V2__schemas.sql", "db/migration/V3__self_descriptions.sql", "db/migration/V6__search_facets.sql");
    static final List<String> SCHEMA_VERSIONS = List.of("22.10", "25.11");

    final Path work;
    final EmbeddedPostgresServer postgres;
    final HikariDataSource dataSource;
    final Schemas schemas;
    final PostgresSelfDescriptionStore store;
    final Tdb2GraphStore graph;
    final GraphProjector projector;
    /** Null when opened without input (rebuild, query). */
    final CredentialVerifier verifier;
    final IngestPipeline pipeline;
    final Catalogue catalogue;

    private CatalogueEnvironment(Path data, Path work, boolean startProjector, String sessionSql) throws IOException {
        this.work = work;
        Files.createDirectories(work);
        // PostgreSQL runs as nobody when we are root: the work directory must be searchable by it
        Files.setPosixFilePermissions(work, PosixFilePermissions.fromString("rwx--x--x"));
        postgres = EmbeddedPostgresServer.start(work.resolve("pg"));
        HikariConfig config = new HikariConfig();
        config.setPoolName("federator-bench");
        config.setJdbcUrl(postgres.jdbcUrl());
        config.setUsername(postgres.username());
        config.setPassword(postgres.password());
        config.setMaximumPoolSize(10);
        if (sessionSql != null) {
            config.setConnectionInitSql(sessionSql);
        }
        dataSource = new HikariDataSource(config);
        migrate();
        schemas = new Schemas(new PostgresSchemaStore(dataSource));
        schemas.loadDefaultsIfEmpty(DefaultSchemas.trustFrameworks(TrustFrameworks.builtIn(), SCHEMA_VERSIONS));
        store = new PostgresSelfDescriptionStore(dataSource);
        graph = Tdb2GraphStore.open(work.resolve("graph"));
        // as federator serve wires it by default (federator.catalogue.ingest.projector-coalesce, graph-compact-every)
        projector = new GraphProjector(store, graph, Duration.ofSeconds(1), Duration.ofMillis(100), 20_000);
        if (startProjector) {
            projector.start();
        }
        if (data != null) {
            verifier = CredentialVerifier.create(VerifierSettings.defaults().withWebMirror(data.resolve("web"))
                    .withTrustAnchors(data.resolve("anchors.pem")));
            Supplier<Graph> ontologies = () -> schemas.composite(SchemaType.ONTOLOGY).graph();
            pipeline = new IngestPipeline(verifier, schemas, new Classifier(Map.of(), ontologies), ontologies);
            catalogue = new Catalogue(pipeline, store, projector, IngestSettings.defaults(), Clock.systemUTC());
        } else {
            verifier = null;
            pipeline = null;
            catalogue = null;
        }
    }

    static CatalogueEnvironment open(Path data, Path work, boolean startProjector) throws IOException {
        return new CatalogueEnvironment(data, work, startProjector, null);
    }

    /**
     * For diagnosis only, never what the server runs: {@code sessionSql} is run on every new connection (e.g.
     * {@code SET synchronous_commit = off}, to see how much of a store is the wait for the WAL flush).
     */
    static CatalogueEnvironment open(Path data, Path work, boolean startProjector, String sessionSql) throws IOException {
        return new CatalogueEnvironment(data, work, startProjector, sessionSql);
    }

    /** V2/V3 from the class path when the database has no catalogue tables yet (the server runs them with Flyway). */
    private void migrate() {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT to_regclass('catalogue_self_descriptions') IS NOT NULL")) {
                rs.next();
                if (rs.getBoolean(1)) {
                    migrateV6(s);
                    return;
                }
            }
            for (String migration : MIGRATIONS) {
                try (InputStream in = CatalogueEnvironment.class.getClassLoader().getResourceAsStream(migration)) {
                    if (in == null) {
                        throw new IllegalStateException("no migration " + migration + " on the class path");
                    }
                    s.execute(new String(in.readAllBytes(), StandardCharsets.UTF_8));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("migrations: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** V6 (search facets, with its backfill) on a catalogue built before it, timed. */
    private static void migrateV6(Statement s) throws SQLException, IOException {
        try (ResultSet rs = s.executeQuery("SELECT count(*) FROM information_schema.columns WHERE table_name = "
                + "'catalogue_self_descriptions' AND column_name = 'keywords'")) {
            rs.next();
            if (rs.getInt(1) > 0) {
                return;
            }
        }
        String migration = MIGRATIONS.getLast();
        try (InputStream in = CatalogueEnvironment.class.getClassLoader().getResourceAsStream(migration)) {
            long t0 = System.nanoTime();
            s.execute(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            System.out.printf("(%s on the existing catalogue, with its backfill: %.1f s)%n", migration, (System.nanoTime() - t0) / 1e9);
        }
    }

    /** VACUUM ANALYZE of the self-description tables (what autovacuum does some time after a bulk load). */
    void analyze() {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            for (String table : List.of("catalogue_self_descriptions", "catalogue_credentials", "catalogue_sd_credentials", "catalogue_events")) {
                s.execute("VACUUM ANALYZE " + table);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("VACUUM ANALYZE: " + e.getMessage(), e);
        }
    }

    long databaseSize() {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT pg_database_size(current_database())")) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Table name → total relation size (table, TOAST, indexes) of the catalogue tables. */
    Map<String, Long> tableSizes() {
        Map<String, Long> sizes = new java.util.LinkedHashMap<>();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT relname, pg_total_relation_size(oid) FROM pg_class WHERE relkind = 'r' "
                     + "AND relname LIKE 'catalogue%' ORDER BY 2 DESC")) {
            while (rs.next()) {
                sizes.put(rs.getString(1), rs.getLong(2));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return sizes;
    }

    /** Bytes allocated on disk under {@code dir} ({@code du -s -B1}: TDB2 files are sparse, their apparent size is not the disk use). */
    static long diskUsage(Path dir) {
        if (!Files.exists(dir)) {
            return 0;
        }
        try {
            Process du = new ProcessBuilder("du", "-s", "-B1", dir.toString()).redirectErrorStream(true).start();
            String out = new String(du.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            du.waitFor();
            return Long.parseLong(out.split("\\s+")[0]);
        } catch (IOException | NumberFormatException e) {
            throw new IllegalStateException("du " + dir + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        projector.close();
        graph.close();
        dataSource.close();
        postgres.close();
    }
}
