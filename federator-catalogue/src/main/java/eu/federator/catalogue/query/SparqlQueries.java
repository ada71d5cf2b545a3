package eu.federator.catalogue.query;

import eu.federator.catalogue.graph.GraphStore;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.query.Query;
import org.apache.jena.query.QueryCancelledException;
import org.apache.jena.query.QueryExecution;
import org.apache.jena.query.QueryFactory;
import org.apache.jena.query.QueryParseException;
import org.apache.jena.query.ResultSet;
import org.apache.jena.query.Syntax;
import org.apache.jena.shared.PrefixMapping;
import org.apache.jena.sparql.core.Var;
import org.apache.jena.sparql.engine.binding.Binding;
import org.apache.jena.sparql.engine.binding.BindingBuilder;
import org.apache.jena.sparql.expr.aggregate.AggCount;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.sparql.syntax.ElementGroup;
import org.apache.jena.sparql.syntax.ElementSubQuery;
import org.apache.jena.sparql.syntax.syntaxtransform.QueryTransformOps;
import org.apache.jena.update.UpdateFactory;

import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Read-only SPARQL over the catalogue graph ({@code POST /query}).
 * <ol>
 *   <li>Parse as a <em>query</em> with Jena ARQ (SPARQL 1.1 plus ARQ/SPARQL 1.2 syntax); text that parses as an update
 *   (INSERT, DELETE, LOAD, CLEAR, DROP, ...) is rejected as such.</li>
 *   <li>Police the algebra ({@link QueryChecks}): no {@code SERVICE} anywhere, no {@code java:} functions, no internal
 *   graph.</li>
 *   <li>Bind parameters on the parsed query ({@link QueryTransformOps#replaceVars}), never by editing text.</li>
 *   <li>Apply the LIMIT on the {@link Query} object: the default if none, the maximum if larger.</li>
 *   <li>Run with a timeout; {@code withTotalCount} runs a real count query built from the parsed query:
 *   {@code SELECT (COUNT(*) AS ?n) { { <the query without LIMIT, OFFSET, ORDER BY> } }}.</li>
 * </ol>
 * Unlike XFSC, results are not shuffled: without ORDER BY their order is the store's.
 */
public final class SparqlQueries {
    private final GraphStore store;
    private final QuerySettings settings;

    public SparqlQueries(GraphStore store, QuerySettings settings) {
        this.store = store;
        this.settings = settings;
    }

    public QuerySettings settings() {
        return settings;
    }

    public GraphStore store() {
        return store;
    }

    /** Parse, check, bind and limit. */
    public PreparedQuery prepare(String text, Map<String, Node> parameters) {
        if (text == null || text.isBlank()) {
            throw new QueryRejectedException(QueryRejectedException.Reason.EMPTY, "the query is empty");
        }
        Query query;
        try {
            query = QueryFactory.create(text, Syntax.syntaxARQ);
        } catch (QueryParseException e) {
            if (parsesAsUpdate(text)) {
                throw new QueryRejectedException(QueryRejectedException.Reason.UPDATE,
                        "SPARQL Update (INSERT, DELETE, LOAD, CLEAR, DROP, CREATE, ADD, MOVE, COPY) is not allowed: /query is read-only");
            }
            throw new QueryRejectedException(QueryRejectedException.Reason.SYNTAX, "SPARQL syntax error: " + message(e), e.getLine(), e.getColumn());
        }
        QueryChecks.check(query);
        if (parameters != null && !parameters.isEmpty()) {
            Map<Var, Node> bindings = new HashMap<>();
            parameters.forEach((name, node) -> bindings.put(Var.alloc(QueryParameters.checkName(name)), node));
            query = QueryTransformOps.replaceVars(query, bindings);
        } else {
            query = query.cloneQuery();
        }
        long limit = -1;
        boolean lowered = false;
        if (!query.isAskType()) {
            if (!query.hasLimit()) {
                query.setLimit(settings.defaultLimit());
            } else if (query.getLimit() > settings.maxLimit()) {
                query.setLimit(settings.maxLimit());
                lowered = true;
            }
            limit = query.getLimit();
        }
        return new PreparedQuery(query, limit, lowered);
    }

    private static boolean parsesAsUpdate(String text) {
        try {
            UpdateFactory.create(text, Syntax.syntaxARQ);
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static String message(QueryParseException e) {
        String m = e.getMessage() == null ? "unparsable" : e.getMessage().strip();
        // Jena says "Lexical error at line 1, column 8. ..." or "Encountered ... at line 1, column 8."; keep its text
        int newline = m.indexOf('\n');
        String first = newline < 0 ? m : m.substring(0, newline);
        if (e.getLine() > 0 && !first.contains("line")) {
            first += " (line " + e.getLine() + ", column " + e.getColumn() + ")";
        }
        return first;
    }

    /** The timeout for a request: the default if none, at most the maximum. */
    public Duration timeout(Duration requested) {
        if (requested == null || requested.isZero() || requested.isNegative()) {
            return settings.defaultTimeout();
        }
        return requested.compareTo(settings.maxTimeout()) > 0 ? settings.maxTimeout() : requested;
    }

    /** Run a prepared query within {@code timeout} (already clamped by {@link #timeout}). */
    public QueryOutcome execute(PreparedQuery prepared, Duration timeout, boolean withTotalCount) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            return switch (prepared.kind()) {
                case SELECT -> {
                    QueryOutcome.Select rows = store.query(prepared.query(), timeout, exec -> materialise(exec.execSelect(), prepared.limit()));
                    long total = -1;
                    if (withTotalCount) {
                        Duration left = Duration.ofNanos(Math.max(1_000_000, deadline - System.nanoTime()));
                        total = store.query(countQuery(prepared.query()), left, exec -> {
                            ResultSet rs = exec.execSelect();
                            return rs.hasNext() ? rs.next().getLiteral(rs.getResultVars().getFirst()).getLong() : 0L;
                        });
                    }
                    yield new QueryOutcome.Select(rows.vars(), rows.rows(), total, prepared.limit());
                }
                case ASK -> new QueryOutcome.Ask(store.query(prepared.query(), timeout, QueryExecution::execAsk));
                case CONSTRUCT, DESCRIBE -> {
                    Graph graph = store.query(prepared.query(), timeout, exec -> {
                        Graph copy = GraphFactory.createDefaultGraph();
                        (prepared.kind() == PreparedQuery.Kind.CONSTRUCT ? exec.execConstructTriples() : exec.execDescribeTriples())
                                .forEachRemaining(copy::add);
                        return copy;
                    });
                    PrefixMapping prefixes = PrefixMapping.Factory.create();
                    prefixes.setNsPrefixes(store.prefixes());
                    prefixes.setNsPrefixes(prepared.query().getPrefixMapping());
                    yield new QueryOutcome.GraphResult(graph, prefixes, prepared.limit());
                }
            };
        } catch (RuntimeException e) {
            if (timedOut(e)) {
                throw new QueryTimeoutException(timeout, e);
            }
            throw e;
        }
    }

    private static boolean timedOut(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof QueryCancelledException || t instanceof HttpTimeoutException) {
                return true;
            }
        }
        return false;
    }

    /** Copy the rows out of the execution, resolving every term (TDB2 bindings must not outlive the transaction). */
    private static QueryOutcome.Select materialise(ResultSet rs, long limit) {
        List<Var> vars = rs.getResultVars().stream().map(Var::alloc).toList();
        List<Binding> rows = new ArrayList<>();
        while (rs.hasNext()) {
            Binding b = rs.nextBinding();
            BindingBuilder copy = Binding.builder();
            for (Var v : vars) {
                Node n = b.get(v);
                if (n != null) {
                    copy.add(v, n);
                }
            }
            rows.add(copy.build());
        }
        return new QueryOutcome.Select(vars, rows, -1, limit);
    }

    /**
     * {@code SELECT (COUNT(*) AS ?n) { { inner } }} where inner is the query without LIMIT, OFFSET and ORDER BY (which
     * cannot change the number of solutions); DISTINCT, GROUP BY, HAVING and VALUES stay, so the count is of exactly
     * the solutions the query would page through.
     */
    static Query countQuery(Query query) {
        Query inner = query.cloneQuery();
        inner.setLimit(Query.NOLIMIT);
        inner.setOffset(Query.NOLIMIT);
        if (inner.getOrderBy() != null) {
            inner.getOrderBy().clear();
        }
        Query count = new Query();
        count.setQuerySelectType();
        count.setSyntax(query.getSyntax());
        count.setPrefixMapping(query.getPrefixMapping());
        if (query.getBaseURI() != null) {
            count.setBaseURI(query.getBaseURI());
        }
        query.getGraphURIs().forEach(count::addGraphURI);
        query.getNamedGraphURIs().forEach(count::addNamedGraphURI);
        inner.getGraphURIs().clear();
        inner.getNamedGraphURIs().clear();
        // a subquery has no prologue of its own: the outer query carries the prefixes and base
        inner.setPrefixMapping(PrefixMapping.Factory.create());
        inner.setBaseURI((String) null);
        // the count variable must not clash with a variable the subquery projects (for SELECT *: all in scope)
        inner.setResultVars();
        java.util.Set<Var> projected = new java.util.HashSet<>(inner.getProjectVars());
        String name = "totalCount";
        for (int i = 1; projected.contains(Var.alloc(name)); i++) {
            name = "totalCount" + i;
        }
        count.addResultVar(Var.alloc(name), count.allocAggregate(new AggCount()));
        ElementGroup where = new ElementGroup();
        where.addElement(new ElementSubQuery(inner));
        count.setQueryPattern(where);
        return count;
    }
}
