package eu.federator.server.catalogue.query;

import eu.federator.catalogue.graph.GraphBatch;
import eu.federator.catalogue.graph.GraphChange;
import eu.federator.catalogue.graph.GraphStore;
import eu.federator.catalogue.graph.SdMetadata;
import eu.federator.server.Http;
import eu.federator.catalogue.testing.TestDirectories;
import jakarta.json.JsonObject;
import org.apache.jena.riot.Lang;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code POST /query} over real HTTP on loopback, on the embedded TDB2 graph in a temporary data directory. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class QueryEndpointTest {
    static final Path ROOT = TestDirectories.newDataDir("federator-query-");
    static final String GX = "PREFIX gx: <https://w3id.org/gaia-x/development#>\n";

    static final String ADMIN_TOKEN = "query-test-admin-token-0123456789";

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("federator.data-dir", () -> ROOT.resolve("data").toString());
        registry.add("federator.catalogue.query.max-limit", () -> "1000");
        registry.add("federator.security.admin-token", () -> ADMIN_TOKEN);
    }

    @LocalServerPort
    int port;

    @Autowired
    GraphStore store;

    Http http;

    static String sha(String s) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    }

    @BeforeEach
    void seed() throws Exception {
        http = new Http(port);
        store.clear();
        GraphBatch.Builder batch = GraphBatch.at(1);
        for (int i = 0; i < 120; i++) {
            String hash = sha("o" + i);
            batch.put(GraphChange.PutGraph.parse(hash, """
                    @prefix gx: <https://w3id.org/gaia-x/development#> .
                    <https://p%d.example/o/%d> a gx:ServiceOffering ; gx:name "offering %d" ; gx:providedBy <did:web:p%d.example> .
                    """.formatted(i % 3, i, i, i % 3), Lang.TURTLE));
            batch.metadata(new SdMetadata(hash, "https://p" + (i % 3) + ".example/o/" + i, "did:web:p" + (i % 3) + ".example",
                    null, null, "active", Instant.parse("2025-01-01T00:00:00Z"), null, null));
        }
        StringBuilder filler = new StringBuilder();
        for (int i = 0; i < 2000; i++) {
            filler.append("<https://filler.example/s").append(i).append("> <https://filler.example/p> \"").append(i).append("\" .\n");
        }
        batch.put(GraphChange.PutGraph.parse(sha("filler"), filler.toString(), Lang.NTRIPLES));
        store.apply(batch.build());
    }

    HttpResponse<String> sparql(String query, String params, String accept) throws Exception {
        HttpRequest.Builder request = http.request("/query" + params).header("Content-Type", "application/sparql-query")
                .POST(HttpRequest.BodyPublishers.ofString(query));
        if (accept != null) {
            request.header("Accept", accept);
        }
        return http.send(request.build());
    }

    HttpResponse<String> xfsc(String json, String params) throws Exception {
        return http.post("/query" + params, "application/json", json.getBytes(StandardCharsets.UTF_8));
    }

    static JsonObject error(HttpResponse<String> response, int status, String code, String messagePart) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(Http.contentType(response)).startsWith("application/json");
        JsonObject body = Http.json(response);
        assertThat(body.getString("code")).isEqualTo(code);
        assertThat(body.getString("message")).contains(messagePart);
        assertThat(body.keySet()).containsExactlyInAnyOrder("code", "message");
        return body;
    }

    @Test
    void rawSparqlAnswersInTheXfscShapeWithTheDefaultLimitAndARealTotalCount() throws Exception {
        HttpResponse<String> response = sparql(GX + "SELECT ?o ?name { ?o a gx:ServiceOffering ; gx:name ?name }", "", null);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(Http.contentType(response)).startsWith("application/json");
        JsonObject body = Http.json(response);
        assertThat(body.getInt("totalCount")).isEqualTo(120);
        assertThat(body.getJsonArray("items")).hasSize(100);
        assertThat(body.getJsonArray("items").getJsonObject(0).getString("o")).startsWith("https://p");
        assertThat(response.headers().firstValue("X-Query-Limit")).hasValue("100");
        assertThat(response.headers().firstValue("X-Total-Count")).hasValue("120");
    }

    @Test
    void theXfscBodyBindsParametersAndHonoursWithTotalCountAndLimits() throws Exception {
        HttpResponse<String> response = xfsc("""
                {"statement": "PREFIX gx: <https://w3id.org/gaia-x/development#> SELECT ?o WHERE { ?o gx:providedBy ?provider } LIMIT 5000",
                 "parameters": {"provider": {"@id": "did:web:p1.example"}}}""", "?queryLanguage=SPARQL&withTotalCount=true&timeout=10");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonObject body = Http.json(response);
        assertThat(body.getInt("totalCount")).isEqualTo(40);
        assertThat(body.getJsonArray("items")).hasSize(40);
        assertThat(response.headers().firstValue("X-Query-Limit")).hasValue("1000");
        assertThat(response.headers().firstValue("X-Query-Limit-Lowered")).hasValue("true");

        HttpResponse<String> noCount = xfsc("{\"statement\": \"SELECT * { ?s ?p ?o } LIMIT 3\"}", "?withTotalCount=false");
        assertThat(Http.json(noCount).getInt("totalCount")).isEqualTo(3);
        assertThat(noCount.headers().firstValue("X-Total-Count")).isEmpty();
    }

    @Test
    void acceptSelectsW3cResultsAndGraphFormats() throws Exception {
        HttpResponse<String> w3c = sparql(GX + "SELECT ?o { ?o a gx:ServiceOffering } LIMIT 2", "", "application/sparql-results+json");
        assertThat(Http.contentType(w3c)).startsWith("application/sparql-results+json");
        assertThat(Http.json(w3c).getJsonObject("results").getJsonArray("bindings")).hasSize(2);

        HttpResponse<String> ask = sparql(GX + "ASK { ?o gx:name \"offering 7\" }", "", "application/sparql-results+json");
        assertThat(Http.json(ask).getBoolean("boolean")).isTrue();

        HttpResponse<String> turtle = sparql(GX + "CONSTRUCT { ?o gx:name ?n } WHERE { ?o gx:name ?n } LIMIT 3", "", "text/turtle");
        assertThat(turtle.statusCode()).isEqualTo(200);
        assertThat(Http.contentType(turtle)).startsWith("text/turtle");
        assertThat(turtle.body()).contains("gx:name").containsIgnoringCase("prefix gx: <https://w3id.org/gaia-x/development#>");

        HttpResponse<String> jsonld = sparql("DESCRIBE <https://p1.example/o/1>", "", null);
        assertThat(Http.contentType(jsonld)).startsWith("application/ld+json");
        assertThat(jsonld.body()).contains("https://w3id.org/gaia-x/development#").contains("offering 1");

        error(sparql(GX + "SELECT ?o { ?o a gx:ServiceOffering }", "", "text/turtle"), 406, "not_acceptable", "SELECT");
    }

    @Test
    void syntaxErrorsSayWhere() throws Exception {
        error(sparql("SELECT ?s\nWHERE { ?s ?p }", "", null), 400, "client_error", "line 2");
    }

    @Test
    void updatesAndServiceAreRejected() throws Exception {
        error(sparql("DROP ALL", "", null), 400, "client_error", "read-only");
        error(xfsc("{\"statement\": \"INSERT DATA { <urn:a> <urn:b> <urn:c> }\"}", ""), 400, "client_error", "read-only");
        error(sparql("SELECT * { ?s ?p ?o OPTIONAL { { SELECT ?s { SERVICE <http://127.0.0.1:1/sparql> { ?s ?p ?o } } } } }", "", null),
                400, "client_error", "SERVICE <http://127.0.0.1:1/sparql> is not allowed");
        // nothing changed
        assertThat(store.graph(sha("o1"))).isPresent();
    }

    @Test
    void badBodiesAndParametersAre400() throws Exception {
        error(xfsc("{\"statement\": ", ""), 400, "client_error", "not a JSON object");
        error(xfsc("{\"query\": \"SELECT * {}\"}", ""), 400, "client_error", "statement");
        error(xfsc("{\"statement\": \"SELECT * {}\", \"parameters\": {\"a b\": 1}}", ""), 400, "client_error", "not a SPARQL variable name");
        error(sparql("SELECT * {}", "?timeout=soon", null), 400, "client_error", "timeout");
        error(sparql("SELECT * {}", "?withTotalCount=maybe", null), 400, "client_error", "withTotalCount");
    }

    @Test
    void otherContentTypesAre415() throws Exception {
        error(http.post("/query", "text/plain", "SELECT * {}".getBytes()), 415, "unsupported_media_type", "application/sparql-query");
        error(http.send(http.request("/query").POST(HttpRequest.BodyPublishers.ofString("SELECT * {}")).build()), 415,
                "unsupported_media_type", "no Content-Type");
    }

    @Test
    void cypherAndGraphqlAre501() throws Exception {
        error(xfsc("{\"statement\": \"MATCH (n:ServiceOffering) RETURN n LIMIT 25\"}", "?queryLanguage=OPENCYPHER"), 501, "not_implemented",
                "Federator's catalogue graph is RDF");
        error(xfsc("{\"statement\": \"{ offerings { name } }\"}", "?queryLanguage=GRAPHQL"), 501, "not_implemented", "SPARQL");
        error(http.post("/query", "application/opencypher-query", "MATCH (n) RETURN n".getBytes()), 501, "not_implemented", "SPARQL");
        error(xfsc("{\"statement\": \"x\"}", "?queryLanguage=XPATH"), 400, "client_error", "unknown queryLanguage");
    }

    @Test
    void aSlowQueryIs504AtItsTimeout() throws Exception {
        long start = System.nanoTime();
        error(sparql("SELECT (COUNT(*) AS ?n) { ?a <https://filler.example/p> ?x . ?b <https://filler.example/p> ?y . ?c <https://filler.example/p> ?z }",
                "?timeout=1", null), 504, "timeout_error", "1 s");
        assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(15_000);
    }

    @Test
    void infoDescribesTheStoreToTheCatalogueAdmin() throws Exception {
        assertThat(http.get("/query/info").statusCode()).as("infrastructure details need the catalogue-admin role").isEqualTo(401);
        HttpResponse<String> response = new Http(port, ADMIN_TOKEN).get("/query/info");
        assertThat(response.statusCode()).isEqualTo(200);
        JsonObject info = Http.json(response);
        assertThat(info.getString("store")).startsWith("TDB2");
        assertThat(info.getInt("defaultLimit")).isEqualTo(100);
        assertThat(info.getInt("maxLimit")).isEqualTo(1000);
        assertThat(info.getInt("checkpoint")).isEqualTo(1);
        assertThat(info.getJsonObject("prefixes").getString("gx")).isEqualTo("https://w3id.org/gaia-x/development#");
    }
}
