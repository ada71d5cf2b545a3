package eu.federator.catalogue.schema;

/** Where the ingest pipeline gets the shapes to validate submissions against. Thread-safe. */
public interface CompositeShapesSource {

    /**
     * The compiled composite of the current shape schemas: compiled once per change of the shape schemas and shared
     * by every caller until the next change (a change by another replica is seen within the refresh interval).
     */
    CompositeShapes current();

    /** The schema store revision; it changes with every schema change (cheap to call: cached). */
    long revision();

    /** Called after every schema change made through this process. */
    void addListener(SchemaChange.Listener listener);
}
