package eu.federator.catalogue.graph;

import org.apache.jena.fuseki.main.FusekiServer;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.riot.Lang;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.tdb2.DatabaseMgr;
import org.apache.jena.tdb2.TDB2;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The contract against a real Fuseki (TDB2 dataset, union default graph) on loopback. */
class RemoteGraphStoreTest extends GraphStoreTestBase {
    static FusekiServer fuseki;

    @BeforeAll
    static void startFuseki() {
        DatasetGraph dataset = DatabaseMgr.createDatasetGraph();
        dataset.getContext().set(TDB2.symUnionDefaultGraph, true);
        fuseki = FusekiServer.create().loopback(true).port(0).add("/ds", dataset).build().start();
    }

    @AfterAll
    static void stopFuseki() {
        fuseki.stop();
    }

    @Override
    protected GraphStore newStore() {
        return new RemoteGraphStore(RemoteEndpoints.fuseki("http://localhost:" + fuseki.getHttpPort() + "/ds"));
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
