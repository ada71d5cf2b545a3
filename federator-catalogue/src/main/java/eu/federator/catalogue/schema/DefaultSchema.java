package eu.federator.catalogue.schema;

import java.util.Objects;

/**
 * A schema loaded into an empty store at startup.
 *
 * @param source  where it came from (recorded as the schema's origin {@code default:<source>})
 * @param content its bytes
 * @param syntax  its syntax, or null to detect it
 */
public record DefaultSchema(String source, byte[] content, SchemaSyntax syntax) {
    public DefaultSchema {
        Objects.requireNonNull(source);
        Objects.requireNonNull(content);
    }
}
