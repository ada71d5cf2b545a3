package eu.federator.trustframework.registry;

import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.ModelFactory;
import org.apache.jena.rdf.model.RDFNode;
import org.apache.jena.rdf.model.ResourceFactory;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFDataMgr;
import org.apache.jena.riot.RDFFormat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The shapes and contexts bundled with Federator (copies of the fixture files, see
 * {@code eu/federator/trustframework/registry/bundled/PROVENANCE.md}): 22.10 (Tagus, shapes in JSON-LD) and 25.11
 * (Loire, shapes in Turtle). The other syntax is converted with Jena on first request and kept.
 */
public final class BundledShapeRegistry implements ShapeRegistry {
    private static final String BASE = "/eu/federator/trustframework/registry/bundled/";
    private static final String SH = "http://www.w3.org/ns/shacl#";

    private record Bundle(String shapesResource, Syntax shapesSyntax, String contextResource) {
    }

    private static final Map<String, Bundle> BUNDLES = Map.of(
            "22.10", new Bundle("22.10/shapes.jsonld", Syntax.JSON_LD, "22.10/shapes.jsonld"),
            "25.11", new Bundle("25.11/shapes.ttl", Syntax.TURTLE, "25.11/context.jsonld"));
    private static final List<String> VERSIONS = List.of("22.10", "25.11");

    private final Map<String, Artifact> cache = new ConcurrentHashMap<>();
    private final Map<String, List<String>> implemented = new ConcurrentHashMap<>();

    @Override
    public List<String> versions() {
        return VERSIONS;
    }

    @Override
    public Optional<String> resolve(String versionOrAlias) {
        if (versionOrAlias == null) {
            return Optional.empty();
        }
        String v = versionOrAlias.strip().toLowerCase(Locale.ROOT);
        return switch (v) {
            case "development", "latest", "loire" -> Optional.of(VERSIONS.getLast());
            case "trustframework", "tagus", "22.10-tagus" -> Optional.of("22.10");
            default -> BUNDLES.containsKey(v) ? Optional.of(v) : Optional.empty();
        };
    }

    @Override
    public Optional<Artifact> shapes(String version, Syntax syntax) {
        Bundle bundle = BUNDLES.get(version);
        if (bundle == null) {
            return Optional.empty();
        }
        return Optional.of(cache.computeIfAbsent("shapes " + version + " " + syntax, k -> {
            Artifact original = new Artifact(version, bundle.shapesSyntax().mediaType(), read(bundle.shapesResource()), BASE + bundle.shapesResource());
            if (bundle.shapesSyntax() == syntax) {
                return original;
            }
            Model model = parse(original.content(), bundle.shapesSyntax());
            byte[] converted;
            if (syntax == Syntax.TURTLE) {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                RDFDataMgr.write(out, model, RDFFormat.TURTLE_PRETTY);
                converted = out.toByteArray();
            } else {
                converted = ExpandedJsonLd.write(model);
            }
            return new Artifact(version, syntax.mediaType(), converted, original.origin() + " (converted to " + syntax.mediaType() + ")");
        }));
    }

    @Override
    public Optional<Artifact> context(String version) {
        Bundle bundle = BUNDLES.get(version);
        if (bundle == null) {
            return Optional.empty();
        }
        return Optional.of(cache.computeIfAbsent("context " + version,
                k -> new Artifact(version, Syntax.JSON_LD.mediaType(), read(bundle.contextResource()), BASE + bundle.contextResource())));
    }

    @Override
    public List<String> implementedShapes(String version) {
        Bundle bundle = BUNDLES.get(version);
        if (bundle == null) {
            return List.of();
        }
        return implemented.computeIfAbsent(version, v -> {
            Model model = parse(read(bundle.shapesResource()), bundle.shapesSyntax());
            TreeSet<String> names = new TreeSet<>();
            model.listObjectsOfProperty(ResourceFactory.createProperty(SH, "targetClass")).forEachRemaining((RDFNode node) -> {
                if (node.isURIResource()) {
                    String uri = node.asResource().getURI();
                    names.add(uri.substring(Math.max(uri.lastIndexOf('#'), uri.lastIndexOf('/')) + 1));
                }
            });
            return List.copyOf(names);
        });
    }

    private static Model parse(byte[] content, Syntax syntax) {
        Model model = ModelFactory.createDefaultModel();
        RDFDataMgr.read(model, new ByteArrayInputStream(content), syntax == Syntax.TURTLE ? Lang.TURTLE : Lang.JSONLD11);
        return model;
    }

    private static byte[] read(String resource) {
        try (InputStream in = BundledShapeRegistry.class.getResourceAsStream(BASE + resource)) {
            if (in == null) {
                throw new IllegalStateException("bundled resource " + BASE + resource + " is missing from the build");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
