package eu.federator.server.cli;

import com.sun.net.httpserver.HttpServer;
import eu.federator.credentials.issue.CredentialSigner;
import eu.federator.credentials.keys.KeyType;
import eu.federator.credentials.verify.CredentialVerifier;
import eu.federator.credentials.verify.VerificationOptions;
import eu.federator.credentials.verify.VerificationResult;
import eu.federator.credentials.verify.VerifierSettings;
import eu.federator.trustframework.registry.TermsAndConditions;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.StringReader;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code federator onboard}: offline (the presentation it writes verifies with the trust core, given the DID's files
 * in a web mirror and its CA as anchor), and against a loopback server that answers as the notary v2 and the Loire
 * compliance document their HTTP contracts (section 5.1 and 2.1 of the Gaia-X reference note).
 */
class OnboardCommandTest {
    static final String DID = "did:web:acme.example";

    @TempDir
    Path dir;

    HttpServer server;
    final List<String> requests = new ArrayList<>();
    String presentationReceived;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }



    static JsonObject payload(String jwt) {
        String payload = new String(Base64.getUrlDecoder().decode(jwt.strip().split("\\.")[1]), StandardCharsets.UTF_8);
        try (var reader = Json.createReader(new StringReader(payload))) {
            return reader.readObject();
        }
    }

    @Test
    void offlineTheFlowWritesAPresentationThatTheTrustCoreVerifies() throws Exception {
        Path out = dir.resolve("acme");
        CliRun run = CliRun.run("onboard", "--did", DID, "--legal-name", "ACME GmbH", "--vat-id", "DE129273398", "--country", "de",
                "--key-type", "ec-p256", "--out", out.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("registration-number.request.txt", "curl -X POST");
        assertThat(Files.readString(out.resolve("registration-number.request.txt")))
                .startsWith("GET https://NOTARY/v2/registration-numbers/vat-id/DE129273398?vcId=https%3A%2F%2Facme.example%2Fcredentials%2Fregistration-number.json&subjectId=");

        JsonObject legalPerson = payload(Files.readString(out.resolve("legal-person.jwt")));
        assertThat(legalPerson.getJsonArray("type").getString(1)).isEqualTo("gx:LegalPerson");
        assertThat(legalPerson.getString("issuer")).isEqualTo(DID);
        JsonObject subject = legalPerson.getJsonObject("credentialSubject");
        assertThat(subject.getString("schema:name")).isEqualTo("ACME GmbH");
        assertThat(subject.getJsonObject("gx:legalAddress").getString("gx:countryCode")).isEqualTo("DE");
        assertThat(subject.getJsonObject("gx:headquartersAddress").getString("gx:countryCode")).isEqualTo("DE");
        assertThat(subject.getJsonObject("gx:registrationNumber").getString("id")).isEqualTo("https://acme.example/credentials/registration-number.json#cs");
        JsonObject issuer = payload(Files.readString(out.resolve("issuer.jwt")));
        assertThat(issuer.getJsonObject("credentialSubject").getString("gx:gaiaxTermsAndConditions")).isEqualTo(TermsAndConditions.LOIRE_CURRENT);

        // host the DID's files in a web mirror, trust its CA: the presentation and both credentials verify
        Path mirror = dir.resolve("mirror/acme.example/.well-known");
        Files.createDirectories(mirror);
        Files.copy(out.resolve("did.json"), mirror.resolve("did.json"));
        Files.copy(out.resolve("x509CertificateChain.pem"), mirror.resolve("x509CertificateChain.pem"));
        CredentialVerifier verifier = CredentialVerifier.create(VerifierSettings.defaults().withWebMirror(dir.resolve("mirror"))
                .withTrustAnchors(out.resolve("ca.pem")));
        VerificationResult result = verifier.verify(Files.readString(out.resolve("presentation.jwt")).strip().getBytes(StandardCharsets.US_ASCII),
                VerificationOptions.at(Instant.now()));
        assertThat(result.failures()).isEmpty();
        assertThat(result.valid()).isTrue();
        assertThat(result.credentials()).hasSize(3);
    }

    @Test
    void withAServerTheNotaryAndTheComplianceAreCalledAsTheirContractsSay() throws Exception {
        String notaryJwt = new CredentialSigner().sign(Json.createObjectBuilder()
                        .add("@context", Json.createArrayBuilder().add("https://www.w3.org/ns/credentials/v2"))
                        .add("type", Json.createArrayBuilder().add("VerifiableCredential").add("gx:VatID"))
                        .add("issuer", "did:web:notary.example").add("validFrom", "2026-01-01T00:00:00Z")
                        .add("credentialSubject", Json.createObjectBuilder().add("id", "x")).build(),
                new CredentialSigner.SigningKey(KeyType.EC_P256.generate(), "did:web:notary.example#key"), CredentialSigner.Format.VC_JWT, Instant.now());
        start(200, notaryJwt, 200, "eyJhbGciOiJFUzI1NiJ9.eyJ0eXBlIjoiZ3g6TGFiZWxDcmVkZW50aWFsIn0.c2ln");
        Path out = dir.resolve("acme");
        CliRun run = CliRun.run("onboard", "--did", DID, "--legal-name", "ACME GmbH", "--lei-code", "529900T8BM49AURSDO55", "--country", "DE",
                "--key-type", "ec-p256", "--out", out.toString(), "--server", "http://127.0.0.1:" + server.getAddress().getPort());

        assertThat(run.exitCode()).as(run.err() + run.out()).isZero();
        assertThat(requests.getFirst()).isEqualTo("GET /v2/registration-numbers/lei-code/529900T8BM49AURSDO55"
                + "?vcId=https://acme.example/credentials/registration-number.json&subjectId=https://acme.example/credentials/registration-number.json#cs"
                + " Accept=application/vc+jwt, application/json;q=0.5");
        assertThat(requests.get(1)).isEqualTo("POST /api/credential-offers/standard-compliance?vcid=https://acme.example/credentials/label-credential.json"
                + " Content-Type=application/vp+jwt");
        assertThat(Files.readString(out.resolve("registration-number.jwt")).strip()).isEqualTo(notaryJwt);
        assertThat(Files.readString(out.resolve("label-credential.jwt")).strip()).startsWith("eyJhbGciOiJFUzI1NiJ9.");
        JsonObject vp = payload(presentationReceived);
        assertThat(vp.getString("holder")).isEqualTo(DID);
        assertThat(vp.getJsonArray("verifiableCredential")).hasSize(3);
        assertThat(vp.getJsonArray("verifiableCredential").getJsonObject(2).getString("id")).isEqualTo("data:application/vc+jwt," + notaryJwt);
        assertThat(vp.getJsonArray("verifiableCredential").getJsonObject(0).getString("type")).isEqualTo("EnvelopedVerifiableCredential");
    }

    @Test
    void aRefusalIsExit1WithTheAnswerKeptAndAnUnreachableServerIsExit3() throws Exception {
        start(400, "{\"message\":\"invalid VAT\",\"statusCode\":400}", 200, "x");
        Path out = dir.resolve("refused");
        CliRun refused = CliRun.run("onboard", "--did", DID, "--legal-name", "ACME", "--vat-id", "DE000", "--country", "DE", "--key-type", "ec-p256",
                "--out", out.toString(), "--server", "http://127.0.0.1:" + server.getAddress().getPort());
        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.err()).contains("the notary answered HTTP 400");
        assertThat(Files.readString(out.resolve("registration-number.error.json"))).contains("invalid VAT");

        int port = server.getAddress().getPort();
        server.stop(0);
        server = null;
        CliRun unreachable = CliRun.run("onboard", "--did", DID, "--legal-name", "ACME", "--vat-id", "DE129273398", "--country", "DE",
                "--key-type", "ec-p256", "--out", dir.resolve("down").toString(), "--server", "http://127.0.0.1:" + port);
        assertThat(unreachable.exitCode()).isEqualTo(3);
        assertThat(unreachable.err()).contains("the notary at http://127.0.0.1:" + port).contains("could not be reached");
    }

    @Test
    void usageErrors() {
        assertThat(CliRun.run("onboard", "--did", DID, "--legal-name", "A", "--vat-id", "DE1", "--country", "Germany", "--out", dir.toString()).exitCode()).isEqualTo(2);
        assertThat(CliRun.run("onboard", "--did", DID, "--legal-name", "A", "--vat-id", "DE1", "--lei-code", "X", "--country", "DE", "--out", dir.toString()).exitCode()).isEqualTo(2);
        assertThat(CliRun.run("onboard", "--did", "did:key:z6Mk", "--legal-name", "A", "--vat-id", "DE1", "--country", "DE", "--out", dir.toString()).exitCode()).isEqualTo(2);
        assertThat(CliRun.run("onboard", "--did", DID, "--legal-name", "A", "--vat-id", "DE1", "--country", "DE", "--terms-hash", "abc", "--out", dir.toString()).exitCode()).isEqualTo(2);
    }

    private void start(int notaryStatus, String notaryBody, int complianceStatus, String complianceBody) throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/v2/registration-numbers/", exchange -> {
            requests.add("GET " + URLDecoder.decode(exchange.getRequestURI().getRawPath() + "?" + exchange.getRequestURI().getRawQuery(), StandardCharsets.UTF_8)
                    + " Accept=" + exchange.getRequestHeaders().getFirst("Accept"));
            byte[] body = notaryBody.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", notaryStatus == 200 ? "application/vc+jwt" : "application/json");
            exchange.sendResponseHeaders(notaryStatus, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.createContext("/api/credential-offers/standard-compliance", exchange -> {
            requests.add("POST " + URLDecoder.decode(exchange.getRequestURI().getRawPath() + "?" + exchange.getRequestURI().getRawQuery(), StandardCharsets.UTF_8)
                    + " Content-Type=" + exchange.getRequestHeaders().getFirst("Content-Type"));
            presentationReceived = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.US_ASCII);
            byte[] body = complianceBody.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/vc+jwt");
            exchange.sendResponseHeaders(complianceStatus, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }
}
