package eu.federator.catalogue.testing;

import eu.federator.catalogue.graph.RemoteEndpoints;
import eu.federator.catalogue.graph.RemoteGraphStore;
import org.apache.jena.fuseki.main.FusekiServer;
import org.apache.jena.query.ARQ;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.tdb2.DatabaseMgr;
import org.apache.jena.tdb2.TDB2;

import java.time.Duration;

/** A real Fuseki on loopback serving one in-memory TDB2 dataset {@code /ds} with the union default graph, as deployed. */
public final class LocalFuseki implements AutoCloseable {
    private final FusekiServer server;

    private LocalFuseki(FusekiServer server) {
        this.server = server;
    }

    public static LocalFuseki start() {
        return start(null);
    }

    /** @param queryTimeout Fuseki's own query limit (so the server stops a deliberately slow query too), or null */
    public static LocalFuseki start(Duration queryTimeout) {
        DatasetGraph dataset = DatabaseMgr.createDatasetGraph();
        dataset.getContext().set(TDB2.symUnionDefaultGraph, true);
        if (queryTimeout != null) {
            dataset.getContext().set(ARQ.queryTimeout, Long.toString(queryTimeout.toMillis()));
        }
        return new LocalFuseki(FusekiServer.create().loopback(true).port(0).add("/ds", dataset).build().start());
    }

    /** A graph store talking to this Fuseki over SPARQL Query, Update and the graph store protocol. */
    public RemoteGraphStore graphStore() {
        return new RemoteGraphStore(RemoteEndpoints.fuseki("http://localhost:" + server.getHttpPort() + "/ds"));
    }

    @Override
    public void close() {
        server.stop();
    }
}
