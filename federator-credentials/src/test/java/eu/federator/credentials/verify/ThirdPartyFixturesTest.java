package eu.federator.credentials.verify;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The XFSC catalogue's own signed fixtures (../shared/fixtures/xfsc), verified offline through the web mirror that
 * ships with them. Per proof, the verdicts are those SOURCES.md states. Federator checks more than XFSC does
 * (issuer and holder binding, the JWK-to-certificate match), and where those extra checks fail these tests say so
 * explicitly; docs/verification.md explains each difference.
 */
class ThirdPartyFixturesTest {

    static Path fixtures;
    static CredentialVerifier verifier;
    static CredentialVerifier anchored;
    static final Instant AT = Instant.parse("2026-11-27T00:00:00Z");

    @BeforeAll
    static void setUp() throws IOException {
        fixtures = Path.of(System.getProperty("federator.fixtures", "../../shared/fixtures")).toAbsolutePath().normalize();
        VerifierSettings settings = VerifierSettings.defaults().withWebMirror(fixtures.resolve("xfsc/web"))
                .withAllowedContexts(Set.of("https://www.w3.org/2018/credentials/examples/v1", "https://www.w3.org/ns/odrl.jsonld",
                        "https://identity.foundation/presentation-exchange/submission/v1"));
        verifier = CredentialVerifier.create(settings);
        anchored = CredentialVerifier.create(settings.withTrustAnchors(fixtures.resolve("xfsc/classic/keys/cert.ss.pem")));
    }

    static VerificationResult verify(String file) throws IOException {
        return verify(verifier, file, VerificationOptions.at(AT));
    }

    static VerificationResult verify(CredentialVerifier with, String file, VerificationOptions options) throws IOException {
        return with.verify(Files.readAllBytes(fixtures.resolve(file)), options);
    }

    static Check check(VerificationResult result, int credential, String name) {
        CredentialReport report = result.credentials().get(credential);
        return report.check(name).orElseThrow(() -> new AssertionError("no " + name + " in " + report));
    }

    @Nested
    class ClassicSignatures {

        @ParameterizedTest
        @ValueSource(strings = {"xfsc/classic/sign/valid_signature.json", "xfsc/classic/sign/valid_complex_signature.json",
                "xfsc/classic/mock-data/default-sd.json", "xfsc/classic/mock-data/default_participant.json",
                "xfsc/classic/mock-data/alternative_participant.json", "xfsc/classic/mock-data/alternative2_participant.json",
                "xfsc/classic/mock-data/unique_participant.json", "xfsc/classic/mock-data/default-sd-service-offering.json",
                "xfsc/classic/mock-data/sd-without-issuer.json", "xfsc/classic/mock-data/sd-without-credential-subject.json"})
        void everyProofThatXfscAcceptsVerifiesAsTheDanubetechVariant(String file) throws IOException {
            VerificationResult result = verify(file);

            for (int i = 0; i < result.credentials().size(); i++) {
                assertThat(check(result, i, CheckName.SIGNATURE).ok()).as(file + " #" + i + ": " + result.credentials().get(i)).isTrue();
                assertThat(result.credentials().get(i).format()).isEqualTo("jws2020-danubetech");
            }
        }

        @Test
        void theSignerIsNotTheStatedIssuerInXfscFixturesAndFederatorSaysSo() throws IOException {
            VerificationResult result = verify("xfsc/classic/sign/valid_signature.json");

            assertThat(result.valid()).isFalse();
            assertThat(check(result, 1, CheckName.ISSUER_BINDING).message()).contains("https://www.handelsregister.de/").contains("did:web:compliance.lab.gaia-x.eu");
            assertThat(check(result, 0, CheckName.HOLDER_BINDING).message()).contains("did:example:holder");
            assertThat(result.failures()).extracting(Check::name)
                    .containsOnly(CheckName.ISSUER_BINDING, CheckName.HOLDER_BINDING, CheckName.EMBEDDED_CREDENTIALS);
        }

        @Test
        void aResourceWhoseIssuerSignedItselfIsFullyValidAndChainsToItsSelfSignedCertificate() throws IOException {
            VerificationResult result = verify(anchored, "xfsc/classic/mock-data/sd_resource.json", VerificationOptions.at(AT));

            assertThat(result.valid()).as(result.toString()).isTrue();
            assertThat(check(result, 1, CheckName.CERTIFICATE_CHAIN).ok()).isTrue();
        }

        @Test
        void tamperedSignatureOfTheSecondCredential() throws IOException {
            VerificationResult result = verify("xfsc/classic/sign/hasInvalidSignature.json");

            assertThat(check(result, 0, CheckName.SIGNATURE).ok()).as("the VP proof does not cover the inner jws").isTrue();
            assertThat(check(result, 1, CheckName.SIGNATURE).ok()).isTrue();
            assertThat(check(result, 2, CheckName.SIGNATURE).outcome()).isEqualTo(Check.Outcome.FAILED);
            assertThat(check(result, 0, CheckName.EMBEDDED_CREDENTIALS).outcome()).isEqualTo(Check.Outcome.FAILED);
        }

        @Test
        void presentationWithoutProofIsAContainerWithAWarning() throws IOException {
            VerificationResult result = verify("xfsc/classic/sign/lacksSomeSignatures.json");

            assertThat(result.credentials().getFirst().check(CheckName.SIGNATURE)).isEmpty();
            assertThat(result.warnings()).anyMatch(w -> w.contains("no proof of its own"));
            assertThat(check(result, 1, CheckName.SIGNATURE).ok()).isTrue();
            assertThat(check(result, 2, CheckName.SIGNATURE).ok()).isTrue();
        }

        @Test
        void noProofAtAll() throws IOException {
            VerificationResult result = verify("xfsc/classic/sign/hasNoSignature1.json");

            assertThat(check(result, 1, CheckName.PROOF_PRESENT).message()).contains("no proof found");
            assertThat(check(result, 2, CheckName.PROOF_PRESENT).message()).contains("no proof found");
        }

        @Test
        void unknownVerificationMethodAndWrongKeyType() throws IOException {
            VerificationResult result = verify("xfsc/classic/sign/hasInvalidSignatureType.json");

            assertThat(check(result, 0, CheckName.KEY_RESOLVED).message()).contains("unknown verification method https://example.edu/issuers/565049#key-1");
            assertThat(check(result, 1, CheckName.SIGNATURE).message()).contains("EdDSA");
        }

        @Test
        void aPlainJsonLdDocumentIsNotACredential() throws IOException {
            VerificationResult result = verify("xfsc/classic/sign/hasNoSignature2.json");

            assertThat(result.valid()).isFalse();
            assertThat(result.failures().getFirst().name()).isEqualTo(CheckName.STRUCTURE);
            assertThat(result.failures().getFirst().message()).contains("neither VerifiableCredential nor VerifiablePresentation");
        }

        @Test
        void missingCredentialSubjectIsASemanticErrorWordedLikeXfsc() throws IOException {
            VerificationResult result = verify("xfsc/classic/mock-data/sd-without-credential-subject.json");

            assertThat(check(result, 1, CheckName.STRUCTURE).message()).contains("VerifiableCredential[0] must contain 'credentialSubject' property");
        }

        @Test
        void missingIssuer() throws IOException {
            VerificationResult result = verify("xfsc/classic/mock-data/sd-without-issuer.json");

            assertThat(check(result, 1, CheckName.STRUCTURE).message()).contains("'issuer'");
        }

        @Test
        void withoutProofsItFailsByDefaultAndIsNeverVerifiedWithChecksOff() throws IOException {
            VerificationResult strict = verify("xfsc/classic/mock-data/participant_without_proofs.json");
            VerificationResult lenient = verify(verifier, "xfsc/classic/mock-data/participant_without_proofs.json", new VerificationOptions(AT, false, false, false));

            assertThat(check(strict, 1, CheckName.PROOF_PRESENT).outcome()).isEqualTo(Check.Outcome.FAILED);
            assertThat(lenient.failures()).isEmpty();
            assertThat(lenient.hasSkippedChecks()).isTrue();
            assertThat(lenient.valid()).isFalse();
        }

        @Test
        void unresolvableKeys() throws IOException {
            VerificationResult result = verify("xfsc/classic/mock-data/new_participant.json");

            assertThat(check(result, 0, CheckName.KEY_RESOLVED).message()).contains("did:example:ebfeb1f712ebc6f1c276e12ec21");
            // The credential's jws is not even base64url, so the proof fails before its (unresolvable) key is looked up.
            assertThat(check(result, 1, CheckName.PROOF_ALGORITHM).message()).contains("base64url");
        }
    }

    @Nested
    class LoireJwts {

        @ParameterizedTest
        @ValueSource(strings = {"participant.loire.signed.jwt", "participant.vc2.signed.jwt", "service-offering.loire.signed.jwt",
                "digital-service-offering.loire.signed.jwt", "participant-vp.loire.signed.jwt", "participant.vp2.signed.jwt"})
        void signaturesBindingAndValidityPassButTheEd25519KeyIsNotTheKeyOfItsRsaCertificate(String file) throws IOException {
            VerificationResult result = verify("xfsc/loire/cat-integration/loire-valid/" + file);

            for (CredentialReport report : result.credentials()) {
                assertThat(report.check(CheckName.SIGNATURE).orElseThrow().ok()).as(report.toString()).isTrue();
                assertThat(report.check(CheckName.VALIDITY).orElseThrow().ok()).as(report.toString()).isTrue();
                assertThat(report.check(report.kind().equals("VerifiablePresentation") ? CheckName.HOLDER_BINDING : CheckName.ISSUER_BINDING)
                        .orElseThrow().ok()).as(report.toString()).isTrue();
                // did-server's #jwt-key-1 is Ed25519 but its x5u chain's leaf is an RSA key: not bound.
                assertThat(report.check(CheckName.CERTIFICATE_KEY).orElseThrow().outcome()).isEqualTo(Check.Outcome.FAILED);
            }
            assertThat(result.credentials()).hasSize(file.contains("vp") ? 2 : 1);
        }

        @Test
        void badSignature() throws IOException {
            VerificationResult result = verify("xfsc/loire/cat-integration/vc20-invalid/bad-signature.vc2.jwt");

            assertThat(check(result, 0, CheckName.SIGNATURE).outcome()).isEqualTo(Check.Outcome.FAILED);
        }

        @Test
        void expired() throws IOException {
            VerificationResult result = verify("xfsc/loire/cat-integration/vc20-invalid/participant-expired.vc2.jwt");

            assertThat(check(result, 0, CheckName.VALIDITY).message()).contains("expired");
            assertThat(check(result, 0, CheckName.SIGNATURE).ok()).isTrue();
        }

        @Test
        void holderIsNotTheSigner() throws IOException {
            VerificationResult result = verify("xfsc/loire/cat-integration/vc20-invalid/vp-iss-holder-mismatch.jwt");

            assertThat(check(result, 0, CheckName.HOLDER_BINDING).message()).contains("did:web:other-participant.example.com");
            assertThat(check(result, 0, CheckName.SIGNATURE).ok()).isTrue();
        }

        @ParameterizedTest
        @ValueSource(strings = {"participant.evc.jsonld", "participant.evp.jsonld"})
        void envelopedCredentialsAreUnwrappedAndVerified(String file) throws IOException {
            VerificationResult result = verify("xfsc/loire/cat-integration/enveloped-valid/" + file);

            assertThat(result.credentials()).hasSize(file.contains("evp") ? 2 : 1);
            assertThat(result.credentials()).allSatisfy(r -> assertThat(r.check(CheckName.SIGNATURE).orElseThrow().ok()).isTrue());
        }
    }

    @Test
    void gaiaxTagusPresentationsNameTheirUnresolvableIssuers() throws IOException {
        VerificationResult result = verify("gaiax/tagus-2210/vp/participant-vp.json");

        List<String> messages = result.failures().stream().map(Check::message).toList();
        assertThat(messages).anyMatch(m -> m.contains("did:web:registration.lab.gaia-x.eu:v1"));
    }
}
