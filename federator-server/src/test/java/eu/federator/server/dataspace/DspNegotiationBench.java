package eu.federator.server.dataspace;

import eu.federator.credentials.json.Json;
import eu.federator.server.dataspace.DataspaceLoopbackTest.Server;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Negotiations to FINALIZED between two Federators on loopback (docs/benchmarks.md, "DSP negotiations"): sequential
 * latency, then 16 concurrent workers negotiating back to back. Latency is the client's, from {@code POST
 * /dataspace/negotiations} on the consumer until its negotiation reads FINALIZED: polled every 25 ms, as the EDC measurement's client
 * does, or with {@code -Dbench.follow=wait} one GET that waits for it ({@code ?until=FINALIZED}, {@code Prefer: wait=30}). Not a unit test
 * (no *Test name): run it by name,
 * {@code ./mvnw -o -q verify -pl federator-server -am -Djazzer.skip -Dtest=DspNegotiationBench -Dsurefire.failIfNoSpecifiedTests=false}
 * with {@code -Dbench.sequential=200 -Dbench.seconds=30 -Dbench.workers=16 -Dbench.rounds=3} (rounds of the concurrent
 * phase, for a median on a noisy machine) and optionally {@code -Dbench.keyType=ec-p256} (the
 * identity key of both servers; default RSA, whose signatures cost most of the CPU here).
 */
class DspNegotiationBench {
    /** How often the client asks for the negotiation's state; 25 ms as the EDC measurement's client. */
    static final long POLL_MILLIS = Long.getLong("bench.pollMillis", 25);
    /** "poll" (as EDC's client) or "wait" (the management API holds the GET until the state is reached). */
    static final boolean WAIT = "wait".equals(System.getProperty("bench.follow", "poll"));

    @Test
    void negotiations() throws Exception {
        int sequential = Integer.getInteger("bench.sequential", 100);
        int seconds = Integer.getInteger("bench.seconds", 30);
        int workers = Integer.getInteger("bench.workers", 16);
        String keyType = System.getProperty("bench.keyType");
        DataspaceLoopbackTest.start(keyType == null ? new String[0] : new String[]{"--federator.identity.key-type=" + keyType});
        try {
            JsonObject dataset = DataspaceLoopbackTest.dataset();
            for (int i = 0; i < 20; i++) {
                negotiateTimed(dataset);
            }
            List<Long> seq = new ArrayList<>();
            for (int i = 0; i < sequential; i++) {
                seq.add(negotiateTimed(dataset));
            }
            report("sequential", seq, 0);

            int rounds = Integer.getInteger("bench.rounds", 1);
            List<Double> rates = new ArrayList<>();
            int terminated = 0;
            for (int round = 1; round <= rounds; round++) {
                Concurrent c = concurrent(dataset, workers, seconds);
                rates.add(c.rate());
                terminated += c.terminated();
            }
            if (rounds > 1) {
                List<Double> sorted = rates.stream().sorted().toList();
                System.out.printf("BENCH %d rounds of %d concurrent: median %.1f FINALIZED/s (%.1f–%.1f)%n", rounds, workers,
                        sorted.get(sorted.size() / 2), sorted.getFirst(), sorted.getLast());
            }
            assertThat(terminated).isZero();
        } finally {
            DataspaceLoopbackTest.stop();
        }
    }

    record Concurrent(double rate, int terminated) {
    }

    /** {@code workers} clients negotiating back to back for {@code seconds}; prints latency, rate and CPU per negotiation. */
    static Concurrent concurrent(JsonObject dataset, int workers, int seconds) throws Exception {
        List<Long> conc = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger terminated = new AtomicInteger();
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        long began = System.nanoTime();
        long[] dbBefore = databaseCounters();
        long jvmCpuBefore = jvmCpuNanos();
        long[] machineBefore = machineCpuTicks();
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        List<Future<?>> done = new ArrayList<>();
        for (int w = 0; w < workers; w++) {
            done.add(pool.submit(() -> {
                while (System.nanoTime() < end) {
                    long t = negotiateTimed(dataset);
                    if (t < 0) {
                        terminated.incrementAndGet();
                    } else {
                        conc.add(t);
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        pool.shutdown();
        double elapsed = (System.nanoTime() - began) / 1e9;
        long jvmCpu = jvmCpuNanos() - jvmCpuBefore;
        long[] machineAfter = machineCpuTicks();
        long[] dbAfter = databaseCounters();
        report(workers + " concurrent", conc, terminated.get());
        double rate = conc.size() / elapsed;
        System.out.printf("BENCH %d concurrent: %.1f FINALIZED/s over %.1f s%n", workers, rate, elapsed);
        // CPU per negotiation is steadier than the rate on a shared machine: it does not count the time others took
        System.out.printf("BENCH CPU per negotiation: JVM (both servers and the client) %.1f ms; machine busy %.1f ms of which"
                        + " outside this JVM (PostgreSQL, kernel) %.1f ms; machine %.0f %% busy%n",
                jvmCpu / 1e6 / conc.size(), machineBusyMillis(machineBefore, machineAfter) / conc.size(),
                (machineBusyMillis(machineBefore, machineAfter) - jvmCpu / 1e6) / conc.size(),
                100.0 * (machineAfter[0] - machineBefore[0]) / Math.max(1, machineAfter[1] - machineBefore[1]));
        System.out.printf("BENCH database work per negotiation, both servers: %.1f commits, %.1f rows inserted, %.1f updated, %.1f deleted,"
                        + " %.1f rows read%n", (dbAfter[0] - dbBefore[0]) / (double) conc.size(), (dbAfter[1] - dbBefore[1]) / (double) conc.size(),
                (dbAfter[2] - dbBefore[2]) / (double) conc.size(), (dbAfter[3] - dbBefore[3]) / (double) conc.size(),
                (dbAfter[4] - dbBefore[4]) / (double) conc.size());
        return new Concurrent(rate, terminated.get());
    }

    /** Commits and rows inserted, updated, deleted and fetched in both servers' databases (PostgreSQL's statistics). */
    private static long[] databaseCounters() {
        long[] sum = new long[5];
        for (Server s : new Server[]{DataspaceLoopbackTest.consumer, DataspaceLoopbackTest.provider}) {
            try (var c = s.context.getBean(javax.sql.DataSource.class).getConnection(); var st = c.createStatement()) {
                st.execute("select pg_stat_force_next_flush()");
                try (var rs = st.executeQuery("select xact_commit, tup_inserted, tup_updated, tup_deleted, tup_fetched from pg_stat_database"
                        + " where datname = current_database()")) {
                    rs.next();
                    for (int i = 0; i < 5; i++) {
                        sum[i] += rs.getLong(i + 1);
                    }
                }
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException(e);
            }
        }
        return sum;
    }

    /** Milliseconds to FINALIZED, or -1 when the negotiation ended otherwise. */
    static long negotiateTimed(JsonObject dataset) throws Exception {
        Server consumer = DataspaceLoopbackTest.consumer;
        Server provider = DataspaceLoopbackTest.provider;
        JsonObject offer = dataset.getJsonArray("hasPolicy").getJsonObject(0);
        String body = Json.write(Json.provider().createObjectBuilder().add("counterPartyAddress", provider.dsp())
                .add("counterPartyId", provider.did()).add("datasetId", dataset.getString("@id")).add("offer", offer).build());
        long start = System.nanoTime();
        HttpResponse<String> r = consumer.admin().post("/dataspace/negotiations", "application/json", body.getBytes(StandardCharsets.UTF_8));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        String id = eu.federator.server.Http.json(r).getString("id");
        while (true) {
            HttpResponse<String> g = WAIT
                    ? consumer.admin().send(consumer.admin().request("/dataspace/negotiations/" + id + "?until=FINALIZED")
                    .header("Prefer", "wait=30").GET().build())
                    : consumer.admin().get("/dataspace/negotiations/" + id);
            String state = eu.federator.server.Http.json(g).getString("state");
            if ("FINALIZED".equals(state)) {
                return (System.nanoTime() - start) / 1_000_000;
            }
            if ("TERMINATED".equals(state)) {
                return -1;
            }
            if (System.nanoTime() - start > 60_000_000_000L) {
                throw new IllegalStateException("negotiation " + id + " did not end in 60 s: " + g.body());
            }
            if (!WAIT) {
                Thread.sleep(POLL_MILLIS);
            }
        }
    }

    private static long jvmCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /** Busy and total jiffies of all cores from Linux's /proc/stat ({0, 0} elsewhere). */
    private static long[] machineCpuTicks() {
        try {
            String[] f = java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/stat")).getFirst().trim().split("\\s+");
            long total = 0;
            for (int i = 1; i < f.length; i++) {
                total += Long.parseLong(f[i]);
            }
            long idle = Long.parseLong(f[4]) + Long.parseLong(f[5]);
            return new long[]{total - idle, total};
        } catch (java.io.IOException | RuntimeException e) {
            return new long[]{0, 0};
        }
    }

    private static double machineBusyMillis(long[] before, long[] after) {
        return (after[0] - before[0]) * 10.0; // USER_HZ is 100 on Linux
    }

    static void report(String what, List<Long> millis, int terminated) {
        List<Long> sorted = new ArrayList<>(millis);
        Collections.sort(sorted);
        System.out.printf("BENCH %s: n=%d p50=%d ms p90=%d ms p99=%d ms max=%d ms terminated=%d%n", what, sorted.size(),
                pct(sorted, 50), pct(sorted, 90), pct(sorted, 99), sorted.getLast(), terminated);
    }

    static long pct(List<Long> sorted, int p) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }
}
