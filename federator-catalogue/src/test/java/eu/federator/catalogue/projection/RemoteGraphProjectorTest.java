package eu.federator.catalogue.projection;

import eu.federator.catalogue.graph.GraphStore;
import eu.federator.catalogue.graph.GraphStoreException;
import eu.federator.catalogue.graph.RemoteEndpoints;
import eu.federator.catalogue.graph.RemoteGraphStore;
import org.apache.jena.fuseki.main.FusekiServer;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.tdb2.DatabaseMgr;
import org.apache.jena.tdb2.TDB2;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.ServerSocket;
import java.time.Duration;

import static eu.federator.catalogue.sd.TestSelfDescriptions.T0;
import static eu.federator.catalogue.sd.TestSelfDescriptions.sd;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The projector into a real Fuseki (TDB2 dataset, union default graph) on loopback, through SPARQL Update. */
class RemoteGraphProjectorTest extends GraphProjectorTestBase {
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
    protected GraphStore newGraphStore() {
        return new RemoteGraphStore(RemoteEndpoints.fuseki("http://localhost:" + fuseki.getHttpPort() + "/ds"));
    }

    @Test
    void aGraphStoreThatIsDownIsReportedAndNothingIsSkipped() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        stored(sd("https://p.example/a#cs").build(), T0);
        try (RemoteGraphStore down = new RemoteGraphStore(RemoteEndpoints.fuseki("http://localhost:" + closedPort + "/ds"));
             GraphProjector failing = new GraphProjector(store, down, Duration.ofMillis(50))) {
            assertThatThrownBy(failing::catchUp).isInstanceOf(GraphStoreException.class).hasMessageContaining("localhost");

            failing.start();
            await("the background thread reports the failure", () -> failing.lastError() != null);
            assertThat(failing.projectedSequence()).isEqualTo(-1);
        }
        // the events are still there for a graph store that works
        assertThat(projector.catchUp()).isEqualTo(1);
    }
}
