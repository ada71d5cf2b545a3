package eu.federator.trustframework.registry;

import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.ModelFactory;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFDataMgr;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class BundleShapeRegistryTest {
    final BundleShapeRegistry registry = new BundleShapeRegistry(eu.federator.trustframework.bundle.TrustFrameworks.builtIn());

    @Test
    void versionsAndAliases() {
        assertThat(registry.versions()).containsExactly("22.10", "25.11");
        assertThat(registry.resolve("development")).contains("25.11");
        assertThat(registry.resolve("trustframework")).contains("22.10");
        assertThat(registry.resolve("25.11")).contains("25.11");
        assertThat(registry.resolve("24.06")).isEmpty();
        assertThat(registry.shapes("24.06", ShapeRegistry.Syntax.TURTLE)).isEmpty();
    }

    @Test
    void tagusShapesAreServedInBothSyntaxesWithTheSameTriples() {
        Model turtle = read(registry.shapes("22.10", ShapeRegistry.Syntax.TURTLE).orElseThrow(), Lang.TURTLE);
        Model jsonld = read(registry.shapes("22.10", ShapeRegistry.Syntax.JSON_LD).orElseThrow(), Lang.JSONLD11);
        assertThat(turtle.size()).isPositive();
        assertThat(turtle.isIsomorphicWith(jsonld)).isTrue();
    }

    @Test
    void loireShapesConvertToExpandedJsonLdWithOneNodePerSubject() throws Exception {
        ShapeRegistry.Artifact turtle = registry.shapes("25.11", ShapeRegistry.Syntax.TURTLE).orElseThrow();
        ShapeRegistry.Artifact jsonld = registry.shapes("25.11", ShapeRegistry.Syntax.JSON_LD).orElseThrow();
        assertThat(turtle.mediaType()).isEqualTo("text/turtle");
        assertThat(jsonld.mediaType()).isEqualTo("application/ld+json");
        Model model = read(turtle, Lang.TURTLE);
        var graph = eu.federator.credentials.json.Json.parseObject(jsonld.content(),
                new eu.federator.credentials.json.JsonLimits(64L * 1024 * 1024, 64)).getJsonArray("@graph");
        assertThat(graph).hasSize(model.listSubjects().toList().size());
        long values = graph.stream().mapToLong(n -> n.asJsonObject().entrySet().stream()
                .filter(e -> !e.getKey().equals("@id")).mapToLong(e -> e.getValue().asJsonArray().size()).sum()).sum();
        assertThat(values).isEqualTo(model.size());
    }

    static Model read(ShapeRegistry.Artifact artifact, Lang lang) {
        Model m = ModelFactory.createDefaultModel();
        RDFDataMgr.read(m, new ByteArrayInputStream(artifact.content()), lang);
        return m;
    }

    @Test
    void implementedShapesAreTheTargetClasses() {
        assertThat(registry.implementedShapes("22.10")).contains("LegalParticipant", "ServiceOffering", "GaiaXTermsAndConditions");
        assertThat(registry.implementedShapes("25.11")).contains("LegalPerson", "Issuer", "VatID", "ServiceOffering", "LabelCredential");
        assertThat(registry.implementedShapes("9.9")).isEmpty();
    }

    @Test
    void contexts() {
        String loire = new String(registry.context("25.11").orElseThrow().content(), StandardCharsets.UTF_8);
        assertThat(loire).contains("\"gx\": \"https://w3id.org/gaia-x/development#\"");
        String tagus = new String(registry.context("22.10").orElseThrow().content(), StandardCharsets.UTF_8);
        assertThat(tagus).contains("trusted-shape-registry/v1/shapes/jsonld/trustframework#");
    }

    @Test
    void termsAndConditions() {
        TermsAndConditions terms = TermsAndConditions.bundled();
        assertThat(terms.versions()).extracting(TermsAndConditions.Version::version).containsExactly("22.04", "22.10", "25.11");
        assertThat(terms.version("22.04").orElseThrow().hash()).isEqualTo("70c1d713215f95191a11d38fe2341faed27d19e083917bc8732ca4fea4976700");
        assertThat(terms.currentHash()).isEqualTo(TermsAndConditions.LOIRE_CURRENT);
        assertThat(terms.acceptedHashes(Instant.parse("2026-03-31T23:59:59Z")))
                .containsExactlyInAnyOrder(TermsAndConditions.LOIRE_CURRENT, TermsAndConditions.LOIRE_DEPRECATED);
        assertThat(terms.acceptedHashes(Instant.parse("2026-04-01T00:00:00Z"))).containsExactly(TermsAndConditions.LOIRE_CURRENT);
    }
}
