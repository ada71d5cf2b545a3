package eu.federator.server.catalogue.query;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/**
 * Limits of {@code POST /query} ({@code federator.catalogue.query.*}).
 *
 * @param defaultLimit   LIMIT added to a query without one (default 100, as XFSC)
 * @param maxLimit       larger LIMITs are lowered to this (default 10,000)
 * @param defaultTimeout timeout when the request has no {@code timeout} parameter (default 5 s, as XFSC)
 * @param maxTimeout     longest timeout a request may ask for (default 60 s)
 */
@ConfigurationProperties("federator.catalogue.query")
public record QueryProperties(Integer defaultLimit, Integer maxLimit, Duration defaultTimeout, Duration maxTimeout) {
    public QueryProperties {
        defaultLimit = defaultLimit == null ? 100 : defaultLimit;
        maxLimit = maxLimit == null ? 10_000 : maxLimit;
        defaultTimeout = defaultTimeout == null ? Duration.ofSeconds(5) : defaultTimeout;
        maxTimeout = maxTimeout == null ? Duration.ofSeconds(60) : maxTimeout;
    }
}
