package eu.federator.trustframework.notary;

import eu.federator.credentials.issue.CredentialSigner;
import eu.federator.credentials.net.GuardedApiClient;
import eu.federator.credentials.net.OutboundPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.ServerSocket;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

import static eu.federator.trustframework.notary.RegistrationNumberType.EORI;
import static eu.federator.trustframework.notary.RegistrationNumberType.EUID;
import static eu.federator.trustframework.notary.RegistrationNumberType.LEI_CODE;
import static eu.federator.trustframework.notary.RegistrationNumberType.TAX_ID;
import static eu.federator.trustframework.notary.RegistrationNumberType.VAT_ID;
import static org.assertj.core.api.Assertions.assertThat;

/** The notary against emulated VIES, GLEIF and EOS on loopback: answers, failures, retries and the circuit breaker. */
class NotarySourcesTest {
    static final String VAT = "DE136695976";
    static final String LEI = "5493001KJTIIGC8Y1R12";

    RegisterEmulator registers;
    GuardedApiClient client = new GuardedApiClient(OutboundPolicy.lab());
    Clock clock = Clock.systemUTC();

    @BeforeEach
    void start() throws Exception {
        registers = new RegisterEmulator();
        registers.vat.put(VAT, new String[]{"Federator Test GmbH", "Musterstraße 1\n10115 Berlin"});
        registers.lei.put(LEI, new String[]{"Bloomberg Finance L.P.", "US", "US-DE"});
        registers.eori.put("DE123456789012345", "Federator Test GmbH");
    }

    @AfterEach
    void stop() {
        registers.close();
    }

    SourceSettings settings(URI base) {
        return SourceSettings.defaults(base).withTimeout(Duration.ofSeconds(2)).withRetries(2, Duration.ofMillis(10)).withBreaker(0, Duration.ofSeconds(1));
    }

    Notary notary(SourceSettings vies, ViesSource.Protocol protocol, NotarySettings notarySettings) {
        Map<RegistrationNumberType, RegistrationSource> sources = Map.of(
                VAT_ID, new ResilientSource(new ViesSource(client, vies, protocol, clock), vies, clock),
                LEI_CODE, new ResilientSource(new GleifSource(client, settings(registers.gleif()), clock), settings(registers.gleif()), clock),
                EORI, new ResilientSource(new EosSource(client, settings(registers.eos()), clock), settings(registers.eos()), clock));
        return new Notary(notarySettings, sources, TestIdentity.get().identity, new CredentialSigner(), clock);
    }

    Notary notary() {
        return notary(settings(registers.viesRest()), ViesSource.Protocol.REST, NotarySettings.defaults());
    }

    @Test
    void viesRestConfirmsARegisteredNumberWithItsClaims() {
        NotaryOutcome outcome = notary().verify(VAT_ID, "DE 136 695 976");

        assertThat(outcome).isInstanceOf(NotaryOutcome.Verified.class);
        NotaryOutcome.Verified verified = (NotaryOutcome.Verified) outcome;
        assertThat(verified.source()).isEqualTo("VIES");
        assertThat(verified.evidenceUrl()).isEqualTo(URI.create(registers.viesRest() + "/check-vat-number"));
        assertThat(verified.claims()).containsEntry("countryCode", "DE").containsEntry("name", "Federator Test GmbH");
        assertThat(verified.check().normalized()).isEqualTo(VAT);
    }

    @Test
    void viesRestSaysInvalidForAnUnregisteredNumber() {
        NotaryOutcome outcome = notary().verify(VAT_ID, "FR40303265045");

        assertThat(outcome).isInstanceOfSatisfying(NotaryOutcome.SourceInvalid.class, invalid -> {
            assertThat(invalid.source()).isEqualTo("VIES");
            assertThat(invalid.reason()).isEqualTo("VIES: FR40303265045 is not a valid VAT number (not registered, or not active for intra-EU transactions)");
        });
        assertThat(registers.requests.get()).isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"MS_UNAVAILABLE", "TIMEOUT", "GLOBAL_MAX_CONCURRENT_REQ", "MS_MAX_CONCURRENT_REQ", "SERVICE_UNAVAILABLE"})
    void viesBusyCodesAreUnavailableNeverInvalidAndAreRetried(String code) {
        registers.fault.put(VAT, code);
        for (ViesSource.Protocol protocol : ViesSource.Protocol.values()) {
            registers.requests.set(0);
            URI base = protocol == ViesSource.Protocol.REST ? registers.viesRest() : registers.viesSoap();
            NotaryOutcome outcome = notary(settings(base), protocol, NotarySettings.defaults()).verify(VAT_ID, VAT);

            assertThat(outcome).as(protocol.name()).isInstanceOfSatisfying(NotaryOutcome.Unavailable.class, u -> {
                assertThat(u.reason()).isEqualTo("VIES could not answer now: " + code + " (3 attempts)");
                assertThat(u.retryAfter()).isEqualTo(Duration.ofSeconds(60));
            });
            assertThat(registers.requests.get()).as(protocol.name()).isEqualTo(3);
        }
    }

    @Test
    void viesInvalidInputIsTheSourceSayingInvalid() {
        registers.fault.put(VAT, "INVALID_INPUT");
        for (ViesSource.Protocol protocol : ViesSource.Protocol.values()) {
            URI base = protocol == ViesSource.Protocol.REST ? registers.viesRest() : registers.viesSoap();
            NotaryOutcome outcome = notary(settings(base), protocol, NotarySettings.defaults()).verify(VAT_ID, VAT);
            assertThat(outcome).as(protocol.name()).isInstanceOfSatisfying(NotaryOutcome.SourceInvalid.class,
                    i -> assertThat(i.reason()).isEqualTo("VIES: INVALID_INPUT (the country code or the number is not valid input)"));
        }
    }

    @Test
    void viesSoapConfirmsAndRejects() {
        Notary notary = notary(settings(registers.viesSoap()), ViesSource.Protocol.SOAP, NotarySettings.defaults());

        assertThat(notary.verify(VAT_ID, VAT)).isInstanceOfSatisfying(NotaryOutcome.Verified.class, v -> {
            assertThat(v.evidenceUrl()).isEqualTo(registers.viesSoap());
            assertThat(v.claims()).containsEntry("countryCode", "DE").containsEntry("name", "Federator Test GmbH");
        });
        assertThat(notary.verify(VAT_ID, "IT00743110157")).isInstanceOf(NotaryOutcome.SourceInvalid.class);
    }

    @Test
    void aDownSourceIsUnavailableWithItsRetryAfterAfterAllRetries() {
        registers.down = Integer.MAX_VALUE;
        registers.retryAfter = "120";

        NotaryOutcome outcome = notary().verify(VAT_ID, VAT);

        assertThat(outcome).isInstanceOfSatisfying(NotaryOutcome.Unavailable.class, u -> {
            assertThat(u.reason()).isEqualTo("VIES answered HTTP 503 (3 attempts)");
            assertThat(u.retryAfter()).isEqualTo(Duration.ofSeconds(120));
        });
        assertThat(registers.requests.get()).isEqualTo(3);
    }

    @Test
    void aRetryRecoversFromATransientOutage() {
        registers.down = 2;

        assertThat(notary().verify(VAT_ID, VAT)).isInstanceOf(NotaryOutcome.Verified.class);
        assertThat(registers.requests.get()).isEqualTo(3);
    }

    @Test
    void rateLimitingIsUnavailable() {
        registers.rateLimited = true;
        registers.retryAfter = "7";

        assertThat(notary().verify(LEI_CODE, LEI)).isInstanceOfSatisfying(NotaryOutcome.Unavailable.class, u -> {
            assertThat(u.reason()).startsWith("GLEIF rate-limited the request (HTTP 429)");
            assertThat(u.retryAfter()).isEqualTo(Duration.ofSeconds(7));
        });
    }

    @Test
    void aSlowSourceTimesOutAsUnavailable() {
        registers.slowMillis = 600;
        SourceSettings slow = settings(registers.viesRest()).withTimeout(Duration.ofMillis(200)).withRetries(0, Duration.ZERO);

        NotaryOutcome outcome = notary(slow, ViesSource.Protocol.REST, NotarySettings.defaults()).verify(VAT_ID, VAT);

        assertThat(outcome).isInstanceOfSatisfying(NotaryOutcome.Unavailable.class,
                u -> assertThat(u.reason()).startsWith("VIES could not be reached: ").contains("no complete answer within 200 ms"));
    }

    @Test
    void anUnreachableSourceIsUnavailable() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        SourceSettings closed = settings(URI.create("http://127.0.0.1:" + port + "/rest-api")).withRetries(1, Duration.ofMillis(5));

        NotaryOutcome outcome = notary(closed, ViesSource.Protocol.REST, NotarySettings.defaults()).verify(VAT_ID, VAT);

        assertThat(outcome).isInstanceOfSatisfying(NotaryOutcome.Unavailable.class,
                u -> assertThat(u.reason()).startsWith("VIES could not be reached: ").endsWith("(2 attempts)"));
    }

    @Test
    void theProductionPolicyRefusesLoopbackSourcesWithoutRetrying() {
        GuardedApiClient production = new GuardedApiClient(OutboundPolicy.defaults().withHttpsOnly(false));
        SourceSettings s = settings(registers.viesRest());
        RegistrationSource vies = new ResilientSource(new ViesSource(production, s, ViesSource.Protocol.REST, clock), s, clock);

        SourceAnswer answer = vies.check(OfflineChecks.check(VAT_ID, VAT));

        assertThat(answer).isInstanceOfSatisfying(SourceAnswer.Unavailable.class, u -> {
            assertThat(u.reason()).contains("refused").contains("a loopback address");
            assertThat(u.retryable()).isFalse();
        });
        assertThat(registers.requests.get()).isZero();
    }

    @Test
    void theCircuitBreakerOpensAfterRepeatedFailuresAndClosesAfterASuccessfulTrial() throws Exception {
        registers.down = Integer.MAX_VALUE;
        SourceSettings s = settings(registers.viesRest()).withRetries(0, Duration.ZERO).withBreaker(2, Duration.ofMillis(300));
        ResilientSource vies = new ResilientSource(new ViesSource(client, s, ViesSource.Protocol.REST, clock), s, clock);
        OfflineCheck number = OfflineChecks.check(VAT_ID, VAT);

        assertThat(vies.check(number)).isInstanceOf(SourceAnswer.Unavailable.class);
        assertThat(vies.check(number)).isInstanceOf(SourceAnswer.Unavailable.class);
        assertThat(vies.breaker().state()).isEqualTo(CircuitBreaker.State.OPEN);
        SourceAnswer refused = vies.check(number);
        assertThat(refused).isInstanceOfSatisfying(SourceAnswer.Unavailable.class, u -> {
            assertThat(u.reason()).contains("circuit breaker open");
            assertThat(u.retryAfter()).isPositive().isLessThanOrEqualTo(Duration.ofMillis(300));
        });
        assertThat(registers.requests.get()).as("no call while open").isEqualTo(2);

        Thread.sleep(350);
        registers.down = 0;
        assertThat(vies.check(number)).isInstanceOf(SourceAnswer.Confirmed.class);
        assertThat(vies.breaker().state()).isEqualTo(CircuitBreaker.State.CLOSED);
        assertThat(registers.requests.get()).isEqualTo(3);
    }

    @Test
    void aFailedTrialReopensTheBreaker() throws Exception {
        registers.down = Integer.MAX_VALUE;
        SourceSettings s = settings(registers.viesRest()).withRetries(0, Duration.ZERO).withBreaker(1, Duration.ofMillis(100));
        ResilientSource vies = new ResilientSource(new ViesSource(client, s, ViesSource.Protocol.REST, clock), s, clock);
        OfflineCheck number = OfflineChecks.check(VAT_ID, VAT);

        vies.check(number);
        Thread.sleep(150);
        assertThat(vies.check(number)).isInstanceOf(SourceAnswer.Unavailable.class);
        assertThat(registers.requests.get()).isEqualTo(2);
        assertThat(vies.breaker().state()).isEqualTo(CircuitBreaker.State.OPEN);
        assertThat(vies.check(number)).isInstanceOfSatisfying(SourceAnswer.Unavailable.class,
                u -> assertThat(u.reason()).contains("circuit breaker open"));
    }

    @Test
    void aSourceSayingInvalidDoesNotOpenTheBreaker() {
        SourceSettings s = settings(registers.viesRest()).withRetries(0, Duration.ZERO).withBreaker(1, Duration.ofSeconds(60));
        ResilientSource vies = new ResilientSource(new ViesSource(client, s, ViesSource.Protocol.REST, clock), s, clock);
        for (int i = 0; i < 3; i++) {
            assertThat(vies.check(OfflineChecks.check(VAT_ID, "IT00743110157"))).isInstanceOf(SourceAnswer.Rejected.class);
        }
        assertThat(vies.breaker().state()).isEqualTo(CircuitBreaker.State.CLOSED);
    }

    @Test
    void gleifConfirmsWithCountryAndSubdivision() {
        assertThat(notary().verify(LEI_CODE, LEI)).isInstanceOfSatisfying(NotaryOutcome.Verified.class, v -> {
            assertThat(v.evidenceUrl()).isEqualTo(URI.create(registers.gleif() + "/lei-records/" + LEI));
            assertThat(v.claims()).containsEntry("countryCode", "US").containsEntry("subdivisionCountryCode", "US-DE")
                    .containsEntry("name", "Bloomberg Finance L.P.");
        });
    }

    @Test
    void gleifWithoutARecordOrWithARetiredOneSaysInvalid() {
        assertThat(notary().verify(LEI_CODE, "529900T8BM49AURSDO55")).isInstanceOfSatisfying(NotaryOutcome.SourceInvalid.class,
                i -> assertThat(i.reason()).isEqualTo("GLEIF: no LEI record 529900T8BM49AURSDO55 exists"));
        registers.lei.put("HWUPKR0MPOU8FGXBT394", new String[]{"Apple Inc.", "US", "US-CA", "RETIRED"});
        assertThat(notary().verify(LEI_CODE, "HWUPKR0MPOU8FGXBT394")).isInstanceOfSatisfying(NotaryOutcome.SourceInvalid.class,
                i -> assertThat(i.reason()).contains("registration status RETIRED"));
    }

    @Test
    void eosConfirmsAndRejects() {
        assertThat(notary().verify(EORI, "DE123456789012345")).isInstanceOfSatisfying(NotaryOutcome.Verified.class, v -> {
            assertThat(v.source()).isEqualTo("EU EOS");
            assertThat(v.evidenceUrl()).isEqualTo(registers.eos());
            assertThat(v.claims()).containsEntry("countryCode", "DE");
        });
        assertThat(notary().verify(EORI, "FR12345678901234")).isInstanceOfSatisfying(NotaryOutcome.SourceInvalid.class,
                i -> assertThat(i.reason()).isEqualTo("EU EOS: FR12345678901234 is not valid (Not valid)"));
    }

    @Test
    void offlineInvalidNumbersNeverReachTheSource() {
        assertThat(notary().verify(VAT_ID, "DE136695978")).isInstanceOf(NotaryOutcome.OfflineInvalid.class);
        assertThat(notary().verify(LEI_CODE, "5493001KJTIIGC8Y1R13")).isInstanceOf(NotaryOutcome.OfflineInvalid.class);
        assertThat(registers.requests.get()).isZero();
    }

    @Test
    void euidAndTaxIdAreIssuedAfterTheOfflineCheckOrRefusedByConfiguration() {
        assertThat(notary().verify(EUID, "DEK1101R.HRB116737")).isInstanceOfSatisfying(NotaryOutcome.Verified.class, v -> {
            assertThat(v.evidenceUrl()).isNull();
            assertThat(v.note()).isEqualTo(Notary.UNVERIFIABLE_NOTE);
        });
        Notary refusing = notary(settings(registers.viesRest()), ViesSource.Protocol.REST,
                new NotarySettings(false, false, Duration.ofDays(1), true));
        assertThat(refusing.verify(TAX_ID, "12/345/67890")).isInstanceOfSatisfying(NotaryOutcome.Refused.class,
                r -> assertThat(r.reason()).contains("no public authoritative register"));
    }

    @Test
    void offlineOnlyModeNeverCallsASource() {
        Notary offline = notary(settings(registers.viesRest()), ViesSource.Protocol.REST,
                new NotarySettings(true, true, Duration.ofDays(1), true));
        assertThat(offline.verify(VAT_ID, "FR40303265045")).isInstanceOfSatisfying(NotaryOutcome.Verified.class, v -> {
            assertThat(v.note()).isEqualTo(Notary.OFFLINE_NOTE);
            assertThat(v.claims()).containsEntry("countryCode", "FR");
        });
        assertThat(registers.requests.get()).isZero();
    }
}
