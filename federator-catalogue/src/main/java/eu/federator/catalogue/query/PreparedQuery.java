package eu.federator.catalogue.query;

import org.apache.jena.query.Query;

/**
 * A parsed, checked query with its LIMIT applied and its parameters bound; {@link #query()} is a private copy.
 *
 * @param limitLowered whether the query's own LIMIT was above the maximum and was lowered to it
 */
public record PreparedQuery(Query query, long limit, boolean limitLowered) {

    public Kind kind() {
        return switch (query.queryType()) {
            case SELECT -> Kind.SELECT;
            case ASK -> Kind.ASK;
            case CONSTRUCT, CONSTRUCT_JSON -> Kind.CONSTRUCT;
            case DESCRIBE -> Kind.DESCRIBE;
            default -> throw new IllegalStateException("unexpected query type " + query.queryType());
        };
    }

    public enum Kind { SELECT, ASK, CONSTRUCT, DESCRIBE;

        public boolean graph() {
            return this == CONSTRUCT || this == DESCRIBE;
        }
    }
}
