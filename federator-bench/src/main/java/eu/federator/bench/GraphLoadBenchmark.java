package eu.federator.bench;

import eu.federator.catalogue.graph.GraphBatch;
import eu.federator.catalogue.graph.GraphChange;
import eu.federator.catalogue.graph.GraphStore;
import eu.federator.catalogue.graph.SdMetadata;
import eu.federator.catalogue.graph.Tdb2GraphStore;
import org.apache.jena.dboe.base.file.Location;

import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.tdb2.DatabaseMgr;
import org.apache.jena.tdb2.loader.DataLoader;
import org.apache.jena.tdb2.loader.LoaderFactory;
import org.apache.jena.tdb2.sys.TDBInternal;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Loading the same generated data as {@link GraphQueryBenchmark} ({@code sds} self-descriptions) into a fresh TDB2
 * directory, three ways (single shot, seconds per load; divide the printed triple count by it for a rate):
 * <ul>
 *   <li>{@code rawTdb2Loader}: the quads straight into TDB2's sequential bulk loader — the floor the projection is
 *   compared against;</li>
 *   <li>{@code storeBulkLoad}: {@link GraphStore#bulkLoad()} (a rebuild: the same loader plus prefix records and the
 *   checkpoint);</li>
 *   <li>{@code projectorBatches}: {@link GraphStore#apply} in batches of {@code batch} self-descriptions, one
 *   transaction (and checkpoint) per batch — what the projector does when it catches up.</li>
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.SECONDS)
public class GraphLoadBenchmark {
    @Param("10000")
    public int sds;

    @Param("100")
    public int batch;

    private GraphQueryBenchmark.Dataset data;
    private List<Quad> quads;
    private Path dir;

    @Setup(Level.Trial)
    public void generate() {
        data = GraphQueryBenchmark.generate(sds);
        // the same quads the store writes, minus its prefix and checkpoint records
        Tdb2GraphStore probe = Tdb2GraphStore.inMemory();
        try (GraphStore.BulkLoad load = probe.bulkLoad()) {
            data.graphs().forEach(load::put);
            data.metadata().forEach(load::metadata);
            load.commit(1);
        }
        quads = new ArrayList<>();
        probe.query(org.apache.jena.query.QueryFactory.create("SELECT * { GRAPH ?g { ?s ?p ?o } FILTER(?g != <urn:federator:graph:state>) }"),
                java.time.Duration.ofMinutes(5), exec -> {
                    exec.execSelect().forEachRemaining(row -> quads.add(Quad.create(row.get("g").asNode(), row.get("s").asNode(),
                            row.get("p").asNode(), row.get("o").asNode())));
                    return null;
                });
        probe.close();
        System.out.println("\n[graph-load] " + sds + " self-descriptions, " + data.graphs().size() + " graphs, " + quads.size() + " quads");
    }

    @Setup(Level.Invocation)
    public void freshDirectory() throws IOException {
        dir = Files.createTempDirectory("federator-load-bench-");
    }

    @TearDown(Level.Invocation)
    public void removeDirectory() {
        GraphQueryBenchmark.delete(dir);
    }

    @Benchmark
    public long rawTdb2Loader() {
        DatasetGraph dsg = DatabaseMgr.connectDatasetGraph(Location.create(dir.resolve("graph")));
        DataLoader loader = LoaderFactory.sequentialLoader(dsg, (format, args) -> { });
        loader.startBulk();
        quads.forEach(loader.stream()::quad);
        loader.finishBulk();
        long n = loader.countQuads();
        TDBInternal.expel(dsg);
        return n;
    }

    @Benchmark
    public int storeBulkLoad() {
        try (GraphStore store = Tdb2GraphStore.open(dir.resolve("graph"))) {
            try (GraphStore.BulkLoad load = store.bulkLoad()) {
                data.graphs().forEach(load::put);
                data.metadata().forEach(load::metadata);
                load.commit(1);
            }
            return data.graphs().size();
        }
    }

    @Benchmark
    public long projectorBatches() {
        try (GraphStore store = Tdb2GraphStore.open(dir.resolve("graph"))) {
            List<GraphChange.PutGraph> graphs = data.graphs();
            List<SdMetadata> metadata = data.metadata();
            long seq = 0;
            for (int i = 0; i < graphs.size(); i += batch) {
                GraphBatch.Builder b = GraphBatch.at(++seq);
                for (int j = i; j < Math.min(graphs.size(), i + batch); j++) {
                    b.put(graphs.get(j)).metadata(metadata.get(j));
                }
                store.apply(b.build());
            }
            return seq;
        }
    }

}
