package eu.federator.catalogue.store.postgres;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A PostgreSQL server that Federator runs itself, from the zonky binaries on the class path, with its cluster in
 * {@code <data-dir>/postgres} so that data survives restarts.
 *
 * <p>Layout of the data directory:
 * <pre>
 *   runtime/postgresql-&lt;id&gt;/   extracted binaries (bin, lib, share), shared by restarts
 *   postgres/                    the cluster (PGDATA), created by initdb on the first start
 *   postgres.password            superuser password (mode 0600), generated on the first start
 *   logs/postgres.log            server log
 * </pre>
 *
 * <p>PostgreSQL refuses to run as root. When the JVM runs with effective uid 0, initdb and postgres are started
 * through {@code setpriv --reuid=65534 --regid=65534 --clear-groups} (user nobody) and the cluster directory is
 * owned by that user; the data directory must then be reachable (searchable) by it.
 *
 * <p>The server listens on 127.0.0.1 only, on a free port chosen at each start, with password (SCRAM) authentication
 * and no Unix socket. {@link #close()} performs a fast shutdown (SIGINT).
 */
public final class EmbeddedPostgresServer implements AutoCloseable {
    public static final String DATABASE = "federator";
    public static final String USER = "federator";
    static final int NOBODY = 65534;

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresServer.class);
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

    private final Path dataDir;
    private final Path cluster;
    private final Process process;
    private final int port;
    private final String password;
    private final Thread shutdownHook;
    private volatile boolean closed;

    private EmbeddedPostgresServer(Path dataDir, Path cluster, Process process, int port, String password) {
        this.dataDir = dataDir;
        this.cluster = cluster;
        this.process = process;
        this.port = port;
        this.password = password;
        this.shutdownHook = new Thread(this::stop, "embedded-postgres-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /**
     * Extracts the binaries (first time), initialises the cluster (first time), starts PostgreSQL, waits until it
     * accepts connections and creates the {@value #DATABASE} database (first time).
     */
    public static EmbeddedPostgresServer start(Path dataDirectory) {
        Instant begin = Instant.now();
        Path dataDir = dataDirectory.toAbsolutePath().normalize();
        boolean root = RunAs.isRoot();
        prepareDataDir(dataDir, root);
        Path install = PostgresBinaries.install(dataDir.resolve("runtime"));
        Path cluster = dataDir.resolve("postgres");
        Path log = dataDir.resolve("logs").resolve("postgres.log");
        try {
            Files.createDirectories(log.getParent());
        } catch (IOException e) {
            throw new EmbeddedPostgresException("cannot create " + log.getParent() + ": " + e, e);
        }
        String password = password(dataDir.resolve("postgres.password"));
        boolean initialised = Files.isRegularFile(cluster.resolve("PG_VERSION"));
        if (!initialised) {
            initdb(install, dataDir, cluster, password, log, root);
        } else if (root) {
            RunAs.chownTree(cluster, NOBODY);
            RunAs.checkReachable(dataDir, cluster, install.resolve("bin/postgres"));
        }
        stopOrphan(cluster, install);

        EmbeddedPostgresException last = null;
        for (int attempt = 0; attempt < 3; attempt++) {
            int port = freePort();
            Process process = launch(install, cluster, port, log, root);
            try {
                awaitReady(process, port, password, log);
                EmbeddedPostgresServer server = new EmbeddedPostgresServer(dataDir, cluster, process, port, password);
                server.createDatabase();
                EmbeddedPostgresServer.log.info("Embedded PostgreSQL ready on 127.0.0.1:{} (cluster {}{}) in {} ms", port, cluster,
                        root ? ", running as uid " + NOBODY : "", Duration.between(begin, Instant.now()).toMillis());
                return server;
            } catch (EmbeddedPostgresException e) {
                process.destroyForcibly();
                last = e;
                if (!tail(log, 20).contains("could not bind")) {
                    break;
                }
            }
        }
        throw last;
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + DATABASE;
    }

    public String username() {
        return USER;
    }

    public String password() {
        return password;
    }

    public int port() {
        return port;
    }

    public Path clusterDirectory() {
        return cluster;
    }

    public Path dataDirectory() {
        return dataDir;
    }

    public boolean isRunning() {
        return process.isAlive();
    }

    /** Fast shutdown: open transactions are rolled back, the cluster is checkpointed, the process exits. */
    @Override
    public void close() {
        stop();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException ignored) {
            // already shutting down
        }
    }

    private synchronized void stop() {
        if (closed) {
            return;
        }
        closed = true;
        if (!process.isAlive()) {
            return;
        }
        signal(process.pid(), "INT");
        try {
            if (!process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                log.warn("Embedded PostgreSQL did not stop within {} s; killing it", STOP_TIMEOUT.toSeconds());
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        log.info("Embedded PostgreSQL stopped");
    }

    private void createDatabase() {
        String url = "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
        try (Connection c = DriverManager.getConnection(url, USER, password);
             var exists = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            exists.setString(1, DATABASE);
            if (!exists.executeQuery().next()) {
                try (var create = c.createStatement()) {
                    create.execute("CREATE DATABASE " + DATABASE + " ENCODING 'UTF8' TEMPLATE template0");
                }
            }
        } catch (SQLException e) {
            throw new EmbeddedPostgresException("cannot create the database " + DATABASE + ": " + e.getMessage(), e);
        }
    }

    private static void prepareDataDir(Path dataDir, boolean root) {
        try {
            if (!Files.isDirectory(dataDir)) {
                Files.createDirectories(dataDir);
                if (root) {
                    // searchable by the unprivileged PostgreSQL user, not listable by others
                    Files.setPosixFilePermissions(dataDir, PosixFilePermissions.fromString("rwx--x--x"));
                }
            }
        } catch (IOException e) {
            throw new EmbeddedPostgresException("cannot create the data directory " + dataDir + ": " + e
                    + "; set federator.data-dir (or --data-dir) to a writable directory", e);
        }
        if (!Files.isWritable(dataDir)) {
            throw new EmbeddedPostgresException("the data directory " + dataDir + " is not writable; set federator.data-dir (or --data-dir) to a writable directory");
        }
    }

    private static void initdb(Path install, Path dataDir, Path cluster, String password, Path log, boolean root) {
        Path pwFile = null;
        try {
            if (Files.exists(cluster)) {
                try (Stream<Path> entries = Files.list(cluster)) {
                    if (entries.findAny().isPresent()) {
                        throw new EmbeddedPostgresException(cluster + " exists but is not a PostgreSQL cluster (no PG_VERSION): "
                                + "move it away or choose another data directory");
                    }
                }
            } else {
                Files.createDirectory(cluster, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            }
            pwFile = Files.createTempFile(dataDir, ".initdb-", ".pw", PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(pwFile, password + "\n", StandardCharsets.UTF_8);
            if (root) {
                RunAs.chownTree(cluster, NOBODY);
                RunAs.chownTree(pwFile, NOBODY);
                RunAs.checkReachable(dataDir, cluster, install.resolve("bin/postgres"));
            }
            List<String> command = new ArrayList<>(RunAs.prefix(root));
            command.addAll(List.of(install.resolve("bin/initdb").toString(), "-D", cluster.toString(), "-U", USER,
                    "--pwfile=" + pwFile, "--auth=scram-sha-256", "-E", "UTF8", "--locale=C", "--no-instructions"));
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            builder.directory(dataDir.toFile());
            builder.environment().put("LC_ALL", "C");
            Process initdb = builder.start();
            if (!initdb.waitFor(120, TimeUnit.SECONDS)) {
                initdb.destroyForcibly();
                throw new EmbeddedPostgresException("initdb did not finish within 120 s; see " + log);
            }
            if (initdb.exitValue() != 0) {
                String tail = tail(log, 15);
                PostgresBinaries.deleteTree(cluster);
                throw new EmbeddedPostgresException("initdb failed (exit " + initdb.exitValue() + "); see " + log + ":\n" + tail);
            }
        } catch (IOException e) {
            throw new EmbeddedPostgresException("cannot initialise the PostgreSQL cluster in " + cluster + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EmbeddedPostgresException("interrupted while initialising " + cluster, e);
        } finally {
            if (pwFile != null) {
                try {
                    Files.deleteIfExists(pwFile);
                } catch (IOException ignored) {
                    // best effort
                }
            }
        }
    }

    private static Process launch(Path install, Path cluster, int port, Path log, boolean root) {
        List<String> command = new ArrayList<>(RunAs.prefix(root));
        command.addAll(List.of(install.resolve("bin/postgres").toString(), "-D", cluster.toString(), "-p", Integer.toString(port),
                "-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories=", "-c", "logging_collector=off"));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.directory(cluster.getParent().toFile());
        builder.environment().put("LC_ALL", "C");
        try {
            return builder.start();
        } catch (IOException e) {
            throw new EmbeddedPostgresException("cannot start " + command.getFirst() + ": " + e.getMessage(), e);
        }
    }

    private static void awaitReady(Process process, int port, String password, Path log) {
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        String url = "jdbc:postgresql://127.0.0.1:" + port + "/postgres?connectTimeout=2";
        SQLException lastError = null;
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new EmbeddedPostgresException("PostgreSQL exited during startup (exit " + process.exitValue() + "); see "
                        + log + ":\n" + tail(log, 15));
            }
            try (Connection ignored = DriverManager.getConnection(url, USER, password)) {
                return;
            } catch (SQLException e) {
                lastError = e;
                String state = e.getSQLState();
                if (state != null && state.startsWith("28")) { // invalid authorization
                    throw new EmbeddedPostgresException("the embedded PostgreSQL rejected the stored password (" + e.getMessage()
                            + "); the postgres.password file does not belong to this cluster", e);
                }
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new EmbeddedPostgresException("interrupted while waiting for PostgreSQL", e);
            }
        }
        throw new EmbeddedPostgresException("PostgreSQL did not accept connections within " + START_TIMEOUT.toSeconds() + " s ("
                + (lastError == null ? "" : lastError.getMessage()) + "); see " + log);
    }

    /**
     * A postmaster.pid whose process still runs: either our own server orphaned by a JVM that was killed (its parent is
     * gone; it is stopped), or a server that another running process owns (we refuse to share the cluster). A live
     * process that is not a postmaster of this cluster means the id was reused after the server died with its JVM
     * (container restart, OOM kill, power loss: the numbers start again, and our own JVM's threads take the low ones);
     * PostgreSQL would take it for a running postmaster and refuse to start, so the stale lock file is removed.
     */
    private static void stopOrphan(Path cluster, Path install) {
        Path pidFile = cluster.resolve("postmaster.pid");
        if (!Files.isRegularFile(pidFile)) {
            return;
        }
        long pid;
        try {
            List<String> lines = Files.readAllLines(pidFile);
            if (lines.isEmpty()) {
                return;
            }
            pid = Long.parseLong(lines.getFirst().trim());
        } catch (IOException | NumberFormatException e) {
            return; // PostgreSQL itself removes a lock file it cannot read as a live postmaster's
        }
        Optional<ProcessHandle> handle = ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
        if (handle.isEmpty()) {
            return; // PostgreSQL itself removes the lock file of a dead process
        }
        Optional<Boolean> ours = postmasterOf(handle.get(), cluster);
        if (ours.isEmpty()) {
            return; // cannot look at the process (another user's): PostgreSQL decides
        }
        if (!ours.get()) {
            log.warn("Removing the stale lock file {}: its process id {} now belongs to another process ({}), the PostgreSQL "
                    + "that wrote it is gone", pidFile, pid, handle.get().info().command().orElse("unknown command"));
            try {
                Files.deleteIfExists(pidFile);
            } catch (IOException e) {
                throw new EmbeddedPostgresException("cannot remove the stale lock file " + pidFile + " (" + e.getMessage()
                        + "): remove it by hand and start again", e);
            }
            return;
        }
        Optional<ProcessHandle> parent = handle.get().parent();
        boolean orphan = parent.isEmpty() || parent.get().pid() == 1
                || !parent.get().info().command().orElse("").contains("java");
        if (!orphan) {
            throw new EmbeddedPostgresException("the PostgreSQL cluster " + cluster + " is in use by process " + pid + " (started by process "
                    + parent.get().pid() + "): another Federator is running with the same data directory. Stop it, or use another --data-dir");
        }
        log.warn("Stopping PostgreSQL process {} left over from a previous run that did not shut down", pid);
        signal(pid, "INT");
        handle.get().onExit().orTimeout(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS).exceptionally(t -> null).join();
        if (handle.get().isAlive()) {
            throw new EmbeddedPostgresException("a PostgreSQL process (" + pid + ") left over from a previous run still uses " + cluster
                    + " and did not stop: stop it (kill -INT " + pid + ") and start again");
        }
    }

    /**
     * Whether the process is a PostgreSQL server of this cluster (the postgres binary, started with {@code -D cluster}),
     * empty when its command line cannot be read.
     */
    static Optional<Boolean> postmasterOf(ProcessHandle process, Path cluster) {
        ProcessHandle.Info info = process.info();
        Optional<String> command = info.command();
        Optional<String[]> arguments = info.arguments();
        if (command.isEmpty() || arguments.isEmpty()) {
            return Optional.empty();
        }
        if (!command.get().endsWith("/postgres")) {
            return Optional.of(false);
        }
        String[] args = arguments.get();
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals("-D")) {
                try {
                    return Optional.of(Files.isSameFile(Path.of(args[i + 1]), cluster));
                } catch (IOException | java.nio.file.InvalidPathException e) {
                    return Optional.of(false);
                }
            }
        }
        return Optional.of(false); // a postgres without -D (PGDATA from its environment) is not one we started
    }

    private static void signal(long pid, String signal) {
        try {
            Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (kill.waitFor(10, TimeUnit.SECONDS) && kill.exitValue() == 0) {
                return;
            }
        } catch (IOException e) {
            // no kill(1): fall back to SIGTERM (smart shutdown)
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        ProcessHandle.of(pid).ifPresent(ProcessHandle::destroy);
    }

    private static String password(Path file) {
        try {
            if (Files.isRegularFile(file)) {
                return Files.readString(file, StandardCharsets.UTF_8).trim();
            }
            byte[] random = new byte[24];
            new SecureRandom().nextBytes(random);
            String generated = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
            Path tmp = Files.createTempFile(file.getParent(), ".pw-", ".tmp", PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(tmp, generated + "\n", StandardCharsets.UTF_8);
            Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            return generated;
        } catch (IOException e) {
            throw new EmbeddedPostgresException("cannot read or create " + file + ": " + e, e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free loopback port", e);
        }
    }

    static String tail(Path file, int lines) {
        try {
            List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }
}
