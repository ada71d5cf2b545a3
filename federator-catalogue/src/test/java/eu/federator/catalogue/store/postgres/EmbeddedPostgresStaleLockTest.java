package eu.federator.catalogue.store.postgres;

import eu.federator.catalogue.testing.TestDirectories;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A {@code postmaster.pid} left by a PostgreSQL that died with its JVM (SIGKILL of the container, OOM kill, power loss)
 * names a process id that may belong to another process by the next start: after a container restart the numbers start
 * again, and the new JVM's own threads take the low ones. PostgreSQL takes any live process of its user for a running
 * postmaster and refuses to start; the server must recognise the lock as stale.
 */
class EmbeddedPostgresStaleLockTest {

    /** The lock file of a running server of this cluster, with another process id. */
    private static void staleLock(Path dataDir, String runningLock, long pid) throws Exception {
        List<String> lines = new ArrayList<>(runningLock.lines().toList());
        lines.set(0, Long.toString(pid));
        Path file = dataDir.resolve("postgres/postmaster.pid");
        Files.write(file, lines);
        if (RunAs.isRoot()) {
            RunAs.chownTree(file, EmbeddedPostgresServer.NOBODY);
        }
    }

    private static void assertUsable(EmbeddedPostgresServer pg) throws Exception {
        try (Connection c = DriverManager.getConnection(pg.jdbcUrl(), pg.username(), pg.password())) {
            assertThat(c.isValid(5)).isTrue();
        }
    }

    @Test
    void aLockFileWhoseProcessIdNowBelongsToAnotherProcessOfTheSameUserIsStale() throws Exception {
        Path dataDir = TestDirectories.newDataDir("federator-pg-stale-");
        String lock;
        try (EmbeddedPostgresServer pg = EmbeddedPostgresServer.start(dataDir)) {
            lock = Files.readString(dataDir.resolve("postgres/postmaster.pid"));
        }
        // a process of the user PostgreSQL runs as, that is no PostgreSQL at all
        List<String> command = new ArrayList<>(RunAs.prefix(RunAs.isRoot()));
        command.addAll(List.of("sleep", "600"));
        Process other = new ProcessBuilder(command).start();
        try {
            staleLock(dataDir, lock, other.pid());
            try (EmbeddedPostgresServer pg = EmbeddedPostgresServer.start(dataDir)) {
                assertUsable(pg);
            }
            assertThat(other.isAlive()).as("the other process is left alone").isTrue();
        } finally {
            other.destroy();
            other.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void aLockFileNamingThePostgresOfAnotherClusterIsStaleAndThatServerIsLeftAlone() throws Exception {
        Path dataDir = TestDirectories.newDataDir("federator-pg-stale-");
        String lock;
        try (EmbeddedPostgresServer pg = EmbeddedPostgresServer.start(dataDir)) {
            lock = Files.readString(dataDir.resolve("postgres/postmaster.pid"));
        }
        try (EmbeddedPostgresServer other = EmbeddedPostgresServer.start(TestDirectories.newDataDir("federator-pg-other-"))) {
            long otherPid = Long.parseLong(Files.readAllLines(other.clusterDirectory().resolve("postmaster.pid")).getFirst().strip());
            staleLock(dataDir, lock, otherPid);
            try (EmbeddedPostgresServer pg = EmbeddedPostgresServer.start(dataDir)) {
                assertUsable(pg);
            }
            assertThat(other.isRunning()).as("the other cluster's server is not stopped").isTrue();
            assertUsable(other);
        }
    }
}
