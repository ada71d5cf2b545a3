package eu.federator.catalogue.ingest;

import eu.federator.catalogue.ingest.IngestException.Reason;
import eu.federator.catalogue.schema.Schemas;
import eu.federator.catalogue.sd.SdKind;
import eu.federator.catalogue.sd.SelfDescription;
import eu.federator.catalogue.testing.TestDirectories;
import eu.federator.credentials.verify.CheckName;
import eu.federator.credentials.verify.CredentialVerifier;
import eu.federator.credentials.verify.VerifierSettings;
import eu.federator.credentials.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

import static eu.federator.catalogue.ingest.IngestTesting.problems;
import static eu.federator.catalogue.ingest.IngestTesting.refused;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The XFSC catalogue's own fixtures ({@code ../shared/fixtures/xfsc}, see its SOURCES.md) through the real ingest
 * pipeline. First Federator's verdict with the server's defaults, fixture by fixture and with the precise reason: it is
 * stricter than XFSC (the signer must be the issuer, a key must be the key of its certificate, chains must reach a
 * configured trust anchor, contexts must be bundled or allow-listed, dates must be dates). Then, with the operator
 * relaxations a test deployment would configure, the fixtures XFSC accepts are accepted and those it rejects are
 * still rejected, for the reason XFSC gives.
 */
class XfscFixturesIngestTest {
    /** Inside the validity of every "valid" fixture (the Loire JWTs end 2027-12-31). */
    static final Instant AT = Instant.parse("2026-11-27T00:00:00Z");
    static final String COMPLIANCE_KEY = "did:web:compliance.lab.gaia-x.eu";
    static final String DID_SERVER_KEY = "did:web:did-server#jwt-key-1";
    /** The contexts XFSC fetches from the web when a fixture names them; Federator fetches only allow-listed ones. */
    static final Set<String> CLASSIC_CONTEXTS = Set.of("https://www.w3.org/2018/credentials/examples/v1", "https://www.w3.org/ns/odrl.jsonld",
            "https://identity.foundation/presentation-exchange/submission/v1");
    static final String CONTEXT_2511 = "https://w3id.org/gaia-x/2511";

    static Path fixtures;
    static Path work;
    /** The roots of the fixtures' certificates: the self-signed classic cert and did-server's "FC Test CA". */
    static Path anchors;
    static IngestPipeline server;

    @BeforeAll
    static void setUp() throws IOException {
        fixtures = TestDirectories.fixtures().resolve("xfsc");
        work = TestDirectories.newDataDir("federator-xfsc-ingest-");
        String chain = Files.readString(fixtures.resolve("loire/did-server/chain.pem"));
        String fcTestCa = chain.substring(chain.indexOf("-----BEGIN", chain.indexOf("-----END")));
        anchors = work.resolve("anchors.pem");
        Files.writeString(anchors, Files.readString(fixtures.resolve("classic/keys/cert.ss.pem")) + fcTestCa);
        server = IngestTesting.pipeline(verifier(VerifierSettings.defaults().withWebMirror(fixtures.resolve("web")).withTrustAnchors(anchors)),
                IngestTesting.serverSchemas());
    }

    static CredentialVerifier verifier(VerifierSettings settings) {
        try {
            return CredentialVerifier.create(settings);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] read(String file) {
        try {
            return Files.readAllBytes(fixtures.resolve(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static IngestPipeline.Accepted analyse(IngestPipeline pipeline, String file, IngestSettings settings) {
        return pipeline.analyse(read(file), "application/json", settings, AT, null);
    }

    static IngestException refusal(IngestPipeline pipeline, String file, IngestSettings settings) {
        return refused(() -> analyse(pipeline, file, settings));
    }

    // ================================================================================================ server defaults

    static final String VP = "http://example.edu/verifiablePresentation/self-description1";
    static final String LP1 = "https://www.example.org/legalPerson1.json";
    static final String LP2 = "https://www.example.org/legalPerson2.json";
    static final String CRED_1872 = "http://example.edu/credentials/1872";
    static final String PARTICIPANT_VP = "ebc6f1c2vp";

    static Stream<Arguments> verdictsWithTheServerDefaults() {
        return Stream.of(
                // classic/sign: XFSC's VerificationServiceTest
                Arguments.of("classic/sign/valid_signature.json", List.of("input " + CheckName.HOLDER_BINDING,
                        "https://delta-dao.com/.well-known/participant.json " + CheckName.ISSUER_BINDING)),
                Arguments.of("classic/sign/valid_complex_signature.json", List.of(LP1 + " issuer.binding", LP2 + " issuer.binding")),
                Arguments.of("classic/sign/hasInvalidSignature.json", List.of(LP1 + " issuer.binding", LP2 + " proof.signature", LP2 + " issuer.binding")),
                Arguments.of("classic/sign/lacksSomeSignatures.json", List.of(VP + " proof.present", LP1 + " issuer.binding", LP2 + " issuer.binding")),
                Arguments.of("classic/sign/hasNoSignature1.json", List.of(VP + " proof.present", "http://example.edu/verifiableCred/participantVC proof.present",
                        "http://example.edu/verifiableCred/complianceOutput1 proof.present")),
                Arguments.of("classic/sign/hasInvalidSignatureType.json", List.of(VP + " key.resolved", VP + " proof.signature",
                        "http://example.edu/verifiableCred/participantVC proof.signature", "http://example.edu/verifiableCred/participantVC issuer.binding",
                        "http://example.edu/verifiableCred/complianceOutput1 proof.signature",
                        "http://example.edu/verifiableCred/complianceOutput1 issuer.binding")),
                Arguments.of("classic/sign/hasNoSignature2.json", List.of("http://dbpedia.org/resource/John_Lennon structure")),
                // classic/mock-data: the server tests (the issuance time 19:73:24 is no time: XFSC's parser rolls it over)
                Arguments.of("classic/mock-data/default-sd.json", List.of(CRED_1872 + " issuer.binding", CRED_1872 + " validity.period")),
                Arguments.of("classic/mock-data/sd_resource.json", List.of("http://example.org/presentations/3731 jsonld.context",
                        "http://example.org/presentations/3731 proof.signature", "verifiableCredential[0] jsonld.context",
                        "verifiableCredential[0] proof.signature")),
                Arguments.of("classic/mock-data/default_participant.json", List.of(PARTICIPANT_VP + " jsonld.context", PARTICIPANT_VP + " proof.signature",
                        PARTICIPANT_VP + " holder.binding", CRED_1872 + " issuer.binding")),
                Arguments.of("classic/mock-data/alternative_participant.json", List.of(PARTICIPANT_VP + " jsonld.context",
                        PARTICIPANT_VP + " proof.signature", PARTICIPANT_VP + " holder.binding", CRED_1872 + " issuer.binding")),
                Arguments.of("classic/mock-data/alternative2_participant.json", List.of(PARTICIPANT_VP + " jsonld.context",
                        PARTICIPANT_VP + " proof.signature", PARTICIPANT_VP + " holder.binding", CRED_1872 + " issuer.binding")),
                Arguments.of("classic/mock-data/unique_participant.json", List.of(PARTICIPANT_VP + " jsonld.context",
                        PARTICIPANT_VP + " proof.signature", PARTICIPANT_VP + " holder.binding", CRED_1872 + " issuer.binding")),
                Arguments.of("classic/mock-data/default-sd-service-offering.json", List.of("http://example.edu/credentials/1874 issuer.binding",
                        "http://example.edu/credentials/1874 validity.period")),
                Arguments.of("classic/mock-data/sd-without-issuer.json", List.of(CRED_1872 + " structure", CRED_1872 + " issuer.binding",
                        CRED_1872 + " validity.period")),
                Arguments.of("classic/mock-data/sd-without-credential-subject.json", List.of(CRED_1872 + " structure",
                        CRED_1872 + " issuer.binding", CRED_1872 + " validity.period")),
                Arguments.of("classic/mock-data/participant_without_proofs.json", List.of("input proof.present", CRED_1872 + " proof.present",
                        CRED_1872 + " validity.period")),
                Arguments.of("classic/mock-data/new_participant.json", List.of("input key.resolved", "input proof.signature",
                        CRED_1872 + " proof.algorithm", CRED_1872 + " validity.period")),
                // classic/validation: signed, and its "Invalid" twin changed after signing
                Arguments.of("classic/validation/legalPerson_one_VC_Valid.jsonld", List.of(LP1 + " issuer.binding")),
                Arguments.of("classic/validation/legalPerson_one_VC_Invalid.jsonld", List.of(VP + " proof.signature", LP1 + " proof.signature",
                        LP1 + " issuer.binding")),
                // loire/cat-integration: did-server's Ed25519 key is not the RSA key of its x5u certificate
                Arguments.of("loire/cat-integration/loire-valid/participant.loire.signed.jwt",
                        List.of("urn:uuid:12345678-1234-1234-1234-123456789012 certificate.key-match")),
                Arguments.of("loire/cat-integration/loire-valid/digital-service-offering.loire.signed.jwt", List.of("urn:uuid:bdd-dso-001 certificate.key-match")),
                Arguments.of("loire/cat-integration/loire-valid/service-offering.loire.signed.jwt", List.of("urn:uuid:bdd-so-001 certificate.key-match")),
                Arguments.of("loire/cat-integration/loire-valid/participant.vc2.signed.jwt", List.of("urn:uuid:jwt-bdd-vc2-1 certificate.key-match")),
                Arguments.of("loire/cat-integration/loire-valid/participant-vp.loire.signed.jwt", List.of("did:web:compliance-asset.example.org certificate.key-match",
                        "urn:uuid:12345678-1234-1234-1234-123456789012 certificate.key-match")),
                Arguments.of("loire/cat-integration/loire-valid/participant.vp2.signed.jwt", List.of("urn:uuid:jwt-bdd-vp2-1 certificate.key-match",
                        "urn:uuid:jwt-bdd-vc2-1 certificate.key-match")),
                Arguments.of("loire/cat-integration/enveloped-valid/participant.evc.jsonld",
                        List.of("urn:uuid:12345678-1234-1234-1234-123456789012 certificate.key-match")),
                Arguments.of("loire/cat-integration/enveloped-valid/participant.evp.jsonld", List.of("did:web:compliance-asset.example.org certificate.key-match",
                        "urn:uuid:12345678-1234-1234-1234-123456789012 certificate.key-match")),
                Arguments.of("loire/cat-integration/vc20-invalid/bad-signature.vc2.jwt", List.of("urn:uuid:jwt-bdd-vc2-1 proof.signature",
                        "urn:uuid:jwt-bdd-vc2-1 certificate.key-match")),
                Arguments.of("loire/cat-integration/vc20-invalid/bad-signature.vc2.jsonld", List.of("urn:uuid:jwt-bdd-vc2-1 proof.present")),
                Arguments.of("loire/cat-integration/vc20-invalid/participant-expired.vc2.jwt", List.of("urn:uuid:jwt-bdd-expired certificate.key-match",
                        "urn:uuid:jwt-bdd-expired validity.period")),
                Arguments.of("loire/cat-integration/vc20-invalid/vp-iss-holder-mismatch.jwt", List.of("urn:uuid:jwt-bdd-vp-mismatch-1 holder.binding",
                        "urn:uuid:jwt-bdd-vp-mismatch-1 certificate.key-match", "urn:uuid:jwt-bdd-vc2-1 certificate.key-match")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void verdictsWithTheServerDefaults(String file, List<String> failedChecks) {
        IngestException e = refusal(server, file, IngestSettings.defaults());

        assertThat(e.reason()).isEqualTo(Reason.VERIFICATION);
        assertThat(problems(e)).containsExactlyInAnyOrderElementsOf(failedChecks);
        assertThat(e.getMessage()).startsWith("verification failed: ");
    }

    @Test
    void theReasonsSayWhatIsWrong() {
        assertThat(refusal(server, "classic/sign/valid_signature.json", IngestSettings.defaults()).problems())
                .extracting(IngestException.Problem::message)
                .anySatisfy(m -> assertThat(m).contains("the holder is did:example:holder").contains(COMPLIANCE_KEY))
                .anySatisfy(m -> assertThat(m).contains("the issuer is https://www.handelsregister.de/").contains(COMPLIANCE_KEY));
        assertThat(refusal(server, "classic/sign/hasInvalidSignatureType.json", IngestSettings.defaults()).problems())
                .extracting(IngestException.Problem::message)
                .contains("unknown verification method https://example.edu/issuers/565049#key-1: not a DID URL, so no DID document says whose key it is");
        assertThat(refusal(server, "classic/mock-data/sd-without-credential-subject.json", IngestSettings.defaults()).problems())
                .extracting(IngestException.Problem::message).contains("VerifiableCredential[0] must contain 'credentialSubject' property");
        assertThat(refusal(server, "classic/mock-data/default-sd.json", IngestSettings.defaults()).problems())
                .extracting(IngestException.Problem::message).anySatisfy(m -> assertThat(m).contains("\"2010-01-01T19:73:24Z\" is not an XML Schema dateTime"));
        assertThat(refusal(server, "classic/mock-data/sd_resource.json", IngestSettings.defaults()).problems())
                .extracting(IngestException.Problem::message).anySatisfy(m -> assertThat(m)
                        .contains("https://www.w3.org/2018/credentials/examples/v1 is neither bundled nor allow-listed"));
        assertThat(refusal(server, "loire/cat-integration/loire-valid/participant.vc2.signed.jwt", IngestSettings.defaults()).problems())
                .singleElement().extracting(IngestException.Problem::message).asString()
                .contains("OKP Ed25519 kid " + DID_SERVER_KEY).contains("CN=FC Test Signer").contains("RSA 2048");
        assertThat(refusal(server, "loire/cat-integration/vc20-invalid/participant-expired.vc2.jwt", IngestSettings.defaults()).problems())
                .extracting(IngestException.Problem::message).anySatisfy(m -> assertThat(m).contains("expired: validUntil was 2001-09-09T01:46:40Z"));
        assertThat(refusal(server, "loire/cat-integration/vc20-invalid/vp-iss-holder-mismatch.jwt", IngestSettings.defaults()).problems())
                .extracting(IngestException.Problem::message)
                .contains("the presentation is signed by did:web:did-server but the holder says did:web:other-participant.example.com");
    }

    // ================================================================================================ trust anchors

    @Test
    void aCertificateChainMustReachAConfiguredTrustAnchor() throws IOException {
        CredentialVerifier withContexts = verifier(VerifierSettings.defaults().withWebMirror(fixtures.resolve("web"))
                .withAllowedContexts(CLASSIC_CONTEXTS).withTrustAnchors(anchors));
        // sd_resource.json is signed by its own issuer: with the contexts it names allowed, Federator accepts it as it is
        IngestPipeline.Accepted accepted = analyse(IngestTesting.pipeline(withContexts, IngestTesting.serverSchemas()),
                "classic/mock-data/sd_resource.json", IngestSettings.defaults());
        assertThat(accepted.sd().metadata().kind()).isEqualTo(SdKind.RESOURCE);
        assertThat(accepted.sd().metadata().validators()).containsExactly(COMPLIANCE_KEY);
        assertThat(accepted.warnings()).isEmpty();

        // ... but not when the root of its certificate is not one the operator trusts
        Path otherRoot = work.resolve("fc-test-ca-only.pem");
        String chain = Files.readString(fixtures.resolve("loire/did-server/chain.pem"));
        Files.writeString(otherRoot, chain.substring(chain.indexOf("-----BEGIN", chain.indexOf("-----END"))));
        CredentialVerifier otherAnchors = verifier(VerifierSettings.defaults().withWebMirror(fixtures.resolve("web"))
                .withAllowedContexts(CLASSIC_CONTEXTS).withTrustAnchors(otherRoot));
        IngestException e = refusal(IngestTesting.pipeline(otherAnchors, IngestTesting.serverSchemas()), "classic/mock-data/sd_resource.json",
                IngestSettings.defaults());
        assertThat(e.reason()).isEqualTo(Reason.VERIFICATION);
        assertThat(problems(e)).containsExactlyInAnyOrder("http://example.org/presentations/3731 certificate.chain",
                "verifiableCredential[0] certificate.chain");
    }

    @Test
    void aSubjectIdThatItsContextMakesACompactIriIsReadAsJsonLdExpandsIt() {
        CredentialVerifier withContexts = verifier(VerifierSettings.defaults().withWebMirror(fixtures.resolve("web"))
                .withAllowedContexts(CLASSIC_CONTEXTS).withTrustAnchors(anchors));

        SelfDescription sd = analyse(IngestTesting.pipeline(withContexts, IngestTesting.serverSchemas()), "classic/mock-data/sd_resource.json",
                IngestSettings.defaults()).sd().metadata();

        // its credentialSubject context maps "did" to https://www.w3.org/TR/did-core/#, so did:example:... is a compact IRI
        assertThat(sd.subject()).isEqualTo("https://www.w3.org/TR/did-core/#example:fad49ec6-d488-4bf9-bae5-d0ffa62a9bd2");
        assertThat(sd.types()).containsExactly("https://w3id.org/gaia-x/gax-trust-framework#Resource");
        assertThat(sd.title()).isEqualTo("ExampleResourceForFederatedCatalogue");
    }

    // ================================================================================================ as XFSC's tests run

    /**
     * XFSC's test configuration: no shapes, the gax test ontology, and every context fetched; its validator cache makes
     * {@code did:web:compliance.lab.gaia-x.eu} the key of any issuer, which Federator can only take as the operator's
     * explicit relaxation of issuer and holder binding.
     */
    @Nested
    class ClassicAsXfscTestsRunThem {
        final IngestPipeline pipeline = IngestTesting.pipeline(verifier(VerifierSettings.defaults().withWebMirror(fixtures.resolve("web"))
                        .withAllowedContexts(CLASSIC_CONTEXTS).withTrustAnchors(anchors)),
                IngestTesting.schemas(fixtures.resolve("classic/mock-data/gax-test-ontology.ttl")));
        final IngestSettings relaxed = IngestSettings.defaults().withRelaxedChecks(Set.of(CheckName.ISSUER_BINDING, CheckName.HOLDER_BINDING));

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {"classic/sign/valid_signature.json", "classic/sign/valid_complex_signature.json",
                "classic/validation/legalPerson_one_VC_Valid.jsonld"})
        void theSignedFixturesXfscAcceptsAreAcceptedWithExactlyOneValidator(String file) {
            IngestPipeline.Accepted accepted = analyse(pipeline, file, relaxed);

            assertThat(accepted.sd().metadata().kind()).isEqualTo(SdKind.PARTICIPANT);
            assertThat(accepted.sd().metadata().validators()).containsExactly(COMPLIANCE_KEY);
            assertThat(accepted.warnings()).anySatisfy(w -> assertThat(w).startsWith("relaxed check failed: ").contains(CheckName.ISSUER_BINDING));
        }

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {"default_participant", "alternative_participant", "alternative2_participant", "unique_participant"})
        void theParticipantsOfTheServerTestsAreParticipantsOfTheirIssuer(String name) {
            SelfDescription sd = analyse(pipeline, "classic/mock-data/" + name + ".json", relaxed).sd().metadata();

            String issuer = switch (name) {
                case "default_participant" -> "did:example:issuer";
                case "alternative_participant" -> "did:example:new-issuer";
                case "alternative2_participant" -> "did:example:extra-issuer";
                default -> "did:example:unique-issuer";
            };
            assertThat(sd.kind()).isEqualTo(SdKind.PARTICIPANT);
            assertThat(sd.issuer()).isEqualTo(issuer);
            assertThat(sd.provider()).as("the participant id XFSC registers").isEqualTo(issuer);
            assertThat(sd.validFrom()).isEqualTo(Instant.parse("2010-01-01T19:23:24Z"));
        }

        @Test
        void theServerTestOfferingsNeedTheirImpossibleIssuanceTimeRelaxedToo() {
            IngestSettings lenientDates = IngestSettings.defaults().withRelaxedChecks(Set.of(CheckName.ISSUER_BINDING, CheckName.HOLDER_BINDING,
                    CheckName.VALIDITY));

            assertThat(refusal(pipeline, "classic/mock-data/default-sd.json", relaxed).problems()).singleElement()
                    .extracting(IngestException.Problem::check).isEqualTo(CheckName.VALIDITY);
            for (String file : List.of("classic/mock-data/default-sd.json", "classic/mock-data/default-sd-service-offering.json")) {
                IngestPipeline.Accepted accepted = analyse(pipeline, file, lenientDates);
                assertThat(accepted.sd().metadata().kind()).as(file).isEqualTo(SdKind.SERVICE_OFFERING);
                assertThat(accepted.sd().metadata().validFrom()).as("an impossible date is no date").isNull();
            }
        }

        @Test
        void theFixturesXfscRejectsAreStillRejectedForTheReasonXfscGives() {
            // "Signatures error; VerifiableCredential does not match with proof"
            assertThat(problems(refusal(pipeline, "classic/sign/hasInvalidSignature.json", relaxed))).containsExactly(LP2 + " proof.signature");
            // "Signatures error; No proof found"
            assertThat(problems(refusal(pipeline, "classic/sign/hasNoSignature1.json", relaxed))).containsExactlyInAnyOrder(
                    VP + " proof.present", "http://example.edu/verifiableCred/participantVC proof.present", "http://example.edu/verifiableCred/complianceOutput1 proof.present");
            assertThat(problems(refusal(pipeline, "classic/mock-data/participant_without_proofs.json", relaxed)))
                    .contains(CRED_1872 + " proof.present");
            // "Signatures error; Unknown Verification Method: https://example.edu/issuers/565049#key-1"
            assertThat(problems(refusal(pipeline, "classic/sign/hasInvalidSignatureType.json", relaxed))).contains(VP + " key.resolved");
            // not a VP or VC at all
            assertThat(problems(refusal(pipeline, "classic/sign/hasNoSignature2.json", relaxed)))
                    .containsExactly("http://dbpedia.org/resource/John_Lennon structure");
            // 422: no issuer; "Semantic Errors: ... VerifiableCredential[0] must contain 'credentialSubject' property"
            IngestException noIssuer = refusal(pipeline, "classic/mock-data/sd-without-issuer.json", relaxed);
            assertThat(noIssuer.reason()).isEqualTo(Reason.VERIFICATION);
            assertThat(problems(noIssuer)).contains(CRED_1872 + " structure");
            IngestException noSubject = refusal(pipeline, "classic/mock-data/sd-without-credential-subject.json", relaxed);
            assertThat(noSubject.reason()).isEqualTo(Reason.VERIFICATION);
            assertThat(noSubject.problems()).anySatisfy(p -> assertThat(p.message()).isEqualTo("VerifiableCredential[0] must contain 'credentialSubject' property"));
            // its signatures verify only because the relaxed checks are not about signatures
            assertThat(problems(refusal(pipeline, "classic/validation/legalPerson_one_VC_Invalid.jsonld", relaxed)))
                    .containsExactlyInAnyOrder(VP + " proof.signature", LP1 + " proof.signature");
        }

        @Test
        void withSemanticsAndSignatureChecksOffAPresentationWithoutProofsIsAcceptedAsInXfsc() {
            IngestPipeline.Accepted accepted = analyse(pipeline, "classic/mock-data/participant_without_proofs.json",
                    IngestSettings.defaults().withToggles(false, true, false, false));

            assertThat(accepted.sd().metadata().kind()).isEqualTo(SdKind.PARTICIPANT);
            assertThat(accepted.sd().metadata().validators()).isEmpty();
            assertThat(accepted.warnings()).anyMatch(w -> w.startsWith("skipped: ") && w.contains(CheckName.SIGNATURE));
        }

        @Test
        void aPresentationWithoutItsOwnProofIsRefusedAsInXfscUnlessPresentationSignaturesAreOff() {
            // the trust core takes an unsigned VP as a container (as GXDCH does); the catalogue wants the holder's proof
            assertThatThrownBy(() -> analyse(pipeline, "classic/sign/lacksSomeSignatures.json", relaxed))
                    .isInstanceOfSatisfying(IngestException.class, e -> assertThat(e.problems())
                            .anySatisfy(p -> assertThat(p.check()).isEqualTo(CheckName.PROOF_PRESENT)));

            IngestPipeline.Accepted accepted = analyse(pipeline, "classic/sign/lacksSomeSignatures.json",
                    relaxed.withToggles(true, true, false, true));
            assertThat(accepted.verification().credentials()).filteredOn(r -> "VerifiableCredential".equals(r.kind())).hasSize(2);
        }
    }

    // ================================================================================================ the classic SHACL tests

    @Test
    void classicValidationFixturesAgainstXfscsMergedShapes() {
        Schemas merged = IngestTesting.schemas(fixtures.resolve("classic/schema-tests/mergedShapesGraph.ttl"),
                fixtures.resolve("classic/mock-data/gax-test-ontology.ttl"));
        IngestPipeline pipeline = IngestTesting.pipeline(verifier(VerifierSettings.defaults().withWebMirror(fixtures.resolve("web"))), merged);
        // XFSC runs only SHACL on these (the Invalid one's proofs no longer match its content)
        IngestSettings shaclOnly = IngestSettings.defaults().withToggles(true, true, false, false);

        assertThat(analyse(pipeline, "classic/validation/legalPerson_one_VC_Valid.jsonld", shaclOnly).sd().metadata().kind())
                .isEqualTo(SdKind.PARTICIPANT);
        IngestException e = refusal(pipeline, "classic/validation/legalPerson_one_VC_Invalid.jsonld", shaclOnly);
        assertThat(e.reason()).isEqualTo(Reason.SCHEMA);
        assertThat(e.problems()).singleElement().satisfies(p -> {
            assertThat(p.focus()).isEqualTo("https://w3id.org/gaia-x/gax-trust-framework#Provider1");
            assertThat(p.check()).isEqualTo("sh:MinCountConstraintComponent");
            assertThat(p.message()).contains("https://w3id.org/gaia-x/gax-trust-framework#registrationNumber").contains("minCount[1]");
        });
    }

    // ================================================================================================ robustness

    static final String[] AWKWARD = {"", " ", "http://a b", "_:b0", "_:", "@id", "@type", "@context", "@graph", "@vocab", "@base", "@list",
            "@reverse", "@nest", "@json", "@value", "urn:", ":", "http://", "did:web:", "\u0000", "\"", "\\", "https://example.org/%zz",
            "http://[::1", "a:b:c", "https://w3id.org/gaia-x/2511#LegalPerson", "2026-13-45T99:99:99Z", "http://www.w3.org/2001/XMLSchema#int"};

    /** Replaces values and keys with awkward JSON-LD, drops members, doubles values: always valid JSON. */
    static JsonValue mutate(JsonValue v, Random random, int depth) {
        if (random.nextInt(8) == 0 || depth > 12) {
            String awkward = AWKWARD[random.nextInt(AWKWARD.length)];
            return switch (random.nextInt(7)) {
                case 0 -> JsonValue.NULL;
                case 1 -> Json.provider().createValue(random.nextInt());
                case 2 -> Json.provider().createArrayBuilder().build();
                case 3 -> Json.provider().createObjectBuilder().add("@id", awkward).build();
                case 4 -> Json.provider().createObjectBuilder().add("@value", awkward).add("@type", AWKWARD[random.nextInt(AWKWARD.length)]).build();
                case 5 -> Json.provider().createArrayBuilder().add(v).add(v).build();
                default -> Json.provider().createValue(awkward);
            };
        }
        if (v instanceof JsonObject o) {
            var b = Json.provider().createObjectBuilder();
            o.forEach((key, value) -> {
                if (random.nextInt(15) != 0) {
                    b.add(random.nextInt(20) == 0 ? AWKWARD[random.nextInt(AWKWARD.length)] : key, mutate(value, random, depth + 1));
                }
            });
            return b.build();
        }
        if (v instanceof JsonArray a) {
            var b = Json.provider().createArrayBuilder();
            a.forEach(e -> b.add(mutate(e, random, depth + 1)));
            return b.build();
        }
        return v;
    }

    @Test
    void mutatedFixturesReachEveryStageAndOnlyEverGiveIngestExceptions() throws Exception {
        // signatures off, so that damaged documents get to JSON-LD, classification and SHACL
        Schemas schemas = IngestTesting.schemas(fixtures.resolve("loire/validation/gx-2511-test-shapes.ttl"),
                fixtures.resolve("classic/schema-tests/mergedShapesGraph.ttl"), fixtures.resolve("classic/mock-data/gax-test-ontology.ttl"));
        IngestPipeline pipeline = IngestTesting.pipeline(verifier(VerifierSettings.defaults().withWebMirror(fixtures.resolve("web"))
                .withAllowedContexts(CLASSIC_CONTEXTS)), schemas);
        List<JsonObject> seeds = new ArrayList<>();
        for (String file : List.of("loire/validation/loire_legalPerson_valid.jsonld", "classic/validation/legalPerson_one_VC_Valid.jsonld",
                "classic/mock-data/sd_resource.json", "loire/cat-integration/enveloped-valid/participant.evp.jsonld")) {
            seeds.add(Json.parseObject(read(file)));
        }
        Random random = new Random(20261130);
        Map<String, Integer> outcomes = new TreeMap<>();
        for (int i = 0; i < 400; i++) {
            byte[] input = mutate(seeds.get(i % seeds.size()), random, 0).toString().getBytes(StandardCharsets.UTF_8);
            try {
                pipeline.analyse(input, "application/json", IngestSettings.defaults().withToggles(i % 2 == 0, true, false, false), AT, null);
                outcomes.merge("accepted", 1, Integer::sum);
            } catch (IngestException e) {
                outcomes.merge(e.reason().name(), 1, Integer::sum);
                assertThat(e.getMessage()).isNotBlank();
            } catch (RuntimeException | StackOverflowError e) {
                throw new AssertionError("escaped as " + e + " on: " + new String(input, StandardCharsets.UTF_8), e);
            }
        }
        assertThat(outcomes).containsKeys("accepted", Reason.SEMANTICS.name(), Reason.SCHEMA.name(), Reason.VERIFICATION.name());
    }

    // ================================================================================================ Loire

    /** did-server's fixtures: its key-to-certificate mismatch relaxed, and the 2511 context. */
    @Nested
    class LoireAsXfscAcceptsThem {
        final IngestSettings keyMatchRelaxed = IngestSettings.defaults().withRelaxedChecks(Set.of(CheckName.CERTIFICATE_KEY));

        IngestPipeline withTestContext() throws IOException {
            Path mirror = work.resolve("web-with-2511");
            if (!Files.exists(mirror)) {
                copy(fixtures.resolve("web"), mirror);
                Files.createDirectories(mirror.resolve("w3id.org/gaia-x"));
                // No copy of https://w3id.org/gaia-x/2511 exists (SOURCES.md); this stand-in only maps the prefix the fixtures use
                Files.writeString(mirror.resolve("w3id.org/gaia-x/2511"), """
                        {
                          "comment": "Made by Federator's XfscFixturesIngestTest, not a Gaia-X document: a stand-in for the missing 2511 context that maps gx to https://w3id.org/gaia-x/2511# and nothing else",
                          "@context": {"gx": "https://w3id.org/gaia-x/2511#"}
                        }
                        """);
            }
            return IngestTesting.pipeline(verifier(VerifierSettings.defaults().withWebMirror(mirror).withTrustAnchors(anchors)
                    .withAllowedContexts(Set.of(CONTEXT_2511))), IngestTesting.serverSchemas());
        }

        static void copy(Path from, Path to) throws IOException {
            try (Stream<Path> walk = Files.walk(from)) {
                for (Path p : walk.toList()) {
                    Path target = to.resolve(from.relativize(p).toString());
                    if (Files.isDirectory(p)) {
                        Files.createDirectories(target);
                    } else {
                        Files.copy(p, target);
                    }
                }
            }
        }

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {"loire-valid/participant.loire.signed.jwt", "loire-valid/participant.vc2.signed.jwt",
                "loire-valid/participant-vp.loire.signed.jwt", "loire-valid/participant.vp2.signed.jwt", "loire-valid/service-offering.loire.signed.jwt",
                "loire-valid/digital-service-offering.loire.signed.jwt", "enveloped-valid/participant.evc.jsonld", "enveloped-valid/participant.evp.jsonld"})
        void withoutThe2511ContextTheSubjectsCannotBeRead(String file) {
            IngestException e = refusal(server, "loire/cat-integration/" + file, keyMatchRelaxed);

            assertThat(e.reason()).isEqualTo(Reason.SEMANTICS);
            assertThat(e.problems()).singleElement().satisfies(p -> {
                assertThat(p.check()).isEqualTo(CheckName.JSONLD_CONTEXT);
                assertThat(p.message()).contains("cannot be read as JSON-LD").contains(CONTEXT_2511 + " is neither bundled nor allow-listed");
            });
        }

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {"loire-valid/participant.loire.signed.jwt", "loire-valid/participant.vc2.signed.jwt",
                "loire-valid/participant-vp.loire.signed.jwt", "loire-valid/participant.vp2.signed.jwt", "loire-valid/service-offering.loire.signed.jwt",
                "loire-valid/digital-service-offering.loire.signed.jwt", "enveloped-valid/participant.evc.jsonld", "enveloped-valid/participant.evp.jsonld"})
        void withItAndTheKeyMatchRelaxedTheFixturesXfscAcceptsAreAccepted(String file) throws IOException {
            IngestPipeline.Accepted accepted = analyse(withTestContext(), "loire/cat-integration/" + file, keyMatchRelaxed);

            SelfDescription sd = accepted.sd().metadata();
            assertThat(sd.kind()).isEqualTo(file.contains("offering") ? SdKind.SERVICE_OFFERING : SdKind.PARTICIPANT);
            assertThat(sd.subject()).isEqualTo(switch (file) {
                case "loire-valid/service-offering.loire.signed.jwt" -> "https://service-provider.example.com/offering/1";
                case "loire-valid/digital-service-offering.loire.signed.jwt" -> "https://service-provider.example.com/digital-offering/1";
                default -> "did:web:participant.example.com";
            });
            assertThat(sd.types()).allSatisfy(t -> assertThat(t).startsWith("https://w3id.org/gaia-x/2511#"));
            assertThat(sd.issuer()).isEqualTo("did:web:did-server");
            assertThat(sd.validators()).containsExactly(DID_SERVER_KEY);
            assertThat(sd.expirationTime()).isEqualTo(Instant.parse("2027-12-31T23:59:59Z"));
            assertThat(accepted.warnings()).allSatisfy(w -> assertThat(w).startsWith("relaxed check failed: ").contains(CheckName.CERTIFICATE_KEY));
        }

        @Test
        void theFixturesXfscRejectsAreStillRejectedForTheirReason() throws IOException {
            IngestPipeline pipeline = withTestContext();

            assertThat(problems(refusal(pipeline, "loire/cat-integration/vc20-invalid/bad-signature.vc2.jwt", keyMatchRelaxed)))
                    .containsExactly("urn:uuid:jwt-bdd-vc2-1 proof.signature");
            assertThat(problems(refusal(pipeline, "loire/cat-integration/vc20-invalid/participant-expired.vc2.jwt", keyMatchRelaxed)))
                    .containsExactly("urn:uuid:jwt-bdd-expired validity.period");
            assertThat(problems(refusal(pipeline, "loire/cat-integration/vc20-invalid/vp-iss-holder-mismatch.jwt", keyMatchRelaxed)))
                    .containsExactly("urn:uuid:jwt-bdd-vp-mismatch-1 holder.binding");
            // the payload the bad-signature JWT was made from, unsigned
            assertThat(problems(refusal(pipeline, "loire/cat-integration/vc20-invalid/bad-signature.vc2.jsonld", keyMatchRelaxed)))
                    .containsExactly("urn:uuid:jwt-bdd-vc2-1 proof.present");
        }

        @Test
        void shaclWithThe2511TestShapesAsTheOnlyShapeSchema() {
            Schemas shapes = IngestTesting.schemas(fixtures.resolve("loire/validation/gx-2511-test-shapes.ttl"));
            IngestPipeline pipeline = IngestTesting.pipeline(verifier(VerifierSettings.defaults().withWebMirror(fixtures.resolve("web"))), shapes);
            // unsigned VC 2.0 presentations, used by XFSC for SHACL only
            IngestSettings shaclOnly = IngestSettings.defaults().withToggles(true, true, false, false);

            assertThat(analyse(pipeline, "loire/validation/loire_legalPerson_valid.jsonld", shaclOnly).sd().metadata().kind()).isEqualTo(SdKind.PARTICIPANT);

            IngestException missing = refusal(pipeline, "loire/validation/loire_legalPerson_missing_required.jsonld", shaclOnly);
            assertThat(missing.reason()).isEqualTo(Reason.SCHEMA);
            assertThat(missing.problems()).singleElement().satisfies(p -> {
                assertThat(p.focus()).isEqualTo("did:web:participant.example.com");
                assertThat(p.check()).isEqualTo("sh:MinCountConstraintComponent");
                assertThat(p.message()).startsWith("<https://w3id.org/gaia-x/2511#registrationNumber>: ");
            });
            assertThat(missing.getMessage()).startsWith("the claims do not conform to the shapes (1 violation(s))");

            IngestException closed = refusal(pipeline, "loire/validation/loire_legalPerson_closed_violation.jsonld", shaclOnly);
            assertThat(closed.reason()).isEqualTo(Reason.SCHEMA);
            assertThat(closed.problems()).singleElement().satisfies(p -> {
                assertThat(p.focus()).isEqualTo("did:web:participant.example.com");
                assertThat(p.check()).isEqualTo("sh:ClosedConstraintComponent");
                assertThat(p.message()).contains("https://example.com/unexpectedProperty");
            });
        }
    }
}
