package eu.federator.catalogue.graph;

import eu.federator.catalogue.testing.LocalFuseki;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.riot.Lang;
import org.apache.jena.sparql.graph.GraphFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The contract against a real Fuseki (TDB2 dataset, union default graph) on loopback. */
class RemoteGraphStoreTest extends GraphStoreTestBase {
    static LocalFuseki fuseki;

    @BeforeAll
    static void startFuseki() {
        fuseki = LocalFuseki.start();
    }

    @AfterAll
    static void stopFuseki() {
        fuseki.close();
    }

    @Override
    protected GraphStore newStore() {
        return fuseki.graphStore();
    }

    @Test
    void aRequestTheStoreRejectsChangesNothing() {
        store.apply(GraphBatch.at(1).put(GraphChange.PutGraph.parse(H1, OFFERING, Lang.TURTLE)).build());
        var bad = GraphFactory.createDefaultGraph();
        bad.add(NodeFactory.createURI("https://ok.example/s"), NodeFactory.createURI("https://ok.example/p"),
                NodeFactory.createURI("not an iri with spaces"));
        GraphBatch batch = GraphBatch.at(2).delete(H1).put(new GraphChange.PutGraph(H2, bad, Map.of())).build();

        assertThatThrownBy(() -> store.apply(batch)).isInstanceOf(GraphStoreException.class);
        assertThat(store.checkpoint()).hasValue(1);
        assertThat(store.graph(H1)).isPresent();
    }
}
