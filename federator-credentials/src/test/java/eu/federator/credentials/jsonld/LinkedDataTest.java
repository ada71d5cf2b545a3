package eu.federator.credentials.jsonld;

import eu.federator.credentials.json.Json;
import eu.federator.credentials.net.FetchException;
import eu.federator.credentials.net.Fetched;
import eu.federator.credentials.net.ResourceFetcher;
import eu.federator.credentials.testing.Fixtures;
import eu.federator.credentials.testing.WebMirrorFetcher;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LinkedDataTest {

    static final String VECTORS = "gaiax/jws2020-vectors/gx-jws2020-dual-flavour-vectors.json";

    private final LinkedData offline = LinkedData.offline();

    static JsonObject vectorCredential(String name) {
        return Fixtures.json(VECTORS).getJsonObject("vectors").getJsonObject(name).getJsonObject("credential");
    }

    static JsonObject without(JsonObject o, String key) {
        return Json.provider().createObjectBuilder(o).remove(key).build();
    }

    static String sha256Hex(String s) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    }

    /** Every context in the web mirror, allow-listed: for fixtures that use more than the bundled ones. */
    static LinkedData mirror() {
        Set<String> all = Fixtures.json("xfsc/web/urlmap.json").getJsonObject("map").keySet();
        return new LinkedData(new ContextPolicy(all, new WebMirrorFetcher()));
    }

    @Test
    void reproducesTheVectorDocumentNQuadsAndHashExactly() throws Exception {
        JsonObject expected = Fixtures.json(VECTORS).getJsonObject("expectedIntermediates");
        for (String name : List.of("gaiaXLegacy", "w3cJsonWebSignature2020")) {
            String nquads = offline.canonicalize(without(vectorCredential(name), "proof"));
            assertThat(nquads).isEqualTo(expected.getString("documentWithoutProofNQuads"));
            assertThat(sha256Hex(nquads)).isEqualTo(expected.getString("documentWithoutProofSha256Hex"));
            assertThat(nquads.lines()).hasSize(5);
        }
    }

    @Test
    void reproducesTheW3cProofOptionsNQuadsAndHashExactly() throws Exception {
        JsonObject expected = Fixtures.json(VECTORS).getJsonObject("expectedIntermediates");
        JsonObject credential = vectorCredential("w3cJsonWebSignature2020");
        JsonObject options = Json.provider().createObjectBuilder(credential.getJsonObject("proof"))
                .remove("jws").add("@context", credential.get("@context")).build();
        String nquads = offline.canonicalize(options);
        assertThat(nquads).isEqualTo(expected.getString("w3cProofOptionsNQuads_forW3cVector"));
        assertThat(sha256Hex(nquads)).isEqualTo(expected.getString("w3cProofOptionsSha256Hex_forW3cVector"));
        assertThat(nquads).startsWith("_:c14n0 ");
    }

    /** The cached-context, one-blank-node path against Titanium as documented, on every JSON-LD fixture. */
    @Test
    void fastPathIsByteIdenticalToTitaniumOnAllFixtures() throws Exception {
        LinkedData ld = mirror();
        List<Path> files = new ArrayList<>();
        for (String dir : List.of("gaiax/tagus-2210/vp", "gaiax/tagus-2210/vp-negative", "gaiax/tagus-2210/resources",
                "gaiax/jws2020-vectors", "gaiax/loire-2511/examples", "xfsc/classic/sign", "xfsc/classic/mock-data",
                "xfsc/classic/validation", "xfsc/loire/validation", "xfsc/loire/cat-integration")) {
            Path path = Fixtures.path(dir);
            if (Files.isDirectory(path)) {
                try (Stream<Path> walk = Files.walk(path)) {
                    walk.filter(p -> p.toString().endsWith(".json") || p.toString().endsWith(".jsonld")).sorted().forEach(files::add);
                }
            }
        }
        int compared = 0;
        int multiBlank = 0;
        for (Path file : files) {
            JsonValue parsed = Json.parse(Files.readAllBytes(file));
            for (JsonObject document : documentsIn(parsed)) {
                String plain;
                try {
                    plain = ld.canonicalizePlain(document);
                } catch (LinkedDataException e) {
                    // both paths must refuse the same documents
                    assertThatThrownBy(() -> ld.canonicalize(document)).as(file.toString()).isInstanceOf(LinkedDataException.class);
                    continue;
                }
                assertThat(ld.canonicalize(document)).as(file.toString()).isEqualTo(plain);
                compared++;
                if (!ld.quads(document).fastPathApplies()) {
                    multiBlank++;
                }
            }
        }
        assertThat(compared).isGreaterThan(80);
        assertThat(multiBlank).as("documents that exercise full RDFC-1.0").isGreaterThan(5);
    }

    /** A document, its proof-less version, its credentials and their proof options. */
    static List<JsonObject> documentsIn(JsonValue value) {
        List<JsonObject> out = new ArrayList<>();
        if (value.getValueType() == JsonValue.ValueType.ARRAY) {
            value.asJsonArray().forEach(v -> out.addAll(documentsIn(v)));
            return out;
        }
        if (value.getValueType() != JsonValue.ValueType.OBJECT) {
            return out;
        }
        JsonObject document = value.asJsonObject();
        if (document.containsKey("vectors")) {
            document.getJsonObject("vectors").values().forEach(v -> out.addAll(documentsIn(v.asJsonObject().get("credential"))));
            return out;
        }
        if (!document.containsKey("@context")) {
            return out;
        }
        out.add(document);
        if (document.containsKey("proof")) {
            out.add(without(document, "proof"));
            JsonValue proof = document.get("proof");
            if (proof.getValueType() == JsonValue.ValueType.OBJECT) {
                out.add(Json.provider().createObjectBuilder(proof.asJsonObject()).remove("jws")
                        .add("@context", document.get("@context")).build());
                out.add(Json.provider().createObjectBuilder(proof.asJsonObject()).remove("jws")
                        .add("@context", "https://w3id.org/security/v3").build());
            }
        }
        JsonValue credentials = document.get("verifiableCredential");
        if (credentials != null) {
            out.addAll(documentsIn(credentials));
        }
        return out;
    }

    @Test
    void reportsTheUnprefixedTermsOfTheVectorCredentialAsDropped() throws Exception {
        List<String> dropped = offline.droppedTerms(vectorCredential("gaiaXLegacy"));
        assertThat(dropped).containsExactlyInAnyOrder(
                "$.credentialSubject.registrationNumber",
                "$.credentialSubject.headquarterAddress",
                "$.credentialSubject.legalAddress");
    }

    @Test
    void reportsNothingForAFullyMappedCredential() throws Exception {
        JsonObject vp = Fixtures.json("gaiax/tagus-2210/vp/participant-vp.json");
        assertThat(offline.droppedTerms(vp)).isEmpty();
    }

    @Test
    void droppedTermsUseBracketsForKeysThatAreNotIdentifiersAndFollowArrays() throws Exception {
        JsonObject doc = Json.parseObject("""
                {"@context": {"ex": "https://example.org/"},
                 "@id": "https://example.org/a",
                 "ex:list": [{"@id": "https://example.org/b", "unknown": 1, "my key": 2}],
                 "@unknownKeyword": 3}
                """.getBytes(StandardCharsets.UTF_8));
        assertThat(offline.droppedTerms(doc)).containsExactly(
                "$['ex:list'][0].unknown", "$['ex:list'][0]['my key']", "$['@unknownKeyword']");
        // and indeed these keys produce no quads
        assertThat(offline.canonicalize(doc).lines()).hasSize(1);
    }

    @Test
    void typeScopedContextsDoNotReachNestedNodes() throws Exception {
        // credentials v2 defines "issuer" only inside the type-scoped context of VerifiableCredential, which does
        // not propagate into credentialSubject; "name" is defined at the top level
        JsonObject doc = Json.parseObject("""
                {"@context": ["https://www.w3.org/ns/credentials/v2"],
                 "type": ["VerifiableCredential"], "issuer": "did:example:1", "validFrom": "2024-01-01T00:00:00Z",
                 "credentialSubject": {"id": "did:example:2", "issuer": "did:example:3", "name": "x"}}
                """.getBytes(StandardCharsets.UTF_8));
        assertThat(offline.droppedTerms(doc)).containsExactly("$.credentialSubject.issuer");
        String nquads = offline.canonicalize(doc);
        assertThat(nquads).contains("<did:example:2> <https://schema.org/name> \"x\" .")
                .contains("<https://www.w3.org/2018/credentials#issuer> <did:example:1>")
                .doesNotContain("did:example:3");
    }

    @Test
    void unknownRemoteContextFailsClosedNamingTheUrlAndTheSetting() {
        JsonObject doc = Json.provider().createObjectBuilder()
                .add("@context", Json.provider().createArrayBuilder().add("https://www.w3.org/2018/credentials/v1").add("https://x.example/ctx"))
                .add("type", "VerifiableCredential").build();
        assertThatThrownBy(() -> offline.canonicalize(doc))
                .isInstanceOf(LinkedDataException.class)
                .hasMessage("JSON-LD context https://x.example/ctx is neither bundled nor allow-listed; "
                        + "add it to federator.trust.allowed-contexts to fetch it");
        assertThatThrownBy(() -> offline.droppedTerms(doc)).hasMessageContaining("https://x.example/ctx");
    }

    @Test
    void bundledContextsMatchWithAndWithoutFragment() throws Exception {
        for (String url : List.of("https://w3id.org/gaia-x/development#", "https://w3id.org/gaia-x/development")) {
            JsonObject doc = Json.parseObject(("{\"@context\":\"" + url + "\",\"@id\":\"did:example:1\",\"@type\":\"LegalPerson\"}")
                    .getBytes(StandardCharsets.UTF_8));
            assertThat(offline.canonicalize(doc)).isEqualTo(
                    "<did:example:1> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://w3id.org/gaia-x/development#LegalPerson> .\n");
        }
    }

    @Test
    void allowListedContextsAreFetchedOnceThroughTheFetcher() throws Exception {
        WebMirrorFetcher fetcher = new WebMirrorFetcher();
        LinkedData ld = new LinkedData(new ContextPolicy(
                Set.of("https://www.w3.org/2018/credentials/examples/v1", "https://www.w3.org/ns/odrl.jsonld"), fetcher));
        JsonObject vp = Fixtures.json("xfsc/classic/mock-data/sd_resource.json");
        JsonObject vc = vp.getJsonArray("verifiableCredential").getJsonObject(0);
        String first = ld.canonicalize(vc);
        ld.canonicalize(vc);
        ld.canonicalize(vp);
        assertThat(fetcher.fetches()).isEqualTo(2);
        assertThat(first).isNotEmpty();
        // without the allow-list the odrl import is refused by name
        assertThatThrownBy(() -> new LinkedData(new ContextPolicy(Set.of("https://www.w3.org/2018/credentials/examples/v1"), fetcher))
                .canonicalize(vc)).hasMessageContaining("https://www.w3.org/ns/odrl.jsonld is neither bundled nor allow-listed");
    }

    @Test
    void fetchFailuresAreReportedWithTheUrl() {
        ResourceFetcher failing = (uri, accept) -> {
            throw new FetchException(uri + ": connection refused");
        };
        LinkedData ld = new LinkedData(new ContextPolicy(Set.of("https://x.example/ctx"), failing));
        JsonObject doc = Json.provider().createObjectBuilder().add("@context", "https://x.example/ctx").build();
        assertThatThrownBy(() -> ld.canonicalize(doc))
                .hasMessage("JSON-LD context https://x.example/ctx is allow-listed but could not be fetched: https://x.example/ctx: connection refused");
    }

    private static ResourceFetcher serving(Map<String, String> documents) {
        return (uri, accept) -> {
            String body = documents.get(uri.toString());
            if (body == null) {
                throw new FetchException(uri + ": 404");
            }
            return new Fetched(uri, "application/ld+json", body.getBytes(StandardCharsets.UTF_8));
        };
    }

    @Test
    void aContextImportingItselfIsAClearError() {
        ResourceFetcher fetcher = serving(Map.of("https://a.example/ctx",
                "{\"@context\": [\"https://a.example/ctx\", {\"name\": \"https://schema.org/name\"}]}"));
        LinkedData ld = new LinkedData(new ContextPolicy(Set.of("https://a.example/ctx"), fetcher));
        JsonObject doc = Json.provider().createObjectBuilder().add("@context", "https://a.example/ctx").add("name", "x").build();
        assertThatThrownBy(() -> ld.canonicalize(doc))
                .isInstanceOf(LinkedDataException.class)
                .hasMessage("JSON-LD context loop: https://a.example/ctx -> https://a.example/ctx");
    }

    @Test
    void aLoopThroughScopedContextsIsAClearError() {
        ResourceFetcher fetcher = serving(Map.of(
                "https://a.example/ctx", "{\"@context\": {\"b\": {\"@id\": \"https://a.example/b\", \"@context\": \"https://b.example/ctx\"}}}",
                "https://b.example/ctx", "{\"@context\": {\"a\": {\"@id\": \"https://b.example/a\", \"@context\": \"https://a.example/ctx\"}}}"));
        LinkedData ld = new LinkedData(new ContextPolicy(Set.of("https://a.example/ctx", "https://b.example/ctx"), fetcher));
        JsonObject doc = Json.provider().createObjectBuilder().add("@context", "https://a.example/ctx")
                .add("b", Json.provider().createObjectBuilder().add("a", "x")).build();
        assertThatThrownBy(() -> ld.canonicalize(doc))
                .isInstanceOf(LinkedDataException.class)
                .hasMessage("JSON-LD context loop: https://a.example/ctx -> https://b.example/ctx -> https://a.example/ctx");
    }

    @Test
    void deeplyNestedDocumentsBuiltInMemoryGiveACleanError() {
        JsonValue value = Json.provider().createValue("x");
        for (int i = 0; i < 10_000; i++) {
            value = Json.provider().createObjectBuilder().add("https://example.org/p", value).build();
        }
        JsonObject deep = value.asJsonObject();
        assertThatThrownBy(() -> offline.canonicalize(deep)).isInstanceOf(LinkedDataException.class)
                .hasMessage("document nesting deeper than 200 levels");
        assertThatThrownBy(() -> offline.droppedTerms(deep)).isInstanceOf(LinkedDataException.class);
    }

    @Test
    void invalidJsonLdIsACheckedErrorWithTheTitaniumCode() {
        JsonObject doc = Json.provider().createObjectBuilder().add("@context", 42).build();
        assertThatThrownBy(() -> offline.canonicalize(doc)).isInstanceOf(LinkedDataException.class)
                .hasMessageStartingWith("invalid JSON-LD: ");
    }

    @Test
    void severalBlankNodesGoThroughFullCanonicalization() throws Exception {
        JsonObject doc = Json.parseObject("""
                {"@context": {"ex": "https://example.org/"},
                 "ex:a": {"ex:b": {"ex:c": "1"}}, "ex:d": {"ex:c": "1"}}
                """.getBytes(StandardCharsets.UTF_8));
        assertThat(offline.quads(doc).fastPathApplies()).isFalse();
        String canonical = offline.canonicalize(doc);
        assertThat(canonical).isEqualTo(offline.canonicalizePlain(doc)).contains("_:c14n3");
    }

    @Test
    void blankNodeExplosionsAreCutOff() throws Exception {
        // a ring of indistinguishable blank nodes in the same shape twice is RDFC-1.0's expensive case
        StringBuilder graph = new StringBuilder("{\"@context\": {\"ex\": \"https://example.org/\"}, \"@graph\": [");
        int n = 40;
        List<String> nodes = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                if (i != j) {
                    nodes.add("{\"@id\": \"_:n" + i + "\", \"ex:p\": {\"@id\": \"_:n" + j + "\"}}");
                }
            }
        }
        graph.append(String.join(",", nodes)).append("]}");
        JsonObject doc = Json.parseObject(graph.toString().getBytes(StandardCharsets.UTF_8));
        long start = System.nanoTime();
        assertThatThrownBy(() -> offline.canonicalize(doc)).isInstanceOf(LinkedDataException.class)
                .hasMessageContaining("RDF canonicalization gave up after");
        assertThat(System.nanoTime() - start).as("nanoseconds").isLessThan(60_000_000_000L);
    }

    @Test
    void bundledContextsAreTheFixtureFilesByteForByte() throws IOException {
        for (Map.Entry<String, String> entry : ContextLoader.BUNDLED.entrySet()) {
            String fixture = switch (entry.getValue()) {
                case "gx-tagus-trustframework.jsonld" -> "gaiax/tagus-2210/shapes/trustframework-shapes-bundled-in-compliance-v2.1.0.jsonld";
                case "w3id-security-v3-danubetech.jsonld" -> "xfsc/web/w3id.org/security/v3";
                default -> "gaiax/contexts/" + entry.getValue();
            };
            try (var in = ContextLoader.class.getResourceAsStream("contexts/" + entry.getValue())) {
                assertThat(in.readAllBytes()).as(entry.getKey()).isEqualTo(Fixtures.bytes(fixture));
            }
        }
    }

    @Test
    void documentsWithoutContextProduceOnlyAbsoluteIriTriples() throws Exception {
        JsonObject doc = Json.parseObject("{\"@id\":\"https://example.org/a\",\"https://example.org/p\":\"v\",\"q\":\"dropped\"}"
                .getBytes(StandardCharsets.UTF_8));
        assertThat(offline.canonicalize(doc)).isEqualTo("<https://example.org/a> <https://example.org/p> \"v\" .\n");
        assertThat(offline.droppedTerms(doc)).containsExactly("$.q");
        assertThat(URI.create("https://example.org/a")).isNotNull();
    }
}
