package eu.federator.server.portal.onboarding;

import com.nimbusds.jose.jwk.JWK;
import eu.federator.catalogue.testing.TestDirectories;
import eu.federator.credentials.keys.KeyType;
import eu.federator.credentials.keys.PrivateKeys;
import eu.federator.credentials.verify.CredentialVerifier;
import eu.federator.credentials.verify.VerificationOptions;
import eu.federator.credentials.verify.VerificationResult;
import eu.federator.server.Http;
import eu.federator.server.portal.onboarding.Onboarding.Outcome;
import eu.federator.server.portal.onboarding.OnboardingDraft.Step;
import eu.federator.trustframework.identity.ServiceIdentity;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.StringReader;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The portal's onboarding in LOCAL mode, through the {@link Onboarding} service against a real server (embedded
 * PostgreSQL, loopback HTTP): no web mirror, no trust anchors configured, the notary offline-only. The hosted DIDs must
 * resolve in process and the lab CA must be the trust anchor, or nothing here verifies.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class OnboardingTest {
    static final String TOKEN = "onboarding-test-token-0123456789abcdef";
    static final Path ROOT = TestDirectories.newDataDir("federator-onboarding-portal-");
    static final String VAT = "DE129273398";

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("federator.data-dir", () -> ROOT.resolve("data").toString());
        registry.add("federator.notary.offline-only", () -> "true");
        registry.add("FEDERATOR_ADMIN_TOKEN", () -> TOKEN);
    }

    @LocalServerPort
    int port;
    @Autowired
    Onboarding onboarding;
    @Autowired
    PortalAccounts accounts;
    @Autowired
    CredentialVerifier verifier;
    @Autowired
    ServiceIdentity clearingHouse;
    @Autowired
    JdbcTemplate jdbc;

    static <T> T done(Outcome<T> outcome) {
        assertThat(outcome).as(outcome.toString()).isInstanceOf(Outcome.Done.class);
        return ((Outcome.Done<T>) outcome).value();
    }

    static JsonObject payload(String jwt) {
        String json = new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]), StandardCharsets.UTF_8);
        try (var reader = Json.createReader(new StringReader(json))) {
            return reader.readObject();
        }
    }

    VerificationResult verify(String jwt) {
        return verifier.verify(jwt.getBytes(StandardCharsets.US_ASCII), VerificationOptions.at(Instant.now()));
    }

    @Test
    void aNewProviderOnboardsEndToEndAndPublishesAnOffering() throws Exception {
        String owner = "user-acme";
        assertThat(onboarding.next(owner)).isEqualTo(Step.IDENTITY);

        OnboardingDraft draft = onboarding.createIdentity(owner, "acme", KeyType.EC_P256);
        String did = draft.did();
        assertThat(did).isEqualTo("did:web:localhost%3A" + port + ":dids:acme");
        assertThat(draft.next()).isEqualTo(Step.REGISTRATION_NUMBER);

        draft = done(onboarding.requestRegistrationNumber(owner, "vat-id", VAT));
        JsonObject registration = payload(draft.registrationNumber());
        assertThat(registration.getString("issuer")).isEqualTo(clearingHouse.did());
        assertThat(registration.getJsonObject("credentialSubject").getString("id"))
                .isEqualTo("https://localhost:" + port + "/dids/acme/credentials/registration-number.json#cs");

        draft = onboarding.signParticipantCredentials(owner, "ACME GmbH", "de");
        assertThat(payload(draft.legalPerson()).getJsonObject("credentialSubject").getString("schema:name")).isEqualTo("ACME GmbH");
        assertThat(payload(draft.issuer()).getString("issuer")).isEqualTo(did);
        VerificationResult legalPerson = verify(draft.legalPerson());
        assertThat(legalPerson.valid()).as("resolved in process, chained to the lab CA: " + legalPerson).isTrue();
        assertThat(legalPerson.warnings()).as("trust anchors are configured (the lab CA)").isEmpty();

        draft = done(onboarding.obtainLabel(owner));
        JsonObject label = payload(draft.label());
        assertThat(label.getJsonArray("type").toString()).contains("gx:LabelCredential");
        assertThat(label.getString("issuer")).isEqualTo(clearingHouse.did());
        assertThat(label.getJsonObject("credentialSubject").getJsonArray("gx:compliantCredentials").getValuesAs(JsonObject.class))
                .extracting(c -> c.getString("gx:credentialType")).contains("gx:LegalPerson", "gx:Issuer", "gx:VatID");
        assertThat(payload(draft.presentation()).getString("holder")).isEqualTo(did);
        assertThat(verify(draft.label()).valid()).isTrue();

        draft = done(onboarding.register(owner));
        assertThat(draft.next()).isEqualTo(Step.DONE);
        assertThat(accounts.participantOf(owner)).hasValue(did);
        JsonObject participants = Http.json(new Http(port, TOKEN).get("/participants"));
        assertThat(participants.getJsonArray("items").getValuesAs(JsonObject.class)).extracting(p -> p.getString("id")).contains(did);
        assertThat(participants.getJsonArray("items").getValuesAs(JsonObject.class)).filteredOn(p -> p.getString("id").equals(did))
                .extracting(p -> p.getString("sdHash")).containsExactly(draft.participantSdHash());
        assertThatThrownBy(() -> onboarding.requestRegistrationNumber(owner, "vat-id", VAT))
                .hasMessageContaining("is registered as a participant already");

        // an offering, built and submitted by the service
        JsonObject claims = Json.createObjectBuilder().add("gx:keyword", "onboarded-storage")
                .add("gx:serviceOfferingTermsAndConditions", Json.createObjectBuilder().add("type", "gx:TermsAndConditions")
                        .add("gx:url", Json.createObjectBuilder().add("@value", "https://acme.example/terms").add("@type", "xsd:anyURI"))
                        .add("gx:hash", "0d6a4c3bbf6a7d2b3b2e0f6f3e1b4c5d6e7f8091a2b3c4d5e6f708192a3b4c5d")).build();
        String sdHash = done(onboarding.publishOffering(owner, "storage", claims));
        HttpResponse<String> meta = new Http(port).get("/self-descriptions/" + sdHash + "/meta");
        assertThat(meta.statusCode()).as(meta.body()).isEqualTo(200);
        assertThat(Http.json(meta).getString("kind")).isEqualTo("service-offering");

        // and one signed with sign/present and posted like any client would
        JsonObject offering = ParticipantCredentials.credential("https://localhost:" + port + "/dids/acme/credentials/backup.json",
                "gx:ServiceOffering", did, Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2030-01-01T00:00:00Z"),
                Json.createObjectBuilder(claims).add("id", "https://localhost:" + port + "/dids/acme/credentials/backup.json#cs")
                        .add("type", "gx:ServiceOffering").add("gx:keyword", "onboarded-backup")
                        .add("gx:providedBy", Json.createObjectBuilder().add("id", payload(draft.legalPerson()).getJsonObject("credentialSubject").getString("id"))));
        String vp = onboarding.present(owner, List.of(draft.legalPerson(), draft.registrationNumber(), draft.issuer(), onboarding.sign(owner, offering)));
        HttpResponse<String> posted = new Http(port, TOKEN).post("/self-descriptions", "application/vp+jwt", vp.getBytes(StandardCharsets.US_ASCII));
        assertThat(posted.statusCode()).as(posted.body()).isEqualTo(201);
        assertThat(Http.json(posted).getString("kind")).isEqualTo("service-offering");

        // the key: encrypted in the table, exported once as PKCS#8
        String pem = onboarding.exportPrivateKey(owner);
        assertThat(pem).startsWith("-----BEGIN PRIVATE KEY-----");
        JWK exported = PrivateKeys.readPem(pem, null);
        byte[] column = jdbc.queryForObject("SELECT private_key FROM portal_hosted_identity WHERE name = 'acme'", byte[].class);
        String d = exported.toJSONObject().get("d").toString();
        assertThat(new String(column, StandardCharsets.ISO_8859_1)).doesNotContain(d).doesNotContain("\"d\"").doesNotContain("PRIVATE KEY");
        assertThat(new String(column, StandardCharsets.ISO_8859_1)).doesNotContain(new String(Base64.getUrlDecoder().decode(d), StandardCharsets.ISO_8859_1));
        assertThatThrownBy(() -> onboarding.exportPrivateKey(owner)).hasMessageContaining("can be exported only once");
    }

    @Test
    void theDidDocumentAndChainAreServedPubliclyAndResolveInProcess() throws Exception {
        OnboardingDraft draft = onboarding.createIdentity("user-served", "served-co", KeyType.RSA_2048);
        Http anonymous = new Http(port);

        HttpResponse<String> document = anonymous.get("/dids/served-co/did.json");
        assertThat(document.statusCode()).isEqualTo(200);
        assertThat(document.headers().firstValue("Cache-Control").orElse("")).contains("public").contains("max-age=300");
        JsonObject json = Http.json(document);
        assertThat(json.getString("id")).isEqualTo(draft.did());
        JsonObject jwk = json.getJsonArray("verificationMethod").getJsonObject(0).getJsonObject("publicKeyJwk");
        assertThat(jwk.getString("x5u")).isEqualTo("https://localhost:" + port + "/dids/served-co/x509CertificateChain.pem");
        assertThat(jwk.containsKey("d")).isFalse();
        HttpResponse<String> chain = anonymous.get("/dids/served-co/x509CertificateChain.pem");
        assertThat(chain.statusCode()).isEqualTo(200);
        assertThat(chain.body()).isEqualTo(draft.identity().chainPem()).contains("BEGIN CERTIFICATE");
        assertThat(anonymous.get("/dids/nobody/did.json").statusCode()).isEqualTo(404);

        // a credential signed by the new identity verifies at once: DID document and x5u chain answered in process
        String jwt = onboarding.sign("user-served", ParticipantCredentials.issuer(draft.did(),
                ParticipantCredentials.Ids.under(java.net.URI.create("https://localhost:" + port + "/dids/served-co/credentials/")),
                "067dcac5efd18c1927deb1ffed3feab6d0ad044c0a9a263e6d5d8bdc43224515", Instant.now().minusSeconds(5), Instant.now().plusSeconds(3600)));
        VerificationResult result = verify(jwt);
        assertThat(result.valid()).as(result.toString()).isTrue();

        assertThatThrownBy(() -> onboarding.createIdentity("user-other", "served-co", KeyType.EC_P256)).isInstanceOf(OnboardingException.class)
                .hasMessage("the name 'served-co' is taken; choose another");
        assertThatThrownBy(() -> onboarding.createIdentity("user-served", "second", KeyType.EC_P256))
                .hasMessageContaining("you have the identity " + draft.did() + " already");
        assertThatThrownBy(() -> onboarding.createIdentity("user-other", "Bad_Name", KeyType.EC_P256)).hasMessageContaining("contains 'B'");
    }

    @Test
    void anInvalidVatNumberIsRefusedByTheNotaryAndNothingIsStored() {
        onboarding.createIdentity("user-invalid", "invalid-vat", KeyType.EC_P256);

        Outcome<OnboardingDraft> outcome = onboarding.requestRegistrationNumber("user-invalid", "vat-id", "DE129273399");

        assertThat(outcome).isInstanceOf(Outcome.Refused.class);
        Outcome.Refused<OnboardingDraft> refused = (Outcome.Refused<OnboardingDraft>) outcome;
        assertThat(refused.message()).startsWith("the notary refused DE129273399: ").contains("check");
        OnboardingDraft draft = onboarding.draft("user-invalid").orElseThrow();
        assertThat(draft.registrationNumber()).isNull();
        assertThat(draft.registrationValue()).isNull();
        assertThat(draft.next()).isEqualTo(Step.REGISTRATION_NUMBER);
        assertThatThrownBy(() -> onboarding.requestRegistrationNumber("user-invalid", "vat", "DE129273398"))
                .hasMessageContaining("unknown registration number type 'vat'");
        assertThatThrownBy(() -> onboarding.signParticipantCredentials("user-invalid", "X", "DE"))
                .hasMessageContaining("get the registration-number credential first");
    }
}
