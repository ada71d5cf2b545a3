package eu.federator.server.portal.onboarding;

import com.nimbusds.jose.jwk.JWK;
import eu.federator.catalogue.testing.TestDirectories;
import eu.federator.credentials.keys.Certificates;
import eu.federator.credentials.keys.KeyType;
import eu.federator.credentials.keys.LocalCertificateAuthority;
import eu.federator.credentials.keys.PrivateKeys;
import eu.federator.server.FederatorApplication;
import eu.federator.server.Http;
import eu.federator.server.portal.onboarding.OnboardingDraft.Step;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The draft lives in the database: a wizard resumes after a restart of the server on the same data directory, with the
 * hosted key still usable (the generated key-encryption key is reused). The second start turns the lab CA off, which
 * makes the identity step need an uploaded key and a trusted chain.
 */
class OnboardingRestartTest {
    static final Path ROOT = TestDirectories.newDataDir("federator-onboarding-restart-");
    static final String OWNER = "user-restart";

    ConfigurableApplicationContext context;

    ConfigurableApplicationContext start(String... extra) {
        List<String> args = new java.util.ArrayList<>(List.of("--server.port=0", "--federator.data-dir=" + ROOT.resolve("data"),
                "--federator.notary.offline-only=true", "--federator.security.admin-token=restart-test-token-0123456789abcdef"));
        args.addAll(List.of(extra));
        context = new SpringApplicationBuilder(FederatorApplication.class).run(args.toArray(String[]::new));
        return context;
    }

    @AfterEach
    void stop() {
        if (context != null) {
            context.close();
        }
    }

    int port() {
        return Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
    }

    @Test
    void theDraftSurvivesARestartAndWithoutTheLabCaAnUploadedTrustedChainIsNeeded() throws Exception {
        start();
        Onboarding first = context.getBean(Onboarding.class);
        String did = first.createIdentity(OWNER, "resumed", KeyType.ED25519).did();
        assertThat(first.requestRegistrationNumber(OWNER, "vat-id", "DE129273398")).isInstanceOf(Onboarding.Outcome.Done.class);
        String registration = first.draft(OWNER).orElseThrow().registrationNumber();
        context.close();

        start("--federator.portal.lab-ca=false");
        Onboarding second = context.getBean(Onboarding.class);
        OnboardingDraft draft = second.draft(OWNER).orElseThrow();
        assertThat(draft.did()).isEqualTo(did);
        assertThat(draft.registrationNumber()).isEqualTo(registration);
        assertThat(draft.registrationValue()).isEqualTo("DE129273398");
        assertThat(draft.next()).isEqualTo(Step.PARTICIPANT_CREDENTIALS);
        assertThat(second.signParticipantCredentials(OWNER, "Resumed Ltd", "DE").next()).as("the stored key still decrypts").isEqualTo(Step.LABEL);
        var served = new Http(port()).get("/dids/resumed/did.json");
        assertThat(served.statusCode()).isEqualTo(200);
        assertThat(Http.json(served).getString("id")).as("the DID was fixed at creation").isEqualTo(did);

        assertThat(second.labCa()).isFalse();
        assertThatThrownBy(() -> second.createIdentity("user-no-ca", "no-ca", KeyType.EC_P256)).isInstanceOf(OnboardingException.class)
                .hasMessageContaining("no lab CA (federator.portal.lab-ca=false)")
                .hasMessageContaining("upload your private key and its certificate chain (PEM, leaf first)");

        Instant now = Instant.now();
        LocalCertificateAuthority own = LocalCertificateAuthority.create("Some CA nobody configured", KeyType.EC_P256, now, Duration.ofDays(30));
        JWK key = KeyType.EC_P256.generate();
        String keyPem = PrivateKeys.toPem(key);
        String chainPem = Certificates.toPem(own.chain(own.issueLeaf(key, "localhost", now, Duration.ofDays(10))));
        assertThatThrownBy(() -> second.createIdentity("user-no-ca", "no-ca", keyPem, null, chainPem))
                .hasMessageStartingWith("the certificate chain does not lead to a trust anchor of this Federator: ")
                .hasMessageContaining("federator.trust.additional-trust-anchors");
        String otherKey = PrivateKeys.toPem(KeyType.EC_P256.generate());
        assertThatThrownBy(() -> second.createIdentity("user-no-ca", "no-ca", otherKey, null, chainPem))
                .hasMessageContaining("does not certify the uploaded private key");
        assertThat(second.draft("user-no-ca")).as("nothing stored for refused identity steps").isEmpty();
        assertThat(new Http(port()).get("/dids/no-ca/did.json").statusCode()).isEqualTo(404);
    }
}
