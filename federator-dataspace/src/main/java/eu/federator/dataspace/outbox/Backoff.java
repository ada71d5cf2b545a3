package eu.federator.dataspace.outbox;

import java.time.Duration;
import java.time.Instant;

/**
 * Exponential back-off for failed sends: the n-th failure waits {@code initial * 2^(n-1)}, at most {@code max}; after
 * {@code maxAttempts} failures the message is given up ("dead", kept for inspection).
 */
public record Backoff(Duration initial, Duration max, int maxAttempts) {
    public Backoff {
        if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0 || maxAttempts < 1) {
            throw new IllegalArgumentException("back-off needs 0 < initial <= max and maxAttempts >= 1: " + initial + ", " + max
                    + ", " + maxAttempts);
        }
    }

    /** 1 s, doubling up to 5 min, 12 attempts (about 20 minutes in all). */
    public static Backoff defaults() {
        return new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(5), 12);
    }

    /** When to try again after the {@code failures}-th failure. */
    public Instant next(int failures, Instant now) {
        int shift = Math.min(Math.max(failures - 1, 0), 30);
        Duration wait = initial.multipliedBy(1L << shift);
        return now.plus(wait.compareTo(max) > 0 ? max : wait);
    }

    public boolean exhausted(int failures) {
        return failures >= maxAttempts;
    }
}
