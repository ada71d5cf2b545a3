package eu.federator.credentials.verify;

import java.util.Objects;

/**
 * One named verification step and its outcome. Names are stable identifiers (see {@link CheckName});
 * messages are for people and say what failed and what to do about it.
 */
public record Check(String name, Outcome outcome, String message) {

    public enum Outcome {
        PASSED,
        FAILED,
        /** Not run because a caller switched it off; a result with a skipped check is never "verified". */
        SKIPPED
    }

    public Check {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(outcome, "outcome");
        message = message == null ? "" : message;
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
