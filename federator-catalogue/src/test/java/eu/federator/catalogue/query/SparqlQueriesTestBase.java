package eu.federator.catalogue.query;

import eu.federator.catalogue.graph.GraphBatch;
import eu.federator.catalogue.graph.GraphChange;
import eu.federator.catalogue.graph.GraphStore;
import eu.federator.catalogue.graph.GraphStoreTestBase;
import eu.federator.catalogue.graph.SdMetadata;
import jakarta.json.Json;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.riot.Lang;
import org.apache.jena.sparql.core.Var;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link SparqlQueries} over a store holding 150 service offerings from 7 providers (one graph each, with metadata) and
 * 2,000 filler triples for a slow cross join.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class SparqlQueriesTestBase {
    static final String PREFIXES = """
            PREFIX gx: <https://w3id.org/gaia-x/development#>
            PREFIX fc: <urn:federator:catalogue:>
            """;
    static final int OFFERINGS = 150;
    static final int PROVIDERS = 7;

    GraphStore store;
    SparqlQueries queries;

    abstract GraphStore newStore() throws Exception;

    @BeforeAll
    void load() throws Exception {
        store = newStore();
        store.clear();
        GraphBatch.Builder batch = GraphBatch.at(1);
        for (int i = 0; i < OFFERINGS; i++) {
            String hash = GraphStoreTestBase.sha("offering" + i);
            batch.put(GraphChange.PutGraph.parse(hash, """
                    @prefix gx: <https://w3id.org/gaia-x/development#> .
                    @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
                    <https://p%d.example/o/%d> a gx:ServiceOffering ; gx:name "offering %d" ; gx:price %d ; gx:public %s ;
                        gx:providedBy <https://p%d.example/participant> .
                    """.formatted(i % PROVIDERS, i, i, i, i % 2 == 0, i % PROVIDERS), Lang.TURTLE));
            batch.metadata(new SdMetadata(hash, "https://p" + (i % PROVIDERS) + ".example/o/" + i, "did:web:p" + (i % PROVIDERS) + ".example",
                    null, null, i < 100 ? "active" : "revoked", Instant.parse("2025-01-01T00:00:00Z"), null, null));
        }
        StringBuilder filler = new StringBuilder();
        for (int i = 0; i < 2000; i++) {
            filler.append("<https://filler.example/s").append(i).append("> <https://filler.example/p> \"").append(i).append("\" .\n");
        }
        batch.put(GraphChange.PutGraph.parse(GraphStoreTestBase.sha("filler"), filler.toString(), Lang.NTRIPLES));
        store.apply(batch.build());
        queries = new SparqlQueries(store, new QuerySettings(100, 120, Duration.ofSeconds(5), Duration.ofSeconds(20)));
    }

    @AfterAll
    void close() {
        store.close();
    }

    QueryOutcome.Select select(String sparql, boolean withTotalCount) {
        return (QueryOutcome.Select) queries.execute(queries.prepare(PREFIXES + sparql, Map.of()), Duration.ofSeconds(10), withTotalCount);
    }

    QueryRejectedException rejected(String sparql) {
        return org.junit.jupiter.api.Assertions.assertThrows(QueryRejectedException.class, () -> queries.prepare(sparql, Map.of()));
    }

    // --- LIMIT ---

    @Test
    void aQueryWithoutLimitGetsTheDefault() {
        QueryOutcome.Select rows = select("SELECT ?o { ?o a gx:ServiceOffering }", false);
        assertThat(rows.rows()).hasSize(100);
        assertThat(rows.limit()).isEqualTo(100);
    }

    @Test
    void aSmallerLimitIsKeptAndALargerOneIsLoweredToTheMaximum() {
        assertThat(select("SELECT ?o { ?o a gx:ServiceOffering } LIMIT 7", false).rows()).hasSize(7);
        PreparedQuery big = queries.prepare(PREFIXES + "SELECT ?o { ?o a gx:ServiceOffering } LIMIT 100000", Map.of());
        assertThat(big.limit()).isEqualTo(120);
        assertThat(big.limitLowered()).isTrue();
        assertThat(((QueryOutcome.Select) queries.execute(big, Duration.ofSeconds(10), false)).rows()).hasSize(120);
        // a LIMIT inside a subquery is the query's own business; only the outer one is policed
        assertThat(queries.prepare(PREFIXES + "SELECT ?o { { SELECT ?o { ?o a gx:ServiceOffering } LIMIT 3 } }", Map.of()).query()
                .getLimit()).isEqualTo(100);
    }

    // --- withTotalCount: a real COUNT query ---

    @Test
    void theTotalCountIgnoresLimitAndOffset() {
        QueryOutcome.Select page = select("SELECT ?o { ?o a gx:ServiceOffering } ORDER BY ?o LIMIT 10 OFFSET 145", true);
        assertThat(page.rows()).hasSize(5);
        assertThat(page.totalCount()).isEqualTo(OFFERINGS);
        assertThat(select("SELECT ?o { ?o a gx:ServiceOffering }", true).totalCount()).isEqualTo(OFFERINGS);
        assertThat(select("SELECT ?o { ?o a gx:ServiceOffering }", false).totalCount()).isEqualTo(-1);
    }

    @Test
    void theTotalCountRespectsDistinctGroupByHavingAndValues() {
        assertThat(select("SELECT DISTINCT ?p { ?o gx:providedBy ?p } LIMIT 2", true).totalCount()).isEqualTo(PROVIDERS);
        assertThat(select("SELECT ?p (COUNT(?o) AS ?n) { ?o gx:providedBy ?p } GROUP BY ?p ORDER BY DESC(?n) LIMIT 1", true).totalCount())
                .isEqualTo(PROVIDERS);
        assertThat(select("SELECT ?p { ?o gx:providedBy ?p } GROUP BY ?p HAVING (COUNT(?o) > 21)", true).totalCount())
                .isEqualTo(OFFERINGS % PROVIDERS);
        assertThat(select("SELECT ?o { ?o gx:providedBy ?p } VALUES ?p { <https://p0.example/participant> <https://p1.example/participant> }", true)
                .totalCount()).isEqualTo(22 + 22);
        assertThat(select("SELECT (COUNT(*) AS ?all) { ?o a gx:ServiceOffering }", true).totalCount()).isEqualTo(1);
    }

    @Test
    void theTotalCountWorksWhenTheQueryUsesTheCountVariableNameAndSelectStar() {
        QueryOutcome.Select rows = select("SELECT * { ?totalCount a gx:ServiceOffering ; gx:public true }", true);
        assertThat(rows.totalCount()).isEqualTo(OFFERINGS / 2);
        assertThat(rows.vars()).containsExactly(Var.alloc("totalCount"));
    }

    @Test
    void metadataJoinsWithClaims() {
        assertThat(select("SELECT ?o { GRAPH ?g { ?o a gx:ServiceOffering } ?g fc:status \"active\" }", true).totalCount()).isEqualTo(100);
    }

    @Test
    void theCountQueryIsBuiltFromTheParsedQuery() {
        PreparedQuery prepared = queries.prepare(PREFIXES + "SELECT DISTINCT ?p { ?o gx:providedBy ?p } ORDER BY ?p LIMIT 5 OFFSET 2", Map.of());
        String count = SparqlQueries.countQuery(prepared.query()).serialize();
        assertThat(count).containsIgnoringCase("COUNT(*)").contains("SELECT DISTINCT").containsOnlyOnce("PREFIX  gx:").doesNotContain("LIMIT").doesNotContain("OFFSET")
                .doesNotContain("ORDER BY");
    }

    // --- read-only policing ---

    @Test
    void updatesAreRejectedAsUpdates() {
        for (String update : List.of("INSERT DATA { <urn:a> <urn:b> <urn:c> }", "DELETE WHERE { ?s ?p ?o }", "LOAD <https://evil.example/data.ttl>",
                "CLEAR ALL", "DROP GRAPH <urn:federator:catalogue:metadata>", "PREFIX x: <urn:x:> WITH <urn:g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }")) {
            QueryRejectedException e = rejected(update);
            assertThat(e.reason()).as(update).isEqualTo(QueryRejectedException.Reason.UPDATE);
            assertThat(e.getMessage()).contains("read-only");
        }
    }

    @Test
    void serviceIsRejectedWhereverItHides() {
        for (String q : List.of(
                "SELECT * { SERVICE <https://dbpedia.org/sparql> { ?s ?p ?o } }",
                "SELECT * { ?s ?p ?o OPTIONAL { SERVICE SILENT <https://evil.example/sparql> { ?s ?q ?r } } }",
                "SELECT * { { SELECT ?s { SERVICE <https://evil.example/sparql> { ?s ?p ?o } } } }",
                "SELECT * { { SELECT ?s { { SELECT ?s { ?s ?p ?o MINUS { SERVICE <https://evil.example/sparql> { ?s ?p ?o } } } } } } }",
                "SELECT * { ?s ?p ?o FILTER EXISTS { SERVICE <https://evil.example/sparql> { ?s ?p ?o } } }",
                "SELECT * { ?s ?p ?o FILTER NOT EXISTS { GRAPH ?g { SERVICE <https://evil.example/sparql> { ?s ?p ?o } } } }",
                "SELECT * { { ?s ?p ?o } UNION { SERVICE ?endpoint { ?s ?p ?o } } }",
                "SELECT * { ?s ?p ?o BIND(EXISTS { SERVICE <https://evil.example/sparql> { ?s ?p ?o } } AS ?x) }",
                "ASK { SERVICE <https://evil.example/sparql> { ?s ?p ?o } }",
                "CONSTRUCT { ?s ?p ?o } WHERE { SERVICE <https://evil.example/sparql> { ?s ?p ?o } }",
                "DESCRIBE ?s WHERE { SERVICE <https://evil.example/sparql> { ?s ?p ?o } }")) {
            QueryRejectedException e = rejected(q);
            assertThat(e.reason()).as(q).isEqualTo(QueryRejectedException.Reason.SERVICE);
            assertThat(e.getMessage()).contains("SERVICE").contains("not allowed");
        }
    }

    @Test
    void javaFunctionsAndTheInternalGraphAreRejected() {
        assertThat(rejected("SELECT * { ?s ?p ?o FILTER(<java:org.apache.jena.sparql.function.library.sha1sum>(?o)) }").reason())
                .isEqualTo(QueryRejectedException.Reason.UNSAFE_FUNCTION);
        assertThat(rejected("SELECT * { ?s <java:org.apache.jena.sparql.pfunction.library.splitIRI> (?a ?b) }").reason())
                .isEqualTo(QueryRejectedException.Reason.UNSAFE_FUNCTION);
        assertThat(rejected("SELECT * { GRAPH <urn:federator:graph:state> { ?s ?p ?o } }").reason())
                .isEqualTo(QueryRejectedException.Reason.INTERNAL_GRAPH);
        assertThat(rejected("SELECT * FROM <urn:federator:graph:state> { ?s ?p ?o }").reason())
                .isEqualTo(QueryRejectedException.Reason.INTERNAL_GRAPH);
    }

    @Test
    void aSyntaxErrorSaysWhere() {
        QueryRejectedException e = rejected("SELECT ?s\nWHERE { ?s ?p }");
        assertThat(e.reason()).isEqualTo(QueryRejectedException.Reason.SYNTAX);
        assertThat(e.line()).isEqualTo(2);
        assertThat(e.column()).isPositive();
        assertThat(e.getMessage()).contains("line 2");
        assertThat(rejected("  ").reason()).isEqualTo(QueryRejectedException.Reason.EMPTY);
    }

    // --- timeout ---

    @Test
    void aSlowQueryIsCancelledAtItsTimeout() {
        // 2,000^3 = 8e9 combinations: hours of work, cancelled after 300 ms
        PreparedQuery slow = queries.prepare("SELECT (COUNT(*) AS ?n) { ?a <https://filler.example/p> ?x . ?b <https://filler.example/p> ?y . "
                + "?c <https://filler.example/p> ?z }", Map.of());
        long start = System.nanoTime();
        assertThatThrownBy(() -> queries.execute(slow, Duration.ofMillis(300), false))
                .isInstanceOf(QueryTimeoutException.class).hasMessageContaining("300 ms");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(8));
    }

    @Test
    void requestedTimeoutsAreBounded() {
        assertThat(queries.timeout(null)).isEqualTo(Duration.ofSeconds(5));
        assertThat(queries.timeout(Duration.ofSeconds(2))).isEqualTo(Duration.ofSeconds(2));
        assertThat(queries.timeout(Duration.ofHours(1))).isEqualTo(Duration.ofSeconds(20));
    }

    // --- parameters ---

    @Test
    void parametersAreBoundAsTermsNotText() {
        Map<String, Node> params = QueryParameters.fromJson(Json.createReader(new java.io.StringReader("""
                {"provider": {"@id": "https://p3.example/participant"}, "public": true}""")).readObject());
        PreparedQuery q = queries.prepare(PREFIXES + "SELECT ?o ?provider { ?o gx:providedBy ?provider ; gx:public ?public }", params);
        QueryOutcome.Select rows = (QueryOutcome.Select) queries.execute(q, Duration.ofSeconds(5), true);
        assertThat(rows.totalCount()).isEqualTo(10);
        assertThat(rows.rows()).allSatisfy(r -> assertThat(r.get(Var.alloc("provider")))
                .isEqualTo(NodeFactory.createURI("https://p3.example/participant")));

        // an injection attempt is just a string that matches nothing
        Map<String, Node> evil = QueryParameters.fromJson(Json.createObjectBuilder()
                .add("name", "x\" } } ; DROP ALL ; SELECT * { ?s ?p \"").build());
        QueryOutcome.Select none = (QueryOutcome.Select) queries.execute(
                queries.prepare(PREFIXES + "SELECT ?o { ?o gx:name ?name }", evil), Duration.ofSeconds(5), true);
        assertThat(none.rows()).isEmpty();
        assertThat(none.totalCount()).isZero();

        Map<String, Node> typed = QueryParameters.fromJson(Json.createObjectBuilder().add("price", 42).build());
        assertThat(((QueryOutcome.Select) queries.execute(queries.prepare(PREFIXES + "SELECT ?o { ?o gx:price ?price }", typed),
                Duration.ofSeconds(5), false)).rows()).hasSize(1);
    }

    @Test
    void badParametersAreRejected() {
        assertThatThrownBy(() -> QueryParameters.fromJson(Json.createObjectBuilder().add("a b", "x").build()))
                .isInstanceOf(QueryRejectedException.class).hasMessageContaining("not a SPARQL variable name");
        assertThatThrownBy(() -> QueryParameters.fromJson(Json.createObjectBuilder().add("x", Json.createArrayBuilder().add(1)).build()))
                .isInstanceOf(QueryRejectedException.class).hasMessageContaining("array");
        assertThatThrownBy(() -> QueryParameters.fromJson(Json.createObjectBuilder().add("x", Json.createObjectBuilder().add("@id", "not an iri")).build()))
                .isInstanceOf(QueryRejectedException.class).hasMessageContaining("absolute IRI");
    }

    // --- other query forms and formats ---

    @Test
    void askConstructAndDescribe() {
        assertThat(((QueryOutcome.Ask) queries.execute(queries.prepare(PREFIXES + "ASK { ?o gx:price 149 }", Map.of()),
                Duration.ofSeconds(5), false)).result()).isTrue();
        QueryOutcome.GraphResult constructed = (QueryOutcome.GraphResult) queries.execute(queries.prepare(PREFIXES
                + "CONSTRUCT { ?o gx:name ?n } WHERE { ?o gx:name ?n }", Map.of()), Duration.ofSeconds(5), false);
        assertThat(constructed.graph().size()).isEqualTo(100);
        assertThat(constructed.prefixes().getNsPrefixURI("gx")).isEqualTo("https://w3id.org/gaia-x/development#");
        String turtle = new String(ResultFormats.write(constructed, ResultFormats.TURTLE), StandardCharsets.UTF_8);
        assertThat(turtle).contains("gx:name");
        QueryOutcome.GraphResult described = (QueryOutcome.GraphResult) queries.execute(queries.prepare(
                "DESCRIBE <https://p1.example/o/1>", Map.of()), Duration.ofSeconds(5), false);
        assertThat(described.graph().size()).isEqualTo(5);
    }

    @Test
    void theXfscShapeUsesJsonNumbersAndBooleansAndFullIris() {
        QueryOutcome.Select rows = select("SELECT ?o ?price ?public ?name { ?o gx:price ?price ; gx:public ?public ; gx:name ?name "
                + "FILTER(?price = 4) }", true);
        var json = Json.createReader(new java.io.StringReader(ResultFormats.xfsc(rows))).readObject();
        assertThat(json.getInt("totalCount")).isEqualTo(1);
        var item = json.getJsonArray("items").getJsonObject(0);
        assertThat(item.getString("o")).isEqualTo("https://p4.example/o/4");
        assertThat(item.getJsonNumber("price").intValue()).isEqualTo(4);
        assertThat(item.getBoolean("public")).isTrue();
        assertThat(item.getString("name")).isEqualTo("offering 4");
    }
}
