package eu.federator.catalogue.ingest;

import eu.federator.catalogue.sd.Compliance;
import eu.federator.catalogue.sd.IngestReport;
import eu.federator.catalogue.sd.SdFacets;
import eu.federator.catalogue.testing.TestDirectories;
import eu.federator.credentials.json.Json;
import eu.federator.credentials.verify.CredentialVerifier;
import eu.federator.trustframework.bundle.TrustFrameworks;
import eu.federator.trustframework.compliance.ComplianceEngine;
import eu.federator.trustframework.compliance.ComplianceOptions;
import eu.federator.trustframework.compliance.ComplianceReport;
import eu.federator.trustframework.compliance.ComplianceWorld;
import eu.federator.trustframework.compliance.LabelLevel;
import eu.federator.trustframework.identity.ServiceIdentity;
import eu.federator.trustframework.issue.ComplianceCredentials;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static eu.federator.trustframework.compliance.ComplianceWorld.NOW;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the ingest extracts for the search facets (keywords, countries, compliance status) and the report it hands to the
 * store, with real Loire credentials and label credentials issued by a real compliance run.
 */
class IngestFacetsTest {
    static ComplianceWorld world;
    static ComplianceWorld.Loire loire;
    static IngestPipeline pipeline;
    static ComplianceEngine engine;
    static ServiceIdentity clearingHouse;
    static ServiceIdentity otherClearingHouse;

    @BeforeAll
    static void world() throws Exception {
        world = new ComplianceWorld(TestDirectories.newDataDir("federator-ingest-facets-").resolve("world"));
        loire = world.new Loire();
        CredentialVerifier verifier = CredentialVerifier.create(world.settings());
        pipeline = IngestTesting.pipeline(verifier, IngestTesting.serverSchemas());
        engine = ComplianceEngine.create(world.settings(), TrustFrameworks.builtIn());
        clearingHouse = world.serviceIdentity("clearing-house.example.org");
        otherClearingHouse = world.serviceIdentity("other-clearing-house.example.org");
    }

    static IngestPipeline.Accepted analyse(String jwt, IngestSettings settings) {
        return pipeline.analyse(jwt.getBytes(StandardCharsets.US_ASCII), "application/vp+jwt", settings, NOW, null);
    }

    /** Trusts {@code clearingHouse} without requiring a compliance credential. */
    static IngestSettings trusting() {
        return IngestSettings.defaults().withCompliance(new IngestSettings.ComplianceRequirement(false, Set.of(clearingHouse.did())));
    }

    String offering(String name) {
        return world.sign(loire.serviceOffering(name, loire.legalPersonSubject(), cs -> cs
                .add("gx:keyword", Json.provider().createArrayBuilder().add(" storage ").add("S3 & \"more\"").add("storage"))
                .add("https://schema.org/name", "Offering " + name)), loire.participant);
    }

    String label(List<String> credentials, ServiceIdentity by) {
        return new ComplianceLabels(world, loire, engine, NOW).label(credentials, by, "7");
    }

    static List<String> with(List<String> credentials, String... more) {
        return ComplianceLabels.with(credentials, more);
    }

    @Test
    void anOfferingHasItsKeywordsAndItsProvidersCountryAndNoComplianceWithoutACredential() {
        IngestPipeline.Accepted accepted = analyse(world.presentation(loire.participant, with(loire.participantCredentials(), offering("plain"))),
                trusting());

        assertThat(accepted.sd().facets()).isEqualTo(new SdFacets(List.of("S3 & \"more\"", "storage"), List.of("BE"), Compliance.NONE));
        IngestReport report = accepted.sd().report();
        assertThat(report.compliance()).isNull();
        assertThat(report.schema()).isEqualTo("conforms to the shapes");
        // every check of every credential and of the presentation, as the trust core reported them
        int checks = accepted.verification().credentials().stream().mapToInt(r -> r.checks().size()).sum();
        assertThat(report.checks()).hasSize(checks);
        assertThat(report.checks()).extracting(IngestReport.CheckRow::kind).contains("VerifiablePresentation", "VerifiableCredential");
        assertThat(report.checks()).allSatisfy(c -> assertThat(c.outcome()).isEqualTo("passed"));
        assertThat(report.checks()).extracting(IngestReport.CheckRow::credential).contains(
                "https://participant.example.org/credentials/plain.json");
        // what is stored reads back the same
        assertThat(IngestReport.fromJson(report.toJson())).isEqualTo(report);
    }

    @Test
    void countryCodesOfTheOfferingsOwnClaimsCountAndSubdivisionsGiveTheirCountry() {
        String own = world.sign(loire.serviceOffering("located", loire.legalPersonSubject(), cs -> cs
                .add("gx:keyword", "located")
                .add("gx:dataResidency", Json.provider().createObjectBuilder().add("type", "gx:Address").add("gx:countrySubdivisionCode", "fr-idf"))),
                loire.participant);

        IngestPipeline.Accepted accepted = analyse(world.presentation(loire.participant, with(loire.participantCredentials(), own)),
                IngestSettings.defaults().withSchemaValidation(false));

        assertThat(accepted.sd().facets().countries()).containsExactly("BE", "FR");
        assertThat(accepted.sd().report().schema()).isEqualTo("not validated (verifySchema=false)");
    }

    @Test
    void aParticipantHasTheCountriesOfItsAddresses() {
        IngestPipeline.Accepted accepted = analyse(loire.compliant(), trusting());

        assertThat(accepted.sd().facets()).isEqualTo(new SdFacets(List.of(), List.of("BE"), Compliance.NONE));
    }

    @Test
    void aLabelOfATrustedClearingHouseCoveringTheOfferingMakesItCompliantAndIsReported() {
        List<String> credentials = with(loire.participantCredentials(), offering("labelled"));
        String label = label(credentials, clearingHouse);

        IngestPipeline.Accepted accepted = analyse(world.presentation(loire.participant, with(credentials, label)), trusting());

        assertThat(accepted.sd().facets().compliance()).isEqualTo(Compliance.COMPLIANT);
        IngestReport.ComplianceInfo info = accepted.sd().report().compliance();
        assertThat(info.status()).isEqualTo(Compliance.COMPLIANT);
        assertThat(info.credential()).isEqualTo("https://clearing-house.example.org/credential-offers/7");
        assertThat(info.type()).isEqualTo("gx:LabelCredential");
        assertThat(info.issuer()).isEqualTo(clearingHouse.did());
        assertThat(info.level()).isEqualTo("SC");
        assertThat(info.validFrom()).isEqualTo(NOW.minus(Duration.ofHours(1)).toString());
        assertThat(info.validUntil()).isEqualTo(NOW.minus(Duration.ofHours(1)).plus(Duration.ofDays(90)).toString());
        assertThat(info.covered()).contains("https://participant.example.org/credentials/labelled.json");
        assertThat(info.problems()).isEmpty();
    }

    @Test
    void aLabelThatDoesNotMakeItCompliantIsAcceptedWhenComplianceIsNotRequiredAndSaysWhy() {
        List<String> credentials = with(loire.participantCredentials(), offering("other-label"));
        String untrusted = label(credentials, otherClearingHouse);
        String partial = label(loire.participantCredentials(), clearingHouse); // does not list the offering

        IngestPipeline.Accepted byUntrusted = analyse(world.presentation(loire.participant, with(credentials, untrusted)), trusting());
        IngestPipeline.Accepted notCovering = analyse(world.presentation(loire.participant, with(credentials, partial)), trusting());

        assertThat(byUntrusted.sd().facets().compliance()).isEqualTo(Compliance.NON_COMPLIANT);
        assertThat(byUntrusted.sd().report().compliance().issuer()).isEqualTo(otherClearingHouse.did());
        assertThat(byUntrusted.sd().report().compliance().problems()).anySatisfy(p -> assertThat(p).contains("not a trusted compliance service"));
        assertThat(notCovering.sd().facets().compliance()).isEqualTo(Compliance.NON_COMPLIANT);
        assertThat(notCovering.sd().report().compliance().problems())
                .containsExactly("https://participant.example.org/credentials/other-label.json: no trusted compliance credential lists the "
                        + "credential https://participant.example.org/credentials/other-label.json");
    }
}
