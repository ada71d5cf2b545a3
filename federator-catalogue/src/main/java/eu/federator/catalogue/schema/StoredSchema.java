package eu.federator.catalogue.schema;

import java.time.Instant;
import java.util.Objects;

/**
 * A schema as the store keeps it.
 *
 * @param id          ontology IRI, concept-scheme IRI, or SHA-256 hex of a shape's content (at its first upload)
 * @param type        ontology, shape or vocabulary
 * @param syntax      the syntax the content parsed as
 * @param content     the bytes as submitted (not a copy: do not modify)
 * @param contentHash SHA-256 hex of {@code content}
 * @param origin      {@code api}, or {@code default:<source>} for schemas loaded when the store was empty
 * @param uploadTime  first upload
 * @param updateTime  last replacement (equal to uploadTime before any)
 */
public record StoredSchema(String id, SchemaType type, SchemaSyntax syntax, byte[] content, String contentHash, String origin,
                           Instant uploadTime, Instant updateTime) {
    public StoredSchema {
        Objects.requireNonNull(id);
        Objects.requireNonNull(type);
        Objects.requireNonNull(syntax);
        Objects.requireNonNull(content);
        Objects.requireNonNull(contentHash);
        Objects.requireNonNull(origin);
    }

    /** The content as UTF-8 text. */
    public String text() {
        return new String(content, java.nio.charset.StandardCharsets.UTF_8);
    }
}
