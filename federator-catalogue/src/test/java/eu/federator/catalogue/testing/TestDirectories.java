package eu.federator.catalogue.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Data directories for tests. JUnit's {@code @TempDir} is mode 0700, which the unprivileged user that runs the
 * embedded PostgreSQL under root cannot enter; these are searchable (0711) and removed at JVM exit.
 */
public final class TestDirectories {
    private TestDirectories() {
    }

    public static Path newDataDir(String prefix) {
        try {
            Path dir = Files.createTempDirectory(prefix, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx--x--x")));
            Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(dir)));
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Path fixtures() {
        String dir = System.getProperty("federator.fixtures");
        if (dir == null) {
            throw new IllegalStateException("system property federator.fixtures is not set (surefire sets it to ../shared/fixtures)");
        }
        return Path.of(dir);
    }

    private static void delete(Path dir) {
        try (var walk = Files.walk(dir)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // best effort
        }
    }
}
