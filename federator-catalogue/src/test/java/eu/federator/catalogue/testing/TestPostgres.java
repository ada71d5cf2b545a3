package eu.federator.catalogue.testing;

import eu.federator.catalogue.store.postgres.EmbeddedPostgresServer;
import org.postgresql.ds.PGSimpleDataSource;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One real PostgreSQL for a test JVM, the same embedded server {@code federator serve} runs (also as root), with a
 * fresh database per caller.
 */
public final class TestPostgres {
    private static TestPostgres instance;
    private static final AtomicInteger databases = new AtomicInteger();

    private final EmbeddedPostgresServer server;

    private TestPostgres(EmbeddedPostgresServer server) {
        this.server = server;
    }

    public static synchronized TestPostgres get() {
        if (instance == null) {
            EmbeddedPostgresServer server = EmbeddedPostgresServer.start(TestDirectories.newDataDir("federator-test-pg-"));
            Runtime.getRuntime().addShutdownHook(new Thread(server::close));
            instance = new TestPostgres(server);
        }
        return instance;
    }

    /** A new empty database with the migrations (class-path resources, e.g. {@code db/migration/V2__schemas.sql}) applied. */
    public DataSource newDatabase(String... migrations) {
        String name = "test_" + databases.incrementAndGet();
        try (Connection c = dataSource(EmbeddedPostgresServer.DATABASE).getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name + " ENCODING 'UTF8' TEMPLATE template0");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        PGSimpleDataSource ds = dataSource(name);
        for (String migration : migrations) {
            try (InputStream in = TestPostgres.class.getClassLoader().getResourceAsStream(migration);
                 Connection c = ds.getConnection(); Statement s = c.createStatement()) {
                if (in == null) {
                    throw new IllegalArgumentException("no migration " + migration + " on the class path");
                }
                s.execute(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException | SQLException e) {
                throw new IllegalStateException("migration " + migration + ": " + e.getMessage(), e);
            }
        }
        return ds;
    }

    private PGSimpleDataSource dataSource(String database) {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setUrl(server.jdbcUrl().substring(0, server.jdbcUrl().lastIndexOf('/') + 1) + database);
        ds.setUser(server.username());
        ds.setPassword(server.password());
        return ds;
    }
}
