package eu.federator.trustframework.compliance;

import eu.federator.trustframework.compliance.ComplianceWorld.Loire;
import eu.federator.trustframework.compliance.ComplianceWorld.Party;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import static eu.federator.trustframework.compliance.ComplianceWorld.ACCEPTED_HASH;
import static eu.federator.trustframework.compliance.ComplianceWorld.NOW;
import static eu.federator.trustframework.compliance.ComplianceWorld.object;
import static org.assertj.core.api.Assertions.assertThat;

/** End to end with credentials signed by our own test CA and keys: a compliant Loire VP, and one failing case per rule. */
class LoireComplianceTest {

    @TempDir
    static java.nio.file.Path dir;
    static ComplianceWorld world;
    static ComplianceEngine engine;
    static Loire loire;

    @BeforeAll
    static void world() {
        world = new ComplianceWorld(dir);
        loire = world.new Loire();
        engine = world.engine();
    }

    static ComplianceOptions options() {
        return ComplianceOptions.at(NOW).withTrustedNotaries(Set.of(loire.notary.did()));
    }

    static ComplianceReport evaluate(String vp, LabelLevel level) {
        return engine.evaluate(vp.getBytes(StandardCharsets.US_ASCII), level, options());
    }

    static void assertFailsWith(ComplianceReport report, String rule, String... messageParts) {
        assertThat(report.compliant()).isFalse();
        assertThat(report.failures()).as(report.failures().toString()).anySatisfy(r -> {
            assertThat(r.id()).isEqualTo(rule);
            assertThat(r.message()).contains(messageParts);
        });
    }

    @Test
    void compliantPresentationPassesEveryRule() {
        ComplianceReport report = evaluate(loire.compliant(), LabelLevel.SC);
        assertThat(report.failures()).isEmpty();
        assertThat(report.compliant()).isTrue();
        assertThat(report.version()).isEqualTo("25.11");
        assertThat(report.level()).isEqualTo(LabelLevel.SC);
        assertThat(report.rules()).extracting(RuleResult::id).contains(RuleIds.INPUT, RuleIds.LOIRE_SIGNATURE, RuleIds.LOIRE_CERTIFICATE,
                RuleIds.LOIRE_VALIDITY, RuleIds.LOIRE_LEGAL_PERSON, RuleIds.LOIRE_ISSUER_TERMS, RuleIds.LOIRE_REGISTRATION_NUMBER,
                RuleIds.LOIRE_REGISTRATION_NOTARY, RuleIds.LOIRE_ISSUER_RELATIONS, RuleIds.LOIRE_SHACL);
        // VP + 3 VCs: each signature evaluated
        assertThat(report.rules()).filteredOn(r -> r.id().equals(RuleIds.LOIRE_SIGNATURE)).hasSize(4);
    }

    @Test
    void compliantWithServiceOfferingAtEveryLevel() {
        String vp = withOffering(loire.legalPersonSubject(), cs -> cs
                .add("gx:dataProtectionRegime", "GDPR2016")
                .add("gx:dataAccountExport", object().add("type", "gx:DataAccountExport").add("gx:requestType", "API")
                        .add("gx:accessType", "digital").add("gx:formatType", "application/json")));
        for (LabelLevel level : LabelLevel.values()) {
            ComplianceReport report = evaluate(vp, level);
            assertThat(report.failures()).as(level.toString()).isEmpty();
        }
        assertThat(evaluate(vp, LabelLevel.L3).rules()).extracting(RuleResult::id).contains(RuleIds.LOIRE_PROVIDED_BY,
                RuleIds.LOIRE_LABEL_SERVICE_OFFERING, RuleIds.LOIRE_LABEL_DECLARATIONS, RuleIds.LOIRE_LABEL_EU_HEADQUARTERS);
    }

    private String withOffering(String providedBy, java.util.function.Consumer<jakarta.json.JsonObjectBuilder> extra) {
        return world.presentation(loire.participant, List.of(world.sign(loire.legalPerson(cs -> { }), loire.participant),
                world.sign(loire.registrationNumber(loire.notary), loire.notary), world.sign(loire.issuer(ACCEPTED_HASH), loire.participant),
                world.sign(loire.serviceOffering(providedBy, extra), loire.participant)));
    }

    @Test
    void badSignatureFails() {
        String vp = loire.compliant();
        String tampered = vp.substring(0, vp.length() - 6) + (vp.endsWith("AAAAAA") ? "BBBBBB" : "AAAAAA");
        assertFailsWith(evaluate(tampered, LabelLevel.SC), RuleIds.LOIRE_SIGNATURE, "proof.signature");
    }

    @Test
    void keyWithoutTrustedChainFails() {
        // a party certified by another CA than the configured anchor
        ComplianceWorld other = new ComplianceWorld(dir.resolve("other"));
        Party stranger = other.party("stranger.example.org");
        // publish the stranger's DID and chain into our mirror
        copyHost(other, "stranger.example.org");
        String vp = world.presentation(loire.participant, List.of(world.sign(loire.legalPerson(cs -> { }), loire.participant),
                world.sign(loire.registrationNumber(loire.notary), loire.notary), world.sign(loire.issuer(ACCEPTED_HASH), loire.participant),
                world.sign(ComplianceWorld.vc(stranger, "https://stranger.example.org/x.json", "Issuer", cs -> cs.add("gx:gaiaxTermsAndConditions", ACCEPTED_HASH)), stranger)));
        assertFailsWith(evaluate(vp, LabelLevel.SC), RuleIds.LOIRE_CERTIFICATE, "certificate.chain");
    }

    private static void copyHost(ComplianceWorld from, String host) {
        try (var files = java.nio.file.Files.walk(from.mirror.resolve(host))) {
            for (var f : files.filter(java.nio.file.Files::isRegularFile).toList()) {
                var target = world.mirror.resolve(from.mirror.relativize(f));
                java.nio.file.Files.createDirectories(target.getParent());
                java.nio.file.Files.copy(f, target);
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void expiredCredentialFails() {
        ComplianceReport report = engine.evaluate(loire.compliant().getBytes(StandardCharsets.US_ASCII), LabelLevel.SC,
                new ComplianceOptions(Instant.parse("2030-06-01T00:00:00Z"), Set.of(loire.notary.did()), true, true, null));
        assertFailsWith(report, RuleIds.LOIRE_VALIDITY, "validUntil");
    }

    @Test
    void missingLegalPersonFails() {
        String vp = world.presentation(loire.participant, List.of(world.sign(loire.registrationNumber(loire.notary), loire.notary),
                world.sign(loire.issuer(ACCEPTED_HASH), loire.participant)));
        assertFailsWith(evaluate(vp, LabelLevel.SC), RuleIds.LOIRE_LEGAL_PERSON, "no gx:LegalPerson");
    }

    @Test
    void unacceptedTermsHashFails() {
        String vp = world.presentation(loire.participant, List.of(world.sign(loire.legalPerson(cs -> { }), loire.participant),
                world.sign(loire.registrationNumber(loire.notary), loire.notary), world.sign(loire.issuer("00".repeat(32)), loire.participant)));
        ComplianceReport report = evaluate(vp, LabelLevel.SC);
        assertFailsWith(report, RuleIds.LOIRE_ISSUER_TERMS, "not an accepted hash");
        assertFailsWith(report, RuleIds.LOIRE_SHACL, "gaiaxTermsAndConditions");
    }

    @Test
    void deprecatedTermsHashIsRejectedAfterItsEndDate() {
        String deprecated = "4bd7554097444c960292b4726c2efa1373485e8a5565d94d41195214c5e0ceb3";
        String vp = world.presentation(loire.participant, List.of(world.sign(loire.legalPerson(cs -> { }), loire.participant),
                world.sign(loire.registrationNumber(loire.notary), loire.notary), world.sign(loire.issuer(deprecated), loire.participant)));

        assertFailsWith(evaluate(vp, LabelLevel.SC), RuleIds.LOIRE_ISSUER_TERMS, "not an accepted hash", "deprecated hashes are no longer accepted");
        var bundle = engine.frameworks().require("25.11");
        assertThat(bundle.termsAcceptedAt(Instant.parse("2026-03-31T23:59:59Z"))).contains(deprecated, ACCEPTED_HASH);
        assertThat(bundle.termsAcceptedAt(Instant.parse("2026-04-01T00:00:00Z"))).containsExactly(ACCEPTED_HASH);
    }

    @Test
    void missingIssuerCredentialFails() {
        String vp = world.presentation(loire.participant, List.of(world.sign(loire.legalPerson(cs -> { }), loire.participant),
                world.sign(loire.registrationNumber(loire.notary), loire.notary)));
        assertFailsWith(evaluate(vp, LabelLevel.SC), RuleIds.LOIRE_ISSUER_TERMS, "has no gx:Issuer");
    }

    @Test
    void untrustedNotaryFails() {
        Party self = loire.participant;
        String vp = world.presentation(self, List.of(world.sign(loire.legalPerson(cs -> { }), self),
                world.sign(loire.registrationNumber(self), self), world.sign(loire.issuer(ACCEPTED_HASH), self)));
        assertFailsWith(evaluate(vp, LabelLevel.SC), RuleIds.LOIRE_REGISTRATION_NOTARY, "not a trusted notary");
    }

    @Test
    void unlinkedRegistrationNumberFails() {
        String vp = world.presentation(loire.participant, List.of(
                world.sign(ComplianceWorld.vc(loire.participant, loire.base + "legal-person.json", "LegalPerson", cs -> cs
                        .add("gx:registrationNumber", object().add("id", "https://elsewhere.example.org/number#cs"))
                        .add("gx:legalAddress", object().add("type", "gx:Address").add("gx:countryCode", "BE"))
                        .add("gx:headquartersAddress", object().add("type", "gx:Address").add("gx:countryCode", "BE"))), loire.participant),
                world.sign(loire.registrationNumber(loire.notary), loire.notary), world.sign(loire.issuer(ACCEPTED_HASH), loire.participant)));
        assertFailsWith(evaluate(vp, LabelLevel.SC), RuleIds.LOIRE_REGISTRATION_NUMBER, "is not a credential subject of this presentation");
    }

    @Test
    void providerOutsideThePresentationFails() {
        String vp = withOffering("https://someone-else.example.org/lp.json#cs", cs -> { });
        assertFailsWith(evaluate(vp, LabelLevel.SC), RuleIds.LOIRE_PROVIDED_BY, "is not a gx:LegalPerson of this presentation");
    }

    @Test
    void credentialIssuedByAThirdPartyFails() {
        Party third = world.party("third.example.org");
        String vp = world.presentation(loire.participant, List.of(world.sign(loire.legalPerson(cs -> { }), loire.participant),
                world.sign(loire.registrationNumber(loire.notary), loire.notary), world.sign(loire.issuer(ACCEPTED_HASH), loire.participant),
                world.sign(ComplianceWorld.vc(third, "https://third.example.org/so.json", "ServiceOffering", cs -> cs
                        .add("gx:providedBy", object().add("id", loire.legalPersonSubject()))), third)));
        assertFailsWith(evaluate(vp, LabelLevel.SC), RuleIds.LOIRE_ISSUER_RELATIONS, "must be issued by the participant itself");
    }

    @Test
    void presentationSignedBySomeoneElseFails() {
        Party third = world.party("presenter.example.org");
        String vp = world.presentation(third, List.of(world.sign(loire.legalPerson(cs -> { }), loire.participant),
                world.sign(loire.registrationNumber(loire.notary), loire.notary), world.sign(loire.issuer(ACCEPTED_HASH), loire.participant)));
        assertFailsWith(evaluate(vp, LabelLevel.SC), RuleIds.LOIRE_ISSUER_RELATIONS, "presents (signs the vp+jwt of) its own credentials");
    }

    @Test
    void shapeViolationFails() {
        String vp = world.presentation(loire.participant, List.of(
                world.sign(ComplianceWorld.vc(loire.participant, loire.base + "legal-person.json", "LegalPerson", cs -> cs
                        .add("gx:registrationNumber", object().add("id", "https://notary.example.org/vat/BE0762747721.json#cs"))
                        .add("gx:legalAddress", object().add("type", "gx:Address").add("gx:countryCode", "BE"))), loire.participant),
                world.sign(loire.registrationNumber(loire.notary), loire.notary), world.sign(loire.issuer(ACCEPTED_HASH), loire.participant)));
        assertFailsWith(evaluate(vp, LabelLevel.SC), RuleIds.LOIRE_SHACL, "headquartersAddress");
    }

    @Test
    void labelWithoutServiceOfferingFails() {
        assertFailsWith(evaluate(loire.compliant(), LabelLevel.L1), RuleIds.LOIRE_LABEL_SERVICE_OFFERING, "add a gx:ServiceOffering");
    }

    @Test
    void labelWithoutDeclarationsFails() {
        assertFailsWith(evaluate(withOffering(loire.legalPersonSubject(), cs -> { }), LabelLevel.L2), RuleIds.LOIRE_LABEL_DECLARATIONS,
                "gx:dataAccountExport", "gx:dataProtectionRegime");
    }

    @Test
    void levelThreeOutsideEuropeFails() {
        String vp = world.presentation(loire.participant, List.of(
                world.sign(ComplianceWorld.vc(loire.participant, loire.base + "legal-person.json", "LegalPerson", cs -> cs
                        .add("gx:registrationNumber", object().add("id", "https://notary.example.org/vat/BE0762747721.json#cs"))
                        .add("gx:legalAddress", object().add("type", "gx:Address").add("gx:countryCode", "BE"))
                        .add("gx:headquartersAddress", object().add("type", "gx:Address").add("gx:countryCode", "US"))), loire.participant),
                world.sign(loire.registrationNumber(loire.notary), loire.notary), world.sign(loire.issuer(ACCEPTED_HASH), loire.participant),
                world.sign(loire.serviceOffering(loire.legalPersonSubject(), cs -> cs.add("gx:dataProtectionRegime", "GDPR2016")
                        .add("gx:dataAccountExport", object().add("type", "gx:DataAccountExport").add("gx:requestType", "API")
                                .add("gx:accessType", "digital").add("gx:formatType", "application/json"))), loire.participant)));
        assertFailsWith(evaluate(vp, LabelLevel.L3), RuleIds.LOIRE_LABEL_EU_HEADQUARTERS, "[US]");
    }

    @Test
    void tagusInputAtALoireLevelFailsTheVersionRule() {
        byte[] tagus = "{\"@context\":[\"https://www.w3.org/2018/credentials/v1\"],\"type\":\"VerifiablePresentation\",\"verifiableCredential\":[]}"
                .getBytes(StandardCharsets.UTF_8);
        assertFailsWith(engine.evaluate(tagus, LabelLevel.SC, options()), RuleIds.VERSION, "22.10");
    }

    @Test
    void garbageFailsTheInputRule() {
        ComplianceReport report = engine.evaluate("not a presentation".getBytes(StandardCharsets.UTF_8), LabelLevel.SC, options());
        assertFailsWith(report, RuleIds.INPUT, "neither a JSON object nor a compact JWS");
    }
}
