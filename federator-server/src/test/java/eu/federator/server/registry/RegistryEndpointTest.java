package eu.federator.server.registry;

import com.nimbusds.jose.jwk.JWK;
import eu.federator.credentials.keys.Certificates;
import eu.federator.credentials.keys.KeyType;
import eu.federator.credentials.keys.LocalCertificateAuthority;
import eu.federator.server.Http;
import eu.federator.catalogue.testing.TestDirectories;
import eu.federator.trustframework.identity.ServiceIdentity;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.StringReader;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The registry endpoints on loopback. Trust anchors come from all three sources: a PEM bundle (CA "bundle"), a
 * directory of additional anchors (CA "dir") and an unsigned single trusted list (CA "tl", imported with
 * signatures not required); CA "other" is not trusted.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class RegistryEndpointTest {
    static final Instant NOW = Instant.now();
    static final LocalCertificateAuthority BUNDLE_CA = ca("Bundle CA");
    static final LocalCertificateAuthority DIR_CA = ca("Dir CA");
    static final LocalCertificateAuthority TL_CA = ca("TL CA");
    static final LocalCertificateAuthority OTHER_CA = ca("Other CA");
    static final Path ROOT = TestDirectories.newDataDir("federator-registry-");

    static LocalCertificateAuthority ca(String name) {
        try {
            return LocalCertificateAuthority.create(name, KeyType.EC_P256, NOW, Duration.ofDays(30));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static List<X509Certificate> leafChain(LocalCertificateAuthority ca, String host) throws Exception {
        JWK key = KeyType.EC_P256.generate();
        return ca.chain(ca.issueLeaf(key, host, NOW, Duration.ofDays(5)));
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws Exception {
        // exactly the configured anchors: no lab CA of the portal's onboarding
        registry.add("federator.portal.lab-ca", () -> "false");
        Path bundle = ROOT.resolve("anchors.pem");
        Files.writeString(bundle, Certificates.toPem(List.of(BUNDLE_CA.certificate())));
        Path dir = Files.createDirectories(ROOT.resolve("more-anchors"));
        Files.writeString(dir.resolve("dir-ca.crt"), Certificates.toPem(List.of(DIR_CA.certificate())));
        Files.writeString(dir.resolve("notes.txt"), "not a certificate");
        Path tl = ROOT.resolve("tl.xml");
        Files.writeString(tl, """
                <TrustServiceStatusList xmlns="http://uri.etsi.org/02231/v2#">
                  <SchemeInformation><TSLType>http://uri.etsi.org/TrstSvc/TrustedList/TSLType/EUgeneric</TSLType><SchemeTerritory>XX</SchemeTerritory></SchemeInformation>
                  <TrustServiceProviderList><TrustServiceProvider>
                    <TSPInformation><TSPName><Name xml:lang="en">Test QTSP</Name></TSPName></TSPInformation>
                    <TSPServices><TSPService><ServiceInformation>
                      <ServiceTypeIdentifier>http://uri.etsi.org/TrstSvc/Svctype/CA/QC</ServiceTypeIdentifier>
                      <ServiceName><Name xml:lang="en">Test QC CA</Name></ServiceName>
                      <ServiceDigitalIdentity><DigitalId><X509Certificate>%s</X509Certificate></DigitalId></ServiceDigitalIdentity>
                      <ServiceStatus>http://uri.etsi.org/TrstSvc/TrustedList/Svcstatus/granted</ServiceStatus>
                    </ServiceInformation></TSPService></TSPServices>
                  </TrustServiceProvider></TrustServiceProviderList>
                </TrustServiceStatusList>
                """.formatted(Base64.getEncoder().encodeToString(TL_CA.certificate().getEncoded())));
        Path mirror = Files.createDirectories(ROOT.resolve("web/acme.example/.well-known"));
        Files.writeString(mirror.resolve("x509CertificateChain.pem"), Certificates.toPem(leafChain(DIR_CA, "acme.example")));

        registry.add("federator.data-dir", () -> ROOT.resolve("data").toString());
        registry.add("federator.identity.public-url", () -> "https://ch.federator.test");
        registry.add("federator.identity.key-type", () -> "ec-p256");
        registry.add("federator.trust.web-mirror", () -> ROOT.resolve("web").toString());
        registry.add("federator.trust.trust-anchors", bundle::toString);
        registry.add("federator.trust.additional-trust-anchors", dir::toString);
        registry.add("federator.trust.trusted-lists", tl::toString);
        registry.add("federator.trust.trusted-lists-require-signatures", () -> "false");
        registry.add("federator.registry.trusted-issuers.registration-notary", () -> "did:web:notary.example,did:web:ch.federator.test");
    }

    @LocalServerPort
    int port;

    @Autowired
    ServiceIdentity identity;

    Http http;

    @BeforeEach
    void client() {
        http = new Http(port);
    }

    HttpResponse<String> postJson(String path, String json) throws Exception {
        return http.post(path, "application/json", json.getBytes(StandardCharsets.UTF_8));
    }

    static String certs(List<X509Certificate> chain) {
        return Json.createObjectBuilder().add("certs", Certificates.toPem(chain)).build().toString();
    }

    static void assertEnvelope(HttpResponse<String> response, int status, String messagePart) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(Http.contentType(response)).startsWith("application/json");
        JsonObject body = Http.json(response);
        assertThat(body.getInt("statusCode")).isEqualTo(status);
        assertThat(body.getString("error")).isNotBlank();
        assertThat(body.getString("message")).contains(messagePart);
        assertThat(body.getJsonArray("errors")).isNotNull();
    }

    @Test
    void theDidDocumentPointsAtTheServedChainOfTheServiceKey() throws Exception {
        for (String path : List.of("/.well-known/did.json", "/did.json")) {
            HttpResponse<String> response = http.get(path);
            assertThat(response.statusCode()).isEqualTo(200);
            JsonObject doc = Http.json(response);
            assertThat(doc.getString("id")).isEqualTo("did:web:ch.federator.test");
            JsonObject vm = doc.getJsonArray("verificationMethod").getJsonObject(0);
            assertThat(vm.getString("id")).isEqualTo("did:web:ch.federator.test#X509-JWK2020").isEqualTo(identity.verificationMethod());
            assertThat(vm.getString("type")).isEqualTo("JsonWebKey2020");
            assertThat(vm.getJsonObject("publicKeyJwk").getString("x5u")).isEqualTo("https://ch.federator.test/.well-known/x509CertificateChain.pem");
            assertThat(doc.getJsonArray("assertionMethod").getString(0)).isEqualTo(vm.getString("id"));
            JWK published = JWK.parse(vm.getJsonObject("publicKeyJwk").toString());
            assertThat(published.isPrivate()).isFalse();
            assertThat(published.computeThumbprint()).isEqualTo(identity.privateKey().computeThumbprint());
        }
        for (String path : List.of("/.well-known/x509CertificateChain.pem", "/x509CertificateChain.pem")) {
            HttpResponse<String> response = http.get(path);
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(Http.contentType(response)).startsWith("application/x-pem-file");
            List<X509Certificate> chain = Certificates.readPem(response.body());
            assertThat(chain).isEqualTo(identity.chain());
            assertThat(chain.getFirst().getPublicKey()).isEqualTo(identity.privateKey().toPublicJWK().toECKey().toPublicKey());
        }
    }

    @Test
    void trustedIssuers() throws Exception {
        JsonObject all = Http.json(http.get("/api/trusted-issuers"));
        assertThat(all.getJsonArray("registry").getValuesAs(v -> ((jakarta.json.JsonString) v).getString()))
                .containsExactly("did:web:ch.federator.test", "did:web:notary.example");
        HttpResponse<String> notaries = http.get("/api/trusted-issuers/registration-notary");
        assertThat(notaries.statusCode()).isEqualTo(200);
        assertThat(readArray(notaries.body()).getValuesAs(v -> ((jakarta.json.JsonString) v).getString()))
                .containsExactly("did:web:notary.example", "did:web:ch.federator.test");
        assertThat(readArray(http.get("/api/trusted-issuers/compliance").body()).getString(0)).isEqualTo("did:web:ch.federator.test");
        assertEnvelope(http.get("/api/trusted-issuers/bakery"), 404, "no trusted issuers for service type 'bakery'");
    }

    @Test
    void termsAndConditions() throws Exception {
        JsonArray versions = readArray(http.get("/api/termsAndConditions").body());
        assertThat(versions).hasSize(3);
        JsonObject v2204 = Http.json(http.get("/api/termsAndConditions?version=22.04"));
        assertThat(v2204.getString("hash")).isEqualTo("70c1d713215f95191a11d38fe2341faed27d19e083917bc8732ca4fea4976700");
        assertThat(v2204.getString("text")).startsWith("The signing PARTICIPANT confirms");
        JsonObject loire = Http.json(http.get("/api/termsAndConditions?version=25.11"));
        assertThat(loire.getString("hash")).isEqualTo("067dcac5efd18c1927deb1ffed3feab6d0ad044c0a9a263e6d5d8bdc43224515");
        assertThat(loire.getJsonArray("acceptedHashes")).hasSize(2);
        assertEnvelope(http.get("/api/termsAndConditions?version=21.01"), 404, "no terms and conditions for version '21.01'");
    }

    @Test
    void shapesAndContexts() throws Exception {
        HttpResponse<String> implemented = http.get("/shapes/implemented");
        assertThat(readArray(implemented.body()).getValuesAs(v -> ((jakarta.json.JsonString) v).getString())).contains("LegalPerson", "Issuer");
        assertThat(readArray(http.get("/shapes/implemented?version=22.10").body()).getValuesAs(v -> ((jakarta.json.JsonString) v).getString()))
                .contains("LegalParticipant");

        HttpResponse<String> turtle = http.get("/shapes/25.11");
        assertThat(turtle.statusCode()).isEqualTo(200);
        assertThat(Http.contentType(turtle)).startsWith("text/turtle");
        assertThat(turtle.body()).contains("sh:NodeShape");
        assertThat(Http.contentType(http.get("/shapes/development"))).startsWith("text/turtle");

        HttpResponse<String> jsonld = http.send(http.request("/shapes/trustframework").header("Accept", "application/ld+json").GET().build());
        assertThat(Http.contentType(jsonld)).startsWith("application/ld+json");
        assertThat(Http.json(jsonld).getJsonArray("@graph")).isNotEmpty();
        assertThat(Http.contentType(http.get("/shapes/22.10?type=ttl"))).startsWith("text/turtle");

        HttpResponse<String> context = http.get("/context/25.11");
        assertThat(Http.contentType(context)).startsWith("application/ld+json");
        assertThat(Http.json(context).getJsonObject("@context").getString("gx")).isEqualTo("https://w3id.org/gaia-x/development#");

        assertEnvelope(http.get("/shapes/24.06"), 404, "unknown trust-framework version '24.06'");
        assertEnvelope(http.get("/context/nope"), 404, "served: 22.10, 25.11");
        assertEnvelope(http.get("/shapes/25.11?type=rdfxml"), 400, "type 'rdfxml' is not ttl or jsonld");
    }

    @Test
    void chainsToEveryKindOfAnchorAreTrustedInEitherOrder() throws Exception {
        for (LocalCertificateAuthority ca : List.of(BUNDLE_CA, DIR_CA, TL_CA)) {
            List<X509Certificate> chain = leafChain(ca, "acme.example");
            HttpResponse<String> response = postJson("/api/trustAnchor/chain", certs(chain));
            assertThat(response.statusCode()).as(ca.certificate().getSubjectX500Principal() + ": " + response.body()).isEqualTo(200);
            assertThat(response.body()).isEqualTo("{\"result\":true}");
            List<X509Certificate> reversed = new ArrayList<>(chain).reversed();
            assertThat(postJson("/api/trustAnchor/chain", certs(reversed)).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void anUntrustedChainIs409WithTheReason() throws Exception {
        HttpResponse<String> response = postJson("/api/trustAnchor/chain", certs(leafChain(OTHER_CA, "evil.example")));
        assertThat(response.statusCode()).isEqualTo(409);
        JsonObject body = Http.json(response);
        assertThat(body.getBoolean("result")).isFalse();
        assertThat(body.getInt("resultCode")).isEqualTo(-1);
        assertThat(body.getString("resultMessage")).contains("untrusted root").contains("Other CA");

        List<X509Certificate> twoLeaves = List.of(leafChain(BUNDLE_CA, "a.example").getFirst(), leafChain(OTHER_CA, "b.example").getFirst());
        HttpResponse<String> mixed = postJson("/api/trustAnchor/chain", certs(twoLeaves));
        assertThat(mixed.statusCode()).isEqualTo(409);
        assertThat(Http.json(mixed).getString("resultMessage")).startsWith("the certificates are not one chain: 2 of them issue no other");
    }

    @Test
    void aChainIsFetchedFromAUrlThroughTheGuardedFetcher() throws Exception {
        HttpResponse<String> ok = postJson("/api/trustAnchor/chain/file", "{\"uri\":\"https://acme.example/.well-known/x509CertificateChain.pem\"}");
        assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
        assertEnvelope(postJson("/api/trustAnchor/chain/file", "{\"uri\":\"https://acme.example/missing.pem\"}"), 422,
                "the certificate chain could not be fetched");
        assertEnvelope(postJson("/api/trustAnchor/chain/file", "{\"uri\":\"file:///etc/passwd\"}"), 400, "must be an absolute https URL");
    }

    @Test
    void aSingleCertificateIsLookedUpAmongTheAnchors() throws Exception {
        String der = Base64.getEncoder().encodeToString(TL_CA.certificate().getEncoded());
        HttpResponse<String> trusted = postJson("/api/trustAnchor", "{\"certificate\":\"" + der + "\"}");
        assertThat(trusted.statusCode()).isEqualTo(200);
        assertThat(Http.json(trusted).getString("trustState")).isEqualTo("trusted");
        String other = Base64.getEncoder().encodeToString(OTHER_CA.certificate().getEncoded());
        assertEnvelope(postJson("/api/trustAnchor", "{\"certificate\":\"" + other + "\"}"), 404, "is not one of the 3 trust anchors");
        assertEnvelope(postJson("/api/trustAnchor", "{\"certificate\":\"bm90IGEgY2VydA==\"}"), 400, "not a base64 DER X.509 certificate");
    }

    @Test
    void badInputIsAPrecise4xxInTheGxdchEnvelope() throws Exception {
        assertEnvelope(http.post("/api/trustAnchor/chain", "text/plain", "x".getBytes(StandardCharsets.UTF_8)), 415, "Content-Type 'text/plain'");
        assertEnvelope(http.send(http.request("/api/trustAnchor/chain").POST(java.net.http.HttpRequest.BodyPublishers.ofString("{}")).build()),
                415, "no Content-Type");
        assertEnvelope(postJson("/api/trustAnchor/chain", "{\"certs\":"), 400, "the body is not a JSON object");
        assertEnvelope(postJson("/api/trustAnchor/chain", ""), 400, "the request body is empty");
        assertEnvelope(postJson("/api/trustAnchor/chain", "{\"certs\":42}"), 400, "'certs' is required and must be a non-empty string");
        assertEnvelope(postJson("/api/trustAnchor/chain", "{\"certs\":\"-----BEGIN CERTIFICATE-----\\nAAAA\\n-----END CERTIFICATE-----\"}"), 400, "certs: ");
        // a wrong method is decided before any registry handler is chosen: the server-wide problem details answer it
        assertThat(http.get("/api/trustAnchor/chain").statusCode()).isEqualTo(405);
    }

    @Test
    void openApiDocumentsTheRegistry() throws Exception {
        JsonObject paths = Http.json(http.get("/v3/api-docs")).getJsonObject("paths");
        assertThat(paths).containsKeys("/.well-known/did.json", "/api/trustAnchor/chain", "/api/trustAnchor/chain/file", "/api/trustAnchor",
                "/api/trusted-issuers/{type}", "/api/termsAndConditions", "/shapes/{version}", "/context/{version}");
    }

    static JsonArray readArray(String body) {
        try (var reader = Json.createReader(new StringReader(body))) {
            return reader.readArray();
        }
    }
}
