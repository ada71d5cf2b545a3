package eu.federator.bench.portal;

import eu.federator.catalogue.store.postgres.EmbeddedPostgresServer;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Makes a copy of a CatalogueBench work directory's {@code pg} a data directory {@code federator serve} accepts.
 *
 * <p>The two already share the layout of the embedded PostgreSQL ({@code postgres/}, {@code runtime/},
 * {@code postgres.password}), and {@code <data-dir>/graph} is the TDB2 the projector filled. What differs is the schema
 * history: CatalogueBench ran the catalogue migrations V2/V3 itself, without Flyway, and never the server's V1. So
 * V1 ({@code server_start}) is run here, from the server jar, and the server is then started once with
 * {@code spring.flyway.baseline-on-migrate=true} and {@code spring.flyway.baseline-version=3}: Flyway records V3 as the
 * baseline and applies what comes after it (V4) as on any server.
 */
final class ServerDataDir {
    static final String V1 = "BOOT-INF/classes/db/migration/V1__server_start.sql";

    private ServerDataDir() {
    }

    static void prepare(Path dataDir, Path serverJar) throws IOException, SQLException {
        String v1;
        try (ZipFile jar = new ZipFile(serverJar.toFile())) {
            ZipEntry entry = jar.getEntry(V1);
            if (entry == null) {
                throw new IllegalStateException(serverJar + " has no " + V1 + ": give the Spring Boot jar of federator-server (federator.jar)");
            }
            try (InputStream in = jar.getInputStream(entry)) {
                v1 = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        }
        try (EmbeddedPostgresServer postgres = EmbeddedPostgresServer.start(dataDir);
             Connection c = DriverManager.getConnection(postgres.jdbcUrl(), postgres.username(), postgres.password());
             Statement s = c.createStatement()) {
            if (exists(s, "flyway_schema_history")) {
                System.out.println(dataDir + ": has a Flyway schema history already, nothing to do");
                return;
            }
            if (!exists(s, "catalogue_self_descriptions")) {
                throw new IllegalStateException(dataDir + " holds no catalogue (no catalogue_self_descriptions): "
                        + "copy the pg directory of a CatalogueBench work directory into it, or import with federator catalogue import");
            }
            if (exists(s, "federation_peers")) {
                throw new IllegalStateException(dataDir + " has V4 tables but no Flyway history: not a CatalogueBench catalogue");
            }
            if (!exists(s, "server_start")) {
                s.execute(v1);
            }
            try (ResultSet rs = s.executeQuery("SELECT count(*) FROM catalogue_self_descriptions")) {
                rs.next();
                System.out.printf("%s: %,d self-descriptions; server_start created (V1 from %s); start the server once with "
                        + "spring.flyway.baseline-on-migrate=true and spring.flyway.baseline-version=3%n", dataDir, rs.getLong(1), serverJar);
            }
        }
    }

    private static boolean exists(Statement s, String table) throws SQLException {
        try (ResultSet rs = s.executeQuery("SELECT to_regclass('" + table + "') IS NOT NULL")) {
            rs.next();
            return rs.getBoolean(1);
        }
    }
}
