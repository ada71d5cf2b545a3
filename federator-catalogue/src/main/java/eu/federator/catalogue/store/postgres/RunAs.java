package eu.federator.catalogue.store.postgres;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** Running PostgreSQL as an unprivileged user when Federator itself runs as root. */
final class RunAs {
    private RunAs() {
    }

    static boolean isRoot() {
        try {
            return ((Number) Files.getAttribute(Path.of("/proc/self"), "unix:uid")).intValue() == 0;
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return "root".equals(System.getProperty("user.name"));
        }
    }

    /** The command prefix that drops privileges to user nobody (uid/gid 65534), or nothing. */
    static List<String> prefix(boolean root) {
        if (!root) {
            return List.of();
        }
        String setpriv = Stream.of("/usr/bin/setpriv", "/bin/setpriv").filter(p -> Files.isExecutable(Path.of(p))).findFirst()
                .orElseThrow(() -> new EmbeddedPostgresException("Federator runs as root, and PostgreSQL refuses to run as root: "
                        + "it would run the embedded PostgreSQL as user nobody with setpriv (util-linux), which is not installed. "
                        + "Install util-linux, run Federator as a non-root user, or configure an external PostgreSQL with spring.datasource.url"));
        int id = EmbeddedPostgresServer.NOBODY;
        return List.of(setpriv, "--reuid=" + id, "--regid=" + id, "--clear-groups");
    }

    static void chownTree(Path root, int uid) {
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                if ((Integer) Files.getAttribute(p, "unix:uid", LinkOption.NOFOLLOW_LINKS) != uid) {
                    Files.setAttribute(p, "unix:uid", uid, LinkOption.NOFOLLOW_LINKS);
                    Files.setAttribute(p, "unix:gid", uid, LinkOption.NOFOLLOW_LINKS);
                }
            }
        } catch (IOException e) {
            throw new EmbeddedPostgresException("cannot hand " + root + " over to uid " + uid + " (needed because PostgreSQL refuses to run as root): " + e, e);
        }
    }

    /** Fails with advice when user nobody cannot reach the cluster directory or the binaries. */
    static void checkReachable(Path dataDir, Path cluster, Path postgres) {
        List<String> command = new java.util.ArrayList<>(prefix(true));
        command.addAll(List.of("/bin/sh", "-c", "test -w \"$1\" && test -x \"$2\"", "sh", cluster.toString(), postgres.toString()));
        int exit;
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            exit = p.waitFor(30, TimeUnit.SECONDS) ? p.exitValue() : -1;
        } catch (IOException e) {
            throw new EmbeddedPostgresException("cannot run " + command.getFirst() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EmbeddedPostgresException("interrupted", e);
        }
        if (exit != 0) {
            throw new EmbeddedPostgresException("Federator runs as root, and PostgreSQL refuses to run as root, so the embedded "
                    + "PostgreSQL runs as user nobody (uid " + EmbeddedPostgresServer.NOBODY + "). That user cannot reach the data directory "
                    + dataDir + " (a parent directory is not searchable by others, e.g. /root or a 0700 directory). "
                    + "Use a data directory that other users can reach (for example --data-dir /var/lib/federator, "
                    + "or chmod o+x the parent directories), run Federator as a non-root user, "
                    + "or configure an external PostgreSQL with spring.datasource.url");
        }
    }
}
