package eu.federator.catalogue.schema;

import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.shacl.Shapes;
import org.apache.jena.shacl.vocabulary.SHACL;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.sparql.graph.GraphReadOnly;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.LongSupplier;

/**
 * The catalogue's schema service: XFSC's schema rules ({@link SchemaAnalyzer}) on top of a {@link SchemaStore}, and
 * the composite schemas built from it.
 *
 * <p><b>Composites.</b> {@link #composite(SchemaType)} and {@link #current()} are built on first use and kept until the
 * store revision changes. A change through this instance is seen at once; a change by another replica (same database)
 * is seen when the revision is next read, at most once per {@code refreshInterval}. A rebuild is skipped, and the
 * cached composite re-tagged, when the schemas of that type are unchanged (same ids and content hashes), so adding an
 * ontology does not recompile the shapes. Rebuilds of one type are serialised; readers never block on an up-to-date
 * composite. Thread-safe.
 */
public final class Schemas implements CompositeShapesSource {
    private static final Logger log = LoggerFactory.getLogger(Schemas.class);

    private final SchemaStore store;
    private final SchemaAnalyzer analyzer = new SchemaAnalyzer();
    private final long refreshNanos;
    private final LongSupplier nanoTime;
    private final List<SchemaChange.Listener> listeners = new CopyOnWriteArrayList<>();

    private final Object revisionLock = new Object();
    private volatile long knownRevision = -1;
    private volatile long checkedAt;

    private final Map<SchemaType, Object> buildLocks = new EnumMap<>(SchemaType.class);
    private final Map<SchemaType, Built> built = new java.util.concurrent.ConcurrentHashMap<>();
    private volatile CompositeShapes shapes;

    /** A composite and the fingerprint (ids and content hashes) of the schemas it was built from. */
    private record Built(CompositeSchema composite, List<String> fingerprint) {
    }

    public Schemas(SchemaStore store) {
        this(store, Duration.ofSeconds(5));
    }

    /** @param refreshInterval how often the store revision is read to notice changes made by other replicas */
    public Schemas(SchemaStore store, Duration refreshInterval) {
        this(store, refreshInterval, System::nanoTime);
    }

    Schemas(SchemaStore store, Duration refreshInterval, LongSupplier nanoTime) {
        this.store = Objects.requireNonNull(store);
        this.refreshNanos = refreshInterval.toNanos();
        this.nanoTime = nanoTime;
        for (SchemaType t : SchemaType.values()) {
            buildLocks.put(t, new Object());
        }
    }

    public SchemaStore store() {
        return store;
    }

    public SchemaAnalyzer analyzer() {
        return analyzer;
    }

    // ------------------------------------------------------------------------------------------- writes

    /**
     * Adds a schema.
     *
     * @param syntax the syntax named by the Content-Type, or null to detect it
     * @throws SchemaException SYNTAX, INVALID, CONFLICT
     */
    public StoredSchema add(byte[] content, SchemaSyntax syntax) {
        return add(content, syntax, "api");
    }

    StoredSchema add(byte[] content, SchemaSyntax syntax, String origin) {
        SchemaAnalysis analysis = analyzer.analyze(content, syntax);
        StoredSchema stored = store.insert(analysis.id(), analysis.type(), analysis.syntax(), content, analysis.terms(), origin);
        changed(SchemaChange.Kind.ADDED, stored.id(), stored.type());
        return stored;
    }

    /**
     * Replaces a schema. An ontology or vocabulary must keep its IRI; a shape schema keeps its id (the hash of its first
     * content), as in XFSC.
     *
     * @throws SchemaException SYNTAX, INVALID, MISMATCH (other IRI or type), NOT_FOUND, CONFLICT
     */
    public StoredSchema replace(String id, byte[] content, SchemaSyntax syntax) {
        SchemaAnalysis analysis = analyzer.analyze(content, syntax);
        if (analysis.type() != SchemaType.SHAPE && !analysis.id().equals(id)) {
            throw new SchemaException(SchemaException.Reason.MISMATCH,
                    "Given schema does not have the same Identifier as the old schema: " + id + " <> " + analysis.id());
        }
        StoredSchema stored = store.replace(id, analysis.type(), analysis.syntax(), content, analysis.terms());
        changed(SchemaChange.Kind.REPLACED, stored.id(), stored.type());
        return stored;
    }

    /** @throws SchemaException NOT_FOUND */
    public void delete(String id) {
        SchemaType type = store.delete(id);
        changed(SchemaChange.Kind.DELETED, id, type);
    }

    private void changed(SchemaChange.Kind kind, String id, SchemaType type) {
        long revision = refreshRevision();
        SchemaChange change = new SchemaChange(kind, id, type, revision);
        log.info("Schema {} {}: {} (revision {})", type.code(), kind.name().toLowerCase(java.util.Locale.ROOT), id, revision);
        for (SchemaChange.Listener l : listeners) {
            try {
                l.changed(change);
            } catch (RuntimeException e) {
                log.warn("A schema change listener failed on {}", change, e);
            }
        }
    }

    // ------------------------------------------------------------------------------------------- reads

    public Optional<StoredSchema> get(String id) {
        return store.get(id);
    }

    /** Ids by type (every type present, lists sorted): the body of {@code GET /schemas}. */
    public Map<SchemaType, List<String>> list() {
        return store.ids();
    }

    public Optional<String> definingSchema(String term) {
        return store.definingSchema(term);
    }

    @Override
    public long revision() {
        long now = nanoTime.getAsLong();
        if (knownRevision >= 0 && now - checkedAt < refreshNanos) {
            return knownRevision;
        }
        return refreshRevision();
    }

    private long refreshRevision() {
        long r = store.revision();
        synchronized (revisionLock) {
            knownRevision = Math.max(knownRevision, r);
            checkedAt = nanoTime.getAsLong();
            return knownRevision;
        }
    }

    @Override
    public void addListener(SchemaChange.Listener listener) {
        listeners.add(Objects.requireNonNull(listener));
    }

    /** The union of every schema of a type, current at {@link #revision()}. */
    public CompositeSchema composite(SchemaType type) {
        long revision = revision();
        Built b = built.get(type);
        if (b != null && b.composite.revision() >= revision) {
            return b.composite;
        }
        synchronized (buildLocks.get(type)) {
            b = built.get(type);
            if (b != null && b.composite.revision() >= revision) {
                return b.composite;
            }
            List<StoredSchema> schemas = store.all(type); // read after the revision: at least as new as it
            List<String> fingerprint = schemas.stream().map(s -> s.id() + " " + s.contentHash()).toList();
            Built next;
            if (b != null && b.fingerprint.equals(fingerprint)) {
                next = new Built(b.composite.at(revision), fingerprint);
            } else {
                long start = System.nanoTime();
                Graph union = GraphFactory.createDefaultGraph();
                for (StoredSchema s : schemas) {
                    // each parse has its own blank nodes, so schemas never share one by accident
                    analyzer.parseStored(s.content(), s.syntax()).find().forEach(union::add);
                }
                next = new Built(new CompositeSchema(type, revision, schemas.stream().map(StoredSchema::id).toList(),
                        new GraphReadOnly(union)), fingerprint);
                log.debug("Composite {} schema built from {} schemas ({} triples) in {} ms", type.code(), schemas.size(),
                        union.size(), (System.nanoTime() - start) / 1_000_000);
            }
            built.put(type, next);
            return next.composite;
        }
    }

    @Override
    public CompositeShapes current() {
        CompositeShapes s = shapes;
        long revision = revision();
        if (s != null && s.revision() >= revision) {
            return s;
        }
        synchronized (this) {
            s = shapes;
            if (s != null && s.revision() >= revision) {
                return s;
            }
            CompositeSchema composite = composite(SchemaType.SHAPE);
            if (s != null && s.graph() == composite.graph()) {
                s = s.at(composite.revision());
            } else {
                long start = System.nanoTime();
                s = new CompositeShapes(composite.revision(), composite.schemaIds(), composite.graph(), Shapes.parse(composite.graph()));
                log.info("Composite shapes compiled: {} schemas, {} triples, in {} ms (revision {})", composite.schemaIds().size(),
                        composite.graph().size(), (System.nanoTime() - start) / 1_000_000, composite.revision());
            }
            shapes = s;
            return s;
        }
    }

    /**
     * What the composite of a type says about a term ({@code GET /schemas/latest?term=}): the term's concise bounded
     * description (its triples, following blank-node objects), and for shapes also every shape that targets it
     * ({@code sh:targetClass}) with its description. Empty when the composite does not mention the term as a subject
     * or target.
     */
    public Optional<Graph> definition(SchemaType type, String term) {
        Graph union = composite(type).graph();
        Node node = NodeFactory.createURI(term);
        Graph out = GraphFactory.createDefaultGraph();
        Set<Node> roots = new java.util.LinkedHashSet<>();
        if (union.contains(node, Node.ANY, Node.ANY)) {
            roots.add(node);
        }
        if (type == SchemaType.SHAPE) {
            union.find(Node.ANY, SHACL.targetClass, node).forEach(t -> roots.add(t.getSubject()));
        }
        if (roots.isEmpty()) {
            return Optional.empty();
        }
        Set<Node> seen = new HashSet<>();
        Deque<Node> todo = new ArrayDeque<>(roots);
        while (!todo.isEmpty()) {
            Node n = todo.pop();
            if (!seen.add(n)) {
                continue;
            }
            List<Triple> triples = new ArrayList<>(union.find(n, Node.ANY, Node.ANY).toList());
            for (Triple t : triples) {
                out.add(t);
                if (t.getObject().isBlank()) {
                    todo.push(t.getObject());
                }
            }
        }
        return Optional.of(out);
    }

    // ------------------------------------------------------------------------------------------- defaults

    /**
     * Loads default schemas when the store holds none (as XFSC does at startup), in order. A default that conflicts
     * with one added meanwhile (another replica starting at the same time) is skipped with a log line.
     *
     * @return how many were added (0 when the store was not empty)
     */
    public int loadDefaultsIfEmpty(List<DefaultSchema> defaults) {
        long existing = store.count();
        if (existing > 0) {
            log.info("Schema store holds {} schemas: default schemas not loaded", existing);
            return 0;
        }
        int added = 0;
        for (DefaultSchema d : defaults) {
            try {
                StoredSchema s = add(d.content(), d.syntax(), "default:" + d.source());
                log.info("Default schema loaded: {} {} from {}", s.type().code(), s.id(), d.source());
                added++;
            } catch (SchemaException e) {
                if (e.reason() != SchemaException.Reason.CONFLICT) {
                    throw new IllegalArgumentException("default schema " + d.source() + " is not valid: " + e.getMessage(), e);
                }
                log.warn("Default schema {} not loaded: {}", d.source(), e.getMessage());
            }
        }
        return added;
    }
}
