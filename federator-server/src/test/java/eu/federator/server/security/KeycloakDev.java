package eu.federator.server.security;

import eu.federator.catalogue.testing.TestDirectories;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real Keycloak (Maven Central distribution, dev mode, loopback) started with the shared script
 * {@code ../shared/keycloak/keycloak-dev.sh} (found next to {@code federator.fixtures}), under
 * {@code target/keycloak} of this module, on a free port. {@code reset} first, so the realm is imported fresh from
 * {@code gaia-x-realm.json} every time (a previous run's changes through the admin API never leak). A start that
 * fails throws: a test that needs Keycloak fails loudly, it never skips.
 */
public final class KeycloakDev {
    public final int port;
    private final Path script;
    private final Path base;
    private final Path log;
    private final Map<String, String> env;

    public KeycloakDev() throws IOException {
        this.port = freePort();
        this.script = TestDirectories.fixtures().toAbsolutePath().normalize().getParent().resolve("keycloak/keycloak-dev.sh");
        if (!Files.isRegularFile(script)) {
            throw new IllegalStateException("Keycloak start script not found at " + script + " (../shared/keycloak next to the checkout)");
        }
        this.base = Path.of("target", "keycloak").toAbsolutePath();
        Files.createDirectories(base);
        this.log = base.resolve("keycloak-dev-script.log");
        this.env = Map.of("KC_BASE", base.toString(), "KC_PORT", Integer.toString(port),
                "JAVA_HOME", System.getProperty("java.home"), "PATH", path());
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    public String issuer() {
        return baseUrl() + "/realms/gaia-x";
    }

    public void start() throws Exception {
        run("reset", 60);
        long t0 = System.nanoTime();
        run("start", 420);
        System.out.printf("Keycloak started for the test in %.1f s on port %d%n", (System.nanoTime() - t0) / 1e9, port);
    }

    public void stop() throws Exception {
        run("stop", 60);
    }

    private void run(String command, int timeoutSeconds) throws Exception {
        ProcessBuilder pb = new ProcessBuilder("bash", script.toString(), command)
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        pb.environment().putAll(env);
        Process p = pb.start();
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("keycloak-dev.sh " + command + " did not finish in " + timeoutSeconds + " s; see " + log
                    + "\n" + tail());
        }
        if (p.exitValue() != 0) {
            throw new IllegalStateException("keycloak-dev.sh " + command + " failed (exit " + p.exitValue() + "); see " + log
                    + "\n" + tail());
        }
    }

    private String tail() throws IOException {
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }

    /**
     * The script downloads the distribution with {@code mvn}; where only the Maven wrapper exists, a shim named
     * {@code mvn} in target/ calls it.
     */
    private String path() throws IOException {
        String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
        for (String dir : path.split(":")) {
            if (Files.isExecutable(Path.of(dir, "mvn"))) {
                return path;
            }
        }
        Path wrapper = Path.of("..", "mvnw").toAbsolutePath().normalize();
        Path shimDir = Files.createDirectories(base.resolve("bin"));
        Path shim = shimDir.resolve("mvn");
        Files.writeString(shim, "#!/bin/sh\nexec \"" + wrapper + "\" \"$@\"\n");
        Files.setPosixFilePermissions(shim, PosixFilePermissions.fromString("rwxr-xr-x"));
        return shimDir + ":" + path;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
