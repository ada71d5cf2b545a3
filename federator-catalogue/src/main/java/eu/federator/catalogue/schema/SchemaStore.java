package eu.federator.catalogue.schema;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Persistence of schemas and the terms they define (SPI). Implementations make every write atomic and enforce the two
 * uniqueness rules themselves, so that concurrent writers (threads or server replicas) cannot both succeed: one schema
 * per id, and one defining schema per term. Every successful write increments {@link #revision()} in the same
 * transaction. Analysis, composites and caching live in {@link Schemas}, not here.
 *
 * <p>The contract is {@code SchemaStoreTestBase} (in this module's test jar).
 */
public interface SchemaStore {

    /**
     * Stores a new schema with its terms.
     *
     * @return the stored schema (times set by the store)
     * @throws SchemaException CONFLICT when the id exists ("A schema with id ... already exists") or a term is defined by
     *                         another schema (the message names the term and that schema)
     */
    StoredSchema insert(String id, SchemaType type, SchemaSyntax syntax, byte[] content, Set<String> terms, String origin);

    /**
     * Replaces the content and terms of an existing schema; its id, type, origin and upload time stay.
     *
     * @throws SchemaException NOT_FOUND, MISMATCH when {@code type} differs from the stored type, CONFLICT when a new
     *                         term is defined by another schema
     */
    StoredSchema replace(String id, SchemaType type, SchemaSyntax syntax, byte[] content, Set<String> terms);

    /**
     * Deletes a schema and its terms.
     *
     * @return the type the deleted schema had
     * @throws SchemaException NOT_FOUND
     */
    SchemaType delete(String id);

    Optional<StoredSchema> get(String id);

    /** Ids by type, each list sorted; every type is present (possibly empty). */
    Map<SchemaType, List<String>> ids();

    /** Every schema of a type, with content, ordered by id. */
    List<StoredSchema> all(SchemaType type);

    /** The terms a schema defines (empty for an unknown id), sorted. */
    List<String> terms(String id);

    /** The id of the schema that defines a term. */
    Optional<String> definingSchema(String term);

    long count();

    /** Incremented by every successful insert, replace and delete; starts at 0. */
    long revision();
}
