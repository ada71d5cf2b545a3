package eu.federator.credentials.jsonld;

/**
 * A document that cannot be turned into RDF under the context policy: a context that is neither bundled nor
 * allow-listed, a context loop, invalid JSON-LD, or a graph too complex to canonicalize within limits.
 */
public class LinkedDataException extends Exception {
    public LinkedDataException(String message) {
        super(message);
    }

    public LinkedDataException(String message, Throwable cause) {
        super(message, cause);
    }
}
