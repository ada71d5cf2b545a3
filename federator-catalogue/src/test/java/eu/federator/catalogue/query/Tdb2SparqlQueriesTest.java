package eu.federator.catalogue.query;

import eu.federator.catalogue.graph.GraphStore;
import eu.federator.catalogue.graph.Tdb2GraphStore;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link SparqlQueries} over an embedded TDB2 database in a temporary directory. */
class Tdb2SparqlQueriesTest extends SparqlQueriesTestBase {
    @Override
    GraphStore newStore() throws Exception {
        Path dir = Files.createTempDirectory("federator-query-");
        dir.toFile().deleteOnExit();
        return Tdb2GraphStore.open(dir.resolve("graph"));
    }

    @Test
    void theStateGraphIsInvisible() {
        QueryOutcome.Select rows = select("SELECT ?p { ?s ?p ?o FILTER(STRSTARTS(STR(?p), \"urn:federator:catalogue:checkpoint\") "
                + "|| STRSTARTS(STR(?p), \"http://www.w3.org/ns/shacl#\")) }", true);
        assertThat(rows.totalCount()).isZero();
        assertThat(((QueryOutcome.Ask) queries.execute(queries.prepare("ASK { GRAPH ?g { ?s <urn:federator:catalogue:checkpoint> ?o } }", Map.of()),
                Duration.ofSeconds(5), false)).result()).isFalse();
    }
}
