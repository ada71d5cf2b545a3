package eu.federator.catalogue.query;

import eu.federator.catalogue.graph.GraphStore;
import eu.federator.catalogue.graph.RemoteEndpoints;
import eu.federator.catalogue.graph.RemoteGraphStore;
import org.apache.jena.fuseki.main.FusekiServer;
import org.apache.jena.query.ARQ;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.tdb2.DatabaseMgr;
import org.apache.jena.tdb2.TDB2;
import org.junit.jupiter.api.AfterAll;

/** {@link SparqlQueries} against a real Fuseki on loopback (the remote mode). */
class RemoteSparqlQueriesTest extends SparqlQueriesTestBase {
    FusekiServer fuseki;

    @Override
    GraphStore newStore() {
        DatasetGraph dataset = DatabaseMgr.createDatasetGraph();
        dataset.getContext().set(TDB2.symUnionDefaultGraph, true);
        // Fuseki's own limit, so the server stops the deliberately slow query too
        dataset.getContext().set(ARQ.queryTimeout, "3000");
        fuseki = FusekiServer.create().loopback(true).port(0).add("/ds", dataset).build().start();
        return new RemoteGraphStore(RemoteEndpoints.fuseki("http://localhost:" + fuseki.getHttpPort() + "/ds"));
    }

    @AfterAll
    void stopFuseki() {
        fuseki.stop();
    }
}
