package eu.federator.server.catalogue.admin;

import eu.federator.catalogue.graph.GraphStore;
import eu.federator.catalogue.projection.GraphProjector;
import eu.federator.catalogue.sd.SelfDescriptionStore;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** Administration of the graph projection: its state, and a rebuild from PostgreSQL (catalogue-admin role). */
@RestController
@Tag(name = "Catalogue administration", description = "Graph projection state and rebuild (catalogue-admin role)")
public class GraphAdminController {
    private final GraphProjector projector;
    private final GraphStore graph;
    private final SelfDescriptionStore store;

    public GraphAdminController(GraphProjector projector, GraphStore graph, SelfDescriptionStore store) {
        this.projector = projector;
        this.graph = graph;
        this.store = store;
    }

    @Schema(name = "GraphState")
    public record GraphState(@Schema(description = "the graph store") String store,
                             @Schema(description = "last event applied to the graph (0: none)") long checkpoint,
                             @Schema(description = "last event in PostgreSQL") long lastEvent,
                             @Schema(description = "events not yet in the graph") long lag,
                             @Schema(description = "the projector's last error, null when fine") String lastError) {
    }

    @Schema(name = "GraphRebuild")
    public record Rebuilt(long selfDescriptions, long checkpoint, long millis) {
    }

    @GetMapping(path = "/admin/graph", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "The graph projection's state: checkpoint, last event, lag")
    @ApiResponse(responseCode = "200", description = "the projection's state")
    @ApiResponse(responseCode = "401", description = "no valid bearer token")
    @ApiResponse(responseCode = "403", description = "the token lacks the role Ro-MU-CA")
    public GraphState state() {
        long checkpoint = graph.checkpoint().orElse(0);
        long last = store.lastSequence();
        return new GraphState(graph.describe(), checkpoint, last, Math.max(0, last - checkpoint), projector.lastError());
    }

    @Schema(name = "GraphCompaction")
    public record Compacted(@Schema(description = "false when the store needs no compaction (remote, in memory)") boolean compacted,
                            long millis) {
    }

    @PostMapping(path = "/admin/graph/compact", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Compact the embedded graph store",
            description = "TDB2 keeps the blocks each write transaction replaced until it is compacted; this copies the current "
                    + "data into a new generation and deletes the old ones. Queries continue; projection waits. The projector "
                    + "also compacts by itself every federator.catalogue.ingest.graph-compact-every events.")
    @ApiResponse(responseCode = "200", description = "compacted (or nothing to compact), and how long it took")
    @ApiResponse(responseCode = "401", description = "no valid bearer token")
    @ApiResponse(responseCode = "403", description = "the token lacks the role Ro-MU-CA")
    public Compacted compact() {
        long start = System.nanoTime();
        boolean done = projector.compact();
        return new Compacted(done, (System.nanoTime() - start) / 1_000_000);
    }

    @PostMapping(path = "/admin/graph/rebuild", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Rebuild the graph from PostgreSQL",
            description = "Clears the graph, bulk-loads every self-description from one snapshot (claims of the active ones, "
                    + "metadata of all), then applies the events written meanwhile. Queries see an incomplete graph while it runs.")
    @ApiResponse(responseCode = "200", description = "rebuilt: how many self-descriptions were loaded, the checkpoint, how long it took")
    @ApiResponse(responseCode = "401", description = "no valid bearer token")
    @ApiResponse(responseCode = "403", description = "the token lacks the role Ro-MU-CA")
    public Rebuilt rebuild() {
        long start = System.nanoTime();
        long n = projector.rebuild(count -> {
        });
        return new Rebuilt(n, graph.checkpoint().orElse(0), (System.nanoTime() - start) / 1_000_000);
    }
}
