package eu.federator.server.verification;

import eu.federator.credentials.issue.CredentialSigner;
import eu.federator.server.Http;
import eu.federator.catalogue.testing.TestDirectories;
import eu.federator.server.TrustWorld;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.StringReader;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code POST /verification} on loopback with XFSC fixtures, answered offline from the web mirror. Federator's verifier
 * is stricter than XFSC's (the signer must be the stated issuer/holder; the certificate chain must reach a configured
 * anchor), so the classic "valid" fixtures whose signer is not their issuer are 422 here; {@code sd_resource.json},
 * whose issuer signed it, is the fully valid one.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class VerificationEndpointTest {

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("federator.data-dir", () -> TestDirectories.newDataDir("federator-verification-").toString());
        registry.add("federator.trust.web-mirror", () -> TrustWorld.get().mirror.toString());
        registry.add("federator.trust.trust-anchors", () -> TrustWorld.get().trustAnchors.toString());
        registry.add("federator.trust.allowed-contexts", () -> String.join(",", TrustWorld.CONTEXTS));
    }

    @LocalServerPort
    int port;

    Http http;

    @BeforeEach
    void client() {
        http = new Http(port);
    }

    static byte[] fixture(String path) throws Exception {
        return Files.readAllBytes(TestDirectories.fixtures().resolve("xfsc").resolve(path));
    }

    HttpResponse<String> verify(String query, String contentType, byte[] body) throws Exception {
        return http.post("/verification" + query, contentType, body);
    }

    @Test
    void aFullyValidPresentationIs200VerifiedWithTheXfscFields() throws Exception {
        byte[] body = fixture("classic/mock-data/sd_resource.json");
        HttpResponse<String> response = verify("?verifySchema=false", "application/ld+json", body);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(Http.contentType(response)).startsWith("application/json");
        JsonObject result = Http.json(response);
        assertThat(result.getString("lifecycleStatus")).isEqualTo("active");
        assertThat(result.getString("verificationTimestamp")).isNotBlank();
        assertThat(result.getString("issuer")).isEqualTo("did:web:compliance.lab.gaia-x.eu");
        JsonObject vc = readJson(body).getJsonArray("verifiableCredential").getJsonObject(0);
        assertThat(result.getString("issuedDateTime")).isEqualTo(vc.getString("issuanceDate"));
        assertThat(result.getJsonArray("validatorDids").getValuesAs(v -> ((jakarta.json.JsonString) v).getString()))
                .containsExactly("did:web:compliance.lab.gaia-x.eu");
        assertThat(result.getBoolean("verified")).isTrue();
        assertThat(result.getString("format")).isEqualTo("ldp_vp");
        JsonArray credentials = result.getJsonArray("credentials");
        assertThat(credentials).hasSize(2);
        for (JsonValue c : credentials) {
            JsonObject credential = c.asJsonObject();
            assertThat(credential.getBoolean("valid")).isTrue();
            assertThat(credential.getJsonArray("checks")).allSatisfy(check -> {
                assertThat(check.asJsonObject().getBoolean("ok")).isTrue();
                assertThat(check.asJsonObject().getString("outcome")).isEqualTo("PASSED");
            });
            assertThat(checkNames(credential)).contains("proof.signature", "certificate.chain");
        }
    }

    @Test
    void withVerifySchemaTheCatalogueChecksRunToo() throws Exception {
        // sd_resource.json's subject is a gax-trust-framework:Resource: a base class; no default shape targets it
        HttpResponse<String> response = verify("", "application/json", fixture("classic/mock-data/sd_resource.json"));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(Http.json(response).getBoolean("verified")).isTrue();

        // a valid credential whose subject has no trust-framework type: XFSC's "no proper CredentialSubject found"
        String jwt = TrustWorld.get().sign(CredentialSigner.Format.VC_JWT);
        HttpResponse<String> untyped = verify("", "application/vc+jwt", jwt.getBytes(StandardCharsets.US_ASCII));
        assertThat(untyped.statusCode()).as(untyped.body()).isEqualTo(422);
        JsonObject problem = Http.json(untyped);
        assertThat(problem.getString("code")).isEqualTo("verification_error");
        assertThat(problem.getString("reason")).isEqualTo("semantics");
        assertThat(problem.getJsonArray("errors").getJsonObject(0).getString("check")).isEqualTo("base-class");
        assertThat(problem.getString("detail")).contains("no credential subject is a participant, service offering");
    }

    @Test
    void aTamperedCredentialSignatureIs422ListingTheFailedCheck() throws Exception {
        HttpResponse<String> response = verify("", "application/json", fixture("classic/sign/hasInvalidSignature.json"));

        assertThat(response.statusCode()).isEqualTo(422);
        assertThat(Http.contentType(response)).startsWith("application/problem+json");
        JsonObject problem = Http.json(response);
        assertThat(problem.getString("type")).isEqualTo("/problems/verification-failed");
        assertThat(problem.getString("title")).isEqualTo("Verification failed");
        assertThat(problem.getInt("status")).isEqualTo(422);
        assertThat(problem.getString("detail")).contains("proof.signature");
        assertThat(problem.getString("code")).isEqualTo("verification_error");
        assertThat(problem.getJsonArray("errors").stream().map(JsonValue::asJsonObject))
                .anySatisfy(e -> assertThat(e.getString("check")).isEqualTo("proof.signature"));
        assertThat(problem.getJsonArray("credentials")).hasSize(3);
    }

    @Test
    void xfscValidSignatureFixtureVerifiesCryptographicallyButItsSignerIsNotItsIssuer() throws Exception {
        HttpResponse<String> response = verify("?verifySemantics=false&verifySchema=false", "application/ld+json",
                fixture("classic/sign/valid_signature.json"));

        assertThat(response.statusCode()).isEqualTo(422);
        JsonObject problem = Http.json(response);
        assertThat(problem.getJsonArray("errors").stream().map(e -> e.asJsonObject().getString("check")))
                .contains("issuer.binding").doesNotContain("proof.signature");
        for (JsonValue c : problem.getJsonArray("credentials")) {
            JsonObject signature = c.asJsonObject().getJsonArray("checks").stream().map(JsonValue::asJsonObject)
                    .filter(k -> k.getString("name").equals("proof.signature")).findFirst().orElseThrow();
            assertThat(signature.getBoolean("ok")).isTrue();
        }
    }

    @Test
    void withoutProofsItIs422ByDefaultAnd200ButNotVerifiedWithEveryCheckOff() throws Exception {
        byte[] body = fixture("classic/mock-data/participant_without_proofs.json");

        HttpResponse<String> strict = verify("", "application/json", body);
        assertThat(strict.statusCode()).isEqualTo(422);
        assertThat(Http.json(strict).getJsonArray("errors").stream().map(e -> e.asJsonObject().getString("check"))).contains("proof.present");

        HttpResponse<String> lenient = verify("?verifySemantics=false&verifySchema=false&verifyVPSignature=false&verifyVCSignature=false",
                "application/json", body);
        assertThat(lenient.statusCode()).as(lenient.body()).isEqualTo(200);
        JsonObject result = Http.json(lenient);
        assertThat(result.getBoolean("verified")).isFalse();
        assertThat(result.getJsonArray("validatorDids")).isEmpty();
        String issuer = readJson(body).getJsonArray("verifiableCredential").getJsonObject(0).getString("issuer");
        assertThat(result.getString("issuer")).isEqualTo(issuer);
    }

    @Test
    void malformedJsonIs400Problem() throws Exception {
        HttpResponse<String> response = verify("", "application/json", "{\"@context\": [".getBytes(StandardCharsets.UTF_8));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(Http.contentType(response)).startsWith("application/problem+json");
        JsonObject problem = Http.json(response);
        assertThat(problem.getString("type")).isEqualTo("/problems/malformed-input");
        assertThat(problem.getString("code")).isEqualTo("client_error");
        assertThat(problem.getJsonArray("errors").getJsonObject(0).getString("check")).isEqualTo("syntax");
    }

    @Test
    void aVcJwtSignedByItsIssuerIs200WithIssuerAndDate() throws Exception {
        String jwt = TrustWorld.get().sign(CredentialSigner.Format.VC_JWT);
        for (String type : List.of("application/vc+jwt", "application/jwt", "application/vc+ld+json+jwt")) {
            HttpResponse<String> response = verify("?verifySchema=false", type, jwt.getBytes(StandardCharsets.US_ASCII));

            assertThat(response.statusCode()).as(type + ": " + response.body()).isEqualTo(200);
            JsonObject result = Http.json(response);
            assertThat(result.getBoolean("verified")).isTrue();
            assertThat(result.getString("issuer")).isEqualTo(TrustWorld.DID);
            assertThat(result.getString("issuedDateTime")).isEqualTo("2026-01-01T00:00:00Z");
            assertThat(result.getJsonArray("validatorDids").getString(0)).isEqualTo(TrustWorld.VERIFICATION_METHOD);
            assertThat(result.getString("format")).isEqualTo("vc+jwt");
        }
    }

    @Test
    void aJsonLdCredentialWithAnEmbeddedProofIs200() throws Exception {
        String signed = TrustWorld.get().sign(CredentialSigner.Format.JWS2020);
        HttpResponse<String> response = verify("?verifySchema=false", "application/vc+ld+json", signed.getBytes(StandardCharsets.UTF_8));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(Http.json(response).getBoolean("verified")).isTrue();
    }

    @Test
    void aJwtWithABrokenSignatureIs422() throws Exception {
        HttpResponse<String> response = verify("", "application/vc+jwt", fixture("loire/cat-integration/vc20-invalid/bad-signature.vc2.jwt"));

        assertThat(response.statusCode()).isEqualTo(422);
        assertThat(Http.json(response).getJsonArray("errors").stream().map(e -> e.asJsonObject().getString("check"))).contains("proof.signature");
    }

    private static List<String> checkNames(JsonObject credential) {
        return credential.getJsonArray("checks").stream().map(c -> c.asJsonObject().getString("name")).toList();
    }

    private static JsonObject readJson(byte[] body) {
        try (var reader = jakarta.json.Json.createReader(new StringReader(new String(body, StandardCharsets.UTF_8)))) {
            return reader.readObject();
        }
    }

}
