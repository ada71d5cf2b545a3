package eu.federator.server.cli;

import com.nimbusds.jose.jwk.JWK;
import eu.federator.credentials.json.Json;
import eu.federator.credentials.keys.Certificates;
import eu.federator.credentials.keys.DidWebIdentity;
import eu.federator.credentials.keys.KeyType;
import eu.federator.credentials.keys.LocalCertificateAuthority;
import eu.federator.credentials.keys.PrivateKeys;
import eu.federator.credentials.verify.CredentialReport;
import eu.federator.credentials.verify.CredentialVerifier;
import eu.federator.credentials.verify.VerificationOptions;
import eu.federator.credentials.verify.VerificationResult;
import eu.federator.catalogue.testing.TestDirectories;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Onboarding in one go against Federator itself: {@code federator onboard --server} gets the registration-number
 * credential from the server's notary (offline-checked VAT number), signs the LegalPerson and gx:Issuer credentials
 * with the participant's own key, and obtains the label credential from the server's standard compliance. Both
 * parties' keys chain to one test CA that is the server's trust anchor; their DID documents are in its web mirror,
 * as they would be on their hosts.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class OnboardingEndToEndTest {

    static final Path DIR = TestDirectories.newDataDir("federator-onboarding-");
    static final String CLEARING_HOUSE = "did:web:clearing.example.org";
    static final String PARTICIPANT = "did:web:acme.example";

    static {
        try {
            Instant now = Instant.now();
            LocalCertificateAuthority ca = LocalCertificateAuthority.create("Onboarding test root", KeyType.EC_P256, now.minusSeconds(3600), Duration.ofDays(30));
            Files.writeString(DIR.resolve("anchors.pem"), Certificates.toPem(List.of(ca.certificate())));
            party(ca, CLEARING_HOUSE, "X509-JWK2020", "clearing", now);
            party(ca, PARTICIPANT, "key-1", "participant", now);
        } catch (Exception e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** Writes the party's key and chain into DIR and publishes its DID document and chain in the web mirror. */
    private static void party(LocalCertificateAuthority ca, String did, String fragment, String name, Instant now) throws Exception {
        DidWebIdentity web = DidWebIdentity.parse(did);
        JWK key = KeyType.RSA_2048.generate();
        List<java.security.cert.X509Certificate> chain = ca.chain(ca.issueLeaf(key, web.host(), now.minusSeconds(60), Duration.ofDays(10)));
        PrivateKeys.writePem(key, DIR.resolve(name + "-key.pem"));
        Files.writeString(DIR.resolve(name + "-chain.pem"), Certificates.toPem(chain));
        URI chainUrl = fragment.equals("key-1") ? web.directoryUrl().resolve(DidCommand.CHAIN_FILE)
                : URI.create("https://" + web.host() + "/.well-known/x509CertificateChain.pem");
        publish(web.documentUrl(), Json.write(web.document(key, fragment, chainUrl)));
        publish(chainUrl, Certificates.toPem(chain));
    }

    private static void publish(URI url, String content) throws Exception {
        Path file = DIR.resolve("web").resolve(url.getHost()).resolve(url.getPath().substring(1));
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("federator.data-dir", () -> DIR.resolve("data").toString());
        registry.add("federator.trust.web-mirror", () -> DIR.resolve("web").toString());
        registry.add("federator.trust.trust-anchors", () -> DIR.resolve("anchors.pem").toString());
        registry.add("federator.identity.did", () -> CLEARING_HOUSE);
        registry.add("federator.identity.key", () -> DIR.resolve("clearing-key.pem").toString());
        registry.add("federator.identity.certificate-chain", () -> DIR.resolve("clearing-chain.pem").toString());
        registry.add("federator.notary.offline-only", () -> "true");
        registry.add("federator.compliance.trusted-notaries", () -> CLEARING_HOUSE);
    }

    @LocalServerPort
    int port;
    @Autowired
    CredentialVerifier verifier;

    @Test
    void aNewParticipantOnboardsAndGetsAVerifiableLabelCredential() throws Exception {
        Path out = DIR.resolve("acme");

        CliRun run = CliRun.run("onboard", "--did", PARTICIPANT, "--legal-name", "ACME GmbH",
                "--vat-id", "DE129273398", "--country", "DE", "--out", out.toString(), "--server", "http://127.0.0.1:" + port,
                "--key", DIR.resolve("participant-key.pem").toString(), "--certificate-chain", DIR.resolve("participant-chain.pem").toString());

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        String label = Files.readString(out.resolve("label-credential.jwt")).strip();
        VerificationResult result = verifier.verify(label.getBytes(java.nio.charset.StandardCharsets.US_ASCII), VerificationOptions.at(Instant.now()));
        assertThat(result.valid()).as(result.toString()).isTrue();
        CredentialReport report = result.credentials().getFirst();
        assertThat(report.issuer()).isEqualTo(CLEARING_HOUSE);
        JsonObject subject = report.document().getJsonObject("credentialSubject");
        assertThat(subject.getString("gx:labelLevel")).isEqualTo("SC");
        assertThat(subject.getJsonArray("gx:compliantCredentials").getValuesAs(JsonObject.class))
                .extracting(c -> c.getString("gx:credentialType")).contains("gx:LegalPerson", "gx:Issuer", "gx:VatID");
        String registration = Files.readString(out.resolve("registration-number.jwt")).strip();
        VerificationResult notary = verifier.verify(registration.getBytes(java.nio.charset.StandardCharsets.US_ASCII), VerificationOptions.at(Instant.now()));
        assertThat(notary.valid()).as(notary.toString()).isTrue();
        assertThat(notary.credentials().getFirst().issuer()).isEqualTo(CLEARING_HOUSE);
        assertThat(Files.exists(out.resolve("private-key.pem"))).as("an existing key is not copied").isFalse();
    }
}
