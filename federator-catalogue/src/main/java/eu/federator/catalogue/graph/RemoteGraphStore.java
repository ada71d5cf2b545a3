package eu.federator.catalogue.graph;

import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.Triple;
import org.apache.jena.http.auth.AuthEnv;
import org.apache.jena.query.Query;
import org.apache.jena.query.QueryExecution;
import org.apache.jena.query.QueryFactory;
import org.apache.jena.query.QuerySolution;
import org.apache.jena.query.ResultSet;
import org.apache.jena.rdfconnection.RDFConnection;
import org.apache.jena.rdfconnection.RDFConnectionRemote;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.DatasetGraphFactory;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.sparql.core.Var;
import org.apache.jena.sparql.exec.http.DSP;
import org.apache.jena.sparql.expr.E_GreaterThanOrEqual;
import org.apache.jena.sparql.expr.E_NotExists;
import org.apache.jena.sparql.expr.ExprVar;
import org.apache.jena.sparql.expr.NodeValue;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.sparql.modify.request.UpdateDrop;
import org.apache.jena.sparql.modify.request.Target;
import org.apache.jena.sparql.modify.request.UpdateModify;
import org.apache.jena.sparql.syntax.Element;
import org.apache.jena.sparql.syntax.ElementFilter;
import org.apache.jena.sparql.syntax.ElementGroup;
import org.apache.jena.sparql.syntax.ElementNamedGraph;
import org.apache.jena.sparql.syntax.ElementOptional;
import org.apache.jena.sparql.syntax.ElementPathBlock;
import org.apache.jena.update.UpdateRequest;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * A read model in any SPARQL 1.1 store (Fuseki, GraphDB, ...), through {@link RDFConnection}: queries to the query
 * endpoint, writes to the update endpoint, single graphs and bulk loads through the graph store protocol.
 *
 * <p>A batch is <em>one</em> SPARQL Update request: every operation in it is guarded by
 * {@code FILTER NOT EXISTS { GRAPH <state> { <state> fc:checkpoint ?cp FILTER(?cp >= N) } }} and the last one moves
 * the checkpoint to N. A store that runs an update request as one transaction (Fuseki, GraphDB, Virtuoso, Stardog
 * do) therefore applies data and checkpoint together or not at all, and a retried request (say after a timeout whose
 * commit went through) changes nothing. Queries see the state graph: the remote store decides what its default graph
 * is (configure it as the union of named graphs, e.g. {@code tdb2:unionDefaultGraph true} in Fuseki).
 */
public final class RemoteGraphStore implements GraphStore {
    private static final Var CP = Var.alloc("cp");
    private static final Var S = Var.alloc("s");
    private static final Var P = Var.alloc("p");
    private static final Var O = Var.alloc("o");
    private static final Var D = Var.alloc("d");
    private static final int BULK_GRAPHS_PER_REQUEST = 500;

    private final RemoteEndpoints endpoints;
    private final RDFConnection connection;
    private final List<String> authRegistrations = new ArrayList<>();

    public RemoteGraphStore(RemoteEndpoints endpoints) {
        this.endpoints = endpoints;
        String header = endpoints.bearerToken() != null ? "Bearer " + endpoints.bearerToken()
                : endpoints.username() != null ? "Basic " + Base64.getEncoder().encodeToString(
                (endpoints.username() + ":" + (endpoints.password() == null ? "" : endpoints.password())).getBytes(StandardCharsets.UTF_8))
                : null;
        if (header != null) {
            for (URI uri : List.of(endpoints.query(), endpoints.update(), endpoints.gsp())) {
                String key = uri.toString();
                AuthEnv.get().registerAuthModifier(key, builder -> builder.setHeader("Authorization", header));
                authRegistrations.add(key);
            }
        }
        this.connection = RDFConnectionRemote.newBuilder()
                .queryEndpoint(endpoints.query().toString())
                .updateEndpoint(endpoints.update().toString())
                .gspEndpoint(endpoints.gsp().toString())
                .build();
    }

    public RemoteEndpoints endpoints() {
        return endpoints;
    }

    @Override
    public OptionalLong checkpoint() {
        Query q = QueryFactory.create("SELECT ?cp { GRAPH <" + Vocabulary.STATE_GRAPH + "> { <" + Vocabulary.STATE_GRAPH + "> <"
                + Vocabulary.CHECKPOINT.getURI() + "> ?cp } }");
        return run(() -> {
            try (QueryExecution exec = connection.query(q)) {
                ResultSet rs = exec.execSelect();
                long max = -1;
                while (rs.hasNext()) {
                    max = Math.max(max, rs.next().getLiteral("cp").getLong());
                }
                return max < 0 ? OptionalLong.empty() : OptionalLong.of(max);
            }
        });
    }

    @Override
    public boolean apply(GraphBatch batch) {
        OptionalLong current = checkpoint();
        if (current.isPresent() && current.getAsLong() >= batch.sequence()) {
            return false;
        }
        UpdateRequest request = new UpdateRequest();
        long n = batch.sequence();
        for (GraphChange change : batch.changes()) {
            switch (change) {
                case GraphChange.PutGraph put -> {
                    deleteGraph(request, n, put.hash(), false);
                    List<Quad> quads = new ArrayList<>();
                    Layout.putGraphQuads(put, quads::add);
                    insert(request, n, quads);
                }
                case GraphChange.DeleteGraph delete -> deleteGraph(request, n, delete.hash(), true);
                case GraphChange.PutMetadata meta -> {
                    deleteAll(request, n, Vocabulary.METADATA, Layout.sdGraphNode(meta.metadata().hash()));
                    insert(request, n, Layout.metadataQuads(meta.metadata()));
                }
            }
        }
        request.add(moveCheckpoint(n));
        run(() -> {
            connection.update(request);
            return null;
        });
        return true;
    }

    /** {@code FILTER NOT EXISTS { GRAPH <state> { <state> fc:checkpoint ?cp FILTER(?cp >= n) } }} */
    private static Element guard(long n) {
        ElementPathBlock block = new ElementPathBlock();
        block.addTriple(Triple.create(Vocabulary.STATE, Vocabulary.CHECKPOINT, CP));
        ElementGroup inner = new ElementGroup();
        inner.addElement(block);
        inner.addElementFilter(new ElementFilter(new E_GreaterThanOrEqual(new ExprVar(CP), NodeValue.makeInteger(n))));
        ElementGroup exists = new ElementGroup();
        exists.addElement(new ElementNamedGraph(Vocabulary.STATE, inner));
        return new ElementFilter(new E_NotExists(exists));
    }

    private static ElementGroup guarded(long n, Element... rest) {
        ElementGroup group = new ElementGroup();
        group.addElement(guard(n));
        for (Element e : rest) {
            group.addElement(e);
        }
        return group;
    }

    private static ElementNamedGraph inGraph(Node graph, Triple... triples) {
        ElementPathBlock block = new ElementPathBlock();
        for (Triple t : triples) {
            block.addTriple(t);
        }
        ElementGroup group = new ElementGroup();
        group.addElement(block);
        return new ElementNamedGraph(graph, group);
    }

    private static void insert(UpdateRequest request, long n, List<Quad> quads) {
        if (quads.isEmpty()) {
            return;
        }
        UpdateModify insert = new UpdateModify();
        quads.forEach(insert.getInsertAcc()::addQuad);
        insert.setHasInsertClause(true);
        insert.setElement(guarded(n));
        request.add(insert);
    }

    /** Delete every triple with {@code subject} (or every triple, if null) in {@code graph}. */
    private static void deleteAll(UpdateRequest request, long n, Node graph, Node subject) {
        Node s = subject == null ? S : subject;
        UpdateModify delete = new UpdateModify();
        delete.getDeleteAcc().addQuad(Quad.create(graph, s, P, O));
        delete.setHasDeleteClause(true);
        delete.setElement(guarded(n, inGraph(graph, Triple.create(s, P, O))));
        request.add(delete);
    }

    private static void deleteGraph(UpdateRequest request, long n, String hash, boolean withMetadata) {
        Node g = Layout.sdGraphNode(hash);
        deleteAll(request, n, g, null);
        UpdateModify prefixes = new UpdateModify();
        prefixes.getDeleteAcc().addQuad(Quad.create(Vocabulary.STATE, g, Vocabulary.SH_DECLARE, D));
        prefixes.getDeleteAcc().addQuad(Quad.create(Vocabulary.STATE, D, P, O));
        prefixes.setHasDeleteClause(true);
        prefixes.setElement(guarded(n, inGraph(Vocabulary.STATE, Triple.create(g, Vocabulary.SH_DECLARE, D), Triple.create(D, P, O))));
        request.add(prefixes);
        if (withMetadata) {
            deleteAll(request, n, Vocabulary.METADATA, g);
        }
    }

    private static UpdateModify moveCheckpoint(long n) {
        Var old = Var.alloc("old");
        UpdateModify move = new UpdateModify();
        move.getDeleteAcc().addQuad(Quad.create(Vocabulary.STATE, Vocabulary.STATE, Vocabulary.CHECKPOINT, old));
        move.getInsertAcc().addQuad(Layout.checkpointQuad(n));
        move.setHasDeleteClause(true);
        move.setHasInsertClause(true);
        ElementGroup optional = new ElementGroup();
        optional.addElement(inGraph(Vocabulary.STATE, Triple.create(Vocabulary.STATE, Vocabulary.CHECKPOINT, old)));
        move.setElement(guarded(n, new ElementOptional(optional)));
        return move;
    }

    @Override
    public void clear() {
        run(() -> {
            connection.update(new UpdateRequest(new UpdateDrop(Target.ALL, true)));
            return null;
        });
    }

    @Override
    public BulkLoad bulkLoad() {
        clear();
        return new BulkLoad() {
            DatasetGraph buffer = DatasetGraphFactory.createGeneral();
            int graphs;

            @Override
            public void put(GraphChange.PutGraph graph) {
                Layout.putGraphQuads(graph, buffer::add);
                if (++graphs % BULK_GRAPHS_PER_REQUEST == 0) {
                    flush();
                }
            }

            @Override
            public void metadata(SdMetadata metadata) {
                Layout.metadataQuads(metadata).forEach(buffer::add);
            }

            private void flush() {
                if (!buffer.isEmpty()) {
                    DatasetGraph send = buffer;
                    buffer = DatasetGraphFactory.createGeneral();
                    run(() -> {
                        DSP.service(endpoints.gsp().toString()).POST(send);
                        return null;
                    });
                }
            }

            @Override
            public void commit(long sequence) {
                flush();
                UpdateRequest request = new UpdateRequest();
                request.add(moveCheckpoint(sequence));
                run(() -> {
                    connection.update(request);
                    return null;
                });
            }

            @Override
            public void close() {
                buffer = DatasetGraphFactory.createGeneral();
            }
        };
    }

    @Override
    public <T> T query(Query query, Duration timeout, Function<QueryExecution, T> reader) {
        // failures become GraphStoreException (the cause chain keeps a timeout recognisable)
        return run(() -> {
            try (QueryExecution execution = connection.newQuery().query(query)
                    .timeout(timeout.toMillis(), TimeUnit.MILLISECONDS).build()) {
                return reader.apply(execution);
            }
        });
    }

    @Override
    public Optional<Graph> graph(String hash) {
        Query q = QueryFactory.create("CONSTRUCT { ?s ?p ?o } WHERE { GRAPH <" + Vocabulary.sdGraph(hash) + "> { ?s ?p ?o } }");
        Graph graph = run(() -> {
            try (QueryExecution exec = connection.query(q)) {
                return exec.execConstruct().getGraph();
            }
        });
        return graph.isEmpty() ? Optional.empty() : Optional.of(graph);
    }

    @Override
    public Graph metadata(String hash) {
        Query q = QueryFactory.create("CONSTRUCT { <" + Vocabulary.sdGraph(hash) + "> ?p ?o } WHERE { GRAPH <" + Vocabulary.METADATA_GRAPH
                + "> { <" + Vocabulary.sdGraph(hash) + "> ?p ?o } }");
        return run(() -> {
            try (QueryExecution exec = connection.query(q)) {
                Graph copy = GraphFactory.createDefaultGraph();
                exec.execConstruct().getGraph().find().forEachRemaining(copy::add);
                return copy;
            }
        });
    }

    @Override
    public Map<String, String> prefixes() {
        Query q = QueryFactory.create("SELECT ?prefix ?ns { GRAPH <" + Vocabulary.STATE_GRAPH + "> { ?d <" + Vocabulary.SH_PREFIX.getURI()
                + "> ?prefix ; <" + Vocabulary.SH_NAMESPACE.getURI() + "> ?ns } }");
        return run(() -> {
            try (QueryExecution exec = connection.query(q)) {
                Map<String, String> result = new TreeMap<>();
                exec.execSelect().forEachRemaining((QuerySolution row) -> result.merge(row.getLiteral("prefix").getLexicalForm(),
                        row.getLiteral("ns").getLexicalForm(), (a, b) -> a.compareTo(b) <= 0 ? a : b));
                return result;
            }
        });
    }

    @Override
    public String describe() {
        return "SPARQL 1.1 endpoint (" + endpoints.query() + ")";
    }

    @Override
    public void close() {
        connection.close();
        authRegistrations.forEach(AuthEnv.get()::unregisterAuthModifier);
    }

    private interface Call<T> {
        T call();
    }

    private <T> T run(Call<T> call) {
        try {
            return call.call();
        } catch (RuntimeException e) {
            if (e instanceof GraphStoreException) {
                throw e;
            }
            throw new GraphStoreException("the SPARQL store at " + endpoints.query().getHost() + " failed: " + e.getMessage(), e);
        }
    }
}
