package eu.federator.edcinterop;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One EDC 0.15.1 connector (control plane, embedded data plane, in-memory stores, iam-mock, DSP 2025-1) as a child
 * process: {@code java -cp <edc-lib>/* org.eclipse.edc.boot.system.runtime.BaseRuntime} with a configuration file
 * written here, every web context on its own free loopback port. EDC's ~250 jars never share a JVM with Federator.
 * {@link #start} returns once EDC logged "Runtime … ready" (it answers on its ports earlier, with Jetty's 405 page);
 * {@link #close} kills the process.
 *
 * <p>Usable outside JUnit (a benchmark): {@code EdcRuntime.start("provider", EdcRuntime.libDirectory(), workDir,
 * Map.of())}.
 */
public final class EdcRuntime implements AutoCloseable {
    /** The management API's key (header {@code x-api-key}). */
    public static final String API_KEY = "password";
    /** EDC's name of DSP 2025-1 in management requests. */
    public static final String DSP_2025_1 = "dataspace-protocol-http:2025-1";
    private static final Pattern READY = Pattern.compile("Runtime \\S+ ready");
    private static final Duration BOOT_LIMIT = Duration.ofMinutes(3);

    private final String participantId;
    private final Process process;
    private final Path log;
    private final int apiPort;
    private final int managementPort;
    private final int protocolPort;
    private final int controlPort;
    private final int publicPort;

    private EdcRuntime(String participantId, Process process, Path log, int[] ports) {
        this.participantId = participantId;
        this.process = process;
        this.log = log;
        this.apiPort = ports[0];
        this.managementPort = ports[1];
        this.protocolPort = ports[2];
        this.controlPort = ports[3];
        this.publicPort = ports[4];
    }

    /** The directory that {@code edc-runtime} filled with EDC's classpath (system property {@code edc.lib}, set by the build). */
    public static Path libDirectory() {
        String dir = System.getProperty("edc.lib");
        if (dir == null) {
            throw new IllegalStateException("system property edc.lib is not set (surefire sets it to edc-runtime/target/edc-lib)");
        }
        Path lib = Path.of(dir);
        if (!Files.isDirectory(lib)) {
            throw new IllegalStateException(lib + " does not exist: build the module federator-edc-interop/edc-runtime first (-am)");
        }
        return lib;
    }

    /**
     * Starts a connector with participant id {@code participantId}; {@code extra} settings override the defaults
     * (e.g. the state machines' iteration waits). The log goes to {@code workDir/<participantId>.log}.
     */
    public static EdcRuntime start(String participantId, Path lib, Path workDir, Map<String, String> extra) throws IOException, InterruptedException {
        int[] ports = freePorts(5);
        Map<String, String> config = new LinkedHashMap<>();
        config.put("edc.participant.id", participantId);
        config.put("edc.component.id", participantId + "-component");
        config.put("edc.hostname", "127.0.0.1");
        config.put("web.http.port", String.valueOf(ports[0]));
        config.put("web.http.path", "/api");
        config.put("web.http.management.port", String.valueOf(ports[1]));
        config.put("web.http.management.path", "/management");
        config.put("web.http.protocol.port", String.valueOf(ports[2]));
        config.put("web.http.protocol.path", "/protocol");
        config.put("web.http.control.port", String.valueOf(ports[3]));
        config.put("web.http.control.path", "/control");
        config.put("web.http.public.port", String.valueOf(ports[4]));
        config.put("web.http.public.path", "/public");
        config.put("web.http.management.auth.type", "tokenbased");
        config.put("web.http.management.auth.key", API_KEY);
        // EDC appends the version path (/2025-1) itself
        config.put("edc.dsp.callback.address", "http://127.0.0.1:" + ports[2] + "/protocol");
        config.put("edc.control.endpoint", "http://127.0.0.1:" + ports[3] + "/control");
        config.put("edc.dataplane.api.public.baseurl", "http://127.0.0.1:" + ports[4] + "/public");
        config.put("edc.http.client.https.enforce", "false");
        config.put("edc.transfer.proxy.token.signer.privatekey.alias", "private-key");
        config.put("edc.transfer.proxy.token.verifier.publickey.alias", "public-key");
        // EDC's own end-to-end tests poll with 50 ms instead of the default 1000 ms; 200 ms keeps tests quick without
        // the *ING races EDC shows at 50 ms under load (pitfall 7 of the peer's notes)
        for (String machine : List.of("edc.negotiation.consumer", "edc.negotiation.provider", "edc.transfer", "edc.dataplane",
                "edc.data.plane.selector")) {
            config.put(machine + ".state-machine.iteration-wait-millis", "200");
        }
        config.putAll(extra);

        Files.createDirectories(workDir);
        Path configFile = workDir.resolve(participantId + ".properties");
        StringBuilder text = new StringBuilder();
        config.forEach((k, v) -> text.append(k).append('=').append(v).append('\n'));
        Files.writeString(configFile, text.toString(), StandardCharsets.UTF_8);
        Path log = workDir.resolve(participantId + ".log");

        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx512m");
        command.add("-Dedc.fs.config=" + configFile);
        command.add("-cp");
        command.add(lib.toAbsolutePath() + "/*");
        command.add("org.eclipse.edc.boot.system.runtime.BaseRuntime");
        Process process = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        EdcRuntime runtime = new EdcRuntime(participantId, process, log, ports);
        try {
            runtime.awaitReady();
        } catch (IOException | RuntimeException | InterruptedException e) {
            runtime.close();
            throw e;
        }
        return runtime;
    }

    private void awaitReady() throws IOException, InterruptedException {
        Instant limit = Instant.now().plus(BOOT_LIMIT);
        while (true) {
            String text = Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
            if (READY.matcher(text).find()) {
                return;
            }
            if (!process.isAlive()) {
                throw new IllegalStateException("EDC " + participantId + " exited with " + process.exitValue() + ":\n" + tail(text));
            }
            if (Instant.now().isAfter(limit)) {
                throw new IllegalStateException("EDC " + participantId + " not ready after " + BOOT_LIMIT + ":\n" + tail(text));
            }
            Thread.sleep(100);
        }
    }

    private static String tail(String text) {
        return text.length() <= 6000 ? text : text.substring(text.length() - 6000);
    }

    /** The log so far (for failure messages). */
    public String log() {
        try {
            return tail(Files.readString(log, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String participantId() {
        return participantId;
    }

    /** The management API's base, e.g. {@code http://127.0.0.1:1234/management} (add {@code /v3/...}). */
    public String managementUrl() {
        return "http://127.0.0.1:" + managementPort + "/management";
    }

    /** The protocol context; {@code /.well-known/dspace-version} is under it. */
    public String protocolUrl() {
        return "http://127.0.0.1:" + protocolPort + "/protocol";
    }

    /** The DSP 2025-1 base URL (the counter-party address other connectors use). */
    public String dspUrl() {
        return protocolUrl() + "/2025-1";
    }

    /** The default web context ({@code /api}, e.g. {@code /api/check/health}). */
    public String apiUrl() {
        return "http://127.0.0.1:" + apiPort + "/api";
    }

    public String controlUrl() {
        return "http://127.0.0.1:" + controlPort + "/control";
    }

    /** The data plane's public API (where HttpData-PULL consumers fetch with the EDR's token). */
    public String publicUrl() {
        return "http://127.0.0.1:" + publicPort + "/public";
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static int[] freePorts(int n) throws IOException {
        // all open at once, so that the n ports differ
        List<ServerSocket> sockets = new ArrayList<>();
        try {
            for (int i = 0; i < n; i++) {
                sockets.add(new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress()));
            }
            return sockets.stream().mapToInt(ServerSocket::getLocalPort).toArray();
        } finally {
            for (ServerSocket s : sockets) {
                s.close();
            }
        }
    }
}
