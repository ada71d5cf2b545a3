package eu.federator.catalogue.query;

import eu.federator.catalogue.graph.Vocabulary;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.Triple;
import org.apache.jena.query.Query;
import org.apache.jena.sparql.algebra.Algebra;
import org.apache.jena.sparql.algebra.Op;
import org.apache.jena.sparql.algebra.OpVisitorBase;
import org.apache.jena.sparql.algebra.op.OpBGP;
import org.apache.jena.sparql.algebra.op.OpGraph;
import org.apache.jena.sparql.algebra.op.OpPath;
import org.apache.jena.sparql.algebra.op.OpQuadPattern;
import org.apache.jena.sparql.algebra.op.OpService;
import org.apache.jena.sparql.algebra.op.OpTriple;
import org.apache.jena.sparql.algebra.walker.Walker;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.sparql.expr.E_Function;
import org.apache.jena.sparql.expr.ExprFunctionOp;
import org.apache.jena.sparql.expr.ExprVisitorBase;
import org.apache.jena.sparql.expr.ExprFunctionN;
import org.apache.jena.sparql.expr.NodeValue;

/**
 * Read-only policing of a parsed query, on its algebra (so subqueries, OPTIONAL, UNION, MINUS, GRAPH and
 * FILTER [NOT] EXISTS are all covered): no {@code SERVICE} (federated queries would make the server fetch arbitrary
 * URLs), no {@code java:} functions or property functions (ARQ would load classes by name), no reference to the
 * store's internal state graph.
 */
final class QueryChecks {
    private QueryChecks() {
    }

    static void check(Query query) {
        for (String graph : query.getGraphURIs()) {
            internalGraph(graph);
        }
        for (String graph : query.getNamedGraphURIs()) {
            internalGraph(graph);
        }
        Op op = Algebra.compile(query);
        walk(op);
    }

    private static void walk(Op op) {
        Walker.walk(op, new OpChecks(), new ExprChecks());
    }

    private static void internalGraph(String iri) {
        if (Vocabulary.internal(iri)) {
            throw new QueryRejectedException(QueryRejectedException.Reason.INTERNAL_GRAPH,
                    "<" + iri + "> is the store's internal state graph and cannot be queried");
        }
    }

    private static void node(Node node) {
        if (node != null && node.isURI() && node.getURI().regionMatches(true, 0, "java:", 0, 5)) {
            throw new QueryRejectedException(QueryRejectedException.Reason.UNSAFE_FUNCTION,
                    "<" + node.getURI() + ">: java: functions and property functions are not allowed");
        }
    }

    private static void triple(Triple t) {
        node(t.getPredicate());
    }

    private static final class OpChecks extends OpVisitorBase {
        @Override
        public void visit(OpService op) {
            throw new QueryRejectedException(QueryRejectedException.Reason.SERVICE,
                    "SERVICE " + (op.getService().isURI() ? "<" + op.getService().getURI() + "> " : "")
                            + "is not allowed: /query answers from this catalogue's graph only (no federated SPARQL)");
        }

        @Override
        public void visit(OpBGP op) {
            op.getPattern().forEach(QueryChecks::triple);
        }

        @Override
        public void visit(OpTriple op) {
            triple(op.getTriple());
        }

        @Override
        public void visit(OpQuadPattern op) {
            if (op.getGraphNode().isURI()) {
                internalGraph(op.getGraphNode().getURI());
            }
            op.getPattern().forEach((Quad q) -> triple(q.asTriple()));
        }

        @Override
        public void visit(OpGraph op) {
            if (op.getNode().isURI()) {
                internalGraph(op.getNode().getURI());
            }
        }

        @Override
        public void visit(OpPath op) {
            // property paths cannot name property functions; nothing to check beyond the walk
        }
    }

    private static final class ExprChecks extends ExprVisitorBase {
        @Override
        public void visit(ExprFunctionN func) {
            if (func instanceof E_Function f) {
                String iri = f.getFunctionIRI();
                if (iri != null && iri.regionMatches(true, 0, "java:", 0, 5)) {
                    throw new QueryRejectedException(QueryRejectedException.Reason.UNSAFE_FUNCTION,
                            "<" + iri + ">: java: functions and property functions are not allowed");
                }
            }
        }

        @Override
        public void visit(ExprFunctionOp op) {
            // FILTER [NOT] EXISTS { ... }: police the pattern inside as well
            walk(op.getGraphPattern());
        }

        @Override
        public void visit(NodeValue nv) {
        }
    }
}
