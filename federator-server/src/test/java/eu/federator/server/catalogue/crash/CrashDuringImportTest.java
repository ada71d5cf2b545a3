package eu.federator.server.catalogue.crash;

import eu.federator.catalogue.testing.TestDirectories;
import eu.federator.server.cli.SelfDescriptionFiles;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.StringReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Acceptance: a server killed with SIGKILL in the middle of a concurrent import loses nothing it confirmed and
 * duplicates nothing. The server runs as a separate JVM ({@code federator serve}, this test's class path) with its
 * embedded PostgreSQL and TDB2 graph in one data directory; several clients submit real signed Loire self-descriptions.
 * The JVM is killed twice while submissions are in flight: once alone (its PostgreSQL outlives it as an orphan, which the
 * next start must stop), once together with every PostgreSQL process (a container kill or power loss: PostgreSQL
 * recovers from its WAL, TDB2 from its journal). After each restart on the same data directory: every confirmed
 * submission is in PostgreSQL, and nothing but those and the ones whose answer the kill lost; each hash once, one active
 * version per subject; once the projector caught up, the graph holds exactly the stored ones; the event log has no gap.
 * Finally the rest is submitted (409 only for a lost answer whose submission had been committed).
 */
class CrashDuringImportTest {
    static final String TOKEN = "crash-test-admin-token-0123456789abcdef";
    static final int OFFERINGS = 150;
    static final int CLIENTS = 4;
    /** Kill once this many submissions were confirmed: well inside the import. */
    static final int KILL_AFTER = 30;
    static final Duration START_DEADLINE = Duration.ofMinutes(5);
    static final Duration CATCH_UP_DEADLINE = Duration.ofMinutes(5);

    final Path root = TestDirectories.newDataDir("federator-crash-");
    final Path data = root.resolve("data");
    final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();
    final List<Process> servers = new ArrayList<>();

    /** What the clients saw for each submission. */
    enum Seen { CONFIRMED, CONFLICT, REJECTED, IN_FLIGHT }

    List<String> sds;
    List<String> hashes;
    /** Submissions the server confirmed (201), or reported as stored already (409 after a restart). */
    final Set<Integer> stored = new HashSet<>();
    /** Submissions whose answer was lost in a kill: stored or not, nobody knows. */
    final Set<Integer> unknown = new HashSet<>();

    @Test
    void aKilledServerKeepsEveryConfirmedSubmissionOnceAndResumes() throws Exception {
        SelfDescriptionFiles files = new SelfDescriptionFiles(root.resolve("world"));
        sds = new ArrayList<>();
        sds.add(files.participant());
        for (int i = 0; i < OFFERINGS; i++) {
            sds.add(files.offering(String.format("crash-%03d", i)));
        }
        hashes = new ArrayList<>();
        for (String sd : sds) {
            hashes.add(sha256(sd));
        }

        // 1. the JVM is killed in the middle of a concurrent import; its PostgreSQL outlives it (an orphan child)
        Server first = start(files, 1);
        importKilling(first, KILL_AFTER, false);
        Server second = start(files, 2);
        assertConsistent(second);

        // 2. the rest, killed again, now with its PostgreSQL (as a container kill or a power loss does): recovery from the WAL
        importKilling(second, KILL_AFTER, true);
        Server third = start(files, 3);
        assertConsistent(third);

        // 3. the rest, to the end
        Map<Integer, Seen> last = submitConcurrently(third, remaining(), Integer.MAX_VALUE, false);
        assertThat(last.values()).as("the rest is stored").allMatch(s -> s == Seen.CONFIRMED || s == Seen.CONFLICT);
        record(last);
        assertThat(stored).hasSize(sds.size());
        List<JsonObject> everything = assertConsistent(third);
        assertThat(everything).hasSize(sds.size());
        assertThat(everything).allMatch(o -> o.getString("status").equals("active"));
    }

    /** Submits what is not stored yet concurrently and kills the server when {@code killAfter} more were confirmed. */
    void importKilling(Server server, int killAfter, boolean withDatabase) throws Exception {
        Map<Integer, Seen> seen = submitConcurrently(server, remaining(), killAfter, withDatabase);
        assertThat(seen.values()).as("nothing is rejected").doesNotContain(Seen.REJECTED);
        assertThat(seen.values()).as("the kill came before the end of the import").contains(Seen.IN_FLIGHT);
        record(seen);
        System.out.printf("Crash test, kill %s: %d of %d stored, %d unknown%n", withDatabase ? "with PostgreSQL" : "of the JVM",
                stored.size(), sds.size(), unknown.size());
    }

    /** Every submission not known to be stored, in order. */
    List<Integer> remaining() {
        return java.util.stream.IntStream.range(0, sds.size()).filter(i -> !stored.contains(i)).boxed().toList();
    }

    void record(Map<Integer, Seen> seen) {
        seen.forEach((i, s) -> {
            switch (s) {
                case CONFIRMED -> {
                    stored.add(i);
                    unknown.remove(i);
                }
                case CONFLICT -> {
                    assertThat(unknown).as("409 only for a submission whose answer a kill lost").contains(i);
                    stored.add(i);
                    unknown.remove(i);
                }
                case IN_FLIGHT -> unknown.add(i);
                case REJECTED -> fail("submission " + i + " was rejected");
            }
        });
    }

    /**
     * Several clients submit the given self-descriptions; after {@code killAfter} confirmations the server is killed
     * with SIGKILL (and its PostgreSQL too, if {@code withDatabase}); what each client saw.
     */
    Map<Integer, Seen> submitConcurrently(Server server, List<Integer> which, int killAfter, boolean withDatabase) throws Exception {
        Map<Integer, Seen> seen = new ConcurrentHashMap<>();
        CountDownLatch confirmedEnough = new CountDownLatch(Math.min(killAfter, which.size()));
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        for (int c = 0; c < CLIENTS; c++) {
            pool.execute(() -> {
                int n;
                while ((n = next.getAndIncrement()) < which.size()) {
                    int i = which.get(n);
                    seen.put(i, Seen.IN_FLIGHT);
                    try {
                        int status = submit(server.port, sds.get(i)).statusCode();
                        Seen outcome = status == 201 ? Seen.CONFIRMED : status == 409 ? Seen.CONFLICT : Seen.REJECTED;
                        if (outcome != Seen.CONFIRMED && server.killed) {
                            continue; // an answer from a dying server (its database went first): stays IN_FLIGHT
                        }
                        seen.put(i, outcome);
                        if (outcome == Seen.CONFIRMED) {
                            confirmedEnough.countDown();
                        }
                    } catch (IOException e) {
                        return; // the server is gone: this submission stays IN_FLIGHT
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
            });
        }
        pool.shutdown();
        if (killAfter < Integer.MAX_VALUE) {
            assertThat(confirmedEnough.await(10, TimeUnit.MINUTES)).as("%d submissions confirmed; server log:%n%s", killAfter, server.log()).isTrue();
            server.kill(data, withDatabase);
        }
        assertThat(pool.awaitTermination(10, TimeUnit.MINUTES)).isTrue();
        return seen;
    }

    /**
     * After a restart: every confirmed submission is in PostgreSQL, nothing else but submissions whose answer was lost,
     * each hash once, one active version per subject; once the projector caught up, the graph holds exactly the stored
     * ones; the event log has no gap.
     */
    List<JsonObject> assertConsistent(Server server) throws Exception {
        List<JsonObject> all = all(server.port);
        Set<String> inPostgres = all.stream().map(o -> o.getString("sdHash")).collect(Collectors.toSet());
        assertThat(inPostgres).as("confirmed submissions in PostgreSQL").containsAll(stored.stream().map(hashes::get).toList());
        Set<String> possible = new HashSet<>();
        stored.forEach(i -> possible.add(hashes.get(i)));
        unknown.forEach(i -> possible.add(hashes.get(i)));
        assertThat(possible).as("only what was confirmed or lost in a kill is stored").containsAll(inPostgres);
        assertNothingDuplicated(all);

        long lastEvent = awaitGraph(server.port);
        assertThat(graphHashes(server.port)).as("self-description graphs with their metadata").isEqualTo(inPostgres);
        assertGapFreeEventLog(lastEvent, inPostgres.size());
        return all;
    }

    // ------------------------------------------------------------------------------------------------ checks

    static void assertNothingDuplicated(List<JsonObject> stored) {
        List<String> hashes = stored.stream().map(o -> o.getString("sdHash")).toList();
        assertThat(new HashSet<>(hashes)).as("each hash once").hasSize(hashes.size());
        Map<String, Long> activePerSubject = stored.stream().filter(o -> o.getString("status").equals("active"))
                .collect(Collectors.groupingBy(o -> o.getString("id"), Collectors.counting()));
        assertThat(activePerSubject.values()).as("one active version per subject").allMatch(n -> n == 1);
    }

    /** Reads the event log in the server's PostgreSQL: 1..last without a gap, one 'stored' event per self-description. */
    void assertGapFreeEventLog(long lastEvent, int selfDescriptions) throws Exception {
        try (Connection c = database(); Statement s = c.createStatement()) {
            ResultSet rs = s.executeQuery("SELECT count(*), min(sequence), max(sequence), count(DISTINCT sequence), "
                    + "(SELECT last FROM catalogue_event_sequence) FROM catalogue_events");
            rs.next();
            assertThat(rs.getLong(1)).as("events").isEqualTo(lastEvent);
            assertThat(rs.getLong(2)).as("first event").isEqualTo(1);
            assertThat(rs.getLong(3)).as("last event").isEqualTo(lastEvent);
            assertThat(rs.getLong(4)).as("distinct sequence numbers").isEqualTo(lastEvent);
            assertThat(rs.getLong(5)).as("the sequence counter").isEqualTo(lastEvent);
            rs = s.executeQuery("SELECT count(*), count(DISTINCT sd_hash), "
                    + "count(*) FILTER (WHERE sd_hash NOT IN (SELECT sd_hash FROM catalogue_self_descriptions)) "
                    + "FROM catalogue_events WHERE type = 'stored'");
            rs.next();
            assertThat(rs.getLong(1)).as("'stored' events").isEqualTo(selfDescriptions);
            assertThat(rs.getLong(2)).as("'stored' events of distinct self-descriptions").isEqualTo(selfDescriptions);
            assertThat(rs.getLong(3)).as("'stored' events of nothing").isZero();
        }
    }

    /** The running server's embedded PostgreSQL: port from its lock file, password from the data directory. */
    Connection database() throws Exception {
        List<String> pid = Files.readAllLines(data.resolve("postgres/postmaster.pid"));
        String password = Files.readString(data.resolve("postgres.password")).strip();
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + pid.get(3).strip() + "/federator", "federator", password);
    }

    /** Every self-description, any status (metadata). */
    List<JsonObject> all(int port) throws Exception {
        HttpResponse<String> r = get(port, "/self-descriptions?statuses=active,deprecated,revoked,eol&limit=1000");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonObject page = json(r.body());
        List<JsonObject> items = page.getJsonArray("items").getValuesAs(JsonObject.class).stream().map(i -> i.getJsonObject("meta")).toList();
        assertThat(items).hasSize(page.getInt("totalCount"));
        return items;
    }

    /** Polls {@code /admin/graph} until the projection has caught up; the last event. */
    long awaitGraph(int port) throws Exception {
        Instant deadline = Instant.now().plus(CATCH_UP_DEADLINE);
        JsonObject state;
        do {
            HttpResponse<String> r = get(port, "/admin/graph");
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            state = json(r.body());
            if (state.getJsonNumber("lag").longValue() == 0) {
                return state.getJsonNumber("lastEvent").longValue();
            }
            Thread.sleep(200);
        } while (Instant.now().isBefore(deadline));
        return fail("the graph did not catch up: " + state);
    }

    /** Hashes of the self-descriptions whose claims graph and metadata are in the graph (POST /query). */
    Set<String> graphHashes(int port) throws Exception {
        String query = """
                PREFIX fc: <urn:federator:catalogue:>
                SELECT ?hash (COUNT(DISTINCT ?g) AS ?graphs) WHERE {
                  GRAPH <urn:federator:catalogue:metadata> { ?g fc:hash ?hash ; fc:status "active" }
                  FILTER EXISTS { GRAPH ?g { ?s ?p ?o } }
                } GROUP BY ?hash LIMIT 1000""";
        HttpResponse<String> r = client.send(request(port, "/query?withTotalCount=false").header("Content-Type", "application/sparql-query")
                .header("Accept", "application/json").POST(HttpRequest.BodyPublishers.ofString(query)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        Set<String> hashes = new HashSet<>();
        for (JsonValue v : json(r.body()).getJsonArray("items")) {
            JsonObject row = v.asJsonObject();
            assertThat(Long.parseLong(text(row.get("graphs")))).as("graphs with hash %s", row.get("hash")).isEqualTo(1);
            assertThat(hashes.add(text(row.get("hash")))).isTrue();
        }
        return hashes;
    }

    private static String text(JsonValue v) {
        return v instanceof jakarta.json.JsonString s ? s.getString() : v.toString();
    }

    // ------------------------------------------------------------------------------------------------ the server process

    static final class Server {
        final Process process;
        final int port;
        final Path logFile;
        volatile boolean killed;

        Server(Process process, int port, Path logFile) {
            this.process = process;
            this.port = port;
            this.logFile = logFile;
        }

        /**
         * SIGKILL: no shutdown hook, no graceful close of the graph or the database. With the database, every process of
         * its PostgreSQL is killed at the same moment (else PostgreSQL outlives the JVM as an orphan).
         */
        void kill(Path data, boolean withDatabase) throws Exception {
            killed = true;
            List<ProcessHandle> postgres = new ArrayList<>();
            if (withDatabase) {
                long pid = Long.parseLong(Files.readAllLines(data.resolve("postgres/postmaster.pid")).getFirst().strip());
                ProcessHandle.of(pid).ifPresent(postmaster -> {
                    postgres.add(postmaster);
                    postmaster.descendants().forEach(postgres::add);
                });
                assertThat(postgres).as("the running PostgreSQL").isNotEmpty();
            }
            process.destroyForcibly();
            postgres.forEach(ProcessHandle::destroyForcibly);
            assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();
            for (ProcessHandle p : postgres) {
                p.onExit().get(2, TimeUnit.MINUTES);
            }
        }

        String log() {
            try {
                List<String> lines = Files.readAllLines(logFile, StandardCharsets.UTF_8);
                return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
            } catch (IOException e) {
                return "(no log: " + e + ")";
            }
        }
    }

    /** {@code federator serve} in a new JVM with this test's class path; returns when it is ready. */
    Server start(SelfDescriptionFiles files, int n) throws Exception {
        int port = freePort();
        Path log = root.resolve("server-" + n + ".log");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(java, "-Xmx1g", "-cp", System.getProperty("java.class.path"),
                "eu.federator.server.cli.FederatorCommand", "serve", "--port", Integer.toString(port), "--data-dir", data.toString(),
                "--web-mirror", files.world.mirror.toString(), "--trust-anchors", files.world.anchors.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("FEDERATOR_ADMIN_TOKEN", TOKEN);
        Process process = builder.start();
        servers.add(process);
        Server server = new Server(process, port, log);
        Instant deadline = Instant.now().plus(START_DEADLINE);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                fail("server " + n + " exited with " + process.exitValue() + ":\n" + server.log());
            }
            try {
                if (get(port, "/actuator/health/readiness").statusCode() == 200) {
                    return server;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        return fail("server " + n + " was not ready within " + START_DEADLINE + ":\n" + server.log());
    }

    @AfterEach
    void stopServers() throws Exception {
        for (Process p : servers) {
            if (p.isAlive()) {
                p.destroy(); // SIGTERM: Spring closes the graph and stops PostgreSQL
                if (!p.waitFor(2, TimeUnit.MINUTES)) {
                    p.destroyForcibly();
                }
            }
        }
        // a killed server that was not restarted (a failed test) leaves its PostgreSQL running: stop it
        Path pidFile = data.resolve("postgres/postmaster.pid");
        if (Files.isRegularFile(pidFile)) {
            Optional<ProcessHandle> postgres = ProcessHandle.of(Long.parseLong(Files.readAllLines(pidFile).getFirst().strip()));
            postgres.filter(h -> h.info().command().orElse("").endsWith("/postgres")).ifPresent(h -> {
                h.destroy();
                h.onExit().orTimeout(60, TimeUnit.SECONDS).exceptionally(t -> null).join();
            });
        }
    }

    // ------------------------------------------------------------------------------------------------ HTTP

    HttpRequest.Builder request(int port, String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofMinutes(2))
                .header("Authorization", "Bearer " + TOKEN);
    }

    HttpResponse<String> submit(int port, String jwt) throws IOException, InterruptedException {
        return client.send(request(port, "/self-descriptions").header("Content-Type", "application/vp+jwt")
                .POST(HttpRequest.BodyPublishers.ofString(jwt, StandardCharsets.US_ASCII)).build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> get(int port, String path) throws IOException, InterruptedException {
        return client.send(request(port, path).header("Accept", "application/json").GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    static JsonObject json(String body) {
        try (var reader = Json.createReader(new StringReader(body))) {
            return reader.readObject();
        }
    }

    static Set<Integer> indexes(Map<Integer, Seen> seen, Seen which) {
        return seen.entrySet().stream().filter(e -> e.getValue() == which).map(Map.Entry::getKey).collect(Collectors.toSet());
    }

    static String sha256(String content) throws Exception {
        return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(content.getBytes(StandardCharsets.US_ASCII)));
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
