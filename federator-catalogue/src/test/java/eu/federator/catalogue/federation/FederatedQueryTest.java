package eu.federator.catalogue.federation;

import com.sun.net.httpserver.HttpServer;
import eu.federator.catalogue.graph.GraphBatch;
import eu.federator.catalogue.graph.GraphChange;
import eu.federator.catalogue.graph.GraphStore;
import eu.federator.catalogue.graph.SdMetadata;
import eu.federator.catalogue.graph.Tdb2GraphStore;
import eu.federator.catalogue.query.QueryRejectedException;
import eu.federator.catalogue.query.QuerySettings;
import eu.federator.catalogue.query.SparqlQueries;
import eu.federator.credentials.json.Json;
import eu.federator.credentials.net.GuardedApiClient;
import eu.federator.credentials.net.OutboundPolicy;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.apache.jena.riot.Lang;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link FederatedQuery} on a real TDB2 graph, with partner catalogues on loopback that answer as XFSC and Federator
 * partners do (per-catalogue blocks), as a flat result, with an error, not at all, or too late.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FederatedQueryTest {
    static final String SELF = "http://self.example";
    static final String QUERY = "PREFIX gx: <https://w3id.org/gaia-x/development#> SELECT ?o ?k WHERE { ?o gx:keyword ?k } ORDER BY ?k";

    GraphStore store;
    SparqlQueries queries;
    final GuardedApiClient client = new GuardedApiClient(OutboundPolicy.lab());
    final List<HttpServer> servers = new ArrayList<>();
    final CountDownLatch release = new CountDownLatch(1);

    /** A partner on loopback that answers {@code body} with {@code status} and records what it was asked. */
    record FakePartner(String url, List<String> requests) {
    }

    FakePartner partner(int status, String body, boolean hang) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        List<String> requests = new CopyOnWriteArrayList<>();
        String url = "http://127.0.0.1:" + server.getAddress().getPort();
        server.createContext("/query/search", exchange -> {
            requests.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            if (hang) {
                try {
                    release.await(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            byte[] bytes = body.replace("$SELF", url).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.setExecutor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor());
        server.start();
        servers.add(server);
        return new FakePartner(url, requests);
    }

    @BeforeAll
    void graph() throws Exception {
        Path dir = Files.createTempDirectory("federator-fedquery-");
        dir.toFile().deleteOnExit();
        store = Tdb2GraphStore.open(dir.resolve("graph"));
        GraphBatch.Builder batch = GraphBatch.at(1);
        for (int i = 1; i <= 2; i++) {
            String hash = "%064d".formatted(i);
            batch.put(GraphChange.PutGraph.parse(hash, "<https://self.example/o/" + i + "> <https://w3id.org/gaia-x/development#keyword> \"local-"
                    + i + "\" .", Lang.NTRIPLES));
            batch.metadata(new SdMetadata(hash, "https://self.example/o/" + i, "did:web:self.example", null, null, "active",
                    Instant.parse("2026-01-01T00:00:00Z"), null, null));
        }
        store.apply(batch.build());
        queries = new SparqlQueries(store, new QuerySettings(100, 1000, Duration.ofSeconds(5), Duration.ofSeconds(20)));
    }

    @AfterAll
    void close() {
        release.countDown();
        servers.forEach(s -> s.stop(0));
        store.close();
    }

    static String unusedUrl() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return "http://127.0.0.1:" + socket.getLocalPort();
        }
    }

    static FederatedQuery.Request request(List<String> servers, Duration timeout) {
        return new FederatedQuery.Request(QUERY, null, servers, timeout, true);
    }

    static List<String> keywords(JsonObject answer, String catalogue) {
        return answer.getJsonArray("items").stream().map(JsonValue::asJsonObject).filter(i -> i.getString("@catalogue").equals(catalogue))
                .map(i -> i.getString("k")).toList();
    }

    static JsonObject catalogue(JsonObject answer, String url) {
        return answer.getJsonArray("catalogues").stream().map(JsonValue::asJsonObject).filter(c -> c.getString("catalogue").equals(url))
                .findFirst().orElseThrow(() -> new AssertionError("no entry for " + url + " in " + answer));
    }

    @Test
    void theClientGetsEveryCatalogueItemsMarkedAndEveryFailureReported() throws Exception {
        FakePartner b = partner(200, """
                {"totalCount": 3, "items": [{"server": "$SELF", "total": 2, "items": [{"o": "https://b.example/o/1", "k": "b-1"}, {"o": "https://b.example/o/2", "k": "b-2"}]},
                                            {"server": "https://c.example/", "total": 1, "items": [{"o": "https://c.example/o/1", "k": "c-1"}]},
                                            {"server": "https://e.example", "total": 0, "items": [], "error": "HTTP 503"}]}""", false);
        FakePartner flat = partner(200, "{\"totalCount\": 7, \"items\": [{\"o\": \"https://d.example/o/1\", \"k\": \"d-1\"}]}", false);
        FakePartner broken = partner(500, "{\"code\": \"server_error\", \"message\": \"the graph is on fire\"}", false);
        String down = unusedUrl();
        try (FederatedQuery query = new FederatedQuery(queries, client, SELF + "/", List.of(new FederatedQuery.Partner(b.url(), "token-of-b"),
                new FederatedQuery.Partner(flat.url(), null), new FederatedQuery.Partner(broken.url(), null), new FederatedQuery.Partner(down, null)))) {
            JsonObject answer = query.search(request(List.of(), null));

            assertThat(keywords(answer, SELF)).containsExactly("local-1", "local-2");
            assertThat(keywords(answer, b.url())).containsExactly("b-1", "b-2");
            assertThat(keywords(answer, "https://c.example")).containsExactly("c-1");
            assertThat(keywords(answer, flat.url())).containsExactly("d-1");
            assertThat(answer.getJsonNumber("totalCount").longValue()).isEqualTo(2 + 2 + 1 + 7);
            assertThat(catalogue(answer, flat.url()).getJsonNumber("totalCount").longValue()).isEqualTo(7);
            assertThat(catalogue(answer, "https://e.example").getString("error")).isEqualTo("HTTP 503");
            assertThat(catalogue(answer, broken.url()).getString("error")).isEqualTo("HTTP 500: the graph is on fire");
            assertThat(catalogue(answer, down).getString("error")).contains(down);

            // what B was asked: the statement as given, and every catalogue that has it, so B asks none of them again
            JsonObject forwarded = Json.parseObject(b.requests().getFirst().getBytes(StandardCharsets.UTF_8));
            assertThat(forwarded.getString("statement")).isEqualTo(QUERY);
            assertThat(forwarded.getJsonArray("servers").getValuesAs(jakarta.json.JsonString.class)).extracting(jakarta.json.JsonString::getString)
                    .containsExactlyInAnyOrder(SELF, b.url(), flat.url(), broken.url(), down);
            assertThat(forwarded.getJsonObject("annotations").getString("queryLanguage")).isEqualTo("SPARQL");
        }
    }

    @Test
    void askedByAnotherCatalogueItAnswersBlocksAndAsksNoCatalogueTwice() throws Exception {
        FakePartner visited = partner(200, "{\"totalCount\": 0, \"items\": []}", false);
        FakePartner fresh = partner(200, "{\"totalCount\": 1, \"items\": [{\"server\": \"$SELF\", \"total\": 1, \"items\": [{\"k\": \"f-1\"}]}]}", false);
        try (FederatedQuery query = new FederatedQuery(queries, client, SELF, List.of(new FederatedQuery.Partner(visited.url(), null),
                new FederatedQuery.Partner(fresh.url(), null)))) {
            JsonObject answer = query.search(request(List.of("https://origin.example", visited.url() + "/"), null));

            assertThat(visited.requests()).isEmpty();
            assertThat(fresh.requests()).hasSize(1);
            assertThat(answer.getJsonNumber("totalCount").longValue()).isEqualTo(3);
            assertThat(answer.getJsonArray("items")).hasSize(2);
            JsonObject own = answer.getJsonArray("items").getJsonObject(0);
            assertThat(own.getString("server")).isEqualTo(SELF);
            assertThat(own.getJsonNumber("total").longValue()).isEqualTo(2);
            assertThat(answer.getJsonArray("items").getJsonObject(1).getString("server")).isEqualTo(fresh.url());
        }
    }

    @Test
    void aPartnerThatDoesNotAnswerInTimeIsReportedNotWaitedFor() throws Exception {
        FakePartner slow = partner(200, "{\"totalCount\": 0, \"items\": []}", true);
        try (FederatedQuery query = new FederatedQuery(queries, client, SELF, List.of(new FederatedQuery.Partner(slow.url(), null)))) {
            JsonObject answer = query.search(request(List.of(), Duration.ofSeconds(1)));
            assertThat(keywords(answer, SELF)).hasSize(2);
            assertThat(catalogue(answer, slow.url()).getString("error")).isNotBlank();
            assertThat(answer.getJsonNumber("totalCount").longValue()).isEqualTo(2);
        }
    }

    @Test
    void theStatementIsCheckedBeforeAnythingIsForwarded() throws Exception {
        FakePartner b = partner(200, "{\"totalCount\": 0, \"items\": []}", false);
        try (FederatedQuery query = new FederatedQuery(queries, client, SELF, List.of(new FederatedQuery.Partner(b.url(), null)))) {
            assertThatThrownBy(() -> query.search(new FederatedQuery.Request("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", null, List.of(), null, false)))
                    .isInstanceOf(QueryRejectedException.class).hasMessageContaining("SELECT or ASK");
            assertThatThrownBy(() -> query.search(new FederatedQuery.Request("SELECT * WHERE { SERVICE <http://evil.example/sparql> { ?s ?p ?o } }",
                    null, List.of(), null, false))).isInstanceOf(QueryRejectedException.class);
            assertThatThrownBy(() -> query.search(new FederatedQuery.Request("INSERT DATA { <a:b> <a:c> <a:d> }", null, List.of(), null, false)))
                    .isInstanceOf(QueryRejectedException.class);
            assertThat(b.requests()).isEmpty();
        }
    }

    @Test
    void partnersNeedTheCatalogueToKnowItsOwnId() {
        assertThatThrownBy(() -> new FederatedQuery(queries, client, null, List.of(new FederatedQuery.Partner("https://b.example", null))))
                .hasMessageContaining("own id");
        assertThatThrownBy(() -> new FederatedQuery(queries, client, "https://a.example", List.of(new FederatedQuery.Partner("https://A.example/", null))))
                .hasMessageContaining("itself");
    }
}
