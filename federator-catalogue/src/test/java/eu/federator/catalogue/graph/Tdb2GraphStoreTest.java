package eu.federator.catalogue.graph;

import org.apache.jena.riot.Lang;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The contract on an embedded TDB2 database in a temporary directory. */
class Tdb2GraphStoreTest extends GraphStoreTestBase {
    @TempDir
    Path dir;

    @Override
    protected GraphStore newStore() {
        return Tdb2GraphStore.open(dir.resolve("graph"));
    }

    @Test
    void dataAndCheckpointSurviveReopening() {
        store.apply(GraphBatch.at(4).put(GraphChange.PutGraph.parse(H1, OFFERING, Lang.TURTLE)).metadata(meta(H1, "active")).build());
        store.close();
        store = newStore();
        assertThat(store.checkpoint()).hasValue(4);
        assertThat(store.graph(H1).orElseThrow().size()).isEqualTo(7);
        assertThat(store.prefixes()).containsKey("gx");
    }
}
