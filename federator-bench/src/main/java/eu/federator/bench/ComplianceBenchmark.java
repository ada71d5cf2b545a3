package eu.federator.bench;

import com.nimbusds.jose.jwk.JWK;
import eu.federator.credentials.issue.CredentialSigner;
import eu.federator.credentials.json.Json;
import eu.federator.credentials.keys.Certificates;
import eu.federator.credentials.keys.DidWebIdentity;
import eu.federator.credentials.keys.KeyType;
import eu.federator.credentials.keys.LocalCertificateAuthority;
import eu.federator.credentials.verify.VerifierSettings;
import eu.federator.trustframework.bundle.TrustFrameworks;
import eu.federator.trustframework.compliance.ComplianceEngine;
import eu.federator.trustframework.compliance.ComplianceOptions;
import eu.federator.trustframework.compliance.ComplianceReport;
import eu.federator.trustframework.compliance.LabelLevel;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Compliance evaluations per second with warm caches (DID documents, certificate chains, contexts, compiled shapes):
 * <ul>
 *   <li>{@code tagus-participant}: the GXDCH fixture participant VP (3 credentials; every rule runs, the signatures stop
 *   at key resolution because the fixture issuers' DIDs no longer resolve, so the signature cost is not included);</li>
 *   <li>{@code loire-3vc}: a vp+jwt of LegalPerson + registration number + gx:Issuer signed by a local CA's parties
 *   (ES256), four signatures and certificate chains verified, everything passing.</li>
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class ComplianceBenchmark {

    static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");

    @Param("../shared/fixtures")
    public String fixtures;

    @Param({"tagus-participant", "loire-3vc"})
    public String input;

    private ComplianceEngine engine;
    private byte[] presentation;
    private LabelLevel level;
    private ComplianceOptions options;

    @Setup
    public void setUp() throws Exception {
        Path dir = Files.createTempDirectory("federator-compliance-bench");
        Path mirror = dir.resolve("web");
        LocalCertificateAuthority ca = LocalCertificateAuthority.create("Bench Root", KeyType.EC_P256, NOW.minus(Duration.ofDays(30)), Duration.ofDays(3650));
        Path anchors = Files.writeString(dir.resolve("anchors.pem"), Certificates.toPem(List.of(ca.certificate())));
        engine = ComplianceEngine.create(VerifierSettings.defaults().withWebMirror(mirror).withTrustAnchors(anchors), TrustFrameworks.builtIn());
        if (input.equals("tagus-participant")) {
            presentation = Files.readAllBytes(Path.of(fixtures).resolve("gaiax/tagus-2210/vp/participant-vp.json"));
            options = ComplianceOptions.at(NOW);
            Files.createDirectories(mirror);
        } else {
            CredentialSigner.SigningKey participant = party(ca, mirror, "participant.example.org");
            CredentialSigner.SigningKey notary = party(ca, mirror, "notary.example.org");
            CredentialSigner signer = new CredentialSigner();
            String base = "https://participant.example.org/credentials/";
            String lp = signer.sign(vc("did:web:participant.example.org", base + "lp.json", "LegalPerson", cs -> cs
                    .add("gx:registrationNumber", Json.provider().createObjectBuilder().add("id", "https://notary.example.org/vat.json#cs"))
                    .add("gx:legalAddress", Json.provider().createObjectBuilder().add("type", "gx:Address").add("gx:countryCode", "BE"))
                    .add("gx:headquartersAddress", Json.provider().createObjectBuilder().add("type", "gx:Address").add("gx:countryCode", "BE"))),
                    participant, CredentialSigner.Format.VC_JWT, NOW);
            String vat = signer.sign(vc("did:web:notary.example.org", "https://notary.example.org/vat.json", "VatID",
                    cs -> cs.add("gx:vatID", "BE0762747721")), notary, CredentialSigner.Format.VC_JWT, NOW);
            String issuer = signer.sign(vc("did:web:participant.example.org", base + "issuer.json", "Issuer",
                    cs -> cs.add("gx:gaiaxTermsAndConditions", "067dcac5efd18c1927deb1ffed3feab6d0ad044c0a9a263e6d5d8bdc43224515")),
                    participant, CredentialSigner.Format.VC_JWT, NOW);
            var enveloped = Json.provider().createArrayBuilder();
            for (String jwt : List.of(lp, vat, issuer)) {
                enveloped.add(Json.provider().createObjectBuilder().add("@context", "https://www.w3.org/ns/credentials/v2")
                        .add("type", "EnvelopedVerifiableCredential").add("id", "data:application/vc+jwt," + jwt));
            }
            JsonObject vp = Json.provider().createObjectBuilder()
                    .add("@context", Json.provider().createArrayBuilder().add("https://www.w3.org/ns/credentials/v2").add("https://w3id.org/gaia-x/development#"))
                    .add("type", "VerifiablePresentation").add("verifiableCredential", enveloped).build();
            presentation = signer.sign(vp, participant, CredentialSigner.Format.VC_JWT, NOW).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            level = LabelLevel.SC;
            options = ComplianceOptions.at(NOW).withTrustedNotaries(Set.of("did:web:notary.example.org"));
        }
        ComplianceReport report = evaluate();
        if (input.equals("loire-3vc") && !report.compliant()) {
            throw new IllegalStateException("the Loire presentation is not compliant: " + report.failures());
        }
    }

    private static CredentialSigner.SigningKey party(LocalCertificateAuthority ca, Path mirror, String host) throws Exception {
        JWK key = KeyType.EC_P256.generate();
        DidWebIdentity id = DidWebIdentity.parse("did:web:" + host);
        X509Certificate leaf = ca.issueLeaf(key, host, NOW.minus(Duration.ofDays(10)), Duration.ofDays(365));
        URI x5u = URI.create("https://" + host + "/chain.pem");
        write(mirror, x5u, Certificates.toPem(ca.chain(leaf)));
        write(mirror, id.documentUrl(), Json.write(id.document(key, "key-1", x5u)));
        return new CredentialSigner.SigningKey(key, id.did() + "#key-1");
    }

    private static void write(Path mirror, URI url, String content) throws Exception {
        Path file = mirror.resolve(url.getHost()).resolve(url.getPath().substring(1));
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }

    private static JsonObject vc(String issuer, String id, String type, Consumer<JsonObjectBuilder> subject) {
        JsonObjectBuilder cs = Json.provider().createObjectBuilder().add("id", id + "#cs").add("type", "gx:" + type);
        subject.accept(cs);
        return Json.provider().createObjectBuilder()
                .add("@context", Json.provider().createArrayBuilder().add("https://www.w3.org/ns/credentials/v2").add("https://w3id.org/gaia-x/development#"))
                .add("type", Json.provider().createArrayBuilder().add("VerifiableCredential").add("gx:" + type))
                .add("id", id).add("issuer", issuer)
                .add("validFrom", "2026-01-01T00:00:00Z").add("validUntil", "2027-01-01T00:00:00Z")
                .add("credentialSubject", cs).build();
    }

    @Benchmark
    public ComplianceReport evaluate() {
        return engine.evaluate(presentation, level, options);
    }
}
