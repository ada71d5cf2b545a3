package eu.federator.bench.portal;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.io.IOException;
import java.io.StringReader;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Portal page latency under a closed-loop load: {@code --users} virtual users, each with its own HTTP/1.1 client
 * (keep-alive, no cookies: anonymous visitors), each sending its next request when the previous answer is read to the
 * end, after {@code --think-ms}. The pages are drawn from {@link PageMix}. A warm-up first, then a measured phase of a
 * fixed duration or a fixed number of requests; every latency of the measured phase is kept, and the percentiles are
 * nearest-rank over the sorted samples of all users together. Run by {@code federator-bench/portal-bench.sh}.
 * <pre>
 *   prepare --data-dir DIR --server-jar JAR   make a copy of a CatalogueBench catalogue a server data directory
 *   run     --url http://127.0.0.1:PORT [--users 8] [--think-ms 0] [--warmup-s 30] [--duration-s 120 | --requests N]
 *           [--hashes 5000] [--seed 1] [--server-pid PID] [--csv FILE] [--label TEXT]
 * </pre>
 */
public final class PortalBench {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private PortalBench() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            usage("no command");
        }
        Map<String, String> o = new HashMap<>();
        for (int i = 1; i < args.length; i += 2) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                usage("expected --option value at " + args[i]);
            }
            o.put(args[i].substring(2), args[i + 1]);
        }
        switch (args[0]) {
            case "prepare" -> ServerDataDir.prepare(Path.of(required(o, "data-dir")), Path.of(required(o, "server-jar")));
            case "run" -> run(new Settings(URI.create(required(o, "url")), integer(o, "users", 8), integer(o, "think-ms", 0),
                    integer(o, "warmup-s", 30), integer(o, "duration-s", 120), integer(o, "requests", 0), integer(o, "hashes", 5000),
                    Long.parseLong(o.getOrDefault("seed", "1")), o.containsKey("server-pid") ? Long.parseLong(o.get("server-pid")) : -1,
                    o.containsKey("csv") ? Path.of(o.get("csv")) : null, o.getOrDefault("label", "")));
            default -> usage("unknown command " + args[0]);
        }
        System.exit(0);
    }

    private static void usage(String problem) {
        System.err.println(problem + "\nusage: PortalBench prepare --data-dir DIR --server-jar JAR\n"
                + "       PortalBench run --url URL [--users 8] [--think-ms 0] [--warmup-s 30] [--duration-s 120 | --requests N]\n"
                + "                       [--hashes 5000] [--seed 1] [--server-pid PID] [--csv FILE] [--label TEXT]");
        System.exit(2);
    }

    private static String required(Map<String, String> o, String name) {
        String v = o.get(name);
        if (v == null) {
            usage("missing --" + name);
        }
        return v;
    }

    private static int integer(Map<String, String> o, String name, int otherwise) {
        return o.containsKey(name) ? Integer.parseInt(o.get(name)) : otherwise;
    }

    /** {@code requests > 0}: measure that many requests, else measure for {@code durationS}. */
    record Settings(URI url, int users, int thinkMs, int warmupS, int durationS, int requests, int hashes, long seed, long serverPid,
                    Path csv, String label) {
    }

    /** What one user measured: per page type, the latencies (ns) of 200 answers, the errors and the body bytes. */
    private static final class UserSamples {
        final Map<PageMix.Type, long[]> nanos = new EnumMap<>(PageMix.Type.class);
        final Map<PageMix.Type, Integer> sizes = new EnumMap<>(PageMix.Type.class);
        final Map<PageMix.Type, Long> errors = new EnumMap<>(PageMix.Type.class);
        final Map<PageMix.Type, Long> bytes = new EnumMap<>(PageMix.Type.class);
        final List<String> errorExamples = new ArrayList<>();

        void add(PageMix.Type type, long ns, int bodyBytes) {
            long[] a = nanos.computeIfAbsent(type, t -> new long[256]);
            int n = sizes.getOrDefault(type, 0);
            if (n == a.length) {
                a = Arrays.copyOf(a, n * 2);
                nanos.put(type, a);
            }
            a[n] = ns;
            sizes.put(type, n + 1);
            bytes.merge(type, (long) bodyBytes, Long::sum);
        }

        void error(PageMix.Type type, String example) {
            errors.merge(type, 1L, Long::sum);
            if (errorExamples.size() < 5) {
                errorExamples.add(example);
            }
        }
    }

    static void run(Settings s) throws Exception {
        HttpClient setup = client();
        Catalogue catalogue = sample(setup, s.url(), s.hashes(), new SplittableRandom(s.seed()));
        PageMix mix = new PageMix(catalogue.hashes(), catalogue.providers());
        System.out.printf("=== portal %s, %d users, think time %d ms, warm-up %d s, then %s; %,d self-descriptions listed, "
                        + "%,d hashes and %d providers sampled; driver JDK %s, load %s, %s%n",
                s.url(), s.users(), s.thinkMs(), s.warmupS(), s.requests() > 0 ? String.format("%,d requests", s.requests())
                        : s.durationS() + " s", catalogue.total(), catalogue.hashes().size(), catalogue.providers().size(),
                Runtime.version(), loadAverage(), Instant.now());

        long start = System.nanoTime();
        long measureFrom = start + s.warmupS() * 1_000_000_000L;
        long measureUntil = s.requests() > 0 ? Long.MAX_VALUE : measureFrom + s.durationS() * 1_000_000_000L;
        AtomicLong measuredLeft = new AtomicLong(s.requests() > 0 ? s.requests() : Long.MAX_VALUE);
        AtomicLong lastEnd = new AtomicLong();
        UserSamples[] users = new UserSamples[s.users()];
        Thread[] threads = new Thread[s.users()];
        long[] cpuAtMeasure = new long[3];
        Thread cpuMark = Thread.ofPlatform().daemon().unstarted(() -> {
            // the CPU counters at the start of the measured phase
            sleepUntil(measureFrom);
            Cpu c = Cpu.read(s.serverPid());
            cpuAtMeasure[0] = c.serverJvm();
            cpuAtMeasure[1] = c.postgres();
            cpuAtMeasure[2] = c.driver();
        });
        cpuMark.start();
        for (int u = 0; u < s.users(); u++) {
            UserSamples samples = users[u] = new UserSamples();
            SplittableRandom random = new SplittableRandom(s.seed() * 1000 + u);
            threads[u] = Thread.ofPlatform().name("user-" + u).start(() -> {
                HttpClient client = client();
                while (true) {
                    long now = System.nanoTime();
                    boolean measured = now >= measureFrom;
                    if (now >= measureUntil || (measured && measuredLeft.getAndDecrement() <= 0)) {
                        return;
                    }
                    PageMix.Page page = mix.next(random);
                    HttpRequest.Builder b = HttpRequest.newBuilder(s.url().resolve(page.path())).timeout(TIMEOUT).GET();
                    if (page.htmx()) {
                        b.header("HX-Request", "true");
                    }
                    long t0 = System.nanoTime();
                    String failure;
                    int size = 0;
                    try {
                        HttpResponse<byte[]> response = client.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
                        size = response.body().length;
                        failure = response.statusCode() != 200 ? "HTTP " + response.statusCode() + " " + page.path()
                                : size == 0 ? "empty body " + page.path() : null;
                    } catch (IOException e) {
                        failure = e + " " + page.path();
                    } catch (InterruptedException e) {
                        return;
                    }
                    long t1 = System.nanoTime();
                    if (measured) {
                        if (failure == null) {
                            samples.add(page.type(), t1 - t0, size);
                        } else {
                            samples.error(page.type(), failure);
                        }
                        lastEnd.accumulateAndGet(t1, Math::max);
                    }
                    if (s.thinkMs() > 0) {
                        try {
                            Thread.sleep(s.thinkMs());
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                }
            });
        }
        for (Thread t : threads) {
            t.join();
        }
        Cpu cpuAfter = Cpu.read(s.serverPid());
        double seconds = (lastEnd.get() - measureFrom) / 1e9;
        report(s, users, seconds, new long[]{cpuAfter.serverJvm() - cpuAtMeasure[0], cpuAfter.postgres() - cpuAtMeasure[1],
                cpuAfter.driver() - cpuAtMeasure[2]});
    }

    private static void report(Settings s, UserSamples[] users, double seconds, long[] cpuMs) throws IOException {
        System.out.printf("%n| page (%d users, think %d ms) | requests | errors | p50 ms | p90 ms | p98 ms | p99 ms | max ms | req/s | KiB |%n"
                + "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|%n", s.users(), s.thinkMs());
        List<String> csv = new ArrayList<>();
        long[] all = new long[0];
        long allErrors = 0;
        long allBytes = 0;
        List<String> examples = new ArrayList<>();
        for (PageMix.Type type : PageMix.Type.values()) {
            long[] merged = new long[0];
            long errors = 0;
            long bytes = 0;
            for (UserSamples u : users) {
                int n = u.sizes.getOrDefault(type, 0);
                if (n > 0) {
                    long[] a = u.nanos.get(type);
                    int old = merged.length;
                    merged = Arrays.copyOf(merged, old + n);
                    System.arraycopy(a, 0, merged, old, n);
                }
                errors += u.errors.getOrDefault(type, 0L);
                bytes += u.bytes.getOrDefault(type, 0L);
            }
            int old = all.length;
            all = Arrays.copyOf(all, old + merged.length);
            System.arraycopy(merged, 0, all, old, merged.length);
            allErrors += errors;
            allBytes += bytes;
            csv.add(row(s, type.label, merged, errors, bytes, seconds));
        }
        for (UserSamples u : users) {
            examples.addAll(u.errorExamples);
        }
        csv.add(row(s, "all pages", all, allErrors, allBytes, seconds));
        for (String line : csv) {
            String[] f = line.split(",", -1);
            // label,users,think,page,requests,errors,p50,p90,p98,p99,max,rps,kib
            System.out.printf("| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |%n", f[3], f[4], f[5], f[6], f[7], f[8], f[9], f[10], f[11], f[12]);
        }
        double available = seconds * Runtime.getRuntime().availableProcessors();
        System.out.printf("%nmeasured %.1f s; CPU in that time: server JVM %.1f s, PostgreSQL %.1f s, this driver %.1f s "
                        + "(of %d cores x %.1f s = %.1f s)%s; load %s%n", seconds, cpuMs[0] / 1e3, cpuMs[1] / 1e3, cpuMs[2] / 1e3,
                Runtime.getRuntime().availableProcessors(), seconds, available, s.serverPid() < 0 ? " (no --server-pid: server CPU not read)" : "",
                loadAverage());
        if (!examples.isEmpty()) {
            System.out.println("errors, first ones: " + String.join("; ", examples));
        }
        if (s.csv() != null) {
            boolean header = !Files.exists(s.csv());
            List<String> out = new ArrayList<>();
            if (header) {
                out.add("label,users,think_ms,page,requests,errors,p50_ms,p90_ms,p98_ms,p99_ms,max_ms,requests_per_s,mean_kib");
            }
            out.addAll(csv);
            Files.write(s.csv(), out, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            System.out.println("CSV: " + s.csv());
        }
    }

    private static String row(Settings s, String page, long[] nanos, long errors, long bytes, double seconds) {
        Arrays.sort(nanos);
        return String.join(",", s.label().replace(',', ';'), String.valueOf(s.users()), String.valueOf(s.thinkMs()), page,
                String.valueOf(nanos.length), String.valueOf(errors), ms(nanos, 0.50), ms(nanos, 0.90), ms(nanos, 0.98), ms(nanos, 0.99),
                ms(nanos, 1.0), String.format("%.1f", (nanos.length + errors) / seconds),
                nanos.length == 0 ? "" : String.format("%.1f", bytes / 1024.0 / nanos.length));
    }

    /** Nearest-rank quantile of sorted samples, in milliseconds with 3 significant digits. */
    static String ms(long[] sorted, double q) {
        if (sorted.length == 0) {
            return "";
        }
        int rank = (int) Math.ceil(q * sorted.length) - 1;
        double v = sorted[Math.max(0, Math.min(sorted.length - 1, rank))] / 1e6;
        return v >= 100 ? String.format("%.0f", v) : v >= 10 ? String.format("%.1f", v) : String.format("%.2f", v);
    }

    private static HttpClient client() {
        // a client of its own per user: its own connection (keep-alive), no cookie handler
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5))
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    record Catalogue(long total, List<String> hashes, List<String> providers) {
    }

    /**
     * Random self-descriptions of every status the portal shows (active and revoked), from {@code GET /self-descriptions}
     * pages at random offsets, and the providers they name.
     */
    static Catalogue sample(HttpClient client, URI base, int wanted, SplittableRandom random) throws IOException, InterruptedException {
        String filter = "/self-descriptions?statuses=active,revoked,deprecated,eol";
        long total = list(client, base, filter + "&limit=1&offset=0").getJsonNumber("totalCount").longValue();
        if (total == 0) {
            throw new IllegalStateException(base + " lists no self-descriptions: the catalogue is empty");
        }
        Set<String> hashes = new LinkedHashSet<>();
        Set<String> providers = new LinkedHashSet<>();
        int pages = (int) Math.min(Math.ceilDiv(wanted, 1000), Math.ceilDiv(total, 1000));
        for (int p = 0; p < pages && hashes.size() < wanted; p++) {
            long offset = total <= 1000 ? 0 : random.nextLong(total - 1000 + 1);
            for (JsonValue item : list(client, base, filter + "&limit=1000&offset=" + offset).getJsonArray("items")) {
                JsonObject meta = item.asJsonObject().getJsonObject("meta");
                hashes.add(meta.getString("sdHash"));
                if (meta.get("provider") instanceof JsonString provider) {
                    providers.add(provider.getString());
                }
            }
        }
        return new Catalogue(total, new ArrayList<>(hashes).subList(0, Math.min(wanted, hashes.size())), new ArrayList<>(providers));
    }

    private static JsonObject list(HttpClient client, URI base, String path) throws IOException, InterruptedException {
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofMinutes(2)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("GET " + path + ": HTTP " + r.statusCode() + " " + r.body());
        }
        try (JsonReader reader = Json.createReader(new StringReader(r.body()))) {
            return reader.readObject();
        }
    }

    static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException e) {
            return "?";
        }
    }

    private static void sleepUntil(long nanoTime) {
        long left;
        while ((left = nanoTime - System.nanoTime()) > 0) {
            try {
                Thread.sleep(Duration.ofNanos(left));
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** CPU milliseconds so far of the server JVM, of the PostgreSQL processes it started, and of this driver. */
    record Cpu(long serverJvm, long postgres, long driver) {
        static Cpu read(long serverPid) {
            long driver = ManagementFactory.getPlatformMXBean(com.sun.management.OperatingSystemMXBean.class).getProcessCpuTime() / 1_000_000;
            if (serverPid < 0) {
                return new Cpu(0, 0, driver);
            }
            long jvm = procCpuMs(serverPid);
            long pg = ProcessHandle.of(serverPid).map(h -> h.descendants().mapToLong(d -> procCpuMs(d.pid())).sum()).orElse(0L);
            return new Cpu(jvm, pg, driver);
        }

        /** utime + stime of /proc/PID/stat (clock ticks of 10 ms), 0 if the process is gone. */
        private static long procCpuMs(long pid) {
            try {
                String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
                String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 10;
            } catch (IOException | RuntimeException e) {
                return 0;
            }
        }
    }
}
