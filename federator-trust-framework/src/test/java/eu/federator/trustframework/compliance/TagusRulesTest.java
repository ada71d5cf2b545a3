package eu.federator.trustframework.compliance;

import eu.federator.credentials.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One failing case per Tagus business and structural rule, derived from the GXDCH participant fixture (the signature
 * rules fail on every fixture already, see {@link TagusFixturesTest}; {@code tagus.proof-present} by the missing-proof
 * fixture). Edits invalidate the signatures, which is irrelevant to the rule under test.
 */
class TagusRulesTest {

    static Path fixtures = Path.of(System.getProperty("federator.fixtures")).resolve("gaiax/tagus-2210");
    @TempDir
    static Path dir;
    static ComplianceEngine engine;
    static JsonObject participantVp;

    @BeforeAll
    static void setUp() throws Exception {
        engine = new ComplianceWorld(dir).engine();
        participantVp = Json.parseObject(Files.readAllBytes(fixtures.resolve("vp/participant-vp.json")));
    }

    static ComplianceReport evaluate(JsonObject vp, ComplianceOptions options) {
        return engine.evaluate(Json.write(vp).getBytes(StandardCharsets.UTF_8), null, options);
    }

    /** The participant VP with each credential mapped (null drops it) and extra credentials appended. */
    static JsonObject edit(Function<JsonObject, JsonObject> each, JsonObject... extra) {
        JsonArrayBuilder vcs = Json.provider().createArrayBuilder();
        for (JsonValue vc : participantVp.getJsonArray("verifiableCredential")) {
            JsonObject mapped = each.apply(vc.asJsonObject());
            if (mapped != null) {
                vcs.add(mapped);
            }
        }
        for (JsonObject e : extra) {
            vcs.add(e);
        }
        return Json.provider().createObjectBuilder(participantVp).add("verifiableCredential", vcs).build();
    }

    static Predicate<JsonObject> subjectType(String type) {
        return vc -> vc.getJsonObject("credentialSubject").getString("type").equals(type);
    }

    static JsonObject withSubject(JsonObject vc, Function<JsonObject, JsonObject> change) {
        return Json.provider().createObjectBuilder(vc).add("credentialSubject", change.apply(vc.getJsonObject("credentialSubject"))).build();
    }

    static void assertFails(ComplianceReport report, String rule, String text) {
        assertThat(report.failures()).as(report.failures().toString()).anySatisfy(r -> {
            assertThat(r.id()).isEqualTo(rule);
            assertThat(r.message()).contains(text);
        });
    }

    static ComplianceOptions options() {
        return ComplianceOptions.at(ComplianceWorld.NOW);
    }

    @Test
    void unregisteredTypeFails() {
        JsonObject vp = edit(vc -> subjectType("gx:GaiaXTermsAndConditions").test(vc)
                ? withSubject(vc, cs -> Json.provider().createObjectBuilder(cs).add("type", "gx:MyEcosystemTerms").build()) : vc);
        assertFails(evaluate(vp, options()), RuleIds.TAGUS_SHAPES_REGISTERED, "[MyEcosystemTerms]");
    }

    @Test
    void issuerWithoutTermsFailsUnlessSwitchedOff() {
        JsonObject vp = edit(vc -> subjectType("gx:GaiaXTermsAndConditions").test(vc) ? null : vc);
        assertFails(evaluate(vp, options()), RuleIds.TAGUS_TERMS_PER_ISSUER, "has no gx:GaiaXTermsAndConditions");
        assertThat(evaluate(vp, options().withTermsPerIssuer(false)).rules()).noneMatch(r -> r.id().equals(RuleIds.TAGUS_TERMS_PER_ISSUER));
    }

    @Test
    void legalAddressOutsideIso3166Fails() {
        JsonObject vp = edit(vc -> subjectType("gx:LegalParticipant").test(vc) ? withSubject(vc, cs -> Json.provider().createObjectBuilder(cs)
                .add("gx:legalAddress", Json.provider().createObjectBuilder().add("gx:countrySubdivisionCode", "XX-ZZZ")).build()) : vc);
        ComplianceReport report = evaluate(vp, options());
        assertFails(report, RuleIds.TAGUS_LEGAL_ADDRESS, "XX-ZZZ needs to be a valid ISO-3166-2");
        assertThat(report.failures()).noneMatch(r -> r.id().equals(RuleIds.TAGUS_SHACL)); // the shape's pattern accepts it
    }

    @Test
    void unresolvableDidFailsCpr08() throws Exception {
        JsonObject vp = Json.parseObject(Files.readAllBytes(fixtures.resolve("vp-negative/participant-vp-faulty.json")));
        assertFails(evaluate(vp, options()), RuleIds.TAGUS_DID_RESOLVABLE, "did:web:raw.githubusercontent.com:egavard:payload-sign:master");
    }

    @Test
    void missingRegistrationNumberFails() {
        JsonObject vp = edit(vc -> subjectType("gx:legalRegistrationNumber").test(vc) ? null : vc);
        assertFails(evaluate(vp, options()), RuleIds.TAGUS_REGISTRATION_NUMBER, "Unable to find a VerifiableCredential containing the legalRegistrationNumber");
    }

    @Test
    void untrustedNotaryFails() {
        assertFails(evaluate(participantVp, options().withBundleNotaries(false)), RuleIds.TAGUS_REGISTRATION_NOTARY,
                "did:web:registration.lab.gaia-x.eu:v1 is not a configured registration-number notary");
    }

    @Test
    void dataResourceOfAnotherIssuerWithPersonalDataFails() {
        JsonObject participant = participantVp.getJsonArray("verifiableCredential").stream().map(JsonValue::asJsonObject)
                .filter(subjectType("gx:LegalParticipant")).findFirst().orElseThrow();
        JsonObject resource = Json.provider().createObjectBuilder(participant)
                .add("id", "https://other.example.org/data.json")
                .add("issuer", "did:web:other.example.org")
                .add("credentialSubject", Json.provider().createObjectBuilder()
                        .add("id", "https://other.example.org/data.json#cs").add("type", "gx:DataResource")
                        .add("gx:producedBy", Json.provider().createObjectBuilder().add("id", participant.getJsonObject("credentialSubject").getString("id")))
                        .add("gx:containsPII", true))
                .build();
        ComplianceReport report = evaluate(edit(vc -> vc, resource), options().withTermsPerIssuer(false));
        assertFails(report, RuleIds.TAGUS_PRODUCER_ISSUER, "DataResource providedBy and Participant issuers must match");
        assertFails(report, RuleIds.TAGUS_LEGITIMATE_INTEREST, "no gx:LegitimateInterest");
    }
}
