package eu.federator.catalogue.graph;

import org.apache.jena.graph.Graph;
import org.apache.jena.query.QueryFactory;
import org.apache.jena.query.QuerySolution;
import org.apache.jena.riot.Lang;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.security.MessageDigest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The contract every {@link GraphStore} meets (run against TDB2 and against a real Fuseki on loopback). Subclasses
 * give a fresh, empty store per test.
 */
public abstract class GraphStoreTestBase {
    protected GraphStore store;

    protected abstract GraphStore newStore() throws Exception;

    @BeforeEach
    void open() throws Exception {
        store = newStore();
        store.clear();
    }

    @AfterEach
    void close() {
        store.close();
    }

    public static String sha(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes()));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static final String OFFERING = """
            @prefix gx: <https://w3id.org/gaia-x/development#> .
            @prefix schema: <https://schema.org/> .
            <https://provider.example/offering/1> a gx:ServiceOffering ;
                gx:name "Object storage" ;
                schema:name "Not the same property as gx:name" ;
                gx:providedBy <https://provider.example/participant> ;
                gx:dataAccountExport [ gx:requestType "API" ; gx:formatType "application/json" ] .
            """;

    static final String OFFERING_V2 = """
            @prefix gx: <https://w3id.org/gaia-x/development#> .
            <https://provider.example/offering/1> a gx:ServiceOffering ; gx:name "Object storage v2" .
            """;

    static final String H1 = sha("one");
    static final String H2 = sha("two");

    static SdMetadata meta(String hash, String status) {
        return new SdMetadata(hash, "https://provider.example/offering/1", "did:web:provider.example",
                Instant.parse("2025-01-01T00:00:00Z"), Instant.parse("2026-01-01T00:00:00Z"), status,
                Instant.parse("2025-02-01T00:00:00Z"), Instant.parse("2025-02-01T00:00:00Z"), List.of("did:web:provider.example"));
    }

    List<QuerySolution> select(String sparql) {
        return store.query(QueryFactory.create(sparql), Duration.ofSeconds(10), exec -> {
            List<QuerySolution> rows = new ArrayList<>();
            exec.execSelect().forEachRemaining(rows::add);
            return rows;
        });
    }

    @Test
    void aNewStoreHasNoCheckpointAndNoGraphs() {
        assertThat(store.checkpoint()).isEmpty();
        assertThat(store.graph(H1)).isEmpty();
        assertThat(store.metadata(H1).isEmpty()).isTrue();
        assertThat(store.prefixes()).isEmpty();
    }

    @Test
    void aBatchWritesGraphMetadataPrefixesAndCheckpointTogether() {
        GraphChange.PutGraph put = GraphChange.PutGraph.parse(H1, OFFERING, Lang.TURTLE);
        assertThat(store.apply(GraphBatch.at(1).put(put).metadata(meta(H1, "active")).build())).isTrue();

        assertThat(store.checkpoint()).hasValue(1);
        Graph stored = store.graph(H1).orElseThrow();
        assertThat(stored.isIsomorphicWith(put.triples())).isTrue();
        assertThat(stored.size()).isEqualTo(7);
        assertThat(store.metadata(H1).size()).isEqualTo(10);
        // namespaces are kept: gx:name and schema:name stay two properties with full IRIs
        assertThat(select("SELECT ?p { <https://provider.example/offering/1> ?p ?o FILTER(isLiteral(?o)) }"))
                .extracting(r -> r.getResource("p").getURI())
                .containsExactlyInAnyOrder("https://w3id.org/gaia-x/development#name", "https://schema.org/name");
        assertThat(store.prefixes()).containsEntry("gx", "https://w3id.org/gaia-x/development#")
                .containsEntry("schema", "https://schema.org/");
    }

    @Test
    void putReplacesTheGraphAndItsPrefixesButKeepsMetadata() {
        store.apply(GraphBatch.at(1).put(GraphChange.PutGraph.parse(H1, OFFERING, Lang.TURTLE)).metadata(meta(H1, "active")).build());
        store.apply(GraphBatch.at(2).put(GraphChange.PutGraph.parse(H1, OFFERING_V2, Lang.TURTLE)).build());

        Graph stored = store.graph(H1).orElseThrow();
        assertThat(stored.size()).isEqualTo(2);
        assertThat(store.prefixes()).containsOnlyKeys("gx");
        assertThat(store.metadata(H1).size()).isEqualTo(10);
        assertThat(store.checkpoint()).hasValue(2);
    }

    @Test
    void aBatchAtOrBelowTheCheckpointChangesNothing() {
        store.apply(GraphBatch.at(5).put(GraphChange.PutGraph.parse(H1, OFFERING, Lang.TURTLE)).build());

        assertThat(store.apply(GraphBatch.at(5).put(GraphChange.PutGraph.parse(H1, OFFERING_V2, Lang.TURTLE)).build())).isFalse();
        assertThat(store.apply(GraphBatch.at(3).delete(H1).put(GraphChange.PutGraph.parse(H2, OFFERING_V2, Lang.TURTLE)).build())).isFalse();

        assertThat(store.checkpoint()).hasValue(5);
        assertThat(store.graph(H1).orElseThrow().size()).isEqualTo(7);
        assertThat(store.graph(H2)).isEmpty();
    }

    @Test
    void metadataIsReplacedWithoutTouchingClaims() {
        store.apply(GraphBatch.at(1).put(GraphChange.PutGraph.parse(H1, OFFERING, Lang.TURTLE)).metadata(meta(H1, "active")).build());
        store.apply(GraphBatch.at(2).metadata(new SdMetadata(H1, null, null, null, null, "revoked", Instant.parse("2025-03-01T00:00:00Z"), null, null)).build());

        assertThat(select("SELECT ?status ?time { GRAPH <" + Vocabulary.METADATA_GRAPH + "> { <" + Vocabulary.sdGraph(H1)
                + "> <urn:federator:catalogue:status> ?status ; <urn:federator:catalogue:statusTime> ?time } }"))
                .singleElement().satisfies(r -> {
                    assertThat(r.getLiteral("status").getString()).isEqualTo("revoked");
                    assertThat(r.getLiteral("time").getLexicalForm()).isEqualTo("2025-03-01T00:00:00Z");
                });
        assertThat(store.metadata(H1).size()).isEqualTo(4);
        assertThat(store.graph(H1).orElseThrow().size()).isEqualTo(7);
    }

    @Test
    void deleteRemovesClaimsMetadataAndPrefixes() {
        store.apply(GraphBatch.at(1).put(GraphChange.PutGraph.parse(H1, OFFERING, Lang.TURTLE)).metadata(meta(H1, "active"))
                .put(GraphChange.PutGraph.parse(H2, OFFERING_V2, Lang.TURTLE)).build());
        store.apply(GraphBatch.at(2).delete(H1).build());

        assertThat(store.graph(H1)).isEmpty();
        assertThat(store.metadata(H1).isEmpty()).isTrue();
        assertThat(store.graph(H2)).isPresent();
        assertThat(store.prefixes()).containsOnlyKeys("gx");
        assertThat(store.checkpoint()).hasValue(2);
    }

    @Test
    void queriesSeeTheUnionOfGraphsAndJoinClaimsWithMetadata() {
        store.apply(GraphBatch.at(1).put(GraphChange.PutGraph.parse(H1, OFFERING, Lang.TURTLE)).metadata(meta(H1, "active"))
                .put(GraphChange.PutGraph.parse(H2, OFFERING_V2, Lang.TURTLE)).metadata(meta(H2, "deprecated")).build());

        List<QuerySolution> active = select("""
                PREFIX gx: <https://w3id.org/gaia-x/development#>
                PREFIX fc: <urn:federator:catalogue:>
                SELECT ?name { GRAPH ?g { ?o a gx:ServiceOffering ; gx:name ?name } ?g fc:status "active" }""");
        assertThat(active).extracting(r -> r.getLiteral("name").getString()).containsExactly("Object storage");
        assertThat(select("SELECT DISTINCT ?g { GRAPH ?g { ?s ?p ?o } FILTER(?g != <" + Vocabulary.STATE_GRAPH + ">) }")).hasSize(3);
        if (store.hidesInternalGraphs()) {
            assertThat(select("SELECT * { ?s <" + Vocabulary.CHECKPOINT.getURI() + "> ?o }")).isEmpty();
            assertThat(select("SELECT * { GRAPH <" + Vocabulary.STATE_GRAPH + "> { ?s ?p ?o } }")).isEmpty();
        }
    }

    @Test
    void clearRemovesEverythingIncludingTheCheckpoint() {
        store.apply(GraphBatch.at(3).put(GraphChange.PutGraph.parse(H1, OFFERING, Lang.TURTLE)).metadata(meta(H1, "active")).build());
        store.clear();
        assertThat(store.checkpoint()).isEmpty();
        assertThat(store.graph(H1)).isEmpty();
        assertThat(store.prefixes()).isEmpty();
        assertThat(store.apply(GraphBatch.at(1).put(GraphChange.PutGraph.parse(H1, OFFERING_V2, Lang.TURTLE)).build())).isTrue();
    }

    @Test
    void aBulkLoadReplacesEverythingAndCommitsTheCheckpoint() {
        store.apply(GraphBatch.at(9).put(GraphChange.PutGraph.parse(H1, OFFERING, Lang.TURTLE)).build());
        List<String> hashes = new ArrayList<>();
        try (GraphStore.BulkLoad load = store.bulkLoad()) {
            assertThat(store.checkpoint()).isEmpty();
            for (int i = 0; i < 1200; i++) {
                String hash = sha("bulk" + i);
                hashes.add(hash);
                load.put(GraphChange.PutGraph.parse(hash, """
                        @prefix gx: <https://w3id.org/gaia-x/development#> .
                        <https://p.example/o/%d> a gx:ServiceOffering ; gx:name "offering %d" .""".formatted(i, i), Lang.TURTLE));
                load.metadata(meta(hash, "active"));
            }
            load.commit(1200);
        }
        assertThat(store.checkpoint()).hasValue(1200);
        assertThat(store.graph(H1)).isEmpty();
        assertThat(store.graph(hashes.get(1100)).orElseThrow().size()).isEqualTo(2);
        assertThat(select("SELECT (COUNT(*) AS ?n) { ?o a <https://w3id.org/gaia-x/development#ServiceOffering> }"))
                .singleElement().satisfies(r -> assertThat(r.getLiteral("n").getLong()).isEqualTo(1200));
        assertThat(store.prefixes()).containsOnlyKeys("gx");
    }

    @Test
    void aBulkLoadThatIsNotCommittedLeavesNoCheckpoint() {
        store.apply(GraphBatch.at(9).put(GraphChange.PutGraph.parse(H1, OFFERING, Lang.TURTLE)).build());
        try (GraphStore.BulkLoad load = store.bulkLoad()) {
            load.put(GraphChange.PutGraph.parse(H2, OFFERING_V2, Lang.TURTLE));
        }
        assertThat(store.checkpoint()).isEmpty();
    }
}
