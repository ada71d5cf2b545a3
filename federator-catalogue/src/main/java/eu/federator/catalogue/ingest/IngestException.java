package eu.federator.catalogue.ingest;

import java.util.List;

/**
 * A submission the catalogue does not accept, with every reason. {@link Reason} maps to the HTTP status of the XFSC API.
 */
public final class IngestException extends RuntimeException {
    private final Reason reason;
    private final List<Problem> problems;

    public IngestException(Reason reason, String message, List<Problem> problems) {
        super(message);
        this.reason = reason;
        this.problems = List.copyOf(problems);
    }

    public IngestException(Reason reason, String message) {
        this(reason, message, List.of());
    }

    public Reason reason() {
        return reason;
    }

    /** Each failed check or constraint: where, which, what. */
    public List<Problem> problems() {
        return problems;
    }

    public enum Reason {
        /** Not JSON, not a JWT, not a credential at all: 400 {@code client_error}. */
        MALFORMED,
        /** A verification check failed: 422 {@code verification_error}. */
        VERIFICATION,
        /** No subject of a known kind, or several self-descriptions in one: 422 {@code verification_error}. */
        SEMANTICS,
        /** SHACL validation failed: 422 {@code verification_error}. */
        SCHEMA,
        /** No (valid, covering, trusted) compliance credential: 422 {@code verification_error}. */
        COMPLIANCE,
        /** Not of the kind this endpoint takes (e.g. a service offering sent to /participants): 400. */
        WRONG_KIND
    }

    /**
     * @param focus   the credential id, or the SHACL focus node
     * @param check   a verification check name, a SHACL constraint component, or a rule name
     * @param message what is wrong and what to do
     */
    public record Problem(String focus, String check, String message) {
    }
}
