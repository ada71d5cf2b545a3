package eu.federator.server.catalogue.schema;

import eu.federator.catalogue.schema.CompositeShapesSource;
import eu.federator.server.Http;
import eu.federator.catalogue.testing.TestDirectories;
import jakarta.json.JsonObject;
import org.apache.jena.graph.Graph;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParser;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code /schemas} over real HTTP on loopback, on the server's embedded PostgreSQL, with XFSC's classic default schemas
 * loaded at startup ({@code dir:} default source) and the XFSC schema-test fixtures.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SchemaEndpointTest {
    static final Path ROOT = TestDirectories.newDataDir("federator-schemas-");
    static final String CORE = "http://w3id.org/gaia-x/core#";

    static final String ADMIN_TOKEN = "schema-test-admin-token-0123456789";

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("federator.data-dir", () -> ROOT.resolve("data").toString());
        registry.add("federator.catalogue.schemas.defaults",
                () -> "dir:" + TestDirectories.fixtures().resolve("xfsc/classic/shapes/defaultschema"));
        registry.add("federator.http.max-body-size", () -> "200KB");
        registry.add("federator.security.admin-token", () -> ADMIN_TOKEN);
    }

    @LocalServerPort
    int port;

    @Autowired
    CompositeShapesSource compositeShapes;

    Http http;

    @BeforeEach
    void client() {
        http = new Http(port, ADMIN_TOKEN); // schema changes need the catalogue-admin role: the local admin token carries it
    }

    static byte[] fixture(String name) throws IOException {
        return Files.readAllBytes(TestDirectories.fixtures().resolve("xfsc/classic/schema-tests").resolve(name));
    }

    HttpResponse<String> post(String contentType, byte[] body) throws Exception {
        return http.post("/schemas", contentType, body);
    }

    HttpResponse<String> put(String id, String contentType, byte[] body) throws Exception {
        return http.send(http.request("/schemas/" + enc(id)).header("Content-Type", contentType)
                .PUT(HttpRequest.BodyPublishers.ofByteArray(body)).build());
    }

    HttpResponse<String> delete(String id) throws Exception {
        return http.send(http.request("/schemas/" + enc(id)).DELETE().build());
    }

    HttpResponse<byte[]> getBytes(String path, String accept) throws Exception {
        HttpRequest.Builder b = http.request(path).GET();
        if (accept != null) {
            b.header("Accept", accept);
        }
        return java.net.http.HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    static String enc(String id) {
        return URLEncoder.encode(id, StandardCharsets.UTF_8);
    }

    static void assertError(HttpResponse<String> response, int status, String code, String messagePart) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(Http.contentType(response)).startsWith("application/json");
        JsonObject body = Http.json(response);
        assertThat(body.getString("code")).isEqualTo(code);
        assertThat(body.getString("message")).contains(messagePart);
        assertThat(body.keySet()).containsExactlyInAnyOrder("code", "message");
    }

    @Test
    void theXfscDefaultSchemasAreLoadedAtFirstStartAndListed() throws Exception {
        HttpResponse<String> list = http.get("/schemas");
        assertThat(list.statusCode()).isEqualTo(200);
        JsonObject body = Http.json(list);
        assertThat(body.getJsonArray("ontologies").getValuesAs(jakarta.json.JsonString.class)).extracting(jakarta.json.JsonString::getString)
                .contains("https://w3id.org/gaia-x/gax-trust-framework#", "https://w3id.org/gaia-x/core#",
                        "https://registry.lab.gaia-x.eu/development/api/trusted-shape-registry/v1/shapes/jsonld/trustframework#");
        assertThat(body.getJsonArray("shapes")).isNotEmpty();
        assertThat(body.getJsonArray("vocabularies")).isNotNull();
    }

    @Test
    void aSchemaIsAddedReadBackByteForByteReplacedAndDeleted() throws Exception {
        byte[] ontology = fixture("validOntology.ttl");
        HttpResponse<String> created = post("text/turtle", ontology);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String location = created.headers().firstValue("Location").orElseThrow();
        assertThat(location).isEqualTo("/schemas/http%3A%2F%2Fw3id.org%2Fgaia-x%2Fcore%23");
        assertThat(Http.json(created).getString("id")).isEqualTo(CORE);
        assertThat(Http.json(created).getString("type")).isEqualTo("ontology");

        HttpResponse<byte[]> read = getBytes(location, null);
        assertThat(read.statusCode()).as(new String(read.body(), StandardCharsets.UTF_8)).isEqualTo(200);
        assertThat(read.body()).isEqualTo(ontology);
        assertThat(read.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/turtle");

        assertError(post("text/turtle", ontology), 409, "conflict_error", "A schema with id " + CORE + " already exists.");

        String changed = new String(ontology, StandardCharsets.UTF_8) + "\n<" + CORE + "Auditor> a <http://www.w3.org/2002/07/owl#Class> .\n";
        HttpResponse<String> replaced = put(CORE, "text/turtle", changed.getBytes(StandardCharsets.UTF_8));
        assertThat(replaced.statusCode()).as(replaced.body()).isEqualTo(200);
        assertThat(getBytes(location, null).body()).isEqualTo(changed.getBytes(StandardCharsets.UTF_8));

        assertError(put(CORE, "text/turtle", "<urn:ex:other> a <http://www.w3.org/2002/07/owl#Ontology> .".getBytes(StandardCharsets.UTF_8)),
                400, "client_error", "Given schema does not have the same Identifier as the old schema");
        assertError(put("urn:ex:absent", "text/turtle", "<urn:ex:absent> a <http://www.w3.org/2002/07/owl#Ontology> ."
                .getBytes(StandardCharsets.UTF_8)), 404, "not_found_error", "urn:ex:absent");

        HttpResponse<String> deleted = delete(CORE);
        assertThat(deleted.statusCode()).isEqualTo(200);
        assertThat(deleted.body()).isEmpty();
        assertError(delete(CORE), 404, "not_found_error", "Schema with id " + CORE + " was not found");
        assertError(http.get(location), 404, "not_found_error", CORE);
    }

    @Test
    void shapesInJsonLdAndRdfXmlAreAcceptedByContentTypeOrDetection() throws Exception {
        HttpResponse<String> jsonld = post("application/ld+json", fixture("validShacl.jsonld"));
        assertThat(jsonld.statusCode()).as(jsonld.body()).isEqualTo(201);
        String id = Http.json(jsonld).getString("id");
        HttpResponse<byte[]> back = getBytes("/schemas/" + id, null);
        assertThat(back.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/ld+json");
        assertThat(back.body()).isEqualTo(fixture("validShacl.jsonld"));

        HttpResponse<byte[]> asTurtle = getBytes("/schemas/" + id, "text/turtle");
        assertThat(asTurtle.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/turtle");
        Graph g = RDFParser.fromString(new String(asTurtle.body(), StandardCharsets.UTF_8), Lang.TURTLE).toGraph();
        assertThat(g.size()).isGreaterThan(10);
        assertThat(getBytes("/schemas/" + id, "image/png").statusCode()).isEqualTo(406);
        assertThat(delete(id).statusCode()).isEqualTo(200);

        String xml = """
                <?xml version="1.0"?>
                <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:skos="http://www.w3.org/2004/02/skos/core#">
                  <skos:ConceptScheme rdf:about="urn:ex:colours"/>
                  <skos:Concept rdf:about="urn:ex:red"/>
                </rdf:RDF>
                """;
        HttpResponse<String> detected = post("application/octet-stream", xml.getBytes(StandardCharsets.UTF_8));
        assertThat(detected.statusCode()).as(detected.body()).isEqualTo(201);
        assertThat(Http.json(detected).getString("type")).isEqualTo("vocabulary");
        assertThat(getBytes("/schemas/urn%3Aex%3Acolours", null).headers().firstValue("Content-Type").orElseThrow())
                .startsWith("application/rdf+xml");
        assertThat(delete("urn:ex:colours").statusCode()).isEqualTo(200);
    }

    @Test
    void invalidSchemasAreRefusedWithXfscStatusesAndMessages() throws Exception {
        assertError(post("text/turtle", fixture("invalidSchema.ttl")), 422, "verification_error", "Schema is not valid: Schema type not supported");
        assertError(post("text/turtle", fixture("invalidOntologyWithTwoIRIs.ttl")), 422, "verification_error",
                "Schema is not valid: Ontology Schema has multiple Ontology IRIs");
        assertError(post("text/turtle", fixture("skosConceptInvalid.ttl")), 422, "verification_error",
                "Schema is not valid: Vocabulary contains multiple concept schemes");
        assertError(post("text/turtle", "@prefix ex: <urn:ex:> .\nex:a ex:b \"open .\n".getBytes(StandardCharsets.UTF_8)), 400,
                "client_error", "Schema is not valid Turtle: [line ");
        assertError(post("application/pdf", fixture("validOntology.ttl")), 415, "unsupported_media_type", "application/pdf");
    }

    @Test
    void aBodyAboveTheLimitIs413() throws Exception {
        byte[] big = new byte[300 * 1024];
        java.util.Arrays.fill(big, (byte) ' ');
        HttpResponse<String> declared = post("text/turtle", big);
        assertThat(declared.statusCode()).isEqualTo(413);
        // chunked (no Content-Length): counted while read, answered in the XFSC envelope
        HttpResponse<String> chunked = http.send(http.request("/schemas").header("Content-Type", "text/turtle")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(big))).build());
        assertError(chunked, 413, "payload_too_large", "limit");
    }

    @Test
    void aTermDefinedByAnotherSchemaIsAConflictNamingIt() throws Exception {
        HttpResponse<String> cpu = post("text/turtle", fixture("shapeCpu.ttl"));
        assertThat(cpu.statusCode()).isEqualTo(201);
        String cpuId = Http.json(cpu).getString("id");
        assertThat(cpu.headers().firstValue("Location")).contains("/schemas/" + cpuId);
        assertError(post("text/turtle", fixture("shapeGpu.ttl")), 409, "conflict_error", "Schema redefines existing terms: ");
        HttpResponse<String> reduced = post("text/turtle", fixture("valid-schemaShapeReduced.ttl"));
        String reducedId = Http.json(reduced).getString("id");
        assertError(put(reducedId, "text/turtle", fixture("shapeGpu.ttl")), 409, "conflict_error", cpuId);
        assertThat(delete(cpuId).statusCode()).isEqualTo(200);
        assertThat(delete(reducedId).statusCode()).isEqualTo(200);
    }

    @Test
    void theCompositeSchemaOfATypeAndTheDefinitionOfATerm() throws Exception {
        long before = compositeShapes.current().revision();
        HttpResponse<String> first = post("text/turtle", fixture("FirstValidSchemaShape.ttl"));
        HttpResponse<String> second = post("text/turtle", fixture("SecondValidSchemaShape.ttl"));
        assertThat(first.statusCode()).isEqualTo(201);
        assertThat(second.statusCode()).isEqualTo(201);
        assertThat(compositeShapes.current().revision()).as("the compiled shapes follow the API").isGreaterThan(before);

        HttpResponse<String> latest = http.get("/schemas/latest?type=shape");
        assertThat(latest.statusCode()).isEqualTo(200);
        assertThat(Http.contentType(latest)).startsWith("text/turtle");
        Graph composite = RDFParser.fromString(latest.body(), Lang.TURTLE).toGraph();
        assertThat(composite.contains(uri("http://w3id.org/gaia-x/validation#DataConnectorShape"), uri("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"),
                uri("http://www.w3.org/ns/shacl#NodeShape"))).isTrue();
        assertThat(http.get("/schemas/latest?type=SHAPE").body()).isEqualTo(latest.body());

        HttpResponse<byte[]> asJson = getBytes("/schemas/latest?type=shape", "application/ld+json");
        assertThat(asJson.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/ld+json");

        HttpResponse<String> term = http.get("/schemas/latest?type=shape&term=" + enc("http://w3id.org/gaia-x/resource#PhysicalResource"));
        assertThat(term.statusCode()).as(term.body()).isEqualTo(200);
        Graph definition = RDFParser.fromString(term.body(), Lang.TURTLE).toGraph();
        assertThat(definition.size()).isGreaterThan(5).isLessThan(composite.size());
        HttpResponse<String> byTermOnly = http.get("/schemas/latest?term=" + enc("http://w3id.org/gaia-x/validation#DataConnectorShape"));
        assertThat(byTermOnly.statusCode()).as(byTermOnly.body()).isEqualTo(200);

        assertError(http.get("/schemas/latest?type=shape&term=" + enc("urn:ex:nothing")), 404, "not_found_error", "urn:ex:nothing");
        assertError(http.get("/schemas/latest?type=schema"), 400, "client_error", "Please check the value of the type query parameter!");
        assertError(http.get("/schemas/latest"), 400, "client_error", "type");
        assertThat(http.get("/schemas/latest?type=vocabulary").body()).isEmpty();

        delete(Http.json(first).getString("id"));
        delete(Http.json(second).getString("id"));
    }

    @Test
    void ofTwoConflictingSchemasPostedAtOnceExactlyOneIsCreated() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<HttpResponse<String>>> responses = new ArrayList<>();
            for (String file : List.of("shapeCpu.ttl", "shapeGpu.ttl")) {
                byte[] body = fixture(file);
                responses.add(pool.submit(() -> {
                    start.await();
                    return post("text/turtle", body);
                }));
            }
            start.countDown();
            List<Integer> statuses = new ArrayList<>();
            String created = null;
            for (Future<HttpResponse<String>> f : responses) {
                statuses.add(f.get().statusCode());
                if (f.get().statusCode() == 201) {
                    created = Http.json(f.get()).getString("id");
                }
            }
            assertThat(statuses).containsExactlyInAnyOrder(201, 409);
            assertThat(delete(created).statusCode()).isEqualTo(200);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void theOpenApiDocumentDescribesTheSchemaEndpoints() throws Exception {
        HttpResponse<String> docs = http.get("/v3/api-docs");
        assertThat(docs.statusCode()).isEqualTo(200);
        JsonObject paths = Http.json(docs).getJsonObject("paths");
        assertThat(paths.keySet()).contains("/schemas", "/schemas/latest");
        assertThat(paths.getJsonObject("/schemas").keySet()).contains("get", "post");
    }

    static org.apache.jena.graph.Node uri(String iri) {
        return org.apache.jena.graph.NodeFactory.createURI(iri);
    }

}
