package eu.federator.catalogue.schema;

import eu.federator.catalogue.schema.SchemaException.Reason;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFDataMgr;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.shacl.vocabulary.SHACL;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.vocabulary.RDF;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The contract of a {@link SchemaStore}, exercised through {@link Schemas} with every expectation of the XFSC
 * {@code SchemaStoreTest} (fixtures {@code xfsc/classic/schema-tests}, see their SOURCES.md): valid and invalid
 * schemas, type detection, ids, terms, conflicts, replacement, composites, long content. Implementations extend it
 * and provide an empty store before each test (EDC style).
 */
public abstract class SchemaStoreTestBase {
    protected static final String VALIDATION = "http://w3id.org/gaia-x/validation#";
    protected static final String CORE = "http://w3id.org/gaia-x/core#";

    protected Schemas schemas;

    /** A store with no schemas (a new one, or the same one emptied). */
    protected abstract SchemaStore emptyStore();

    @BeforeEach
    void newService() {
        schemas = new Schemas(emptyStore());
    }

    protected static Path fixtures() {
        String dir = System.getProperty("federator.fixtures");
        if (dir == null) {
            throw new IllegalStateException("system property federator.fixtures is not set (surefire sets it to ../shared/fixtures)");
        }
        return Path.of(dir);
    }

    protected static byte[] fixture(String name) {
        try {
            return Files.readAllBytes(fixtures().resolve("xfsc/classic/schema-tests").resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private SchemaException refused(Callable<?> call) {
        AtomicReference<SchemaException> caught = new AtomicReference<>();
        assertThatThrownBy(call::call).isInstanceOfSatisfying(SchemaException.class, caught::set);
        return caught.get();
    }

    // --------------------------------------------------------------------------------------- valid schemas

    @Test
    void aShapeIsIdentifiedByTheHashOfItsContentAndDefinesItsShapes() {
        byte[] content = fixture("valid-schemaShape.ttl");
        StoredSchema stored = schemas.add(content, null);
        assertThat(stored.type()).isEqualTo(SchemaType.SHAPE);
        assertThat(stored.id()).isEqualTo(SchemaAnalyzer.sha256(content)).hasSize(64);
        assertThat(stored.syntax()).isEqualTo(SchemaSyntax.TURTLE);
        assertThat(stored.origin()).isEqualTo("api");
        assertThat(schemas.store().terms(stored.id())).containsExactly(VALIDATION + "MeasureShape", VALIDATION + "PhysicalResourceShape");
        assertThat(schemas.list()).isEqualTo(Map.of(SchemaType.SHAPE, List.of(stored.id()), SchemaType.ONTOLOGY, List.of(),
                SchemaType.VOCABULARY, List.of()));
        assertThat(schemas.definingSchema(VALIDATION + "MeasureShape")).contains(stored.id());
    }

    @Test
    void addingTheSameShapeTwiceIsAConflict() {
        StoredSchema first = schemas.add(fixture("valid-schemaShape.ttl"), null);
        SchemaException e = refused(() -> schemas.add(fixture("valid-schemaShape.ttl"), null));
        assertThat(e.reason()).isEqualTo(Reason.CONFLICT);
        assertThat(e.getMessage()).isEqualTo("A schema with id " + first.id() + " already exists.");
        assertThat(schemas.store().count()).isEqualTo(1);
    }

    @Test
    void aVocabularyIsIdentifiedByItsConceptScheme() {
        StoredSchema stored = schemas.add(fixture("validSkosWith2Urls.ttl"), null);
        assertThat(stored.type()).isEqualTo(SchemaType.VOCABULARY);
        assertThat(stored.id()).isEqualTo("http://www.example.com/animals");
        assertThat(schemas.store().terms(stored.id())).containsExactly("http://www.example.com/cat");
    }

    @Test
    void anOntologyIsIdentifiedByItsIriAndDefinesClassesAndProperties() {
        StoredSchema stored = schemas.add(fixture("validOntology.ttl"), null);
        assertThat(stored.type()).isEqualTo(SchemaType.ONTOLOGY);
        assertThat(stored.id()).isEqualTo(CORE);
        assertThat(schemas.store().terms(CORE)).containsExactlyInAnyOrder(CORE + "providesResourcesFrom", CORE + "Interconnection",
                CORE + "Consumer", CORE + "Provider", CORE + "AssetOwner", CORE + "ServiceOffering", CORE + "Contract");
    }

    @Test
    void aShapeInJsonLdIsDetected() {
        StoredSchema stored = schemas.add(fixture("validShacl.jsonld"), null);
        assertThat(stored.type()).isEqualTo(SchemaType.SHAPE);
        assertThat(stored.syntax()).isEqualTo(SchemaSyntax.JSON_LD);
        assertThat(schemas.store().terms(stored.id())).containsExactly(VALIDATION + "PhysicalResourceShape");
    }

    @Test
    void aShapeInRdfXmlIsDetectedOrTakenFromTheContentType() {
        Graph g = RDFParser.fromString(new String(fixture("valid-schemaShape.ttl"), StandardCharsets.UTF_8), Lang.TURTLE).toGraph();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        RDFDataMgr.write(out, g, Lang.RDFXML);
        byte[] xml = out.toByteArray();
        StoredSchema detected = schemas.add(xml, null);
        assertThat(detected.syntax()).isEqualTo(SchemaSyntax.RDF_XML);
        assertThat(detected.type()).isEqualTo(SchemaType.SHAPE);
        schemas.delete(detected.id());
        StoredSchema declared = schemas.add(xml, SchemaSyntax.RDF_XML);
        assertThat(declared.id()).isEqualTo(detected.id());
        assertThat(schemas.store().terms(declared.id())).containsExactly(VALIDATION + "MeasureShape", VALIDATION + "PhysicalResourceShape");
    }

    @Test
    void longContentIsStoredAndReadBackByteForByte() {
        byte[] content = fixture("schema.ttl");
        StoredSchema stored = schemas.add(content, null);
        assertThat(schemas.get(stored.id()).orElseThrow().content()).isEqualTo(content);
        // content that is not what a serializer would write: comments, odd spacing, CRLF, non-ASCII, a BOM
        byte[] odd = ("\uFEFF# Kommentar äöü ✓\r\n@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\r\n"
                + "<urn:ex:scheme>   a skos:ConceptScheme .\t\r\n<urn:ex:c> a skos:Concept ; skos:prefLabel \"Grüße\"@de .\r\n")
                .getBytes(StandardCharsets.UTF_8);
        StoredSchema vocab = schemas.add(odd, null);
        assertThat(schemas.get(vocab.id()).orElseThrow().content()).isEqualTo(odd);
        assertThat(schemas.get("urn:ex:scheme").orElseThrow().contentHash()).isEqualTo(SchemaAnalyzer.sha256(odd));
    }

    @Test
    void theGaxCoreShapesAreValidAndTheGaxCoreOntologyHasTwoOntologyIris() {
        StoredSchema shapes = schemas.add(fixture("gax-core-shapes.ttl"), null);
        assertThat(shapes.type()).isEqualTo(SchemaType.SHAPE);
        assertThat(schemas.store().terms(shapes.id())).isNotEmpty().allMatch(t -> t.startsWith("http"));
        // XFSC's test only checks that its type is detected as ontology (isSchemaType); the file declares gax-core: and
        // gax-trust-framework: as owl:Ontology, so XFSC's own analysis marks it invalid, and so does ours
        SchemaException e = refused(() -> schemas.add(fixture("gax-core-ontology.ttl"), null));
        assertThat(e.reason()).isEqualTo(Reason.INVALID);
        assertThat(e.getMessage()).isEqualTo("Schema is not valid: Ontology Schema has multiple Ontology IRIs");
    }

    // --------------------------------------------------------------------------------------- invalid schemas

    @Test
    void schemasOfNoSupportedTypeAreRefusedWithXfscMessages() {
        assertInvalid("noOntologyIRI.ttl", "Schema type not supported");
        assertInvalid("invalidSchema.ttl", "Schema type not supported");
        assertInvalid("invalidOntologyWithTwoIRIs.ttl", "Ontology Schema has multiple Ontology IRIs");
        assertInvalid("skosConceptInvalid.ttl", "Vocabulary contains multiple concept schemes");
        assertThat(schemas.store().count()).isZero();
        assertThat(schemas.store().revision()).isZero();
    }

    private void assertInvalid(String file, String message) {
        SchemaException e = refused(() -> schemas.add(fixture(file), null));
        assertThat(e.reason()).as(file).isEqualTo(Reason.INVALID);
        assertThat(e.getMessage()).as(file).startsWith("Schema is not valid: " + message);
    }

    @Test
    void aTypeRuleBrokenBeforeASyntaxErrorIsReportedAsXfscDoes() {
        // skosConceptInvalid.ttl uses the undeclared prefix rdfs: after its two concept schemes; XFSC analyses what
        // parsed up to the error, and so do we, naming the syntax error too
        SchemaException e = refused(() -> schemas.add(fixture("skosConceptInvalid.ttl"), null));
        assertThat(e.reason()).isEqualTo(Reason.INVALID);
        assertThat(e.getMessage()).startsWith("Schema is not valid: Vocabulary contains multiple concept schemes (the content "
                + "does not parse either: [line ").contains("rdfs");
    }

    @Test
    void contentThatDoesNotParseIsASyntaxErrorWithTheParsersMessage() {
        SchemaException turtle = refused(() -> schemas.add("@prefix ex: <urn:ex:> .\nex:a ex:b \"unterminated .\n"
                .getBytes(StandardCharsets.UTF_8), null));
        assertThat(turtle.reason()).isEqualTo(Reason.SYNTAX);
        assertThat(turtle.getMessage()).startsWith("Schema is not valid Turtle: [line ");
        SchemaException json = refused(() -> schemas.add("{\"@graph\": [".getBytes(StandardCharsets.UTF_8), null));
        assertThat(json.reason()).isEqualTo(Reason.SYNTAX);
        assertThat(json.getMessage()).startsWith("Schema is not valid JSON-LD: ");
        SchemaException declared = refused(() -> schemas.add(fixture("validOntology.ttl"), SchemaSyntax.RDF_XML));
        assertThat(declared.reason()).isEqualTo(Reason.SYNTAX);
        assertThat(declared.getMessage()).startsWith("Schema is not valid RDF/XML: ");
    }

    @Test
    void jsonLdSchemasMayNotLoadRemoteContexts() {
        byte[] remote = """
                {"@context": "https://schema.example/context.jsonld", "@id": "urn:ex:o", "@type": "http://www.w3.org/2002/07/owl#Ontology"}
                """.getBytes(StandardCharsets.UTF_8);
        SchemaException e = refused(() -> schemas.add(remote, SchemaSyntax.JSON_LD));
        assertThat(e.reason()).isEqualTo(Reason.SYNTAX);
        assertThat(e.getMessage()).contains("https://schema.example/context.jsonld");
    }

    // --------------------------------------------------------------------------------------- terms and conflicts

    @Test
    void aSecondSchemaRedefiningATermIsAConflictNamingTheTerm() {
        StoredSchema cpu = schemas.add(fixture("shapeCpu.ttl"), null);
        long revision = schemas.store().revision();
        SchemaException e = refused(() -> schemas.add(fixture("shapeGpu.ttl"), null));
        assertThat(e.reason()).isEqualTo(Reason.CONFLICT);
        assertThat(e.getMessage()).startsWith("Schema redefines existing terms: ").contains("(defined by schema " + cpu.id() + ")");
        assertThat(schemas.list().get(SchemaType.SHAPE)).containsExactly(cpu.id());
        assertThat(schemas.store().revision()).as("a refused write changes nothing").isEqualTo(revision);
    }

    @Test
    void anOntologyRedefiningAnotherOntologysClassIsAConflict() {
        schemas.add(fixture("validOntology.ttl"), null);
        byte[] other = """
                @prefix owl: <http://www.w3.org/2002/07/owl#> .
                <urn:ex:other> a owl:Ontology .
                <http://w3id.org/gaia-x/core#Provider> a owl:Class .
                """.getBytes(StandardCharsets.UTF_8);
        SchemaException e = refused(() -> schemas.add(other, null));
        assertThat(e.reason()).isEqualTo(Reason.CONFLICT);
        assertThat(e.getMessage()).isEqualTo("Schema redefines existing terms: " + CORE + "Provider (defined by schema " + CORE + ")");
    }

    // --------------------------------------------------------------------------------------- replace and delete

    @Test
    void aShapeIsReplacedUnderItsIdAndItsTermsFollow() {
        byte[] reduced = fixture("valid-schemaShapeReduced.ttl");
        byte[] full = fixture("valid-schemaShape.ttl");
        String id = schemas.add(reduced, null).id();
        assertThat(schemas.store().terms(id)).containsExactly(VALIDATION + "PhysicalResourceShape");

        StoredSchema replaced = schemas.replace(id, full, null);
        assertThat(replaced.id()).isEqualTo(id);
        assertThat(schemas.store().terms(id)).containsExactly(VALIDATION + "MeasureShape", VALIDATION + "PhysicalResourceShape");
        assertThat(schemas.get(id).orElseThrow().content()).isEqualTo(full);
        assertThat(replaced.updateTime()).isAfterOrEqualTo(replaced.uploadTime());

        schemas.replace(id, reduced, null);
        assertThat(schemas.store().terms(id)).containsExactly(VALIDATION + "PhysicalResourceShape");
        assertThat(schemas.get(id).orElseThrow().content()).isEqualTo(reduced);
    }

    @Test
    void anOntologyIsReplacedOnlyByOneWithTheSameIri() {
        schemas.add(fixture("validOntology.ttl"), null);
        String changed = new String(fixture("validOntology.ttl"), StandardCharsets.UTF_8) + "\n<" + CORE + "Auditor> a <http://www.w3.org/2002/07/owl#Class> .\n";
        schemas.replace(CORE, changed.getBytes(StandardCharsets.UTF_8), SchemaSyntax.TURTLE);
        assertThat(schemas.store().terms(CORE)).contains(CORE + "Auditor").hasSize(8);

        SchemaException other = refused(() -> schemas.replace(CORE, "<urn:ex:other> a <http://www.w3.org/2002/07/owl#Ontology> ."
                .getBytes(StandardCharsets.UTF_8), null));
        assertThat(other.reason()).isEqualTo(Reason.MISMATCH);
        assertThat(other.getMessage()).isEqualTo("Given schema does not have the same Identifier as the old schema: " + CORE + " <> urn:ex:other");

        SchemaException missing = refused(() -> schemas.replace("urn:ex:none", "<urn:ex:none> a <http://www.w3.org/2002/07/owl#Ontology> ."
                .getBytes(StandardCharsets.UTF_8), null));
        assertThat(missing.reason()).isEqualTo(Reason.NOT_FOUND);
    }

    @Test
    void aReplacementMayNotChangeTheType() {
        schemas.add("<urn:ex:s> a <http://www.w3.org/2004/02/skos/core#ConceptScheme> .".getBytes(StandardCharsets.UTF_8), null);
        SchemaException e = refused(() -> schemas.replace("urn:ex:s", "<urn:ex:s> a <http://www.w3.org/2002/07/owl#Ontology> ."
                .getBytes(StandardCharsets.UTF_8), null));
        assertThat(e.reason()).isEqualTo(Reason.MISMATCH);
        assertThat(schemas.get("urn:ex:s").orElseThrow().type()).isEqualTo(SchemaType.VOCABULARY);
    }

    @Test
    void aReplacementTakingAnotherSchemasTermIsAConflictAndChangesNothing() {
        StoredSchema cpu = schemas.add(fixture("shapeCpu.ttl"), null);
        StoredSchema reduced = schemas.add(fixture("valid-schemaShapeReduced.ttl"), null);
        SchemaException e = refused(() -> schemas.replace(reduced.id(), fixture("shapeGpu.ttl"), null));
        assertThat(e.reason()).isEqualTo(Reason.CONFLICT);
        assertThat(e.getMessage()).contains(cpu.id());
        assertThat(schemas.store().terms(reduced.id())).containsExactly(VALIDATION + "PhysicalResourceShape");
        assertThat(schemas.get(reduced.id()).orElseThrow().content()).isEqualTo(fixture("valid-schemaShapeReduced.ttl"));
    }

    @Test
    void deleteRemovesTheSchemaAndFreesItsTerms() {
        StoredSchema cpu = schemas.add(fixture("shapeCpu.ttl"), null);
        schemas.delete(cpu.id());
        assertThat(schemas.get(cpu.id())).isEmpty();
        assertThat(schemas.store().terms(cpu.id())).isEmpty();
        assertThat(schemas.store().count()).isZero();
        assertThat(schemas.add(fixture("shapeGpu.ttl"), null).type()).isEqualTo(SchemaType.SHAPE);
        assertThat(refused(() -> {
            schemas.delete(cpu.id());
            return null;
        }).reason()).isEqualTo(Reason.NOT_FOUND);
    }

    // --------------------------------------------------------------------------------------- composites

    @Test
    void theCompositeShapeSchemaIsTheUnionOfTheShapeSchemas() {
        Node type = RDF.type.asNode();
        Node physical = NodeFactory.createURI(VALIDATION + "PhysicalResourceShape");
        Node connector = NodeFactory.createURI(VALIDATION + "DataConnectorShape");
        schemas.add(fixture("FirstValidSchemaShape.ttl"), null);
        Graph first = parseTurtle(schemas.composite(SchemaType.SHAPE).turtle());
        assertThat(first.contains(physical, type, SHACL.NodeShape)).isTrue();
        assertThat(first.contains(connector, type, SHACL.NodeShape)).isFalse();

        schemas.add(fixture("SecondValidSchemaShape.ttl"), null);
        Graph both = parseTurtle(schemas.composite(SchemaType.SHAPE).turtle());
        assertThat(both.contains(physical, type, SHACL.NodeShape)).isTrue();
        assertThat(both.contains(connector, type, SHACL.NodeShape)).isTrue();
        assertThat(schemas.composite(SchemaType.ONTOLOGY).turtle()).isEmpty();
    }

    @Test
    void compositesMixSyntaxes() {
        schemas.add(fixture("validShacl.jsonld"), null);
        schemas.add(fixture("shapeCpu.ttl"), null);
        CompositeShapes current = schemas.current();
        assertThat(current.schemaIds()).hasSize(2);
        assertThat(current.shapes().getTargetShapes()).isNotEmpty();
    }

    @Test
    void compositeShapesAreCompiledOnceAndRecompiledOnChange() {
        List<SchemaChange> changes = new ArrayList<>();
        schemas.addListener(changes::add);
        CompositeShapes empty = schemas.current();
        assertThat(empty.isEmpty()).isTrue();

        StoredSchema first = schemas.add(fixture("FirstValidSchemaShape.ttl"), null);
        CompositeShapes one = schemas.current();
        assertThat(one).isNotSameAs(empty);
        assertThat(one.schemaIds()).containsExactly(first.id());
        assertThat(one.revision()).isEqualTo(schemas.revision());
        assertThat(schemas.current()).isSameAs(one);
        assertThat(schemas.composite(SchemaType.SHAPE)).isSameAs(schemas.composite(SchemaType.SHAPE));

        schemas.add(fixture("validOntology.ttl"), null);
        CompositeShapes afterOntology = schemas.current();
        assertThat(afterOntology.revision()).isGreaterThan(one.revision());
        assertThat(afterOntology.shapes()).as("an ontology change does not recompile the shapes").isSameAs(one.shapes());

        StoredSchema second = schemas.add(fixture("SecondValidSchemaShape.ttl"), null);
        CompositeShapes two = schemas.current();
        assertThat(two.shapes()).isNotSameAs(one.shapes());
        assertThat(two.schemaIds()).containsExactlyInAnyOrder(first.id(), second.id());

        schemas.delete(first.id());
        assertThat(schemas.current().schemaIds()).containsExactly(second.id());
        assertThat(changes).extracting(SchemaChange::kind).containsExactly(SchemaChange.Kind.ADDED, SchemaChange.Kind.ADDED,
                SchemaChange.Kind.ADDED, SchemaChange.Kind.DELETED);
        assertThat(changes).extracting(SchemaChange::revision).isSorted();
    }

    @Test
    void aChangeByAnotherInstanceIsSeenAfterTheRefreshInterval() {
        long[] clock = {0};
        Schemas replicaA = new Schemas(schemas.store(), java.time.Duration.ofSeconds(5), () -> clock[0]);
        assertThat(replicaA.current().isEmpty()).isTrue();
        schemas.add(fixture("shapeCpu.ttl"), null); // another replica on the same database
        assertThat(replicaA.current().isEmpty()).as("within the refresh interval").isTrue();
        clock[0] += java.time.Duration.ofSeconds(6).toNanos();
        assertThat(replicaA.current().schemaIds()).hasSize(1);
    }

    @Test
    void theDefinitionOfATermIsItsDescriptionOrTheShapesTargetingIt() {
        schemas.add(fixture("FirstValidSchemaShape.ttl"), null);
        schemas.add(fixture("validOntology.ttl"), null);
        Graph byClass = schemas.definition(SchemaType.SHAPE, "http://w3id.org/gaia-x/resource#PhysicalResource").orElseThrow();
        Node shape = NodeFactory.createURI(VALIDATION + "PhysicalResourceShape");
        assertThat(byClass.contains(shape, SHACL.targetClass, Node.ANY)).isTrue();
        assertThat(byClass.find(Node.ANY, SHACL.path, Node.ANY).toList()).as("property shapes follow").hasSizeGreaterThan(3);
        Graph byShape = schemas.definition(SchemaType.SHAPE, VALIDATION + "PhysicalResourceShape").orElseThrow();
        assertThat(byShape.size()).isEqualTo(byClass.size());
        Graph provider = schemas.definition(SchemaType.ONTOLOGY, CORE + "Provider").orElseThrow();
        assertThat(provider.contains(NodeFactory.createURI(CORE + "Provider"), RDF.type.asNode(), Node.ANY)).isTrue();
        assertThat(schemas.definition(SchemaType.ONTOLOGY, "urn:ex:unknown")).isEmpty();
    }

    // --------------------------------------------------------------------------------------- concurrency

    @Test
    void ofTwoConflictingSchemasAddedAtOnceExactlyOneWins() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 5; round++) {
                CountDownLatch start = new CountDownLatch(1);
                Future<StoredSchema> cpu = pool.submit(() -> {
                    start.await();
                    return schemas.add(fixture("shapeCpu.ttl"), null);
                });
                Future<StoredSchema> gpu = pool.submit(() -> {
                    start.await();
                    return schemas.add(fixture("shapeGpu.ttl"), null);
                });
                start.countDown();
                int won = 0;
                String winner = null;
                for (Future<StoredSchema> f : List.of(cpu, gpu)) {
                    try {
                        winner = f.get().id();
                        won++;
                    } catch (java.util.concurrent.ExecutionException e) {
                        assertThat(e.getCause()).isInstanceOfSatisfying(SchemaException.class,
                                s -> assertThat(s.reason()).isEqualTo(Reason.CONFLICT));
                    }
                }
                assertThat(won).as("round " + round).isEqualTo(1);
                assertThat(schemas.list().get(SchemaType.SHAPE)).containsExactly(winner);
                schemas.delete(winner);
            }
            // the same schema twice at once: one 201, one conflict
            CountDownLatch start = new CountDownLatch(1);
            List<Future<StoredSchema>> same = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                same.add(pool.submit(() -> {
                    start.await();
                    return schemas.add(fixture("validOntology.ttl"), null);
                }));
            }
            start.countDown();
            int won = 0;
            for (Future<StoredSchema> f : same) {
                try {
                    f.get();
                    won++;
                } catch (java.util.concurrent.ExecutionException e) {
                    assertThat(((SchemaException) e.getCause()).reason()).isEqualTo(Reason.CONFLICT);
                }
            }
            assertThat(won).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    // --------------------------------------------------------------------------------------- defaults

    @Test
    void xfscDefaultSchemasLoadOnlyIntoAnEmptyStore() {
        List<DefaultSchema> defaults = DefaultSchemas.directory(fixtures().resolve("xfsc/classic/shapes/defaultschema"));
        assertThat(schemas.loadDefaultsIfEmpty(defaults)).isEqualTo(4);
        Map<SchemaType, List<String>> list = schemas.list();
        assertThat(list.get(SchemaType.ONTOLOGY)).containsExactlyInAnyOrder("https://w3id.org/gaia-x/gax-trust-framework#",
                "https://w3id.org/gaia-x/core#", "https://registry.lab.gaia-x.eu/development/api/trusted-shape-registry/v1/shapes/jsonld/trustframework#");
        assertThat(list.get(SchemaType.SHAPE)).hasSize(1);
        assertThat(schemas.get("https://w3id.org/gaia-x/core#").orElseThrow().origin()).isEqualTo("default:ontology/gax-core_generated.ttl");
        schemas.delete("https://w3id.org/gaia-x/gax-trust-framework#");
        assertThat(schemas.list().get(SchemaType.ONTOLOGY)).hasSize(2);
        assertThat(schemas.loadDefaultsIfEmpty(defaults)).as("not empty: nothing loaded").isZero();
        assertThat(schemas.list().get(SchemaType.ONTOLOGY)).hasSize(2);
    }

    protected static Graph parseTurtle(String turtle) {
        Graph g = GraphFactory.createDefaultGraph();
        RDFParser.fromString(turtle, Lang.TURTLE).parse(g);
        return g;
    }

    protected static Set<String> uris(Graph g) {
        Set<String> uris = new java.util.TreeSet<>();
        g.find().forEach(t -> {
            if (t.getSubject().isURI()) {
                uris.add(t.getSubject().getURI());
            }
        });
        return uris;
    }
}
