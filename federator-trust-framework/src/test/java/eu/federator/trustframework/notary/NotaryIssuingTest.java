package eu.federator.trustframework.notary;

import eu.federator.credentials.issue.CredentialSigner;
import eu.federator.credentials.json.Json;
import eu.federator.credentials.net.GuardedApiClient;
import eu.federator.credentials.net.OutboundPolicy;
import eu.federator.credentials.verify.VerificationOptions;
import eu.federator.credentials.verify.VerificationResult;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;

import static eu.federator.trustframework.notary.RegistrationNumberType.EORI;
import static eu.federator.trustframework.notary.RegistrationNumberType.EUID;
import static eu.federator.trustframework.notary.RegistrationNumberType.LEI_CODE;
import static eu.federator.trustframework.notary.RegistrationNumberType.TAX_ID;
import static eu.federator.trustframework.notary.RegistrationNumberType.VAT_ID;
import static org.assertj.core.api.Assertions.assertThat;

/** Issued credentials carry the evidence and the source's claims, and the trust core verifies them end to end. */
class NotaryIssuingTest {
    RegisterEmulator registers;
    Notary notary;
    final Clock clock = Clock.systemUTC();

    @BeforeEach
    void start() throws Exception {
        registers = new RegisterEmulator();
        registers.vat.put("BE0762747721", new String[]{"Example SRL", "Rue de la Loi 1\n1000 Bruxelles"});
        registers.lei.put("5493001KJTIIGC8Y1R12", new String[]{"Bloomberg Finance L.P.", "US", "US-DE"});
        registers.eori.put("DE123456789012345", "Federator Test GmbH");
        GuardedApiClient client = new GuardedApiClient(OutboundPolicy.lab());
        SourceSettings vies = SourceSettings.defaults(registers.viesRest()).withRetries(0, Duration.ZERO);
        SourceSettings gleif = SourceSettings.defaults(registers.gleif()).withRetries(0, Duration.ZERO);
        SourceSettings eos = SourceSettings.defaults(registers.eos()).withRetries(0, Duration.ZERO);
        notary = new Notary(new NotarySettings(false, true, Duration.ofDays(30), true), Map.of(
                VAT_ID, new ResilientSource(new ViesSource(client, vies, ViesSource.Protocol.REST, clock), vies, clock),
                LEI_CODE, new ResilientSource(new GleifSource(client, gleif, clock), gleif, clock),
                EORI, new ResilientSource(new EosSource(client, eos, clock), eos, clock)),
                TestIdentity.get().identity, new CredentialSigner(), clock);
    }

    @AfterEach
    void stop() {
        registers.close();
    }

    static VerificationResult verify(String credential) {
        return TestIdentity.get().verifier.verify(credential.getBytes(StandardCharsets.UTF_8), VerificationOptions.at(Instant.now()));
    }

    @Test
    void tagusVatCredentialHasTheGxdchShapeTheEvidenceAndVerifies() throws Exception {
        Notary.Issuance issuance = notary.issueTagus(VAT_ID, "BE0762747721", "https://example.org/lrn.json", "https://example.org/lrn.json#cs");

        assertThat(issuance.issued()).isTrue();
        JsonObject vc = Json.parseObject(issuance.credential().getBytes(StandardCharsets.UTF_8));
        assertThat(vc.getString("id")).isEqualTo("https://example.org/lrn.json");
        assertThat(vc.getString("issuer")).isEqualTo(TestIdentity.DID);
        JsonObject subject = vc.getJsonObject("credentialSubject");
        assertThat(subject.getString("type")).isEqualTo("gx:legalRegistrationNumber");
        assertThat(subject.getString("id")).isEqualTo("https://example.org/lrn.json#cs");
        assertThat(subject.getString("gx:vatID")).isEqualTo("BE0762747721");
        assertThat(subject.getString("gx:vatID-countryCode")).isEqualTo("BE");
        JsonObject evidence = vc.getJsonArray("evidence").getJsonObject(0);
        assertThat(evidence.getString("gx:evidenceURL")).isEqualTo(registers.viesRest() + "/check-vat-number");
        assertThat(evidence.getString("gx:evidenceOf")).isEqualTo("gx:vatID");
        assertThat(Instant.parse(evidence.getString("gx:executionDate"))).isBetween(Instant.now().minusSeconds(60), Instant.now());
        JsonObject proof = vc.getJsonObject("proof");
        assertThat(proof.getString("type")).isEqualTo("JsonWebSignature2020");
        assertThat(proof.getString("verificationMethod")).isEqualTo(TestIdentity.DID + "#X509-JWK2020");

        VerificationResult result = verify(issuance.credential());
        assertThat(result.valid()).as(result.failures().toString()).isTrue();
    }

    @Test
    void tagusLeiCredentialCarriesCountryAndSubdivision() throws Exception {
        Notary.Issuance issuance = notary.issueTagus(LEI_CODE, "5493001KJTIIGC8Y1R12", null, "did:web:participant.example");

        JsonObject subject = Json.parseObject(issuance.credential().getBytes(StandardCharsets.UTF_8)).getJsonObject("credentialSubject");
        assertThat(subject.getString("gx:leiCode")).isEqualTo("5493001KJTIIGC8Y1R12");
        assertThat(subject.getString("gx:leiCode-countryCode")).isEqualTo("US");
        assertThat(subject.getString("gx:leiCode-subdivisionCountryCode")).isEqualTo("US-DE");
        assertThat(verify(issuance.credential()).valid()).isTrue();
    }

    @Test
    void loireCredentialsForEveryTypeVerify() throws Exception {
        Map<RegistrationNumberType, String> numbers = Map.of(VAT_ID, "BE0762747721", LEI_CODE, "5493001KJTIIGC8Y1R12",
                EORI, "DE123456789012345", EUID, "DEK1101R.HRB116737", TAX_ID, "12/345/67890");
        for (var entry : numbers.entrySet()) {
            RegistrationNumberType type = entry.getKey();
            Notary.Issuance issuance = notary.issueLoire(type, entry.getValue(), "https://example.org/" + type.pathName() + ".json", null);
            assertThat(issuance.issued()).as(type.name()).isTrue();

            String[] parts = issuance.credential().split("\\.");
            JsonObject header = Json.parseObject(Base64.getUrlDecoder().decode(parts[0]));
            JsonObject vc = Json.parseObject(Base64.getUrlDecoder().decode(parts[1]));
            assertThat(header.getString("typ")).isEqualTo("vc+jwt");
            assertThat(header.getString("iss")).isEqualTo(TestIdentity.DID);
            assertThat(header.getString("kid")).isEqualTo(TestIdentity.DID + "#X509-JWK2020");
            assertThat(vc.getJsonArray("type").getString(1)).isEqualTo(type.loireType());
            JsonObject subject = vc.getJsonObject("credentialSubject");
            assertThat(subject.getString("id")).isEqualTo("https://example.org/" + type.pathName() + ".json#cs");
            assertThat(subject.getString("type")).isEqualTo(type.loireType());
            assertThat(subject.getString(type.loireProperty())).isEqualTo(OfflineChecks.check(type, entry.getValue()).normalized());
            Instant from = Instant.parse(vc.getString("validFrom"));
            assertThat(Duration.between(from, Instant.parse(vc.getString("validUntil")))).isEqualTo(Duration.ofDays(30));
            JsonObject evidence = vc.getJsonObject("evidence");
            assertThat(evidence.getString("gx:evidenceOf")).isEqualTo(type.loireType());
            assertThat(evidence.getString("gx:executionDate")).isNotBlank();
            switch (type) {
                case VAT_ID -> {
                    assertThat(subject.getString("gx:countryCode")).isEqualTo("BE");
                    assertThat(evidence.getString("gx:evidenceURL")).endsWith("/check-vat-number");
                }
                case LEI_CODE -> {
                    assertThat(subject.getString("gx:countryCode")).isEqualTo("US");
                    assertThat(subject.getString("gx:subdivisionCountryCode")).isEqualTo("US-DE");
                }
                case EORI -> assertThat(subject.getString("gx:country")).isEqualTo("Germany");
                case EUID, TAX_ID -> {
                    assertThat(evidence.containsKey("gx:evidenceURL")).isFalse();
                    assertThat(evidence.getString("gx:evidenceNote")).isEqualTo(Notary.UNVERIFIABLE_NOTE);
                }
            }
            VerificationResult result = verify(issuance.credential());
            assertThat(result.valid()).as(type + ": " + result.failures()).isTrue();
        }
    }

    @Test
    void nothingIsIssuedWhenTheNumberIsInvalidOrTheSourceIsDown() {
        assertThat(notary.issueLoire(VAT_ID, "BE0762747722", null, null).credential()).isNull();
        assertThat(notary.issueLoire(VAT_ID, "DE136695976", null, null).outcome()).isInstanceOf(NotaryOutcome.SourceInvalid.class);
        registers.down = Integer.MAX_VALUE;
        Notary.Issuance down = notary.issueTagus(VAT_ID, "BE0762747721", null, null);
        assertThat(down.issued()).isFalse();
        assertThat(down.outcome()).isInstanceOf(NotaryOutcome.Unavailable.class);
    }
}
