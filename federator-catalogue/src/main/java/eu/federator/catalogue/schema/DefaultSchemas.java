package eu.federator.catalogue.schema;

import eu.federator.trustframework.bundle.TrustFrameworkBundle;
import eu.federator.trustframework.bundle.TrustFrameworks;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The default schemas Federator can load into an empty store.
 *
 * <ul>
 *   <li>{@link #trustFrameworks}: for each Gaia-X trust-framework version, its SHACL shapes exactly as the compliance
 *       service compiles them (one shape schema, Turtle, 22.10 defects fixed) and its OWL ontology files when the
 *       bundle has them (25.11). This is Federator's default, instead of XFSC's GXFS-DE {@code gax-*} files.</li>
 *   <li>{@link #directory}: every {@code .ttl}, {@code .jsonld}, {@code .json}, {@code .rdf}, {@code .owl} file under a
 *       directory, in path order (for example XFSC's {@code defaultschema/} folder).</li>
 * </ul>
 */
public final class DefaultSchemas {
    private static final Logger log = LoggerFactory.getLogger(DefaultSchemas.class);

    private DefaultSchemas() {
    }

    public static List<DefaultSchema> trustFrameworks(TrustFrameworks frameworks, Collection<String> versions) {
        List<DefaultSchema> defaults = new ArrayList<>();
        for (String version : versions) {
            TrustFrameworkBundle bundle = frameworks.require(version);
            for (String source : bundle.sources()) {
                if (source.contains("/ontology/")) {
                    byte[] content = readSource(source);
                    if (content != null) {
                        defaults.add(new DefaultSchema("trust-framework/" + version + "/ontology/" + fileName(source), content, syntaxOf(source)));
                    }
                }
            }
            defaults.add(new DefaultSchema("trust-framework/" + version + "/shapes",
                    bundle.shapesTurtle().getBytes(StandardCharsets.UTF_8), SchemaSyntax.TURTLE));
        }
        return defaults;
    }

    public static List<DefaultSchema> directory(Path dir) {
        List<DefaultSchema> defaults = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path file : walk.filter(Files::isRegularFile).sorted().toList()) {
                SchemaSyntax syntax = syntaxOf(file.getFileName().toString());
                if (syntax != null) {
                    defaults.add(new DefaultSchema(dir.relativize(file).toString(), Files.readAllBytes(file), syntax));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the default schemas in " + dir, e);
        }
        return defaults;
    }

    static SchemaSyntax syntaxOf(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        if (n.endsWith(".ttl")) {
            return SchemaSyntax.TURTLE;
        }
        if (n.endsWith(".jsonld") || n.endsWith(".json")) {
            return SchemaSyntax.JSON_LD;
        }
        if (n.endsWith(".rdf") || n.endsWith(".owl") || n.endsWith(".xml")) {
            return SchemaSyntax.RDF_XML;
        }
        return null;
    }

    private static String fileName(String source) {
        return source.substring(source.lastIndexOf('/') + 1);
    }

    /** A bundle source: {@code classpath:/...} for built-in bundles, else a file path. */
    private static byte[] readSource(String source) {
        try {
            if (source.startsWith("classpath:")) {
                try (InputStream in = TrustFrameworks.class.getResourceAsStream(source.substring("classpath:".length()))) {
                    if (in != null) {
                        return in.readAllBytes();
                    }
                }
            } else if (Files.isRegularFile(Path.of(source))) {
                return Files.readAllBytes(Path.of(source));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + source, e);
        }
        log.warn("Trust-framework ontology {} cannot be read: not loaded as a default schema", source);
        return null;
    }
}
