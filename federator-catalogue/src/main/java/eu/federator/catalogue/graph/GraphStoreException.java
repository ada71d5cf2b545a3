package eu.federator.catalogue.graph;

/** The RDF store failed or could not be reached. */
public class GraphStoreException extends RuntimeException {
    public GraphStoreException(String message, Throwable cause) {
        super(message, cause);
    }

    public GraphStoreException(String message) {
        super(message);
    }
}
