package eu.federator.catalogue.query;

import org.apache.jena.graph.Graph;
import org.apache.jena.shared.PrefixMapping;
import org.apache.jena.sparql.core.Var;
import org.apache.jena.sparql.engine.binding.Binding;

import java.util.List;

/** The materialised answer of a query (bounded by the maximum LIMIT). */
public sealed interface QueryOutcome {

    /** The LIMIT the query ran with (after the default/maximum were applied); -1 for ASK. */
    long limit();

    /**
     * SELECT rows.
     *
     * @param totalCount the number of solutions without LIMIT/OFFSET (a real COUNT query), or -1 when not asked for
     */
    record Select(List<Var> vars, List<Binding> rows, long totalCount, long limit) implements QueryOutcome {
    }

    record Ask(boolean result) implements QueryOutcome {
        @Override
        public long limit() {
            return -1;
        }
    }

    /** CONSTRUCT or DESCRIBE; {@code prefixes}: the query's and those recorded with the data, for pretty output. */
    record GraphResult(Graph graph, PrefixMapping prefixes, long limit) implements QueryOutcome {
    }
}
