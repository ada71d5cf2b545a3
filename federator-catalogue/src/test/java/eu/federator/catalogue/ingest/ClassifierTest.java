package eu.federator.catalogue.ingest;

import eu.federator.catalogue.sd.SdKind;
import eu.federator.catalogue.testing.TestDirectories;
import org.apache.jena.graph.Graph;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.sparql.graph.GraphFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/** Base classes by Gaia-X namespace and name, configured extras, and rdfs:subClassOf of the loaded ontologies. */
class ClassifierTest {
    static final String GAX_SERVICE = "http://w3id.org/gaia-x/service#";
    static final String GAX_RESOURCE = "http://w3id.org/gaia-x/resource#";
    static Graph gaxTestOntology;

    @BeforeAll
    static void ontology() {
        gaxTestOntology = RDFParser.source(TestDirectories.fixtures().resolve("xfsc/classic/mock-data/gax-test-ontology.ttl")).toGraph();
    }

    static Classifier classifier(Graph ontology) {
        return new Classifier(Map.of(), () -> ontology);
    }

    static Graph turtle(String text) {
        Graph g = GraphFactory.createDefaultGraph();
        RDFParser.fromString("@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n@prefix ex: <https://example.org/> .\n" + text, Lang.TURTLE).parse(g);
        return g;
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            // Tagus (22.10) registry
            "https://registry.lab.gaia-x.eu/development/api/trusted-shape-registry/v1/shapes/jsonld/trustframework#LegalParticipant, PARTICIPANT",
            "https://registry.lab.gaia-x.eu/development/api/trusted-shape-registry/v1/shapes/jsonld/trustframework#ServiceOffering, SERVICE_OFFERING",
            // Loire (25.11) and its 2511 namespace
            "https://w3id.org/gaia-x/development#LegalPerson, PARTICIPANT",
            "https://w3id.org/gaia-x/development#DataProduct, DATA_PRODUCT",
            "https://w3id.org/gaia-x/2511#DigitalServiceOffering, SERVICE_OFFERING",
            "https://w3id.org/gaia-x/development#InstantiatedVirtualResource, RESOURCE",
            // the XFSC gax vocabularies (classic core tests use http://w3id.org/gaia-x/{participant,service,resource}#)
            "http://w3id.org/gaia-x/participant#Participant, PARTICIPANT",
            "http://w3id.org/gaia-x/service#ServiceOffering, SERVICE_OFFERING",
            "http://w3id.org/gaia-x/resource#Resource, RESOURCE",
            "https://w3id.org/gaia-x/core#Participant, PARTICIPANT",
            "https://w3id.org/gaia-x/gax-trust-framework#Resource, RESOURCE",
            // the same names elsewhere are not Gaia-X base classes, nor are other Gaia-X classes
            "https://schema.org/Person, OTHER",
            "https://example.org/ServiceOffering, OTHER",
            "https://w3id.org/gaia-x/development#Address, OTHER"})
    void gaiaXBaseClassesByNamespaceAndName(String type, SdKind kind) {
        assertThat(classifier(null).classify(List.of(type))).isEqualTo(kind);
    }

    @Test
    void subclassesInALoadedOntologyAreTheirBaseClass() {
        Classifier withOntology = classifier(gaxTestOntology);
        Classifier without = classifier(GraphFactory.createDefaultGraph());

        // BlockStorage ⊑ Storage ⊑ Infrastructure ⊑ ServiceOffering; its name alone is no base class
        assertThat(withOntology.classify(List.of(GAX_SERVICE + "BlockStorage"))).isEqualTo(SdKind.SERVICE_OFFERING);
        assertThat(withOntology.classify(List.of(GAX_SERVICE + "Database"))).isEqualTo(SdKind.SERVICE_OFFERING);
        // Wallet ⊑ Software, which the ontology makes a subclass of nothing
        assertThat(withOntology.classify(List.of(GAX_SERVICE + "VerifiableCredentialWallet"))).isEqualTo(SdKind.OTHER);
        assertThat(withOntology.classify(List.of(GAX_RESOURCE + "VirtualNode"))).isEqualTo(SdKind.RESOURCE);
        assertThat(without.classify(List.of(GAX_SERVICE + "BlockStorage"))).isEqualTo(SdKind.OTHER);
        assertThat(classifier(null).classify(List.of(GAX_SERVICE + "BlockStorage"))).isEqualTo(SdKind.OTHER);
    }

    @Test
    void anyClassMayBeMadeABaseClassByAnOntologyOrByConfiguration() {
        Graph ontology = turtle("ex:CloudStorage rdfs:subClassOf ex:Storage . ex:Storage rdfs:subClassOf <https://w3id.org/gaia-x/development#ServiceOffering> .");
        Classifier configured = new Classifier(Map.of("http://www.w3.org/ns/dcat#Dataset", SdKind.DATA_PRODUCT), () -> ontology);

        assertThat(configured.classify(List.of("https://example.org/CloudStorage"))).isEqualTo(SdKind.SERVICE_OFFERING);
        assertThat(configured.classify(List.of("http://www.w3.org/ns/dcat#Dataset"))).isEqualTo(SdKind.DATA_PRODUCT);
        assertThat(configured.describe()).contains("http://www.w3.org/ns/dcat#Dataset").contains("subclasses in the loaded ontologies");
    }

    @Test
    void participantWinsOverOfferingOverDataProductOverResource() {
        Classifier c = classifier(turtle("ex:Both rdfs:subClassOf <https://w3id.org/gaia-x/development#Resource>, "
                + "<https://w3id.org/gaia-x/development#ServiceOffering> ."));
        String gx = "https://w3id.org/gaia-x/development#";

        assertThat(c.classify(List.of(gx + "ServiceOffering", gx + "LegalPerson"))).isEqualTo(SdKind.PARTICIPANT);
        assertThat(c.classify(List.of(gx + "Resource", gx + "DataProduct", gx + "ServiceOffering"))).isEqualTo(SdKind.SERVICE_OFFERING);
        assertThat(c.classify(List.of(gx + "Resource", gx + "DataProduct"))).isEqualTo(SdKind.DATA_PRODUCT);
        assertThat(c.classify(List.of("https://schema.org/Thing", gx + "Resource"))).isEqualTo(SdKind.RESOURCE);
        assertThat(c.classify(List.of("https://example.org/Both"))).isEqualTo(SdKind.SERVICE_OFFERING);
        assertThat(c.classify(List.of())).isEqualTo(SdKind.OTHER);
    }

    @Test
    void cyclesAndAnonymousSuperclassesEndTheSearch() {
        Classifier c = classifier(turtle("""
                ex:A rdfs:subClassOf ex:B . ex:B rdfs:subClassOf ex:A .
                ex:C rdfs:subClassOf [ a <http://www.w3.org/2002/07/owl#Restriction> ] , ex:C .
                """));

        assertThat(c.classify(List.of("https://example.org/A"))).isEqualTo(SdKind.OTHER);
        assertThat(c.classify(List.of("https://example.org/C"))).isEqualTo(SdKind.OTHER);
    }

    @Test
    void aNewOntologyGraphIsSeenAtOnce() {
        AtomicReference<Graph> current = new AtomicReference<>(GraphFactory.createDefaultGraph());
        Classifier c = new Classifier(Map.of(), current::get);
        assertThat(c.classify(List.of("https://example.org/Storage"))).isEqualTo(SdKind.OTHER);

        current.set(turtle("ex:Storage rdfs:subClassOf <http://w3id.org/gaia-x/service#ServiceOffering> ."));

        assertThat(c.classify(List.of("https://example.org/Storage"))).isEqualTo(SdKind.SERVICE_OFFERING);
    }
}
