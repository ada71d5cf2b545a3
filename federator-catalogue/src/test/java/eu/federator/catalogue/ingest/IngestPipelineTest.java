package eu.federator.catalogue.ingest;

import eu.federator.catalogue.ingest.IngestException.Reason;
import eu.federator.catalogue.sd.BundledCredential;
import eu.federator.catalogue.sd.NewSelfDescription;
import eu.federator.catalogue.sd.SdKind;
import eu.federator.catalogue.sd.SelfDescription;
import eu.federator.catalogue.testing.TestDirectories;
import eu.federator.credentials.json.Json;
import eu.federator.credentials.verify.CheckName;
import eu.federator.credentials.verify.CredentialVerifier;
import eu.federator.trustframework.bundle.TrustFrameworks;
import eu.federator.trustframework.compliance.ComplianceEngine;
import eu.federator.trustframework.compliance.ComplianceOptions;
import eu.federator.trustframework.compliance.ComplianceReport;
import eu.federator.trustframework.compliance.ComplianceWorld;
import eu.federator.trustframework.compliance.LabelLevel;
import eu.federator.trustframework.identity.ServiceIdentity;
import eu.federator.trustframework.issue.ComplianceCredentials;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.sparql.graph.GraphFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.function.Consumer;

import static eu.federator.catalogue.ingest.IngestTesting.problems;
import static eu.federator.catalogue.ingest.IngestTesting.refused;
import static eu.federator.trustframework.compliance.ComplianceWorld.ACCEPTED_HASH;
import static eu.federator.trustframework.compliance.ComplianceWorld.NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

/**
 * The ingest pipeline with real credentials: Gaia-X Loire presentations signed by did:web parties of a
 * {@link ComplianceWorld} (certified by a test root, answered offline from its web mirror), the server's default
 * schemas, and label credentials issued by a real {@link ComplianceEngine} run. What a submission becomes (kind,
 * subject, provider, bundled credentials), classification, SHACL, the compliance requirement, and robustness.
 */
class IngestPipelineTest {
    static final String GX = "https://w3id.org/gaia-x/development#";
    static final String BASE = "https://participant.example.org/credentials/";

    static ComplianceWorld world;
    static ComplianceWorld.Loire loire;
    static CredentialVerifier verifier;
    static IngestPipeline pipeline;
    /** The provider's LegalPerson, registration number (by the notary) and gx:Issuer credentials, signed once. */
    static List<String> participantCredentials;

    @BeforeAll
    static void world() throws Exception {
        Path dir = TestDirectories.newDataDir("federator-ingest-world-");
        world = new ComplianceWorld(dir);
        loire = world.new Loire();
        verifier = CredentialVerifier.create(world.settings());
        pipeline = IngestTesting.pipeline(verifier, IngestTesting.serverSchemas());
        participantCredentials = List.of(world.sign(loire.legalPerson(cs -> { }), loire.participant),
                world.sign(loire.registrationNumber(loire.notary), loire.notary), world.sign(loire.issuer(ACCEPTED_HASH), loire.participant));
    }

    static IngestPipeline.Accepted analyse(String jwt, IngestSettings settings) {
        return pipeline.analyse(jwt.getBytes(StandardCharsets.US_ASCII), "application/vp+jwt", settings, NOW, null);
    }

    static IngestException refusal(String jwt, IngestSettings settings) {
        return refused(() -> analyse(jwt, settings));
    }

    static JsonObject offering(ComplianceWorld.Party issuer, String name, Consumer<JsonObjectBuilder> extra) {
        return ComplianceWorld.vc(issuer, BASE + name + ".json", "ServiceOffering", cs -> {
            cs.add("gx:providedBy", Json.provider().createObjectBuilder().add("id", loire.legalPersonSubject()));
            cs.add("gx:serviceOfferingTermsAndConditions", Json.provider().createObjectBuilder().add("type", "gx:TermsAndConditions")
                    .add("gx:url", Json.provider().createObjectBuilder().add("@value", "https://participant.example.org/terms").add("@type", "xsd:anyURI"))
                    .add("gx:hash", "0d6a4c3bbf6a7d2b3b2e0f6f3e1b4c5d6e7f8091a2b3c4d5e6f708192a3b4c5d"));
            cs.add("gx:keyword", name);
            extra.accept(cs);
        });
    }

    /** The provider presents its participant credentials with each offering, as GXDCH makes it. */
    static String offeringPresentation(String... offeringJwts) {
        List<String> credentials = new ArrayList<>(participantCredentials);
        credentials.addAll(List.of(offeringJwts));
        return world.presentation(loire.participant, credentials);
    }

    static String sha256Hex(String text) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.US_ASCII)));
    }

    // ================================================================================================ what a submission is

    @Test
    void aPresentationOfOnlyParticipantCredentialsIsTheParticipant() throws Exception {
        String vp = loire.compliant();

        IngestPipeline.Accepted accepted = analyse(vp, IngestSettings.defaults());

        SelfDescription sd = accepted.sd().metadata();
        assertThat(sd.kind()).isEqualTo(SdKind.PARTICIPANT);
        assertThat(sd.subject()).isEqualTo(loire.legalPersonSubject());
        assertThat(sd.types()).containsExactly(GX + "LegalPerson");
        assertThat(sd.issuer()).isEqualTo(loire.participant.did());
        assertThat(sd.provider()).isEqualTo(loire.participant.did());
        assertThat(sd.credentialIds()).containsExactlyInAnyOrder(BASE + "legal-person.json", BASE + "issuer.json",
                "https://notary.example.org/vat/BE0762747721.json");
        assertThat(sd.validators()).containsExactlyInAnyOrder(loire.participant.key().verificationMethod(), loire.notary.key().verificationMethod());
        assertThat(sd.validFrom()).isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));
        assertThat(sd.expirationTime()).isEqualTo(Instant.parse("2030-01-01T00:00:00Z"));
        assertThat(accepted.sd().bundled()).isEmpty();
        assertThat(sd.hash()).isEqualTo(sha256Hex(vp));
        assertThat(sd.format()).isNotBlank();
        assertThat(accepted.warnings()).isEmpty();
    }

    @Test
    void anOfferingPresentationIsTheOfferingWithTheParticipantCredentialsBundledAndTheParticipantAsProvider() throws Exception {
        // the offering's credential is issued by an operator on the provider's behalf: the provider is the participant
        ComplianceWorld.Party operator = world.party("operator.example.org");
        String offeringJwt = world.sign(offering(operator, "storage", cs -> cs.add("https://schema.org/name", "Object storage")), operator);
        String vp = offeringPresentation(offeringJwt);

        IngestPipeline.Accepted accepted = analyse(vp, IngestSettings.defaults());

        NewSelfDescription sd = accepted.sd();
        SelfDescription m = sd.metadata();
        assertThat(m.hash()).isEqualTo(sha256Hex(vp));
        assertThat(m.kind()).isEqualTo(SdKind.SERVICE_OFFERING);
        assertThat(m.subject()).isEqualTo(BASE + "storage.json#cs");
        assertThat(m.issuer()).isEqualTo(operator.did());
        assertThat(m.provider()).isEqualTo(loire.participant.did());
        assertThat(m.credentialIds()).containsExactly(BASE + "storage.json");
        assertThat(m.title()).isEqualTo("Object storage");
        assertThat(m.contentType()).isEqualTo("application/vp+jwt");
        assertThat(sd.content()).isEqualTo(vp.getBytes(StandardCharsets.US_ASCII));
        assertThat(sd.searchText()).contains(BASE + "storage.json#cs").contains("ServiceOffering").contains("Object storage");
        // the participant credentials are bundled, once each, as the compact JWS they came as
        assertThat(sd.bundled()).extracting(BundledCredential::id).containsExactlyInAnyOrder(BASE + "legal-person.json", BASE + "issuer.json",
                "https://notary.example.org/vat/BE0762747721.json");
        assertThat(sd.bundled()).filteredOn(b -> b.kind() == SdKind.PARTICIPANT).singleElement().satisfies(b -> {
            assertThat(b.issuer()).isEqualTo(loire.participant.did());
            assertThat(b.subject()).isEqualTo(loire.legalPersonSubject());
            assertThat(new String(b.content(), StandardCharsets.US_ASCII)).isEqualTo(participantCredentials.getFirst());
            assertThat(b.hash()).isEqualTo(sha256Hex(participantCredentials.getFirst()));
        });
        // the claims are the offering's only
        Graph claims = GraphFactory.createDefaultGraph();
        RDFParser.fromString(sd.claims(), Lang.NTRIPLES).parse(claims);
        assertThat(claims.contains(NodeFactory.createURI(BASE + "storage.json#cs"), NodeFactory.createURI(GX + "providedBy"),
                NodeFactory.createURI(loire.legalPersonSubject()))).isTrue();
        assertThat(claims.contains(NodeFactory.createURI(loire.legalPersonSubject()), Node.ANY,
                Node.ANY)).isFalse();
    }

    @Test
    void twoDifferentOfferingsInOneSubmissionAreRefused() {
        String a = world.sign(offering(loire.participant, "storage", cs -> { }), loire.participant);
        String b = world.sign(offering(loire.participant, "compute", cs -> { }), loire.participant);

        IngestException e = refusal(offeringPresentation(a, b), IngestSettings.defaults());

        assertThat(e.reason()).isEqualTo(Reason.SEMANTICS);
        assertThat(e.problems()).singleElement().satisfies(p -> {
            assertThat(p.check()).isEqualTo("one-subject");
            assertThat(p.message()).contains(BASE + "storage.json#cs").contains(BASE + "compute.json#cs");
        });
        assertThat(e.getMessage()).contains("submit each as its own self-description");
    }

    @Test
    void anOfferingAloneCannotShowItsProviderIsALegalPerson() {
        byte[] offeringJwt = world.sign(offering(loire.participant, "single", cs -> { }), loire.participant).getBytes(StandardCharsets.US_ASCII);

        IngestException e = refused(() -> pipeline.analyse(offeringJwt, "application/vc+jwt", IngestSettings.defaults(), NOW, null));
        assertThat(e.reason()).isEqualTo(Reason.SCHEMA);
        assertThat(e.problems()).singleElement().satisfies(p -> {
            assertThat(p.focus()).isEqualTo(BASE + "single.json#cs");
            assertThat(p.check()).isEqualTo("sh:ClassConstraintComponent");
            assertThat(p.message()).contains(GX + "providedBy").contains(GX + "LegalPerson");
        });

        // without schema validation it is its own self-description, its issuer the provider
        SelfDescription sd = pipeline.analyse(offeringJwt, "application/vc+jwt", IngestSettings.defaults().withSchemaValidation(false), NOW,
                "https://peer.example.org").sd().metadata();
        assertThat(sd.kind()).isEqualTo(SdKind.SERVICE_OFFERING);
        assertThat(sd.provider()).isEqualTo(loire.participant.did());
        assertThat(sd.origin()).isEqualTo("https://peer.example.org");
    }

    // ================================================================================================ classification

    /** A signed VC 2.0 credential whose subject has these full-IRI types and nothing else. */
    static String typed(String id, String... types) {
        var typeArray = Json.provider().createArrayBuilder();
        for (String t : types) {
            typeArray.add(t);
        }
        JsonObject vc = Json.provider().createObjectBuilder()
                .add("@context", Json.provider().createArrayBuilder().add("https://www.w3.org/ns/credentials/v2"))
                .add("type", Json.provider().createArrayBuilder().add("VerifiableCredential"))
                .add("id", BASE + id + ".json")
                .add("issuer", loire.participant.did())
                .add("validFrom", "2026-01-01T00:00:00Z")
                .add("validUntil", "2027-01-01T00:00:00Z")
                .add("credentialSubject", Json.provider().createObjectBuilder().add("id", BASE + id + ".json#cs").add("type", typeArray))
                .build();
        return world.sign(vc, loire.participant);
    }

    @Test
    void subjectsAreClassifiedByTheXfscGaxNamespaces() {
        assertThat(analyse(typed("p", "http://w3id.org/gaia-x/participant#Participant"), IngestSettings.defaults()).sd().metadata().kind())
                .isEqualTo(SdKind.PARTICIPANT);
        assertThat(analyse(typed("o", "http://w3id.org/gaia-x/service#ServiceOffering"), IngestSettings.defaults()).sd().metadata().kind())
                .isEqualTo(SdKind.SERVICE_OFFERING);
        assertThat(analyse(typed("r", "http://w3id.org/gaia-x/resource#Resource"), IngestSettings.defaults()).sd().metadata().kind())
                .isEqualTo(SdKind.RESOURCE);
    }

    @Test
    void subjectsAreClassifiedByTheSubclassesOfALoadedOntology() {
        String blockStorage = typed("block", "http://w3id.org/gaia-x/service#BlockStorage");
        IngestPipeline withGaxTestOntology = IngestTesting.pipeline(verifier,
                IngestTesting.schemas(TestDirectories.fixtures().resolve("xfsc/classic/mock-data/gax-test-ontology.ttl")));

        IngestPipeline.Accepted accepted = withGaxTestOntology.analyse(blockStorage.getBytes(StandardCharsets.US_ASCII), "application/vc+jwt",
                IngestSettings.defaults(), NOW, null);
        assertThat(accepted.sd().metadata().kind()).isEqualTo(SdKind.SERVICE_OFFERING);
        assertThat(accepted.warnings()).containsExactly("no shape schemas are loaded, so the claims were not validated (add shapes with POST /schemas)");

        // the server's default ontologies do not know it
        IngestException e = refusal(blockStorage, IngestSettings.defaults());
        assertThat(e.reason()).isEqualTo(Reason.SEMANTICS);
        assertThat(e.problems()).extracting(IngestException.Problem::check).containsExactly("base-class");
        assertThat(e.getMessage()).contains(BASE + "block.json#cs [http://w3id.org/gaia-x/service#BlockStorage]");
        // unless the operator does not require a base class
        IngestSettings anyKind = new IngestSettings(true, true, true, true, Set.of(), false, null);
        assertThat(analyse(blockStorage, anyKind).sd().metadata().kind()).isEqualTo(SdKind.OTHER);
    }

    // ================================================================================================ SHACL

    @Test
    void claimsThatBreakTheTrustFrameworkShapesAreASchemaErrorNamingFocusNodeAndConstraint() {
        // a LegalPerson without its legal address, against the server's 25.11 shapes
        JsonObject legalPerson = ComplianceWorld.vc(loire.participant, BASE + "no-address.json", "LegalPerson", cs ->
                cs.add("gx:registrationNumber", Json.provider().createObjectBuilder().add("id", "https://notary.example.org/vat/BE0762747721.json#cs"))
                        .add("gx:headquartersAddress", Json.provider().createObjectBuilder().add("type", "gx:Address").add("gx:countryCode", "BE")));
        String vp = world.presentation(loire.participant, List.of(world.sign(legalPerson, loire.participant),
                world.sign(loire.registrationNumber(loire.notary), loire.notary)));

        IngestException e = refusal(vp, IngestSettings.defaults());

        assertThat(e.reason()).isEqualTo(Reason.SCHEMA);
        assertThat(e.problems()).anySatisfy(p -> {
            assertThat(p.focus()).isEqualTo(BASE + "no-address.json#cs");
            assertThat(p.check()).isEqualTo("sh:MinCountConstraintComponent");
            assertThat(p.message()).contains(GX + "legalAddress");
        });
        // with schema validation switched off for the request it passes, and says so
        IngestPipeline.Accepted unchecked = analyse(vp, IngestSettings.defaults().withToggles(true, false, true, true));
        assertThat(unchecked.warnings()).contains("verifySchema=false: the claims were not validated against the shapes");
    }

    // ================================================================================================ compliance

    @Nested
    class ComplianceRequirement {
        static ComplianceEngine engine;
        static ServiceIdentity clearingHouse;
        static ServiceIdentity otherClearingHouse;

        @BeforeAll
        static void clearingHouses() throws Exception {
            engine = ComplianceEngine.create(world.settings(), TrustFrameworks.builtIn());
            clearingHouse = world.serviceIdentity("clearing-house.example.org");
            otherClearingHouse = world.serviceIdentity("other-clearing-house.example.org");
        }

        IngestSettings requiring(ServiceIdentity... trusted) {
            Set<String> dids = new HashSet<>();
            for (ServiceIdentity id : trusted) {
                dids.add(id.did());
            }
            return IngestSettings.defaults().withCompliance(new IngestSettings.ComplianceRequirement(true, dids));
        }

        String label(List<String> credentials, ServiceIdentity by) {
            return new ComplianceLabels(world, loire, engine, NOW).label(credentials, by, "1");
        }

        static List<String> with(List<String> credentials, String... more) {
            return ComplianceLabels.with(credentials, more);
        }

        @Test
        void withoutAComplianceCredentialTheSubmissionIsRefused() {
            IngestException e = refusal(loire.compliant(), requiring(clearingHouse));

            assertThat(e.reason()).isEqualTo(Reason.COMPLIANCE);
            assertThat(problems(e)).containsExactly("null compliance.present");
            assertThat(e.getMessage()).contains("gx:LabelCredential");
        }

        @Test
        void aLabelCredentialOfATrustedClearingHouseCoveringTheParticipantCredentialsIsAccepted() {
            String label = label(participantCredentials, clearingHouse);

            IngestPipeline.Accepted accepted = analyse(world.presentation(loire.participant, with(participantCredentials, label)),
                    requiring(clearingHouse));

            assertThat(accepted.sd().metadata().kind()).isEqualTo(SdKind.PARTICIPANT);
            assertThat(accepted.sd().metadata().subject()).isEqualTo(loire.legalPersonSubject());
            // the label is about the credentials, not one of them: bundled, its claims not the participant's
            assertThat(accepted.sd().metadata().credentialIds()).hasSize(3).doesNotContain("https://clearing-house.example.org/credential-offers/1");
            assertThat(accepted.sd().bundled()).extracting(BundledCredential::id).containsExactly("https://clearing-house.example.org/credential-offers/1");
            assertThat(accepted.sd().claims()).doesNotContain("LabelCredential");
            assertThat(accepted.sd().metadata().validFrom()).isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));
        }

        @Test
        void aLabelCredentialCoveringAnOfferingAndItsProviderIsAccepted() {
            String offeringJwt = world.sign(offering(loire.participant, "labelled", cs -> { }), loire.participant);
            List<String> credentials = with(participantCredentials, offeringJwt);
            String label = label(credentials, clearingHouse);

            IngestPipeline.Accepted accepted = analyse(world.presentation(loire.participant, with(credentials, label)), requiring(clearingHouse));

            assertThat(accepted.sd().metadata().kind()).isEqualTo(SdKind.SERVICE_OFFERING);
            assertThat(accepted.sd().bundled()).extracting(BundledCredential::id).contains("https://clearing-house.example.org/credential-offers/1");
        }

        @Test
        void aLabelOfAClearingHouseThatIsNotTrustedIsRefused() {
            String label = label(participantCredentials, otherClearingHouse);

            IngestException e = refusal(world.presentation(loire.participant, with(participantCredentials, label)), requiring(clearingHouse));

            assertThat(e.reason()).isEqualTo(Reason.COMPLIANCE);
            assertThat(e.problems()).anySatisfy(p -> {
                assertThat(p.check()).isEqualTo("compliance.issuer");
                assertThat(p.message()).contains(otherClearingHouse.did()).contains(clearingHouse.did());
            });
        }

        @Test
        void aCredentialChangedAfterTheComplianceRunIsRefused() {
            String label = label(participantCredentials, clearingHouse);
            // the same credential id, signed again with other content
            String changed = world.sign(loire.legalPerson(cs -> cs.add("gx:headquartersAddress", Json.provider().createObjectBuilder()
                    .add("type", "gx:Address").add("gx:countryCode", "DE"))), loire.participant);
            List<String> submitted = new ArrayList<>(participantCredentials);
            submitted.set(0, changed);

            IngestException e = refusal(world.presentation(loire.participant, with(submitted, label)), requiring(clearingHouse));

            assertThat(e.reason()).isEqualTo(Reason.COMPLIANCE);
            assertThat(problems(e)).containsExactly(BASE + "legal-person.json compliance.integrity");
        }

        @Test
        void aCredentialTheLabelDoesNotListIsRefused() {
            String label = label(participantCredentials, clearingHouse);
            String offeringJwt = world.sign(offering(loire.participant, "unlabelled", cs -> { }), loire.participant);

            IngestException e = refusal(world.presentation(loire.participant, with(participantCredentials, offeringJwt, label)),
                    requiring(clearingHouse));

            assertThat(e.reason()).isEqualTo(Reason.COMPLIANCE);
            assertThat(problems(e)).containsExactly(BASE + "unlabelled.json compliance.coverage");
        }
    }

    // ================================================================================================ robustness

    /** Whatever the bytes, the pipeline answers with an IngestException of the expected reasons, or accepts. */
    static void onlyIngestExceptions(byte[] input, Set<Reason> allowed) {
        assertThatCode(() -> {
            try {
                pipeline.analyse(input, "application/json", IngestSettings.defaults(), NOW, null);
            } catch (IngestException e) {
                assertThat(e.reason()).as(new String(input, StandardCharsets.ISO_8859_1)).isIn(allowed);
                assertThat(e.getMessage()).isNotBlank();
            }
        }).as(() -> "input: " + abbreviate(new String(input, StandardCharsets.ISO_8859_1))).doesNotThrowAnyException();
    }

    static String abbreviate(String s) {
        return s.length() > 200 ? s.substring(0, 200) + "…" : s;
    }

    @Test
    void truncatedJsonIsMalformed() {
        String json = Json.write(ComplianceWorld.vc(loire.participant, BASE + "x.json", "LegalPerson", cs -> { }));
        for (int cut = 0; cut < json.length(); cut += Math.max(1, json.length() / 60)) {
            byte[] input = json.substring(0, cut).getBytes(StandardCharsets.UTF_8);
            IngestException e = refused(() -> pipeline.analyse(input, "application/json", IngestSettings.defaults(), NOW, null));
            assertThat(e.reason()).as("cut at " + cut).isEqualTo(Reason.MALFORMED);
            assertThat(e.problems()).extracting(IngestException.Problem::check).as("cut at " + cut).contains(CheckName.SYNTAX);
        }
    }

    @Test
    void deepNestingIsMalformedNotAStackOverflow() {
        for (String open : List.of("[", "{\"a\":")) {
            String close = open.equals("[") ? "]" : "}";
            byte[] input = (open.repeat(100_000) + "1" + close.repeat(100_000)).getBytes(StandardCharsets.US_ASCII);
            IngestException e = refused(() -> pipeline.analyse(input, "application/json", IngestSettings.defaults(), NOW, null));
            assertThat(e.reason()).isEqualTo(Reason.MALFORMED);
        }
        // deep inside a credential subject, with valid JSON around it
        JsonObject deep = ComplianceWorld.vc(loire.participant, BASE + "deep.json", "LegalPerson", cs -> {
            var nested = Json.provider().createObjectBuilder().add("gx:value", "x").build();
            for (int i = 0; i < 500; i++) {
                nested = Json.provider().createObjectBuilder().add("gx:nested", nested).build();
            }
            cs.add("gx:nested", nested);
        });
        onlyIngestExceptions(Json.write(deep).getBytes(StandardCharsets.UTF_8), Set.of(Reason.MALFORMED));
        onlyIngestExceptions(world.sign(deep, loire.participant).getBytes(StandardCharsets.US_ASCII), Set.of(Reason.MALFORMED));
    }

    @Test
    void jwtsWithGarbageAreMalformedOrFailVerification() {
        String jwt = loire.compliant();
        String[] parts = jwt.split("\\.");
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        List<String> inputs = List.of(
                "a.b.c", "..", "eyJ.eyJ.", "not a jwt at all",
                parts[0] + "." + b64.encodeToString("garbage, not JSON".getBytes(StandardCharsets.UTF_8)) + "." + parts[2],
                parts[0] + "." + b64.encodeToString("{\"vp\":".getBytes(StandardCharsets.UTF_8)) + "." + parts[2],
                parts[0] + "." + b64.encodeToString("[1,2,3]".getBytes(StandardCharsets.UTF_8)) + "." + parts[2],
                b64.encodeToString("{\"alg\":\"none\"}".getBytes(StandardCharsets.UTF_8)) + "." + parts[1] + ".",
                b64.encodeToString("{\"alg\":\"HS256\",\"typ\":\"vp+jwt\"}".getBytes(StandardCharsets.UTF_8)) + "." + parts[1] + "." + parts[2],
                parts[0] + "." + parts[1] + "." + "A".repeat(parts[2].length()),
                parts[0] + "." + parts[1] + "." + parts[2] + "!!",
                parts[0] + "." + parts[1],
                jwt.substring(0, jwt.length() / 2),
                parts[0] + "." + parts[1].substring(0, parts[1].length() - 7) + "." + parts[2]);
        for (String input : inputs) {
            onlyIngestExceptions(input.getBytes(StandardCharsets.US_ASCII), Set.of(Reason.MALFORMED, Reason.VERIFICATION));
            assertThat(refused(() -> pipeline.analyse(input.getBytes(StandardCharsets.US_ASCII), "application/vp+jwt", IngestSettings.defaults(),
                    NOW, null)).reason()).as(input).isIn(Reason.MALFORMED, Reason.VERIFICATION);
        }
    }

    @Test
    void oddDocumentsAreRefusedWithAReason() {
        for (String input : List.of("", " ", "null", "42", "\"a string\"", "[]", "{}", "[{}]", "{\"@context\":42}", "\uFEFF{}",
                "{\"type\":\"VerifiablePresentation\",\"verifiableCredential\":[null, 1, \"x\", {}]}",
                "{\"@context\":[\"https://www.w3.org/ns/credentials/v2\"],\"type\":\"VerifiableCredential\",\"issuer\":{},\"credentialSubject\":[]}")) {
            onlyIngestExceptions(input.getBytes(StandardCharsets.UTF_8), Set.of(Reason.MALFORMED, Reason.VERIFICATION, Reason.SEMANTICS));
            assertThat(refused(() -> pipeline.analyse(input.getBytes(StandardCharsets.UTF_8), "application/json", IngestSettings.defaults(),
                    NOW, null))).as(input).isNotNull();
        }
        onlyIngestExceptions(new byte[]{(byte) 0xff, (byte) 0xfe, 0, 1, 2, (byte) 0xc3, (byte) 0x28}, Set.of(Reason.MALFORMED));
    }

    @Test
    void randomlyDamagedSubmissionsNeverEscapeAsAnotherException() {
        Random random = new Random(20261130);
        List<byte[]> seeds = List.of(loire.compliant().getBytes(StandardCharsets.US_ASCII),
                Json.write(ComplianceWorld.vc(loire.participant, BASE + "y.json", "LegalPerson", cs -> cs.add("gx:legalName", "Y"))).getBytes(StandardCharsets.UTF_8));
        for (int i = 0; i < 150; i++) {
            byte[] input = seeds.get(i % seeds.size()).clone();
            int damage = 1 + random.nextInt(4);
            for (int d = 0; d < damage; d++) {
                String damages = " {}[]\",:.\\0aZ~\u00e9";
                input[random.nextInt(input.length)] = (byte) damages.charAt(random.nextInt(damages.length()));
            }
            onlyIngestExceptions(input, Set.of(Reason.values()));
        }
    }
}
