package eu.federator.server.notary;

import eu.federator.trustframework.notary.RegisterEmulator;
import eu.federator.trustframework.notary.TestIdentity;

import eu.federator.credentials.verify.VerificationOptions;
import eu.federator.credentials.verify.VerificationResult;
import eu.federator.server.Http;
import eu.federator.catalogue.testing.TestDirectories;
import eu.federator.trustframework.identity.ServiceIdentity;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The notary endpoints over real HTTP, with VIES, GLEIF and EOS emulated on loopback and configured by properties.
 * The {@link ServiceIdentity} is the test's own, published in the test web mirror, so issued credentials verify.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(NotaryEndpointTest.Identity.class)
class NotaryEndpointTest {
    static final RegisterEmulator REGISTERS;

    static {
        try {
            REGISTERS = new RegisterEmulator();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        REGISTERS.vat.put("BE0762747721", new String[]{"Example SRL", "Rue de la Loi 1\n1000 Bruxelles"});
        REGISTERS.lei.put("5493001KJTIIGC8Y1R12", new String[]{"Bloomberg Finance L.P.", "US", "US-DE"});
        REGISTERS.eori.put("DE123456789012345", "Federator Test GmbH");
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class Identity {
        // Replaces the server's own identity with one whose DID document the test's web mirror publishes.
        @Bean
        @org.springframework.context.annotation.Primary
        ServiceIdentity testServiceIdentity() {
            return TestIdentity.get().identity;
        }
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("federator.data-dir", () -> TestDirectories.newDataDir("federator-notary-").toString());
        registry.add("federator.net.allow-http", () -> "true");
        registry.add("federator.net.allow-private-networks", () -> "true");
        registry.add("federator.notary.vies.base-url", () -> REGISTERS.viesRest().toString());
        registry.add("federator.notary.gleif.base-url", () -> REGISTERS.gleif().toString());
        registry.add("federator.notary.eos.base-url", () -> REGISTERS.eos().toString());
        for (String source : new String[]{"vies", "gleif", "eos"}) {
            registry.add("federator.notary." + source + ".retries", () -> "1");
            registry.add("federator.notary." + source + ".backoff", () -> "10ms");
            registry.add("federator.notary." + source + ".breaker-failures", () -> "0");
            registry.add("federator.notary." + source + ".retry-after", () -> "30s");
        }
        registry.add("federator.notary.lifetime", () -> "30d");
    }

    @AfterAll
    static void stop() {
        REGISTERS.close();
    }

    @LocalServerPort
    int port;
    Http http;

    @BeforeEach
    void client() {
        http = new Http(port);
        REGISTERS.down = 0;
        REGISTERS.retryAfter = null;
        REGISTERS.rateLimited = false;
        REGISTERS.fault.clear();
    }

    HttpResponse<String> tagus(String query, String contentType, String body) throws Exception {
        return http.post("/v1/registrationNumberVC" + query, contentType, body.getBytes(StandardCharsets.UTF_8));
    }

    static String lrn(String property, String value) {
        return """
                {"@context":["https://registry.lab.gaia-x.eu/v1-staging/api/trusted-shape-registry/v1/shapes/jsonld/participant"],
                 "type":"gx:legalRegistrationNumber","id":"https://example.org/lrn.json#cs","%s":"%s"}""".formatted(property, value);
    }

    static VerificationResult verify(String credential) {
        return TestIdentity.get().verifier.verify(credential.getBytes(StandardCharsets.UTF_8), VerificationOptions.at(Instant.now()));
    }

    @Test
    void tagusIssuesAVerifiableCredentialWithEvidence() throws Exception {
        HttpResponse<String> response = tagus("?vcid=" + URLEncoder.encode("https://example.org/lrn.json", StandardCharsets.UTF_8),
                "application/json", lrn("gx:vatID", "BE0762747721"));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(Http.contentType(response)).startsWith("application/ld+json");
        JsonObject vc = Http.json(response);
        assertThat(vc.getString("id")).isEqualTo("https://example.org/lrn.json");
        assertThat(vc.getJsonObject("credentialSubject").getString("gx:vatID-countryCode")).isEqualTo("BE");
        JsonObject evidence = vc.getJsonArray("evidence").getJsonObject(0);
        assertThat(evidence.getString("gx:evidenceURL")).isEqualTo(REGISTERS.viesRest() + "/check-vat-number");
        assertThat(evidence.getString("gx:evidenceOf")).isEqualTo("gx:vatID");
        assertThat(verify(response.body()).valid()).isTrue();
    }

    @Test
    void loireIssuesAVcJwtForEachType() throws Exception {
        String[][] cases = {{"vat-id", "BE0762747721"}, {"lei-code", "5493001KJTIIGC8Y1R12"}, {"eori", "DE123456789012345"},
                {"euid", "DEK1101R.HRB116737"}, {"tax-id", "12-345-67890"}};
        for (String[] c : cases) {
            HttpResponse<String> response = http.get("/v2/registration-numbers/" + c[0] + "/" + c[1]
                    + "?vcId=https://example.org/" + c[0] + ".json&subjectId=did:web:participant.example");
            assertThat(response.statusCode()).as(c[0] + ": " + response.body()).isEqualTo(200);
            assertThat(Http.contentType(response)).startsWith("application/vc+jwt");
            VerificationResult result = verify(response.body());
            assertThat(result.valid()).as(c[0] + ": " + result.failures()).isTrue();
        }
    }

    @Test
    void offlineInvalidIs400WithThePreciseReason() throws Exception {
        int before = REGISTERS.requests.get();
        HttpResponse<String> response = http.get("/v2/registration-numbers/vat-id/DE136695978");

        assertThat(response.statusCode()).isEqualTo(400);
        JsonObject body = Http.json(response);
        assertThat(body.getString("message")).isEqualTo("invalid VAT number: DE136695978: wrong check digit (expected 6, found 8)");
        assertThat(body.getString("error")).isEqualTo("Bad Request");
        assertThat(body.getInt("statusCode")).isEqualTo(400);
        assertThat(body.getJsonArray("errors").getJsonObject(0).getString("code")).isEqualTo("offline-check");
        assertThat(REGISTERS.requests.get()).as("no source was asked").isEqualTo(before);
    }

    @Test
    void sourceSaysInvalidIs422WithTheSourcesReason() throws Exception {
        HttpResponse<String> vat = tagus("", "application/ld+json", lrn("gx:vatID", "FR40303265045"));
        assertThat(vat.statusCode()).isEqualTo(422);
        assertThat(Http.json(vat).getString("message"))
                .isEqualTo("VIES: FR40303265045 is not a valid VAT number (not registered, or not active for intra-EU transactions)");
        assertThat(Http.json(vat).getJsonArray("errors").getJsonObject(0).getString("source")).isEqualTo("VIES");

        HttpResponse<String> lei = http.get("/v2/registration-numbers/lei-code/529900T8BM49AURSDO55");
        assertThat(lei.statusCode()).isEqualTo(422);
        assertThat(Http.json(lei).getString("message")).isEqualTo("GLEIF: no LEI record 529900T8BM49AURSDO55 exists");

        HttpResponse<String> eori = http.get("/v2/registration-numbers/eori/FR12345678901234");
        assertThat(eori.statusCode()).isEqualTo(422);
        assertThat(Http.json(eori).getString("message")).isEqualTo("EU EOS: FR12345678901234 is not valid (Not valid)");
    }

    @Test
    void sourceDownIs503WithRetryAfterNeverInvalid() throws Exception {
        REGISTERS.down = Integer.MAX_VALUE;
        REGISTERS.retryAfter = "120";
        HttpResponse<String> response = http.get("/v2/registration-numbers/vat-id/BE0762747721");

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.headers().firstValue("Retry-After")).contains("120");
        JsonObject body = Http.json(response);
        assertThat(body.getString("message")).startsWith("VIES is unavailable, so BE0762747721 could not be checked; this says nothing about the number");
        assertThat(body.getJsonArray("errors").getJsonObject(0).getString("code")).isEqualTo("source-unavailable");

        REGISTERS.retryAfter = null;
        REGISTERS.down = 0;
        REGISTERS.fault.put("BE0762747721", "MS_UNAVAILABLE");
        HttpResponse<String> busy = tagus("", "application/json", lrn("gx:vatID", "BE0762747721"));
        assertThat(busy.statusCode()).isEqualTo(503);
        assertThat(busy.headers().firstValue("Retry-After")).contains("30");
        assertThat(Http.json(busy).getJsonArray("errors").getJsonObject(0).getString("message"))
                .isEqualTo("VIES could not answer now: MS_UNAVAILABLE (2 attempts)");
    }

    @Test
    void badRequestsArePrecise4xxInTheGxdchEnvelope() throws Exception {
        HttpResponse<String> text = tagus("", "text/plain", "DE136695976");
        assertThat(text.statusCode()).isEqualTo(415);
        assertThat(Http.json(text).getString("message")).contains("Content-Type 'text/plain' is not accepted here");

        HttpResponse<String> none = http.send(http.request("/v1/registrationNumberVC").POST(HttpRequest.BodyPublishers.ofString("{}")).build());
        assertThat(none.statusCode()).isEqualTo(415);

        HttpResponse<String> garbage = tagus("", "application/json", "{not json");
        assertThat(garbage.statusCode()).isEqualTo(400);
        assertThat(Http.json(garbage).getString("message")).startsWith("the body is not a JSON object");

        HttpResponse<String> missing = tagus("", "application/json", "{\"id\":\"x\"}");
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(Http.json(missing).getString("message")).contains("give exactly one of gx:vatID");

        HttpResponse<String> unknown = http.get("/v2/registration-numbers/duns/123456789");
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(Http.json(unknown).getString("message")).isEqualTo("unknown registration number type \"duns\"; use one of vat-id, lei-code, eori, euid, tax-id");

        HttpResponse<String> method = http.send(http.request("/v2/registration-numbers/vat-id/DE136695976").DELETE().build());
        assertThat(method.statusCode()).isEqualTo(405);
    }

    @Test
    void theOpenApiDocumentListsTheNotaryEndpoints() throws Exception {
        HttpResponse<String> response = http.get("/v3/api-docs");
        assertThat(response.statusCode()).isEqualTo(200);
        JsonObject paths = Http.json(response).getJsonObject("paths");
        assertThat(paths.keySet()).contains("/v1/registrationNumberVC", "/v2/registration-numbers/{type}/{value}");
    }
}
