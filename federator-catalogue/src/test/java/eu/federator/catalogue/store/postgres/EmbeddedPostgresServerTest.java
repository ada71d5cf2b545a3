package eu.federator.catalogue.store.postgres;


import eu.federator.catalogue.testing.TestDirectories;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class EmbeddedPostgresServerTest {

    @Test
    void dataSurvivesAStopAndAStart() throws Exception {
        Path dataDir = TestDirectories.newDataDir("federator-pg-");
        int firstPort;
        try (EmbeddedPostgresServer pg = EmbeddedPostgresServer.start(dataDir)) {
            firstPort = pg.port();
            assertThat(pg.jdbcUrl()).startsWith("jdbc:postgresql://127.0.0.1:");
            assertThat(Files.isRegularFile(dataDir.resolve("postgres/PG_VERSION"))).isTrue();
            assertThat(Files.readString(dataDir.resolve("postgres/PG_VERSION")).trim()).isEqualTo("17");
            assertThat(pg.password()).isEqualTo(Files.readString(dataDir.resolve("postgres.password")).trim());
            try (Connection c = DriverManager.getConnection(pg.jdbcUrl(), pg.username(), pg.password());
                 var s = c.createStatement()) {
                s.execute("CREATE TABLE note (text TEXT NOT NULL)");
                s.execute("INSERT INTO note VALUES ('kept across restarts')");
                ResultSet user = s.executeQuery("SELECT current_user, inet_server_addr()::text");
                user.next();
                assertThat(user.getString(1)).isEqualTo("federator");
                assertThat(user.getString(2)).startsWith("127.0.0.1");
            }
        }
        assertThat(Files.exists(dataDir.resolve("postgres/postmaster.pid"))).as("clean shutdown removes the lock file").isFalse();

        try (EmbeddedPostgresServer pg = EmbeddedPostgresServer.start(dataDir)) {
            try (Connection c = DriverManager.getConnection(pg.jdbcUrl(), pg.username(), pg.password());
                 var s = c.createStatement()) {
                ResultSet rs = s.executeQuery("SELECT text FROM note");
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("kept across restarts");
            }
            assertThat(pg.port()).isPositive();
            assertThat(firstPort).isPositive();
        }
    }

    @Test
    void aSecondServerOnTheSameClusterIsRefusedWhileTheFirstRuns() {
        Path dataDir = TestDirectories.newDataDir("federator-pg-");
        try (EmbeddedPostgresServer pg = EmbeddedPostgresServer.start(dataDir)) {
            assertThatThrownBy(() -> EmbeddedPostgresServer.start(dataDir))
                    .isInstanceOf(EmbeddedPostgresException.class)
                    .hasMessageContaining("in use");
            assertThat(pg.isRunning()).isTrue();
        }
    }

    @Test
    void asRootAnUnreachableDataDirectoryIsExplained(@TempDir Path privateDir) {
        assumeTrue(RunAs.isRoot(), "only root drops privileges for PostgreSQL");
        // @TempDir is mode 0700: user nobody cannot enter it
        assertThatThrownBy(() -> EmbeddedPostgresServer.start(privateDir.resolve("data")))
                .isInstanceOf(EmbeddedPostgresException.class)
                .hasMessageContaining("refuses to run as root")
                .hasMessageContaining("cannot reach the data directory")
                .hasMessageContaining("non-root user");
    }

    @Test
    void wrongPasswordFileIsExplained() throws Exception {
        Path dataDir = TestDirectories.newDataDir("federator-pg-");
        EmbeddedPostgresServer.start(dataDir).close();
        Files.writeString(dataDir.resolve("postgres.password"), "not-the-password\n");
        assertThatThrownBy(() -> EmbeddedPostgresServer.start(dataDir))
                .isInstanceOf(EmbeddedPostgresException.class)
                .hasMessageContaining("postgres.password");
    }
}
