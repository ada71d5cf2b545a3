package eu.federator.catalogue.projection;

import eu.federator.catalogue.graph.GraphStore;
import eu.federator.catalogue.graph.Tdb2GraphStore;
import org.apache.jena.graph.Graph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static eu.federator.catalogue.sd.TestSelfDescriptions.sd;
import static eu.federator.catalogue.sd.TestSelfDescriptions.t;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The projector into the embedded TDB2 store (a database directory per test), and a rebuild that dies half-way
 * (here only: it needs a thousand self-descriptions, which the remote store loads slowly).
 */
class Tdb2GraphProjectorTest extends GraphProjectorTestBase {
    @TempDir
    Path dir;

    @Override
    protected GraphStore newGraphStore() {
        return Tdb2GraphStore.open(dir.resolve("graph"));
    }

    @Test
    void aRebuildThatFailsHalfWayLeavesNoCheckpointAndTheNextCatchUpRepairsTheGraph() {
        List<String> hashes = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            hashes.add(stored(sd("https://p.example/" + (i % 900) + "#cs").build(), t(i)));
        }
        store.revoke(hashes.getLast(), t(2000));
        IllegalStateException crash = new IllegalStateException("the process died");

        assertThatThrownBy(() -> projector.rebuild(n -> {
            throw crash;
        })).isSameAs(crash);
        assertThat(graph.checkpoint()).isEmpty();

        assertThat(projector.catchUp()).isEqualTo((int) store.lastSequence());
        Map<String, Graph> repaired = contents();
        projector.rebuild(n -> { });
        assertSameContents(repaired, contents());
        assertThat(statuses()).hasSize(1000).containsEntry(hashes.getLast(), "revoked");
    }
}
