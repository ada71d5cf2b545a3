package eu.federator.catalogue.query;

import java.time.Duration;

/**
 * Limits of {@link SparqlQueries}.
 *
 * @param defaultLimit   LIMIT added to a SELECT, CONSTRUCT or DESCRIBE query that has none (XFSC: 100)
 * @param maxLimit       a larger LIMIT is lowered to this
 * @param defaultTimeout timeout when the request gives none (XFSC: 5 s)
 * @param maxTimeout     a longer requested timeout is lowered to this
 */
public record QuerySettings(int defaultLimit, int maxLimit, Duration defaultTimeout, Duration maxTimeout) {
    public QuerySettings {
        if (defaultLimit < 1 || maxLimit < defaultLimit) {
            throw new IllegalArgumentException("need 1 <= default limit (" + defaultLimit + ") <= max limit (" + maxLimit + ")");
        }
        if (defaultTimeout.isNegative() || defaultTimeout.isZero() || maxTimeout.compareTo(defaultTimeout) < 0) {
            throw new IllegalArgumentException("need 0 < default timeout (" + defaultTimeout + ") <= max timeout (" + maxTimeout + ")");
        }
    }

    public static QuerySettings defaults() {
        return new QuerySettings(100, 10_000, Duration.ofSeconds(5), Duration.ofSeconds(60));
    }
}
