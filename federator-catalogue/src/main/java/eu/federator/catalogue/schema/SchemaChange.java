package eu.federator.catalogue.schema;

/**
 * A schema change made through a {@link Schemas} instance, reported to its listeners after the commit.
 *
 * @param kind     what happened
 * @param id       the schema id
 * @param type     the schema type
 * @param revision the store revision after the change (changes made concurrently may make it larger)
 */
public record SchemaChange(Kind kind, String id, SchemaType type, long revision) {
    public enum Kind { ADDED, REPLACED, DELETED }

    /** Receives the changes of one process; changes by other replicas show only as a new {@link Schemas#revision()}. */
    @FunctionalInterface
    public interface Listener {
        void changed(SchemaChange change);
    }
}
