package eu.federator.trustframework.issue;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.util.Base64URL;
import eu.federator.credentials.issue.CredentialSigner;
import eu.federator.credentials.json.Jcs;
import eu.federator.credentials.json.Json;
import eu.federator.credentials.keys.Certificates;
import eu.federator.credentials.keys.DidWebIdentity;
import eu.federator.credentials.keys.KeyType;
import eu.federator.credentials.keys.LocalCertificateAuthority;
import eu.federator.credentials.verify.CredentialReport;
import eu.federator.credentials.verify.CredentialVerifier;
import eu.federator.credentials.verify.VerificationOptions;
import eu.federator.credentials.verify.VerificationResult;
import eu.federator.credentials.verify.VerifierSettings;
import eu.federator.trustframework.compliance.ComplianceReport;
import eu.federator.trustframework.compliance.LabelLevel;
import eu.federator.trustframework.compliance.RuleResult;
import eu.federator.trustframework.identity.ServiceIdentity;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The issued compliance and label credentials verify with the trust core, and their digests cover exactly the inputs. */
class ComplianceCredentialsTest {

    @TempDir
    Path dir;

    private final Instant now = Instant.now();
    private LocalCertificateAuthority ca;
    private CredentialVerifier verifier;
    private ServiceIdentity clearingHouse;
    private ServiceIdentity participant;

    @BeforeEach
    void setUp() throws Exception {
        ca = LocalCertificateAuthority.create("Test Root", KeyType.EC_P256, now.minusSeconds(3600), Duration.ofDays(30));
        clearingHouse = publish("clearing-house.example", KeyType.RSA_2048);
        participant = publish("participant.example", KeyType.ED25519);
        Files.writeString(dir.resolve("anchors.pem"), Certificates.toPem(List.of(ca.certificate())));
        verifier = CredentialVerifier.create(VerifierSettings.defaults().withWebMirror(dir.resolve("web")).withTrustAnchors(dir.resolve("anchors.pem")));
    }

    private ServiceIdentity publish(String host, KeyType type) throws Exception {
        JWK key = type.generate();
        String did = "did:web:" + host;
        URI x5u = URI.create("https://" + host + "/.well-known/x509CertificateChain.pem");
        List<java.security.cert.X509Certificate> chain = ca.chain(ca.issueLeaf(key, host, now.minusSeconds(60), Duration.ofDays(10)));
        write("https://" + host + "/.well-known/did.json", Json.write(DidWebIdentity.parse(did).document(key, "X509-JWK2020", x5u)));
        write(x5u.toString(), Certificates.toPem(chain));
        return new ServiceIdentity(did, did + "#X509-JWK2020", key, chain);
    }

    private void write(String url, String content) throws Exception {
        URI uri = URI.create(url);
        Path file = dir.resolve("web").resolve(uri.getHost()).resolve(uri.getPath().substring(1));
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }

    private VerificationResult verify(String input) {
        return verifier.verify(input.getBytes(StandardCharsets.UTF_8), VerificationOptions.at(now));
    }

    private static JsonObject json(String text) throws Exception {
        return Json.parseObject(text.getBytes(StandardCharsets.UTF_8));
    }

    private String legalPersonJwt() throws Exception {
        JsonObject vc = json("""
                {"@context":["https://www.w3.org/ns/credentials/v2","https://w3id.org/gaia-x/development#"],
                 "type":["VerifiableCredential","gx:LegalPerson"],"id":"https://participant.example/lp.json",
                 "issuer":"did:web:participant.example","validFrom":"2026-01-01T00:00:00Z",
                 "credentialSubject":{"id":"https://participant.example/lp.json#cs","type":"gx:LegalPerson"}}""");
        return new CredentialSigner().sign(vc, participant.signingKey(), CredentialSigner.Format.VC_JWT, now);
    }

    @Test
    void theLabelCredentialVerifiesAndDigestsEachCompactJws() throws Exception {
        String vc = legalPersonJwt();
        JsonObject vp = json("{\"@context\":[\"https://www.w3.org/ns/credentials/v2\"],\"type\":[\"VerifiablePresentation\"],"
                + "\"holder\":\"did:web:participant.example\",\"verifiableCredential\":[{\"@context\":\"https://www.w3.org/ns/credentials/v2\","
                + "\"type\":\"EnvelopedVerifiableCredential\",\"id\":\"data:application/vc+jwt," + vc + "\"}]}");
        VerificationResult input = verify(new CredentialSigner().sign(vp, participant.signingKey(), CredentialSigner.Format.VC_JWT, now));
        assertThat(input.valid()).as(input.toString()).isTrue();
        ComplianceReport report = new ComplianceReport("25.11", LabelLevel.SC, List.of(RuleResult.passed("loire.legal-person-present", "ok", null)), input);

        String label = ComplianceCredentials.label(report, "https://clearing-house.example/credential-offers/1", clearingHouse, now, Duration.ofDays(90));

        VerificationResult result = verify(label);
        assertThat(result.valid()).as(result.toString()).isTrue();
        CredentialReport labelReport = result.credentials().getFirst();
        assertThat(labelReport.issuer()).isEqualTo("did:web:clearing-house.example");
        JsonObject subject = labelReport.document().getJsonObject("credentialSubject");
        assertThat(subject.getString("gx:labelLevel")).isEqualTo("SC");
        assertThat(subject.getString("gx:rulesVersion")).isEqualTo("25.11");
        JsonObject compliant = subject.getJsonArray("gx:compliantCredentials").getJsonObject(0);
        assertThat(compliant.getString("id")).isEqualTo("https://participant.example/lp.json");
        assertThat(compliant.getString("gx:credentialType")).isEqualTo("gx:LegalPerson");
        String expectedDigest = "sha256-" + Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(vc.getBytes(StandardCharsets.US_ASCII)));
        assertThat(compliant.getJsonObject("cred:digestSRI").getString("@value")).isEqualTo(expectedDigest);
        assertThat(labelReport.document().getString("validUntil")).isEqualTo(now.plus(Duration.ofDays(90)).toString());
    }

    @Test
    void theTagusComplianceCredentialVerifiesAndHashesTheJcsOfEachCredential() throws Exception {
        JsonObject vc = json("""
                {"@context":["https://www.w3.org/2018/credentials/v1","https://w3id.org/security/suites/jws-2020/v1",
                  "https://registry.lab.gaia-x.eu/development/api/trusted-shape-registry/v1/shapes/jsonld/trustframework#"],
                 "type":["VerifiableCredential"],"id":"https://participant.example/participant.json",
                 "issuer":"did:web:participant.example","issuanceDate":"2026-01-01T00:00:00Z",
                 "credentialSubject":{"id":"https://participant.example/participant.json#cs","type":"gx:LegalParticipant","gx:legalName":"Participant SA"}}""");
        JsonObject signedVc = json(new CredentialSigner().sign(vc, participant.signingKey(), CredentialSigner.Format.JWS2020_LEGACY, now));
        String vp = "{\"@context\":\"https://www.w3.org/2018/credentials/v1\",\"type\":\"VerifiablePresentation\",\"verifiableCredential\":["
                + Json.write(signedVc) + "]}";
        VerificationResult input = verify(vp);
        assertThat(input.valid()).as(input.toString()).isTrue();
        ComplianceReport report = new ComplianceReport("22.10", null, List.of(RuleResult.passed("tagus.shacl", "ok", null)), input);

        JsonObject compliance = ComplianceCredentials.tagus(report, "https://clearing-house.example/credential-offers/2", clearingHouse, now, Duration.ofDays(90));

        VerificationResult result = verify(Json.write(compliance));
        assertThat(result.valid()).as(result.toString()).isTrue();
        assertThat(result.credentials().getFirst().format()).isEqualTo("jws2020-w3c");
        JsonObject subject = compliance.getJsonArray("credentialSubject").getJsonObject(0);
        assertThat(subject.getString("type")).isEqualTo("gx:compliance");
        assertThat(subject.getString("id")).isEqualTo("https://participant.example/participant.json");
        assertThat(subject.getString("gx:type")).isEqualTo("gx:LegalParticipant");
        String expected = "sha256-" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(Jcs.canonicalize(signedVc).getBytes(StandardCharsets.UTF_8)));
        assertThat(subject.getString("gx:integrity")).isEqualTo(expected);
    }

    @Test
    void nothingIsIssuedForNonCompliantInput() throws Exception {
        ComplianceReport report = new ComplianceReport("25.11", LabelLevel.SC,
                List.of(RuleResult.failed("loire.legal-person-present", "no gx:LegalPerson", null)), verify(legalPersonJwt()));

        assertThatThrownBy(() -> ComplianceCredentials.label(report, "urn:x", clearingHouse, now, Duration.ofDays(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not compliant");
    }
}
