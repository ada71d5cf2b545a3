package eu.federator.trustframework.notary;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * A source behind retries with exponential back-off and a {@link CircuitBreaker}. Only {@link SourceAnswer.Unavailable}
 * answers are failures: a register that says "invalid" is working. While the breaker is open, callers get
 * "unavailable" at once, with the remaining open time as Retry-After.
 */
public final class ResilientSource implements RegistrationSource {
    private final RegistrationSource source;
    private final SourceSettings settings;
    private final CircuitBreaker breaker;

    public ResilientSource(RegistrationSource source, SourceSettings settings, Clock clock) {
        this.source = source;
        this.settings = settings;
        this.breaker = new CircuitBreaker(settings.breakerFailures(), settings.breakerOpenFor(), clock);
    }

    @Override
    public String name() {
        return source.name();
    }

    public CircuitBreaker breaker() {
        return breaker;
    }

    @Override
    public SourceAnswer check(OfflineCheck number) {
        Optional<Duration> open = breaker.acquire();
        if (open.isPresent()) {
            Duration wait = open.get();
            return new SourceAnswer.Unavailable(name(), name() + " is not being called for " + seconds(wait)
                    + " after repeated failures (circuit breaker open)", false, wait);
        }
        SourceAnswer answer = null;
        int attempts = 0;
        Duration backoff = settings.backoff();
        while (attempts <= settings.retries()) {
            if (attempts > 0) {
                try {
                    Thread.sleep(backoff);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
                backoff = min(backoff.multipliedBy(2), settings.maxBackoff());
            }
            answer = source.check(number);
            attempts++;
            if (!(answer instanceof SourceAnswer.Unavailable u) || !u.retryable()) {
                break;
            }
        }
        if (answer == null) {
            breaker.failure();
            return new SourceAnswer.Unavailable(name(), "interrupted before " + name() + " answered", false, settings.retryAfter());
        }
        if (answer instanceof SourceAnswer.Unavailable u) {
            breaker.failure();
            return new SourceAnswer.Unavailable(u.source(), u.reason() + (attempts > 1 ? " (" + attempts + " attempts)" : ""),
                    u.retryable(), u.retryAfter());
        }
        breaker.success();
        return answer;
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    static String seconds(Duration d) {
        return Math.max(1, (d.toMillis() + 999) / 1000) + " s";
    }
}
