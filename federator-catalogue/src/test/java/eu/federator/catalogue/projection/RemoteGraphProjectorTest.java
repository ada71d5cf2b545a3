package eu.federator.catalogue.projection;

import eu.federator.catalogue.testing.LocalFuseki;
import eu.federator.catalogue.graph.GraphStore;
import eu.federator.catalogue.graph.GraphStoreException;
import eu.federator.catalogue.graph.RemoteEndpoints;
import eu.federator.catalogue.graph.RemoteGraphStore;
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
    protected GraphStore newGraphStore() {
        return fuseki.graphStore();
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
