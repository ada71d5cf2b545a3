package eu.federator.catalogue.query;

import java.time.Duration;

/** The query did not finish within its timeout and was cancelled. */
public class QueryTimeoutException extends RuntimeException {
    private final Duration timeout;

    public QueryTimeoutException(Duration timeout, Throwable cause) {
        super("the query did not finish within its timeout of " + format(timeout) + " and was cancelled", cause);
        this.timeout = timeout;
    }

    public Duration timeout() {
        return timeout;
    }

    static String format(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }
}
