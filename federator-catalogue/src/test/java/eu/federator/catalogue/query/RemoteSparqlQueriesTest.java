package eu.federator.catalogue.query;

import eu.federator.catalogue.graph.GraphStore;
import eu.federator.catalogue.testing.LocalFuseki;
import org.junit.jupiter.api.AfterAll;

import java.time.Duration;

/** {@link SparqlQueries} against a real Fuseki on loopback (the remote mode). */
class RemoteSparqlQueriesTest extends SparqlQueriesTestBase {
    LocalFuseki fuseki;

    @Override
    GraphStore newStore() {
        // Fuseki's own limit, so the server stops the deliberately slow query too
        fuseki = LocalFuseki.start(Duration.ofSeconds(3));
        return fuseki.graphStore();
    }

    @AfterAll
    void stopFuseki() {
        fuseki.close();
    }
}
