package eu.federator.server.compliance;

import eu.federator.trustframework.compliance.ComplianceWorld;

import eu.federator.credentials.verify.CredentialVerifier;
import eu.federator.credentials.verify.VerificationOptions;
import eu.federator.credentials.verify.VerificationResult;
import eu.federator.server.Http;
import eu.federator.catalogue.testing.TestDirectories;
import eu.federator.trustframework.identity.ServiceIdentity;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The GXDCH compliance endpoints over loopback HTTP: Loire end to end (a compliant vp+jwt signed by our test CA's
 * parties gets a label credential that the trust core verifies), rule failures as the GXDCH envelope, bad input as
 * precise 4xx. The clearing house's {@link ServiceIdentity} is built here from the same test CA.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ComplianceEndpointTest {

    static final ComplianceWorld WORLD = new ComplianceWorld(TestDirectories.newDataDir("federator-compliance-world-"));
    static final ComplianceWorld.Loire LOIRE = WORLD.new Loire();
    static final ServiceIdentity SERVICE = WORLD.serviceIdentity("clearing.example.org");

    @TestConfiguration
    static class Identity {
        // Replaces the server's own identity with one whose DID document the test's web mirror publishes.
        @Bean
        @org.springframework.context.annotation.Primary
        ServiceIdentity testServiceIdentity() {
            return SERVICE;
        }
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("federator.data-dir", () -> TestDirectories.newDataDir("federator-compliance-").toString());
        registry.add("federator.trust.web-mirror", WORLD.mirror::toString);
        registry.add("federator.trust.trust-anchors", WORLD.anchors::toString);
        registry.add("federator.compliance.trusted-notaries", LOIRE.notary::did);
        registry.add("federator.http.max-body-size", () -> "256KB");
    }

    @LocalServerPort
    int port;
    @Autowired
    CredentialVerifier verifier;
    Http http;

    @BeforeEach
    void client() {
        http = new Http(port);
    }

    HttpResponse<String> post(String path, String contentType, String body) throws Exception {
        return http.post(path, contentType, body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void compliantLoirePresentationGetsAVerifiableLabelCredential() throws Exception {
        HttpResponse<String> response = post("/api/credential-offers/standard-compliance?vcid=https://clearing.example.org/labels/1",
                "application/vp+jwt", LOIRE.compliant());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        assertThat(Http.contentType(response)).startsWith("application/vc+jwt");
        VerificationResult verified = verifier.verify(response.body().getBytes(StandardCharsets.US_ASCII), VerificationOptions.at(Instant.now()));
        assertThat(verified.failures()).isEmpty();
        JsonObject label = verified.credentials().getFirst().document();
        assertThat(label.getString("id")).isEqualTo("https://clearing.example.org/labels/1");
        assertThat(label.getString("issuer")).isEqualTo(SERVICE.did());
        assertThat(label.getJsonObject("credentialSubject").getString("gx:labelLevel")).isEqualTo("SC");
        assertThat(label.getJsonObject("credentialSubject").getJsonArray("gx:compliantCredentials")).hasSize(3);
    }

    @Test
    void failedRulesAre409WithOneEntryPerRule() throws Exception {
        String vp = WORLD.presentation(LOIRE.participant, List.of(WORLD.sign(LOIRE.legalPerson(cs -> { }), LOIRE.participant),
                WORLD.sign(LOIRE.registrationNumber(LOIRE.participant), LOIRE.participant)));
        HttpResponse<String> response = post("/api/credential-offers/label-level-1", "application/vp+jwt", vp);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(409);
        JsonObject envelope = Http.json(response);
        assertThat(envelope.getInt("statusCode")).isEqualTo(409);
        assertThat(envelope.getString("error")).isEqualTo("Conflict");
        assertThat(envelope.getString("message")).contains("loire.registration-notary");
        List<String> ids = envelope.getJsonArray("errors").stream().map(e -> e.asJsonObject().getString("id")).toList();
        assertThat(ids).contains("loire.registration-notary", "loire.issuer-terms", "loire.label-service-offering");
        assertThat(envelope.getJsonArray("errors")).allSatisfy(e -> assertThat(e.asJsonObject().getString("message")).isNotBlank());
    }

    @Test
    void tagusPresentationWithAnUnverifiableSignatureIs409() throws Exception {
        byte[] fixture = Files.readAllBytes(TestDirectories.fixtures().resolve("gaiax/tagus-2210/vp/participant-vp.json"));
        HttpResponse<String> response = http.post("/api/credential-offers", "application/json", fixture);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(409);
        List<String> ids = Http.json(response).getJsonArray("errors").stream().map(e -> e.asJsonObject().getString("id")).distinct().toList();
        assertThat(ids).containsExactlyInAnyOrder("tagus.signature", "tagus.certificate-chain");
    }

    @Test
    void wrongContentTypeIs415() throws Exception {
        HttpResponse<String> loire = post("/api/credential-offers/standard-compliance", "application/json", "{}");
        assertThat(loire.statusCode()).as(loire.body()).isEqualTo(415);
        assertThat(Http.json(loire).getString("message")).contains("application/json is not supported", "application/vp+jwt");
        HttpResponse<String> tagus = post("/api/credential-offers", "text/plain", "hello");
        assertThat(tagus.statusCode()).isEqualTo(415);
        assertThat(Http.json(tagus).getInt("statusCode")).isEqualTo(415);
    }

    @Test
    void nonJwtBodyIs400WithAPreciseMessage() throws Exception {
        HttpResponse<String> response = post("/api/credential-offers/standard-compliance", "application/vp+jwt", "{\"not\":\"a jwt\"}");
        assertThat(response.statusCode()).isEqualTo(400);
        JsonObject envelope = Http.json(response);
        assertThat(envelope.getString("message")).contains("not a valid JWT", "the body is JSON");
        assertThat(envelope.getJsonArray("errors")).hasSize(1);
    }

    @Test
    void garbageJsonLdIs400() throws Exception {
        HttpResponse<String> response = post("/api/credential-offers", "application/ld+json", "{\"@context\": [\"https://www.w3.org/2018/credentials/v1\", ");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(Http.json(response).getString("message")).contains("malformed JSON");
    }

    @Test
    void loireInputAtTheTagusEndpointIs400() throws Exception {
        HttpResponse<String> response = post("/api/credential-offers", "application/vp+jwt", LOIRE.compliant());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(Http.json(response).getJsonArray("errors").getJsonObject(0).getString("id")).isEqualTo("input.version");
    }

    @Test
    void oversizedBodyIs413() throws Exception {
        byte[] big = new byte[300 * 1024];
        java.util.Arrays.fill(big, (byte) 'a');
        HttpResponse<String> declared = http.post("/api/credential-offers/standard-compliance", "application/vp+jwt", big);
        assertThat(declared.statusCode()).isEqualTo(413);
        // chunked: no Content-Length, counted while read
        HttpResponse<String> chunked = http.send(http.request("/api/credential-offers/standard-compliance")
                .header("Content-Type", "application/vp+jwt")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(big))).build());
        assertThat(chunked.statusCode()).as(chunked.body()).isEqualTo(413);
    }

    @Test
    void unknownLevelIs404() throws Exception {
        HttpResponse<String> response = post("/api/credential-offers/label-level-9", "application/vp+jwt", LOIRE.compliant());
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(Http.json(response).getString("message")).contains("label-level-1");
    }

    @Test
    void openApiDocumentsTheEndpoints() throws Exception {
        HttpResponse<String> response = http.get("/v3/api-docs");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("/api/credential-offers", "/api/credential-offers/{level}");
    }

}
