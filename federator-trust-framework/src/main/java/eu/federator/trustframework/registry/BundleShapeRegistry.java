package eu.federator.trustframework.registry;

import eu.federator.trustframework.bundle.TrustFrameworkBundle;
import eu.federator.trustframework.bundle.TrustFrameworks;
import org.apache.jena.rdf.model.ModelFactory;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The registry's view of the loaded trust-framework bundles: the shapes the compliance engine validates with
 * (known defects of the published shapes fixed, operator extensions included), in Turtle or expanded JSON-LD, the
 * JSON-LD context and the implemented shape names. Serializations are made on first request and kept.
 */
public final class BundleShapeRegistry implements ShapeRegistry {

    private final TrustFrameworks frameworks;
    private final Map<String, Artifact> cache = new ConcurrentHashMap<>();

    public BundleShapeRegistry(TrustFrameworks frameworks) {
        this.frameworks = frameworks;
    }

    @Override
    public List<String> versions() {
        return frameworks.versions();
    }

    @Override
    public Optional<String> resolve(String versionOrAlias) {
        if (versionOrAlias == null) {
            return Optional.empty();
        }
        String v = versionOrAlias.strip().toLowerCase(Locale.ROOT);
        return switch (v) {
            case "development", "latest", "loire" -> Optional.of(frameworks.latest(TrustFrameworkBundle.RuleSet.LOIRE).version());
            case "trustframework", "tagus" -> Optional.of(frameworks.latest(TrustFrameworkBundle.RuleSet.TAGUS).version());
            default -> frameworks.get(v).map(TrustFrameworkBundle::version);
        };
    }

    @Override
    public Optional<Artifact> shapes(String version, Syntax syntax) {
        return frameworks.get(version).map(bundle -> cache.computeIfAbsent("shapes " + version + " " + syntax, k -> new Artifact(version,
                syntax.mediaType(),
                syntax == Syntax.TURTLE ? bundle.shapesTurtle().getBytes(StandardCharsets.UTF_8)
                        : ExpandedJsonLd.write(ModelFactory.createModelForGraph(bundle.shapesGraph())),
                String.join("; ", bundle.sources()))));
    }

    @Override
    public Optional<Artifact> context(String version) {
        return frameworks.get(version).map(bundle -> new Artifact(version, Syntax.JSON_LD.mediaType(),
                bundle.contextDocument().getBytes(StandardCharsets.UTF_8), bundle.contextUrl()));
    }

    @Override
    public List<String> implementedShapes(String version) {
        return frameworks.get(version).map(TrustFrameworkBundle::implementedShapes).orElse(List.of());
    }
}
