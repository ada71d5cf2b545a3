package eu.federator.trustframework.registry;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the registry publishes per trust-framework version: SHACL shapes ({@code GET /shapes/{version}}), the JSON-LD
 * context ({@code GET /context/{version}}) and the implemented shapes ({@code GET /shapes/implemented}).
 * {@link BundledShapeRegistry} serves the bundled 22.10 and 25.11 files; the versioned trust-framework bundles can
 * implement this interface to serve exactly what the compliance engine validates with.
 */
public interface ShapeRegistry {

    /** The two RDF syntaxes the registry serves shapes in. */
    enum Syntax {
        TURTLE("text/turtle"),
        JSON_LD("application/ld+json");

        private final String mediaType;

        Syntax(String mediaType) {
            this.mediaType = mediaType;
        }

        public String mediaType() {
            return mediaType;
        }
    }

    /**
     * One served file.
     *
     * @param version   the version it belongs to, e.g. {@code 25.11}
     * @param mediaType e.g. {@code text/turtle}
     * @param content   the bytes as served
     * @param origin    where it comes from (for logs and docs), e.g. a resource path
     */
    record Artifact(String version, String mediaType, byte[] content, String origin) {
        public Artifact {
            Objects.requireNonNull(version, "version");
            Objects.requireNonNull(mediaType, "mediaType");
            Objects.requireNonNull(content, "content");
        }
    }

    /** The versions served, oldest first, e.g. {@code [22.10, 25.11]}. */
    List<String> versions();

    /**
     * The version a path segment means: a version itself, or an alias ({@code development}/{@code latest} → the
     * newest, {@code trustframework} → 22.10 as the Tagus registry named it).
     */
    Optional<String> resolve(String versionOrAlias);

    /** The shapes of a version in a syntax; empty for an unknown version. */
    Optional<Artifact> shapes(String version, Syntax syntax);

    /** The JSON-LD context credentials of that version use; empty for an unknown version. */
    Optional<Artifact> context(String version);

    /** Local names of the classes the version's shapes target ({@code sh:targetClass}), sorted; empty for an unknown version. */
    List<String> implementedShapes(String version);
}
