package eu.federator.credentials.verify;

import java.time.Instant;
import java.util.Objects;

/**
 * One named verification step and its outcome. Names are stable identifiers (see {@link CheckName});
 * messages are for people and say what failed and what to do about it.
 */
public record Check(String name, Outcome outcome, String message, Instant validUntil) {

    public enum Outcome {
        PASSED,
        FAILED,
        /** Not run because a caller switched it off; a result with a skipped check is never "verified". */
        SKIPPED
    }

    /**
     * @param validUntil when what this check established stops holding (a certificate's notAfter, a credential's
     *                   validUntil), null when it does not expire or the check does not say
     */
    public Check {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(outcome, "outcome");
        message = message == null ? "" : message;
    }

    public Check(String name, Outcome outcome, String message) {
        this(name, outcome, message, null);
    }

    /** The same check, holding until {@code instant}. */
    public Check until(Instant instant) {
        return new Check(name, outcome, message, instant);
    }

    public static Check passed(String name, String message) {
        return new Check(name, Outcome.PASSED, message);
    }

    public static Check failed(String name, String message) {
        return new Check(name, Outcome.FAILED, message);
    }

    public static Check skipped(String name, String message) {
        return new Check(name, Outcome.SKIPPED, message);
    }

    public boolean ok() {
        return outcome == Outcome.PASSED;
    }
}
