package eu.federator.bench.catalogue;

import eu.federator.bench.catalogue.Measurements.Sampler;
import eu.federator.bench.catalogue.Measurements.Samples;
import eu.federator.catalogue.Catalogue;
import eu.federator.catalogue.graph.Tdb2GraphStore;
import eu.federator.catalogue.graph.Vocabulary;
import eu.federator.catalogue.ingest.IngestException;
import eu.federator.catalogue.ingest.IngestPipeline;
import eu.federator.catalogue.ingest.IngestSettings;
import eu.federator.catalogue.projection.GraphProjector;
import eu.federator.catalogue.query.QueryOutcome;
import eu.federator.catalogue.query.QuerySettings;
import eu.federator.catalogue.query.SparqlQueries;
import eu.federator.catalogue.sd.Lifecycle;
import eu.federator.catalogue.sd.SdKind;
import eu.federator.catalogue.sd.SdSearch;
import com.nimbusds.jose.jwk.JWK;
import eu.federator.credentials.json.Json;
import eu.federator.credentials.net.WebMirror;
import eu.federator.credentials.proof.JwsAlgorithms;
import eu.federator.credentials.proof.jose.CompactJws;
import eu.federator.credentials.trust.CertificateTrust;
import eu.federator.credentials.trust.TrustAnchors;
import eu.federator.credentials.verify.VerificationOptions;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.apache.jena.dboe.base.file.Location;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.query.QueryFactory;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.tdb2.DatabaseMgr;
import org.apache.jena.tdb2.loader.DataLoader;
import org.apache.jena.tdb2.loader.LoaderFactory;
import org.apache.jena.tdb2.sys.TDBInternal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The catalogue end to end, on generated Loire presentations ({@link CatalogueGenerator}) and the real components
 * ({@link CatalogueEnvironment}). Not a JMH benchmark: ingesting 100,000 self-descriptions is one long measurement, not
 * an operation to repeat. Commands (run from the checkout root; see {@code federator-bench/catalogue-bench.sh}):
 * <pre>
 *   generate --data DIR --sds N [--providers 100] [--seed 1]
 *   ingest   --data DIR --work DIR --threads T [--sample 500] [--revoke-every 10]   (WORK must not exist)
 *            [--session-sql 'SET synchronous_commit = off']   diagnosis only: SQL run on every new connection
 *   rebuild  --work DIR                    graph rebuild, raw TDB2 load of the same quads, projector catch-up, then
 *                                          compaction of the catalogue's own graph (changes it: run query first)
 *   query    --work DIR [--calls 300] [--only PREFIX]   SPARQL q1–q5 and full-text search latency, sizes, heap
 *                                          (--only search: the probes whose name starts with "search")
 * </pre>
 */
public final class CatalogueBench {
    private static final String GX = "https://w3id.org/gaia-x/development#";
    private static final String PREFIXES = "PREFIX gx: <" + GX + ">\nPREFIX schema: <https://schema.org/>\nPREFIX fc: <" + Vocabulary.NS + ">\n";

    /** The ingest stops when less than this is free on the work directory's disk. */
    private static final long MIN_FREE_DISK = 15L << 30;

    private CatalogueBench() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            usage("no command");
        }
        Map<String, String> o = options(args);
        switch (args[0]) {
            case "generate" -> CatalogueGenerator.generate(path(o, "data"), integer(o, "sds", -1), integer(o, "providers", 100),
                    Long.parseLong(o.getOrDefault("seed", "1")));
            case "ingest" -> ingest(path(o, "data"), path(o, "work"), integer(o, "threads", 2), integer(o, "sample", 500),
                    integer(o, "revoke-every", 10), o.get("session-sql"));
            case "rebuild" -> rebuild(path(o, "work"));
            case "query" -> query(path(o, "work"), integer(o, "calls", 300), Long.parseLong(o.getOrDefault("seed", "42")),
                    o.getOrDefault("only", ""));
            default -> usage("unknown command " + args[0]);
        }
        System.exit(0);
    }

    private static void usage(String problem) {
        System.err.println(problem + "\nusage: CatalogueBench generate --data DIR --sds N [--providers K] [--seed S]\n"
                + "       CatalogueBench ingest --data DIR --work DIR --threads T [--sample S] [--revoke-every R]\n"
                + "       CatalogueBench rebuild --work DIR\n"
                + "       CatalogueBench query --work DIR [--calls C] [--only PREFIX]");
        System.exit(2);
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> o = new HashMap<>();
        for (int i = 1; i < args.length; i += 2) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                usage("expected --option value at " + args[i]);
            }
            o.put(args[i].substring(2), args[i + 1]);
        }
        return o;
    }

    private static Path path(Map<String, String> o, String name) {
        String v = o.get(name);
        if (v == null) {
            usage("--" + name + " is required");
        }
        return Path.of(v).toAbsolutePath().normalize();
    }

    private static int integer(Map<String, String> o, String name, int fallback) {
        String v = o.get(name);
        if (v == null && fallback < 0) {
            usage("--" + name + " is required");
        }
        return v == null ? fallback : Integer.parseInt(v.replace("_", "").replace(",", ""));
    }

    private static Properties manifest(Path dir) throws IOException {
        Properties p = new Properties();
        try (var r = Files.newBufferedReader(dir.resolve(CatalogueGenerator.MANIFEST))) {
            p.load(r);
        }
        return p;
    }

    private static void header(String phase, Path work) {
        System.out.printf("%n=== %s  %s  (nproc %d, JDK %s, max heap %s, load %.2f, %s)%n", phase, work,
                Runtime.getRuntime().availableProcessors(), Runtime.version(), Measurements.mib(Runtime.getRuntime().maxMemory()),
                Measurements.loadAverage(), Instant.now());
    }

    // ================================================================================================ ingest

    private static void ingest(Path data, Path work, int threads, int sampleSize, int revokeEvery, String sessionSql) throws Exception {
        if (Files.exists(work)) {
            throw new IllegalArgumentException(work + " exists: ingest measures an empty catalogue, give it a new work directory");
        }
        Properties manifest = manifest(data);
        int sds = Integer.parseInt(manifest.getProperty("sds"));
        header("ingest " + sds + " offerings, " + threads + " threads", work);
        long startup = System.nanoTime();
        if (sessionSql != null) {
            System.out.println("DIAGNOSTIC RUN, not the server's configuration: every PostgreSQL session runs " + sessionSql);
        }
        try (CatalogueEnvironment env = CatalogueEnvironment.open(data, work, true, sessionSql)) {
            Files.copy(data.resolve(CatalogueGenerator.MANIFEST), work.resolve(CatalogueGenerator.MANIFEST));
            Catalogue catalogue = env.catalogue;
            env.schemas.current(); // compile the shapes as the server's first submission would
            System.out.printf("startup (PostgreSQL, migrations, default schemas, shapes compiled): %.1f s%n", (System.nanoTime() - startup) / 1e9);

            control(env, data);
            // participants: the providers register first, as on a real catalogue
            List<String> participants = Files.readAllLines(data.resolve(CatalogueGenerator.PARTICIPANTS), StandardCharsets.US_ASCII);
            long t = System.nanoTime();
            for (String vp : participants) {
                catalogue.registerParticipant(catalogue.verifyParticipant(vp.getBytes(StandardCharsets.US_ASCII), CatalogueGenerator.MEDIA_TYPE));
            }
            System.out.printf("participants: %d registered in %.1f s (first calls: cold JIT and caches)%n", participants.size(), (System.nanoTime() - t) / 1e9);

            String[] hashes = new String[sds];
            try (BufferedReader reader = Files.newBufferedReader(data.resolve(CatalogueGenerator.OFFERINGS), StandardCharsets.US_ASCII)) {
                List<byte[]> sample = new ArrayList<>();
                for (int i = 0; i < Math.min(sampleSize, sds); i++) {
                    sample.add(reader.readLine().getBytes(StandardCharsets.US_ASCII));
                }
                breakdown(env, sample, hashes);
                if (!sample.isEmpty()) {
                    parts(env, data, sample.getFirst());
                }
                run(env, reader, sample.size(), sds, threads, revokeEvery, hashes);
            }
            if (revokeEvery > 0) {
                revoke(env, hashes, revokeEvery);
            }
            sizes(env);
        }
    }

    /** The generated presentation that breaks the 25.11 shapes must be refused for them: else SHACL is not on. */
    private static void control(CatalogueEnvironment env, Path data) throws IOException {
        byte[] vp = Files.readAllBytes(data.resolve(CatalogueGenerator.CONTROL));
        try {
            env.catalogue.verify(vp, CatalogueGenerator.MEDIA_TYPE, env.catalogue.settings());
        } catch (IngestException e) {
            if (e.reason() != IngestException.Reason.SCHEMA) {
                throw new IllegalStateException("the control presentation was refused, but not by SHACL: " + e.getMessage(), e);
            }
            System.out.println("control: the non-conforming offering is refused by SHACL (" + e.problems().size() + " problems), as it must be");
            return;
        }
        throw new IllegalStateException("the non-conforming control presentation was accepted: SHACL validation is not on");
    }

    /**
     * One thread, on the first {@code sample} presentations: 20 s of warm-up, then per presentation
     * the verifier alone, the pipeline without SHACL and the whole pipeline, then the store of what was accepted. The
     * differences of the medians are where the time goes (no profiler).
     */
    private static void breakdown(CatalogueEnvironment env, List<byte[]> sample, String[] hashes) {
        IngestSettings all = env.catalogue.settings();
        IngestSettings noShacl = all.withSchemaValidation(false);
        IngestPipeline pipeline = env.pipeline;
        // warm-up: at least 20 s of whole-pipeline analyses, so that the measured pass runs compiled code
        long warm = System.nanoTime();
        int passes = 0;
        while (passes == 0 || System.nanoTime() - warm < 20_000_000_000L) {
            for (byte[] vp : sample) {
                pipeline.analyse(vp, CatalogueGenerator.MEDIA_TYPE, all, Instant.now(), null);
                pipeline.analyse(vp, CatalogueGenerator.MEDIA_TYPE, noShacl, Instant.now(), null);
            }
            passes++;
        }
        Samples unsigned = new Samples();
        Samples verify = new Samples();
        Samples withoutShacl = new Samples();
        Samples whole = new Samples();
        Samples store = new Samples();
        List<IngestPipeline.Accepted> accepted = new ArrayList<>();
        for (byte[] vp : sample) {
            long z = System.nanoTime();
            env.verifier.verify(vp, new VerificationOptions(Instant.now(), true, false, false));
            long a = System.nanoTime();
            var result = env.verifier.verify(vp, new VerificationOptions(Instant.now(), true, true, true));
            long b = System.nanoTime();
            pipeline.analyse(vp, CatalogueGenerator.MEDIA_TYPE, noShacl, Instant.now(), null);
            long c = System.nanoTime();
            accepted.add(pipeline.analyse(vp, CatalogueGenerator.MEDIA_TYPE, all, Instant.now(), null));
            long d = System.nanoTime();
            if (!result.valid()) {
                throw new IllegalStateException("the generated presentation does not verify: " + result.failures());
            }
            unsigned.add(a - z);
            verify.add(b - a);
            withoutShacl.add(c - b);
            whole.add(d - c);
        }
        for (int i = 0; i < accepted.size(); i++) {
            long a = System.nanoTime();
            Catalogue.Submitted s = env.catalogue.store(accepted.get(i));
            store.add(System.nanoTime() - a);
            hashes[i] = s.sd().hash();
        }
        if (verify.size() == 0) {
            return;
        }
        double u = unsigned.quantileMs(0.5);
        double v = verify.quantileMs(0.5);
        double r = withoutShacl.quantileMs(0.5);
        double w = whole.quantileMs(0.5);
        double st = store.quantileMs(0.5);
        System.out.printf("%nbreakdown, one thread, %d offering presentations (medians; p95 in brackets):%n", sample.size());
        System.out.printf("  verify without signatures (JWT decoding, VC data model, contexts, validity) %s ms%n", Measurements.ms(u));
        System.out.printf("  + 5 ES256 signatures with DID, key binding and x5u chain (PKIX) checks     %s ms%n", Measurements.ms(v - u));
        System.out.printf("  = verify (CredentialVerifier, every check)                              %s ms  [%s]%n", Measurements.ms(v), Measurements.ms(verify.quantileMs(0.95)));
        System.out.printf("  + subjects to RDF, classify, compose (pipeline without SHACL - verify) %s ms%n", Measurements.ms(r - v));
        System.out.printf("  + SHACL, 22.10 + 25.11 shapes (whole pipeline - pipeline without SHACL) %s ms%n", Measurements.ms(w - r));
        System.out.printf("  = analyse (whole pipeline)                                              %s ms  [%s]%n", Measurements.ms(w), Measurements.ms(whole.quantileMs(0.95)));
        System.out.printf("  store (PostgreSQL transaction + projector wake-up)                      %s ms  [%s]%n", Measurements.ms(st), Measurements.ms(store.quantileMs(0.95)));
        System.out.printf("  => one thread could do about %.0f SD/s (analyse + store)%n", 1000.0 / (w + st));
    }

    /**
     * The parts of one presentation's verification and RDF reading in isolation (one thread, warm, medians over 2,000
     * calls): what a signature, a certificate chain check, a DID lookup and a subject's JSON-LD → RDF each cost.
     */
    private static void parts(CatalogueEnvironment env, Path data, byte[] sample) throws Exception {
        CompactJws vp = CompactJws.parse(new String(sample, StandardCharsets.US_ASCII));
        List<CompactJws> jws = new ArrayList<>(List.of(vp));
        for (JsonValue entry : vp.payload().getJsonArray("verifiableCredential")) {
            String id = ((JsonObject) entry).getString("id");
            jws.add(CompactJws.parse(id.substring(id.indexOf(',') + 1)));
        }
        CertificateTrust certificates = new CertificateTrust(TrustAnchors.fromPem(data.resolve("anchors.pem")),
                new WebMirror(data.resolve("web")), Duration.ofMinutes(10));
        List<JWK> keys = new ArrayList<>();
        for (CompactJws j : jws) {
            String kid = j.kid();
            keys.add(env.verifier.dids().resolve(kid.substring(0, kid.indexOf('#'))).method(kid).orElseThrow().publicKey());
        }
        JsonObject offering = jws.getLast().payload();
        JsonObject subjectDocument = Json.provider().createObjectBuilder().add("@context", offering.get("@context"))
                .add("@graph", Json.provider().createArrayBuilder().add(offering.get("credentialSubject"))).build();
        Instant now = Instant.now();
        String nquads = env.verifier.linkedData().canonicalize(subjectDocument);
        Map<String, Supplier<Object>> parts = new java.util.LinkedHashMap<>();
        parts.put("ES256 signature check (JwsAlgorithms.verify, key from the DID document)", () -> {
            try {
                return JwsAlgorithms.verify("ES256", keys.get(1), jws.get(1).signingInput(), jws.get(1).signature());
            } catch (java.security.GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        });
        parts.put("x5u chain check (CertificateTrust.check: key match, validity, PKIX to the root; chain cached)",
                () -> certificates.check(keys.get(1), now));
        String did = jws.get(1).kid().substring(0, jws.get(1).kid().indexOf('#'));
        parts.put("DID document from the resolver's cache", () -> {
            try {
                return env.verifier.dids().resolve(did);
            } catch (eu.federator.credentials.did.DidResolutionException e) {
                throw new IllegalStateException(e);
            }
        });
        parts.put("offering subject JSON-LD -> canonical N-Quads (LinkedData.canonicalize, as IngestPipeline.toRdf)", () -> {
            try {
                return env.verifier.linkedData().canonicalize(subjectDocument);
            } catch (eu.federator.credentials.jsonld.LinkedDataException e) {
                throw new IllegalStateException(e);
            }
        });
        parts.put("N-Quads -> Jena graph (RDFParser, as IngestPipeline.toRdf)", () -> {
            org.apache.jena.graph.Graph g = org.apache.jena.sparql.graph.GraphFactory.createDefaultGraph();
            org.apache.jena.riot.RDFParser.fromString(nquads, org.apache.jena.riot.Lang.NQUADS).parse(g);
            return g;
        });
        System.out.printf("parts, one thread, warm (median of 2,000 calls; the presentation has %d JWS, 4 subjects):%n", jws.size());
        for (var part : parts.entrySet()) {
            Samples samples = new Samples();
            for (int i = 0; i < 2_500; i++) {
                long t = System.nanoTime();
                part.getValue().get();
                if (i >= 500) {
                    samples.add(System.nanoTime() - t);
                }
            }
            System.out.printf("  %-100s %s ms%n", part.getKey(), Measurements.ms(samples.quantileMs(0.5)));
        }
    }

    private static void run(CatalogueEnvironment env, BufferedReader reader, int first, int sds, int threads, int revokeEvery,
                            String[] hashes) throws Exception {
        Catalogue catalogue = env.catalogue;
        AtomicInteger next = new AtomicInteger(first);
        AtomicLong done = new AtomicLong();
        AtomicLong rejected = new AtomicLong();
        Samples[] analyse = new Samples[threads];
        Samples[] store = new Samples[threads];
        List<Thread> workers = new ArrayList<>();
        Duration cpu0 = Measurements.jvmCpu();
        Duration pg0 = Measurements.childrenCpu();
        Duration projector0 = Measurements.threadCpu("catalogue-projector");
        long sequence0 = env.store.lastSequence();
        long start = System.nanoTime();
        java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
        Path graphDir = env.work.resolve("graph");
        java.nio.file.FileStore disk = Files.getFileStore(env.work);
        try (Sampler sampler = new Sampler(Duration.ofSeconds(10), done::get, "ingest", () -> {
            long graphBytes = CatalogueEnvironment.diskUsage(graphDir);
            long free;
            try {
                free = disk.getUsableSpace();
            } catch (IOException e) {
                free = Long.MAX_VALUE;
            }
            // the machine is shared: never fill its disk (TDB2 grows with every projector transaction)
            if (free < MIN_FREE_DISK && stop.compareAndSet(false, true)) {
                System.out.printf("STOPPING: only %s free on the disk%n", Measurements.mib(free));
            }
            return "  TDB2 %s  projected %,d  free disk %s".formatted(Measurements.mib(graphBytes), env.projector.projectedSequence(),
                    Measurements.mib(free));
        })) {
            for (int w = 0; w < threads; w++) {
                Samples a = analyse[w] = new Samples();
                Samples s = store[w] = new Samples();
                workers.add(Thread.ofPlatform().name("ingest-" + w).start(() -> {
                    while (!stop.get()) {
                        int index;
                        String line;
                        synchronized (reader) {
                            try {
                                line = reader.readLine();
                            } catch (IOException e) {
                                throw new UncheckedIOException(e);
                            }
                            index = next.getAndIncrement();
                        }
                        if (line == null) {
                            return;
                        }
                        try {
                            long t0 = System.nanoTime();
                            IngestPipeline.Accepted accepted = catalogue.verify(line.getBytes(StandardCharsets.US_ASCII),
                                    CatalogueGenerator.MEDIA_TYPE, catalogue.settings());
                            long t1 = System.nanoTime();
                            Catalogue.Submitted stored = catalogue.store(accepted);
                            long t2 = System.nanoTime();
                            a.add(t1 - t0);
                            s.add(t2 - t1);
                            if (revoked(index, revokeEvery)) {
                                hashes[index] = stored.sd().hash();
                            }
                            done.incrementAndGet();
                        } catch (IngestException e) {
                            if (rejected.incrementAndGet() <= 3) {
                                System.out.println("REJECTED offering " + index + ": " + e.getMessage());
                            }
                        }
                    }
                }));
            }
            for (Thread w : workers) {
                w.join();
            }
            long end = System.nanoTime();
            Duration cpu = Measurements.jvmCpu().minus(cpu0);
            Duration pg = Measurements.childrenCpu().minus(pg0);
            Duration projectorCpu = Measurements.threadCpu("catalogue-projector").minus(projector0);
            long lagStart = System.nanoTime();
            long target = env.store.lastSequence();
            while (env.projector.projectedSequence() < target) {
                Thread.sleep(20);
            }
            double lag = (System.nanoTime() - lagStart) / 1e9;
            double seconds = (end - start) / 1e9;
            long n = done.get();
            Samples allAnalyse = new Samples();
            Samples allStore = new Samples();
            for (int w = 0; w < threads; w++) {
                allAnalyse.addAll(analyse[w]);
                allStore.addAll(store[w]);
            }
            System.out.printf("%ningest, %d threads: %,d offerings in %.1f s = %.0f SD/s overall; median of 10-s windows after the first: %.0f SD/s"
                            + "%n  rejected %d; events %,d; load average median %.2f, max %.2f%n", threads, n, seconds, n / seconds,
                    sampler.medianRate(1), rejected.get(), target - sequence0, sampler.medianLoad(), sampler.maxLoad());
            System.out.printf("  per submission (p50 / p95 / p99 / max): analyse %s; store %s%n", allAnalyse.summary(), allStore.summary());
            System.out.printf("  wall time in analyse %.0f %%, in store %.0f %% (sum over threads / (threads x elapsed))%n",
                    100.0 * allAnalyse.sum() / 1e9 / (threads * seconds), 100.0 * allStore.sum() / 1e9 / (threads * seconds));
            System.out.printf("  CPU during the run: JVM %.0f s (of which projector thread %.0f s), PostgreSQL %.0f s; 2 cores x %.0f s = %.0f s available%n",
                    cpu.toMillis() / 1e3, projectorCpu.toMillis() / 1e3, pg.toMillis() / 1e3, seconds, 2 * seconds);
            System.out.printf("  per SD: JVM %.2f ms CPU (projector %.2f ms), PostgreSQL %.2f ms CPU%n", cpu.toNanos() / 1e6 / n,
                    projectorCpu.toNanos() / 1e6 / n, pg.toNanos() / 1e6 / n);
            System.out.printf("  graph projection caught up %.2f s after the last store (checkpoint %,d)%n", lag, target);
            StringBuilder rates = new StringBuilder();
            for (Sampler.Window w : sampler.windows()) {
                rates.append("%.0f:%d:%.2f ".formatted(w.seconds(), w.count(), w.load()));
            }
            System.out.println("  windows (s:done:load) " + rates.toString().trim());
            if (stop.get()) {
                throw new IllegalStateException("stopped early: the disk was nearly full");
            }
            if (rejected.get() > 0) {
                throw new IllegalStateException(rejected.get() + " presentations were rejected: fix the generator");
            }
        }
    }

    private static void revoke(CatalogueEnvironment env, String[] hashes, int every) throws InterruptedException {
        long t = System.nanoTime();
        int n = 0;
        for (int i = 0; i < hashes.length; i++) {
            if (revoked(i, every) && hashes[i] != null) {
                env.catalogue.revoke(hashes[i]);
                n++;
            }
        }
        double s = (System.nanoTime() - t) / 1e9;
        long target = env.store.lastSequence();
        long lagStart = System.nanoTime();
        while (env.projector.projectedSequence() < target) {
            Thread.sleep(20);
        }
        System.out.printf("revoked one offering in %d (scattered over the providers): %,d in %.1f s = %.0f /s (one thread); graph caught up %.2f s later%n",
                every, n, s, n / s, (System.nanoTime() - lagStart) / 1e9);
    }

    /** One offering in {@code every}, picked by a hash of its index so that it is not correlated with its provider (i % K). */
    static boolean revoked(int index, int every) {
        if (every <= 0) {
            return false;
        }
        long z = (index + 1) * 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return Math.floorMod(z ^ (z >>> 31), every) == 0;
    }

    private static void sizes(CatalogueEnvironment env) {
        long heap = Measurements.heapAfterGc();
        System.out.printf("%nsizes: pg_database_size %s; PostgreSQL cluster on disk %s (with WAL); TDB2 %s; heap after GC %s%n",
                Measurements.mib(env.databaseSize()), Measurements.mib(CatalogueEnvironment.diskUsage(env.work.resolve("pg/postgres"))),
                Measurements.mib(CatalogueEnvironment.diskUsage(env.work.resolve("graph"))), Measurements.mib(heap));
        StringBuilder tables = new StringBuilder();
        env.tableSizes().forEach((table, bytes) -> tables.append(table).append(' ').append(Measurements.mib(bytes)).append("; "));
        System.out.println("  tables (with TOAST and indexes): " + tables);
    }

    // ================================================================================================ rebuild

    private static void rebuild(Path work) throws Exception {
        header("rebuild", work);
        try (CatalogueEnvironment env = CatalogueEnvironment.open(null, work, false)) {
            long events = env.store.lastSequence();
            Path rebuilt = fresh(work.resolve("graph-rebuild"));
            List<Quad> quads = new ArrayList<>();
            long count;
            long t;
            double rebuildSeconds;
            double load0 = Measurements.loadAverage();
            try (Tdb2GraphStore target = Tdb2GraphStore.open(rebuilt)) {
                GraphProjector projector = new GraphProjector(env.store, target, Duration.ofSeconds(1));
                t = System.nanoTime();
                count = projector.rebuild(n -> { });
                rebuildSeconds = (System.nanoTime() - t) / 1e9;
                target.query(QueryFactory.create("SELECT * { GRAPH ?g { ?s ?p ?o } FILTER(?g != <" + Vocabulary.STATE_GRAPH + ">) }"),
                        Duration.ofHours(1), exec -> {
                            exec.execSelect().forEachRemaining(row -> quads.add(Quad.create(row.get("g").asNode(), row.get("s").asNode(),
                                    row.get("p").asNode(), row.get("o").asNode())));
                            return null;
                        });
            }
            System.out.printf("rebuild (GraphProjector.rebuild into an empty TDB2): %,d self-descriptions in %.1f s = %.0f SD/s; "
                            + "%,d quads outside the state graph (%.0f quads/s); TDB2 on disk %s; load %.2f -> %.2f%n",
                    count, rebuildSeconds, count / rebuildSeconds, quads.size(), quads.size() / rebuildSeconds,
                    Measurements.mib(CatalogueEnvironment.diskUsage(rebuilt)), load0, Measurements.loadAverage());
            delete(rebuilt);

            // where the rebuild's time goes: reading the snapshot, parsing the claims, and the loader (the rest)
            t = System.nanoTime();
            env.store.snapshot(row -> { });
            double read = (System.nanoTime() - t) / 1e9;
            t = System.nanoTime();
            env.store.snapshot(row -> {
                if (row.sd().status() == Lifecycle.ACTIVE) {
                    RDFParser.fromString(row.claims(), Lang.NTRIPLES).parse(GraphFactory.createDefaultGraph());
                }
            });
            double parse = (System.nanoTime() - t) / 1e9 - read;
            System.out.printf("  of the rebuild: PostgreSQL snapshot read %.1f s, N-Triples parsing of the claims %.1f s, "
                    + "TDB2 loader and layout (the rest) %.1f s%n", read, parse, rebuildSeconds - read - parse);

            Path raw = fresh(work.resolve("graph-raw"));
            load0 = Measurements.loadAverage();
            t = System.nanoTime();
            DatasetGraph dsg = DatabaseMgr.connectDatasetGraph(Location.create(raw));
            DataLoader loader = LoaderFactory.sequentialLoader(dsg, (format, args) -> { });
            loader.startBulk();
            quads.forEach(loader.stream()::quad);
            loader.finishBulk();
            double rawSeconds = (System.nanoTime() - t) / 1e9;
            TDBInternal.expel(dsg);
            System.out.printf("raw TDB2 sequential loader, the same quads from memory: %.1f s = %.0f quads/s (= %.0f SD/s); "
                            + "rebuild / raw = %.2f of the raw rate; load %.2f -> %.2f%n", rawSeconds, quads.size() / rawSeconds,
                    count / rawSeconds, rawSeconds / rebuildSeconds, load0, Measurements.loadAverage());
            quads.clear();
            delete(raw);

            Path caught = fresh(work.resolve("graph-catchup"));
            load0 = Measurements.loadAverage();
            try (Tdb2GraphStore target = Tdb2GraphStore.open(caught)) {
                GraphProjector projector = new GraphProjector(env.store, target, Duration.ofSeconds(1));
                Duration pg0 = Measurements.childrenCpu();
                t = System.nanoTime();
                int applied = projector.catchUp();
                double s = (System.nanoTime() - t) / 1e9;
                double pg = Measurements.childrenCpu().minus(pg0).toNanos() / 1e6;
                System.out.printf("projector catch-up from the event log into an empty TDB2 (batches of 500 events): %,d events in %.1f s = "
                                + "%.0f events/s (%,d self-descriptions: %.0f SD/s); PostgreSQL CPU %.2f ms per event; TDB2 on disk %s; load %.2f -> %.2f%n",
                        applied, s, applied / s, count, count / s, pg / applied, Measurements.mib(CatalogueEnvironment.diskUsage(caught)), load0,
                        Measurements.loadAverage());
                if (applied != events) {
                    throw new IllegalStateException("caught up " + applied + " events of " + events);
                }
            }
            delete(caught);

            // the projector's small transactions leave TDB2 mostly garbage: what a compaction gives back, and costs
            Path graph = work.resolve("graph");
            long before = CatalogueEnvironment.diskUsage(graph);
            load0 = Measurements.loadAverage();
            t = System.nanoTime();
            DatabaseMgr.compact(DatabaseMgr.connectDatasetGraph(Location.create(graph)), true);
            double s = (System.nanoTime() - t) / 1e9;
            System.out.printf("TDB2 compaction of the graph the projector built during the ingest (DatabaseMgr.compact): %s -> %s in %.1f s; load %.2f -> %.2f%n",
                    Measurements.mib(before), Measurements.mib(CatalogueEnvironment.diskUsage(graph)), s, load0, Measurements.loadAverage());
        }
    }

    private static Path fresh(Path dir) throws IOException {
        delete(dir);
        Files.createDirectories(dir);
        return dir;
    }

    private static void delete(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (var walk = Files.walk(dir)) {
                for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }

    // ================================================================================================ query

    /** One kind of call: its name and how to make a random call (returns the number of rows or hits). */
    private record Probe(String name, Supplier<Long> call) {
    }

    /** @param only a prefix of the probe names to run (e.g. {@code search}); empty: all */
    private static void query(Path work, int calls, long seed, String only) throws Exception {
        header("query", work);
        Properties manifest = manifest(work);
        int sds = Integer.parseInt(manifest.getProperty("sds"));
        int providers = Integer.parseInt(manifest.getProperty("providers"));
        try (CatalogueEnvironment env = CatalogueEnvironment.open(null, work, false)) {
            int applied = env.projector.catchUp();
            if (applied > 0) {
                System.out.printf("(the graph was %d events behind: caught up first)%n", applied);
            }
            // the steady state of a server some time after the load: autovacuum has analysed the tables
            long t = System.nanoTime();
            env.analyze();
            System.out.printf("(VACUUM ANALYZE of the catalogue tables first: %.1f s)%n", (System.nanoTime() - t) / 1e9);
            SparqlQueries queries = new SparqlQueries(env.graph, QuerySettings.defaults());
            SplittableRandom random = new SplittableRandom(seed);
            List<String> keywords = CatalogueGenerator.KEYWORDS;
            List<String> words = CatalogueGenerator.WORDS;
            List<Probe> probes = List.of(
                    new Probe("q1 offering by IRI: name, provider, terms URL", () -> sparql(queries,
                            "SELECT ?name ?provider ?url { ?o schema:name ?name ; gx:providedBy ?provider ; gx:serviceOfferingTermsAndConditions/gx:url ?url }",
                            Map.of("o", NodeFactory.createURI(CatalogueGenerator.offeringSubject(random.nextInt(sds), providers))), false)),
                    new Probe("q2 active offerings of a provider, by name (+ count)", () -> sparql(queries,
                            "SELECT ?o ?name { GRAPH ?g { ?o gx:providedBy ?provider ; schema:name ?name } ?g fc:status \"active\" } ORDER BY ?name",
                            Map.of("provider", NodeFactory.createURI(CatalogueGenerator.legalPersonSubject(random.nextInt(providers)))), true)),
                    new Probe("q3 keyword + provider country, 2 hops, LIMIT 20 (+ count)", () -> sparql(queries,
                            "SELECT ?o ?legalName { ?o gx:keyword ?kw ; gx:providedBy ?p . ?p schema:name ?legalName ; gx:legalAddress/gx:countryCode ?cc } LIMIT 20",
                            Map.of("kw", NodeFactory.createLiteralString(keywords.get(random.nextInt(keywords.size()))),
                                    "cc", NodeFactory.createLiteralString(CatalogueGenerator.country(random.nextInt(providers))[0])), true)),
                    new Probe("q3 written country first (same answer; Jena keeps the written order here)", () -> sparql(queries,
                            "SELECT ?o ?legalName { ?p gx:legalAddress/gx:countryCode ?cc ; schema:name ?legalName . ?o gx:providedBy ?p ; gx:keyword ?kw } LIMIT 20",
                            Map.of("kw", NodeFactory.createLiteralString(keywords.get(random.nextInt(keywords.size()))),
                                    "cc", NodeFactory.createLiteralString(CatalogueGenerator.country(random.nextInt(providers))[0])), true)),
                    new Probe("q4 first page of all offerings with names (+ count)", () -> sparql(queries,
                            "SELECT ?o ?name { ?o a gx:ServiceOffering ; schema:name ?name }", Map.of(), true)),
                    new Probe("q5 offerings per provider country (aggregate)", () -> sparql(queries,
                            "SELECT ?cc (COUNT(?o) AS ?n) { ?o a gx:ServiceOffering ; gx:providedBy ?p . ?p gx:legalAddress/gx:countryCode ?cc } "
                                    + "GROUP BY ?cc ORDER BY DESC(?n)", Map.of(), false)),
                    new Probe("search: a word", () -> search(env, words.get(random.nextInt(words.size())), Set.of(), List.of())),
                    new Probe("search: a phrase (category name)", () -> search(env, "\"" + CatalogueGenerator.CATEGORIES
                            .get(random.nextInt(CatalogueGenerator.CATEGORIES.size())).name().toLowerCase() + "\"", Set.of(), List.of())),
                    new Probe("search: a word + kind facet", () -> search(env, words.get(random.nextInt(words.size())),
                            Set.of(SdKind.SERVICE_OFFERING), List.of())),
                    new Probe("search: a word + provider filter", () -> search(env, words.get(random.nextInt(words.size())), Set.of(),
                            List.of("did:web:" + CatalogueGenerator.providerHost(random.nextInt(providers))))),
                    new Probe("search: a word + keyword filter", () -> search(env, new SdSearch(words.get(random.nextInt(words.size())),
                            Set.of(), List.of(), Set.of(), List.of(keywords.get(random.nextInt(keywords.size()))), List.of(), Set.of(),
                            SdSearch.Sort.RELEVANCE, 0, 20))),
                    new Probe("search: a word + country filter", () -> search(env, new SdSearch(words.get(random.nextInt(words.size())),
                            Set.of(), List.of(), Set.of(), List.of(), List.of(CatalogueGenerator.country(random.nextInt(providers))[0]),
                            Set.of(), SdSearch.Sort.RELEVANCE, 0, 20))),
                    new Probe("search: a word, by name", () -> search(env, new SdSearch(words.get(random.nextInt(words.size())),
                            Set.of(), List.of(), Set.of(), List.of(), List.of(), Set.of(), SdSearch.Sort.NAME, 0, 20))),
                    new Probe("search: everything, newest first, page 2", () -> search(env, new SdSearch("", Set.of(), List.of(),
                            Set.of(), List.of(), List.of(), Set.of(), SdSearch.Sort.NEWEST, 20, 20))));
            System.out.printf("%n| query (N = %,d, %d calls each, random parameters) | p50 | p95 | p99 | max | mean rows/hits | empty |%n|---|---:|---:|---:|---:|---:|---:|%n",
                    sds, calls);
            List<Double> loads = new ArrayList<>();
            for (Probe p : probes) {
                if (!p.name().startsWith(only)) {
                    continue;
                }
                for (int i = 0; i < Math.max(20, calls / 10); i++) {
                    p.call().get();
                }
                Samples samples = new Samples();
                long rows = 0;
                int empty = 0;
                for (int i = 0; i < calls; i++) {
                    long t0 = System.nanoTime();
                    long n = p.call().get();
                    samples.add(System.nanoTime() - t0);
                    rows += n;
                    empty += n == 0 ? 1 : 0;
                }
                loads.add(Measurements.loadAverage());
                System.out.printf("| %s | %s | %s | %s | %s | %.1f | %d |%n", p.name(), Measurements.ms(samples.quantileMs(0.5)),
                        Measurements.ms(samples.quantileMs(0.95)), Measurements.ms(samples.quantileMs(0.99)),
                        Measurements.ms(samples.quantileMs(1.0)), rows / (double) calls, empty);
            }
            loads.sort(Double::compare);
            System.out.printf("load average after each probe: median %.2f, max %.2f%n", loads.get(loads.size() / 2), loads.getLast());
            sizes(env);
        }
    }

    /** Rows of the first page (and, with the count, the total count is computed too, as /query does for withTotalCount). */
    private static long sparql(SparqlQueries queries, String text, Map<String, Node> parameters, boolean count) {
        QueryOutcome outcome = queries.execute(queries.prepare(PREFIXES + text, parameters), Duration.ofSeconds(60), count);
        return ((QueryOutcome.Select) outcome).rows().size();
    }

    private static long search(CatalogueEnvironment env, String text, Set<SdKind> kinds, List<String> providers) {
        return search(env, new SdSearch(text, kinds, providers, Set.of(), 0, 20));
    }

    private static long search(CatalogueEnvironment env, SdSearch search) {
        return env.store.search(search).totalCount();
    }
}
