package eu.federator.server.dataspace;

import eu.federator.catalogue.testing.TestDirectories;
import eu.federator.dataspace.protocol.DspJson;
import eu.federator.server.FederatorApplication;
import eu.federator.server.Http;
import eu.federator.trustframework.compliance.ComplianceWorld;
import eu.federator.trustframework.compliance.ComplianceWorld.Party;
import eu.federator.trustframework.identity.ServiceIdentity;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The DSP catalog with many offers (docs/benchmarks.md, "DSP catalog with 10,000 offers"): N signed offerings submitted
 * through the API (every check), then a requester with a verified presentation asks for the catalog: the first page, and
 * every page (following rel="next"). Not a unit test; run it by name with {@code -Dtest=DspCatalogBench
 * -Dbench.offerings=10000 -Dbench.pageSize=100}.
 */
class DspCatalogBench {

    @Test
    void catalogWithManyOffers() throws Exception {
        int offerings = Integer.getInteger("bench.offerings", 10_000);
        int pageSize = Integer.getInteger("bench.pageSize", 100);
        Path root = TestDirectories.newDataDir("federator-dsp-catalog-bench-");
        ComplianceWorld world = new ComplianceWorld(root.resolve("world"));
        ComplianceWorld.Loire loire = world.new Loire();
        Party requester = world.party("requester.example.org");
        int port = DataspaceLoopbackTest.freePort();
        String admin = "catalog-bench-admin-token-0123456789abcdef";
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(FederatorApplication.class).run(
                "--server.port=" + port, "--federator.data-dir=" + root.resolve("data"), "--federator.trust.web-mirror=" + world.mirror,
                "--federator.trust.trust-anchors=" + world.anchors, "--federator.security.admin-token=" + admin,
                "--federator.dataspace.catalog-page-size=" + pageSize)) {
            String audience = context.getBean(ServiceIdentity.class).did();
            Http http = new Http(port, admin);
            long t0 = System.nanoTime();
            AtomicInteger next = new AtomicInteger();
            ExecutorService pool = Executors.newFixedThreadPool(4);
            List<Future<?>> done = new ArrayList<>();
            for (int w = 0; w < 4; w++) {
                done.add(pool.submit(() -> {
                    for (int i = next.getAndIncrement(); i < offerings; i = next.getAndIncrement()) {
                        int n = i;
                        HttpResponse<String> r = http.post("/self-descriptions", "application/vp+jwt", loire.offeringPresentation("bench-" + n,
                                cs -> cs.add("https://schema.org/name", "Bench offering " + n)).getBytes(StandardCharsets.US_ASCII));
                        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
            pool.shutdown();
            System.out.printf("BENCH catalog: %d offerings submitted in %.1f s%n", offerings, (System.nanoTime() - t0) / 1e9);

            String vp = DspCatalogEndpointTest.legalPersonOf(world, requester, "FR");
            String body = "{\"@context\":[\"" + DspJson.CONTEXT + "\"],\"@type\":\"CatalogRequestMessage\"}";
            List<Long> first = new ArrayList<>();
            List<Long> crawls = new ArrayList<>();
            for (int round = 0; round < 12; round++) {
                long start = System.nanoTime();
                String pathAndQuery = "/dsp/catalog/request";
                int datasets = 0;
                int pages = 0;
                while (pathAndQuery != null) {
                    String token = DspCatalogEndpointTest.token(requester, requester.did(), audience, Instant.now().plus(Duration.ofMinutes(4)), vp);
                    HttpResponse<String> r = http.send(new Http(port).request(pathAndQuery).header("Content-Type", "application/json")
                            .header("Authorization", "Bearer " + token).POST(HttpRequest.BodyPublishers.ofString(body)).build());
                    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
                    datasets += Http.json(r).getJsonArray("dataset").size();
                    if (pages++ == 0) {
                        first.add((System.nanoTime() - start) / 1_000_000);
                    }
                    pathAndQuery = DspCatalogEndpointTest.link(r, "next");
                }
                crawls.add((System.nanoTime() - start) / 1_000_000);
                assertThat(datasets).isEqualTo(offerings);
                if (round == 0) {
                    System.out.printf("BENCH catalog: %d datasets in %d pages of %d%n", datasets, pages, pageSize);
                }
            }
            // the first two rounds warm the JVM and the caches
            report("first page (token + presentation verified each time)", first.subList(2, first.size()));
            report("whole catalog, every page", crawls.subList(2, crawls.size()));
        }
    }

    static void report(String what, List<Long> millis) {
        List<Long> sorted = new ArrayList<>(millis);
        Collections.sort(sorted);
        System.out.printf("BENCH catalog %s: n=%d median=%d ms min=%d ms max=%d ms%n", what, sorted.size(), sorted.get(sorted.size() / 2),
                sorted.getFirst(), sorted.getLast());
    }
}
