package eu.federator.trustframework.notary;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * A consecutive-failure circuit breaker. Closed: calls pass; {@code threshold} failures in a row open it. Open: calls
 * are refused until {@code openFor} has passed. Then one trial call passes (half-open); its success closes the
 * breaker, its failure opens it again. A threshold of 0 never opens. Thread-safe.
 */
public final class CircuitBreaker {
    public enum State { CLOSED, OPEN, HALF_OPEN }

    private final int threshold;
    private final Duration openFor;
    private final Clock clock;
    private int failures;
    private Instant openUntil;
    private boolean trialRunning;

    public CircuitBreaker(int threshold, Duration openFor, Clock clock) {
        this.threshold = threshold;
        this.openFor = openFor;
        this.clock = clock;
    }

    /** @return empty when the call may go ahead, else how long the breaker stays open */
    public synchronized Optional<Duration> acquire() {
        if (openUntil == null) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        if (now.isBefore(openUntil)) {
            return Optional.of(Duration.between(now, openUntil));
        }
        if (trialRunning) {
            return Optional.of(openFor); // another caller is testing the source
        }
        trialRunning = true;
        return Optional.empty();
    }

    public synchronized void success() {
        failures = 0;
        openUntil = null;
        trialRunning = false;
    }

    public synchronized void failure() {
        failures++;
        if (threshold > 0 && (trialRunning || failures >= threshold)) {
            openUntil = clock.instant().plus(openFor);
        }
        trialRunning = false;
    }

    public synchronized State state() {
        if (openUntil == null) {
            return State.CLOSED;
        }
        return clock.instant().isBefore(openUntil) && !trialRunning ? State.OPEN : State.HALF_OPEN;
    }
}
