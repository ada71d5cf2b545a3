package eu.federator.catalogue.graph;

import org.apache.jena.atlas.lib.tuple.Tuple;
import org.apache.jena.dboe.base.file.Location;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.query.Query;
import org.apache.jena.query.QueryExecution;
import org.apache.jena.query.ReadWrite;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.sparql.exec.http.Service;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.system.Txn;
import org.apache.jena.tdb2.DatabaseMgr;
import org.apache.jena.tdb2.TDB2;
import org.apache.jena.tdb2.loader.DataLoader;
import org.apache.jena.tdb2.loader.LoaderFactory;
import org.apache.jena.tdb2.store.NodeId;
import org.apache.jena.tdb2.sys.SystemTDB;
import org.apache.jena.tdb2.sys.TDBInternal;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The embedded read model: Apache Jena TDB2 in a directory. A batch and its checkpoint are one write transaction.
 * Queries run in a read transaction (MVCC: writers do not block them) with the default graph as the union of the named
 * graphs and the internal state graph filtered out at the index level (TDB2 tuple filter), so TDB2's own query engine
 * and its indexes are used.
 */
public final class Tdb2GraphStore implements GraphStore {
    private final DatasetGraph dataset;
    private final String location;

    private Tdb2GraphStore(DatasetGraph dataset, String location) {
        this.dataset = dataset;
        this.location = location;
    }

    /** Open (creating if needed) the TDB2 database in {@code directory}. */
    public static Tdb2GraphStore open(Path directory) {
        return new Tdb2GraphStore(DatabaseMgr.connectDatasetGraph(Location.create(directory)), directory.toString());
    }

    /** An in-memory TDB2 database (tests, benchmarks). */
    public static Tdb2GraphStore inMemory() {
        return new Tdb2GraphStore(DatabaseMgr.createDatasetGraph(), "memory");
    }

    @Override
    public OptionalLong checkpoint() {
        return Txn.calculateRead(dataset, this::readCheckpoint);
    }

    private OptionalLong readCheckpoint() {
        var it = dataset.find(Vocabulary.STATE, Vocabulary.STATE, Vocabulary.CHECKPOINT, Node.ANY);
        try {
            if (!it.hasNext()) {
                return OptionalLong.empty();
            }
            return OptionalLong.of(Long.parseLong(it.next().getObject().getLiteralLexicalForm()));
        } finally {
            org.apache.jena.atlas.iterator.Iter.close(it);
        }
    }

    @Override
    public boolean apply(GraphBatch batch) {
        return Txn.calculateWrite(dataset, () -> {
            OptionalLong current = readCheckpoint();
            if (current.isPresent() && current.getAsLong() >= batch.sequence()) {
                return false;
            }
            for (GraphChange change : batch.changes()) {
                switch (change) {
                    case GraphChange.PutGraph put -> {
                        deleteGraph(put.hash(), false);
                        Layout.putGraphQuads(put, dataset::add);
                    }
                    case GraphChange.DeleteGraph delete -> deleteGraph(delete.hash(), true);
                    case GraphChange.PutMetadata meta -> {
                        dataset.deleteAny(Vocabulary.METADATA, Layout.sdGraphNode(meta.metadata().hash()), Node.ANY, Node.ANY);
                        Layout.metadataQuads(meta.metadata()).forEach(dataset::add);
                    }
                }
            }
            dataset.deleteAny(Vocabulary.STATE, Vocabulary.STATE, Vocabulary.CHECKPOINT, Node.ANY);
            dataset.add(Layout.checkpointQuad(batch.sequence()));
            return true;
        });
    }

    private void deleteGraph(String hash, boolean withMetadata) {
        Node g = Layout.sdGraphNode(hash);
        dataset.deleteAny(g, Node.ANY, Node.ANY, Node.ANY);
        var declarations = org.apache.jena.atlas.iterator.Iter.toList(dataset.find(Vocabulary.STATE, g, Vocabulary.SH_DECLARE, Node.ANY));
        for (Quad q : declarations) {
            dataset.deleteAny(Vocabulary.STATE, q.getObject(), Node.ANY, Node.ANY);
        }
        dataset.deleteAny(Vocabulary.STATE, g, Vocabulary.SH_DECLARE, Node.ANY);
        if (withMetadata) {
            dataset.deleteAny(Vocabulary.METADATA, g, Node.ANY, Node.ANY);
        }
    }

    @Override
    public void clear() {
        Txn.executeWrite(dataset, dataset::clear);
    }

    @Override
    public BulkLoad bulkLoad() {
        clear();
        DataLoader loader = LoaderFactory.sequentialLoader(dataset, (format, args) -> { });
        loader.startBulk();
        return new BulkLoad() {
            boolean finished;

            @Override
            public void put(GraphChange.PutGraph graph) {
                Layout.putGraphQuads(graph, loader.stream()::quad);
            }

            @Override
            public void metadata(SdMetadata metadata) {
                Layout.metadataQuads(metadata).forEach(loader.stream()::quad);
            }

            @Override
            public void commit(long sequence) {
                loader.finishBulk();
                finished = true;
                Txn.executeWrite(dataset, () -> {
                    dataset.deleteAny(Vocabulary.STATE, Vocabulary.STATE, Vocabulary.CHECKPOINT, Node.ANY);
                    dataset.add(Layout.checkpointQuad(sequence));
                });
            }

            @Override
            public void close() {
                if (!finished) {
                    finished = true;
                    loader.finishBulk();
                }
            }
        };
    }

    @Override
    public <T> T query(Query query, Duration timeout, Function<QueryExecution, T> reader) {
        dataset.begin(ReadWrite.READ);
        try {
            QueryExecution execution = QueryExecution.create().query(query)
                    .dataset(org.apache.jena.query.DatasetFactory.wrap(dataset))
                    .timeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                    .set(TDB2.symUnionDefaultGraph, true)
                    .set(Service.httpServiceAllowed, false)
                    .set(SystemTDB.symTupleFilter, hideState())
                    .build();
            try (execution) {
                return reader.apply(execution);
            }
        } finally {
            dataset.end();
        }
    }

    /** Inside a transaction: a filter that drops quads of the state graph (TDB2 tuples are G,S,P,O). */
    private Predicate<Tuple<NodeId>> hideState() {
        NodeId state = TDBInternal.getDatasetGraphTDB(dataset).getQuadTable().getNodeTupleTable().getNodeTable()
                .getNodeIdForNode(Vocabulary.STATE);
        if (NodeId.isDoesNotExist(state)) {
            return tuple -> true;
        }
        return tuple -> tuple.len() != 4 || !tuple.get(0).equals(state);
    }

    @Override
    public Optional<Graph> graph(String hash) {
        Node g = Layout.sdGraphNode(hash);
        return Txn.calculateRead(dataset, () -> {
            if (!dataset.containsGraph(g)) {
                return Optional.empty();
            }
            Graph copy = GraphFactory.createDefaultGraph();
            dataset.find(g, Node.ANY, Node.ANY, Node.ANY).forEachRemaining(q -> copy.add(q.asTriple()));
            return copy.isEmpty() ? Optional.empty() : Optional.of(copy);
        });
    }

    @Override
    public Graph metadata(String hash) {
        Node g = Layout.sdGraphNode(hash);
        return Txn.calculateRead(dataset, () -> {
            Graph copy = GraphFactory.createDefaultGraph();
            dataset.find(Vocabulary.METADATA, g, Node.ANY, Node.ANY).forEachRemaining(q -> copy.add(q.asTriple()));
            return copy;
        });
    }

    @Override
    public Map<String, String> prefixes() {
        return Txn.calculateRead(dataset, () -> {
            Map<String, String> result = new TreeMap<>();
            dataset.find(Vocabulary.STATE, Node.ANY, Vocabulary.SH_PREFIX, Node.ANY).forEachRemaining(q -> {
                var ns = dataset.find(Vocabulary.STATE, q.getSubject(), Vocabulary.SH_NAMESPACE, Node.ANY);
                if (ns.hasNext()) {
                    String prefix = q.getObject().getLiteralLexicalForm();
                    String namespace = ns.next().getObject().getLiteralLexicalForm();
                    result.merge(prefix, namespace, (a, b) -> a.compareTo(b) <= 0 ? a : b);
                }
            });
            return result;
        });
    }

    @Override
    public String describe() {
        return "TDB2 (" + location + ")";
    }

    /** {@code DatabaseMgr.compact}: the current data are copied into a new generation and the old ones deleted. */
    @Override
    public boolean compact() {
        if ("memory".equals(location)) {
            return false;
        }
        DatabaseMgr.compact(dataset, true);
        return true;
    }

    @Override
    public boolean hidesInternalGraphs() {
        return true;
    }

    @Override
    public void close() {
        // TDB2 databases are shared per location within the JVM and persist each commit; expel releases files and locks
        if (!"memory".equals(location)) {
            TDBInternal.expel(dataset);
        }
    }
}
