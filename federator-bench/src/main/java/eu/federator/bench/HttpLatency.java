package eu.federator.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Closed-loop HTTP load over loopback: C clients, each sending the next request as soon as the previous answer
 * arrived, for a warm-up and a measured period; prints p50/p99/max latency and requests per second per level.
 *
 * <pre>
 * java -cp federator-bench/target/benchmarks.jar eu.federator.bench.HttpLatency \
 *      URL CONTENT_TYPE BODY_FILE [EXPECTED_STATUS] [LEVELS e.g. 1,8,32] [SECONDS]
 * </pre>
 */
public final class HttpLatency {

    public static void main(String[] args) throws Exception {
        if (args.length < 3) {
            System.err.println("usage: HttpLatency URL CONTENT_TYPE BODY_FILE [EXPECTED_STATUS=201] [LEVELS=1,8,32] [SECONDS=20]");
            System.exit(2);
        }
        URI url = URI.create(args[0]);
        String contentType = args[1];
        byte[] body = Files.readAllBytes(Path.of(args[2]));
        int expected = args.length > 3 ? Integer.parseInt(args[3]) : 201;
        int[] levels = Arrays.stream((args.length > 4 ? args[4] : "1,8,32").split(",")).mapToInt(Integer::parseInt).toArray();
        int seconds = args.length > 5 ? Integer.parseInt(args[5]) : 20;
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
        HttpRequest request = HttpRequest.newBuilder(url).header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        HttpResponse<String> probe = client.send(request, HttpResponse.BodyHandlers.ofString());
        if (probe.statusCode() != expected) {
            System.err.println("expected HTTP " + expected + " but got " + probe.statusCode() + ": " + probe.body());
            System.exit(1);
        }
        System.out.printf("%s %s (%d bytes), %d s per level after %d s warm-up%n", url, contentType, body.length, seconds, Math.max(5, seconds / 2));
        System.out.println("clients      p50 ms     p99 ms     max ms      req/s   errors");
        for (int clients : levels) {
            run(client, request, expected, clients, Math.max(5, seconds / 2));
            Result r = run(client, request, expected, clients, seconds);
            System.out.printf("%7d %10.2f %10.2f %10.2f %10.0f %8d%n", clients, r.percentile(0.50), r.percentile(0.99), r.percentile(1.0),
                    r.count() / (double) seconds, r.errors());
        }
    }

    private record Result(long[] nanos, long errors) {
        double percentile(double p) {
            if (nanos.length == 0) {
                return Double.NaN;
            }
            int index = (int) Math.min(nanos.length - 1, Math.ceil(p * nanos.length) - 1);
            return nanos[Math.max(0, index)] / 1e6;
        }

        int count() {
            return nanos.length;
        }
    }

    private static Result run(HttpClient client, HttpRequest request, int expected, int clients, int seconds) throws Exception {
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        List<Future<long[]>> futures = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            futures.add(pool.submit(() -> {
                long[] samples = new long[1024];
                int n = 0;
                long errors = 0;
                while (System.nanoTime() < end) {
                    long start = System.nanoTime();
                    HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
                    long took = System.nanoTime() - start;
                    if (response.statusCode() != expected) {
                        errors++;
                        continue;
                    }
                    if (n == samples.length) {
                        samples = Arrays.copyOf(samples, n * 2);
                    }
                    samples[n++] = took;
                }
                long[] out = Arrays.copyOf(samples, n + 1);
                out[n] = -errors - 1; // the last slot carries the error count, negative so it sorts first and is cut
                return out;
            }));
        }
        List<Long> all = new ArrayList<>();
        long errors = 0;
        for (Future<long[]> future : futures) {
            long[] samples = future.get();
            errors += -samples[samples.length - 1] - 1;
            for (int i = 0; i < samples.length - 1; i++) {
                all.add(samples[i]);
            }
        }
        pool.shutdown();
        long[] sorted = all.stream().mapToLong(Long::longValue).sorted().toArray();
        return new Result(sorted, errors);
    }
}
