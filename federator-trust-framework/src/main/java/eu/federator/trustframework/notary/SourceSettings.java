package eu.federator.trustframework.notary;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * How to reach one authoritative source.
 *
 * @param baseUrl          the service's base URL (see each source for what is appended)
 * @param timeout          limit for one attempt, from sending the request to the last byte of the answer
 * @param retries          further attempts after a retryable failure (0: one attempt only)
 * @param backoff          wait before the first retry; doubled for each further one
 * @param maxBackoff       the longest wait between attempts
 * @param breakerFailures  consecutive failed calls (after their retries) that open the circuit breaker; 0 disables it
 * @param breakerOpenFor   how long an open breaker answers "unavailable" without calling the source
 * @param retryAfter       the Retry-After given to clients when the source itself did not say
 */
public record SourceSettings(URI baseUrl, Duration timeout, int retries, Duration backoff, Duration maxBackoff,
                             int breakerFailures, Duration breakerOpenFor, Duration retryAfter) {

    public SourceSettings {
        Objects.requireNonNull(baseUrl, "baseUrl");
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(backoff, "backoff");
        Objects.requireNonNull(maxBackoff, "maxBackoff");
        Objects.requireNonNull(breakerOpenFor, "breakerOpenFor");
        Objects.requireNonNull(retryAfter, "retryAfter");
        if (retries < 0 || breakerFailures < 0) {
            throw new IllegalArgumentException("retries and breakerFailures must not be negative");
        }
        if (timeout.isZero() || timeout.isNegative()) {
            throw new IllegalArgumentException("timeout must be positive: " + timeout);
        }
    }

    /** 10 s per attempt, 2 retries from 500 ms backoff (max 4 s), breaker after 5 failures for 60 s, Retry-After 60 s. */
    public static SourceSettings defaults(URI baseUrl) {
        return new SourceSettings(baseUrl, Duration.ofSeconds(10), 2, Duration.ofMillis(500), Duration.ofSeconds(4), 5,
                Duration.ofSeconds(60), Duration.ofSeconds(60));
    }

    public SourceSettings withBaseUrl(URI url) {
        return new SourceSettings(url, timeout, retries, backoff, maxBackoff, breakerFailures, breakerOpenFor, retryAfter);
    }

    public SourceSettings withRetries(int count, Duration firstBackoff) {
        return new SourceSettings(baseUrl, timeout, count, firstBackoff, maxBackoff, breakerFailures, breakerOpenFor, retryAfter);
    }

    public SourceSettings withTimeout(Duration value) {
        return new SourceSettings(baseUrl, value, retries, backoff, maxBackoff, breakerFailures, breakerOpenFor, retryAfter);
    }

    public SourceSettings withBreaker(int failures, Duration openFor) {
        return new SourceSettings(baseUrl, timeout, retries, backoff, maxBackoff, failures, openFor, retryAfter);
    }
}
