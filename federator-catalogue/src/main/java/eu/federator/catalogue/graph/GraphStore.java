package eu.federator.catalogue.graph;

import org.apache.jena.graph.Graph;
import org.apache.jena.query.Query;
import org.apache.jena.query.QueryExecution;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Function;

/**
 * The catalogue's RDF read model: a projection of the event log (PostgreSQL is the system of record). Writers (the
 * projector, a rebuild) use {@link #apply}, {@link #clear} and {@link #bulkLoad}; readers use {@link #query}. Layout and
 * vocabulary: {@link Vocabulary}.
 *
 * <p>The checkpoint is stored in the store itself and written in the same transaction (embedded) or the same SPARQL
 * Update request (remote) as the data it describes, so the projection is exactly-once and crash-safe: after a crash
 * the projector resumes from {@link #checkpoint()}, and a batch at or below the checkpoint is a no-op.
 */
public interface GraphStore extends AutoCloseable {

    /** The sequence number of the last applied event, empty for a new or cleared store. */
    OptionalLong checkpoint();

    /**
     * Apply the changes and set the checkpoint to {@code batch.sequence()}, atomically, if the stored checkpoint is
     * below it; otherwise change nothing.
     *
     * @return whether the batch was applied (false: the checkpoint was already at or past it)
     */
    boolean apply(GraphBatch batch);

    /** Remove everything: all graphs, metadata, prefixes and the checkpoint. */
    void clear();

    /**
     * Start a rebuild: the store is cleared, data are streamed in with the store's fast path, and the checkpoint is
     * written by {@link BulkLoad#commit}. A rebuild that does not commit leaves no checkpoint, so it is redone.
     */
    BulkLoad bulkLoad();

    /**
     * Run a read-only query over the union of the self-description graphs and the metadata graph (the default graph is
     * their union; {@code GRAPH ?g} sees each). {@code reader} consumes the execution before this returns (the embedded
     * store holds a read transaction meanwhile). The query must already be checked: this method does not police it.
     */
    <T> T query(Query query, Duration timeout, Function<QueryExecution, T> reader);

    /** The claims graph of one self-description, if present (a copy). */
    Optional<Graph> graph(String hash);

    /** The metadata triples of one self-description (a copy, possibly empty). */
    Graph metadata(String hash);

    /** Prefixes recorded with the loaded data, prefix → namespace (when self-descriptions disagree, the lexically smallest namespace is listed; data always keeps full IRIs). */
    Map<String, String> prefixes();

    /** A short human description (kind and location) for logs and {@code /query/info}. */
    String describe();

    /**
     * Reclaim the space earlier versions of the data take. TDB2 writes copy-on-write: every transaction leaves the blocks
     * it replaced behind, so a store fed by many small batches grows far beyond its data until it is compacted (measured:
     * 28.5 GB for 100,000 self-descriptions, 1.1 GB after compaction). Readers continue meanwhile.
     *
     * @return whether the store did anything (stores that need no compaction return false)
     */
    default boolean compact() {
        return false;
    }

    /** Whether {@link #query} hides the internal state graph ({@link Vocabulary#STATE_GRAPH}) from queries. */
    default boolean hidesInternalGraphs() {
        return false;
    }

    @Override
    void close();

    /** A streaming rebuild; see {@link GraphStore#bulkLoad()}. */
    interface BulkLoad extends AutoCloseable {
        void put(GraphChange.PutGraph graph);

        void metadata(SdMetadata metadata);

        /** Finish the load and record the checkpoint. */
        void commit(long sequence);

        /** Without {@link #commit}: stop; what was loaded stays, with no checkpoint. */
        @Override
        void close();
    }
}
