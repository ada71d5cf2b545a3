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

    @Test
    void compactionKeepsTheDataAndTheCheckpointAndShrinksTheDatabase() throws Exception {
        // many small transactions, as the projector makes them: each leaves replaced blocks behind
        for (int i = 1; i <= 200; i++) {
            store.apply(GraphBatch.at(i).put(GraphChange.PutGraph.parse(H1, OFFERING, Lang.TURTLE)).metadata(meta(H1, "active")).build());
        }
        long before = size(dir.resolve("graph"));

        assertThat(store.compact()).isTrue();

        assertThat(store.checkpoint()).hasValue(200);
        assertThat(store.graph(H1).orElseThrow().size()).isEqualTo(7);
        assertThat(size(dir.resolve("graph"))).isLessThan(before);
        // still writable after the switch to the new generation
        assertThat(store.apply(GraphBatch.at(201).metadata(meta(H1, "revoked")).build())).isTrue();
        assertThat(store.checkpoint()).hasValue(201);
    }

    @Test
    void anInMemoryStoreHasNothingToCompact() {
        try (GraphStore memory = Tdb2GraphStore.inMemory()) {
            assertThat(memory.compact()).isFalse();
        }
    }

    private static long size(Path dir) throws java.io.IOException {
        try (var files = java.nio.file.Files.walk(dir)) {
            return files.filter(java.nio.file.Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
        }
    }
}
