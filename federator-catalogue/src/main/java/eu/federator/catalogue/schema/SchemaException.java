package eu.federator.catalogue.schema;

import java.util.Objects;

/**
 * A schema operation that was refused, with the reason the HTTP layer maps to a status (XFSC error codes in brackets):
 * the message is meant for the client.
 */
public final class SchemaException extends RuntimeException {

    public enum Reason {
        /** The content is not RDF in the given or detected syntax (400 client_error); the message is the parser's. */
        SYNTAX,
        /** Parsed, but not an acceptable schema: type not supported, several ontology IRIs, ... (422 verification_error). */
        INVALID,
        /** A replacement whose ontology/scheme IRI or type differs from the schema it replaces (400 client_error). */
        MISMATCH,
        /** The id exists already, or a term is defined by another schema (409 conflict). */
        CONFLICT,
        /** No schema with that id (404 not_found). */
        NOT_FOUND
    }

    private final Reason reason;

    public SchemaException(Reason reason, String message) {
        super(message);
        this.reason = Objects.requireNonNull(reason);
    }

    public SchemaException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = Objects.requireNonNull(reason);
    }

    public Reason reason() {
        return reason;
    }
}
