package eu.federator.catalogue.ingest;

import eu.federator.trustframework.compliance.ComplianceEngine;
import eu.federator.trustframework.compliance.ComplianceOptions;
import eu.federator.trustframework.compliance.ComplianceReport;
import eu.federator.trustframework.compliance.ComplianceWorld;
import eu.federator.trustframework.compliance.LabelLevel;
import eu.federator.trustframework.identity.ServiceIdentity;
import eu.federator.trustframework.issue.ComplianceCredentials;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Real label credentials for ingest tests: a compliance run over the credentials, and the label the clearing house issues. */
record ComplianceLabels(ComplianceWorld world, ComplianceWorld.Loire loire, ComplianceEngine engine, Instant now) {

    String label(List<String> credentials, ServiceIdentity by, String offer) {
        String vp = world.presentation(loire.participant, credentials);
        ComplianceReport report = engine.evaluate(vp.getBytes(StandardCharsets.US_ASCII), LabelLevel.SC,
                ComplianceOptions.at(now).withTrustedNotaries(Set.of(loire.notary.did())));
        assertThat(report.failures()).as("the compliance run").isEmpty();
        return ComplianceCredentials.label(report, "https://" + by.did().substring("did:web:".length()) + "/credential-offers/" + offer, by,
                now.minus(Duration.ofHours(1)), Duration.ofDays(90));
    }

    static List<String> with(List<String> credentials, String... more) {
        List<String> all = new ArrayList<>(credentials);
        all.addAll(List.of(more));
        return all;
    }
}
