package eu.federator.server.dataspace.evidence;

import com.nimbusds.jose.util.Base64URL;
import eu.federator.catalogue.testing.TestDirectories;
import eu.federator.credentials.json.Json;
import eu.federator.credentials.proof.JwsAlgorithms;
import eu.federator.credentials.verify.CredentialVerifier;
import eu.federator.credentials.verify.VerificationOptions;
import eu.federator.credentials.verify.VerificationResult;
import eu.federator.dataspace.Position;
import eu.federator.dataspace.Role;
import eu.federator.dataspace.evidence.AgreementIssuer;
import eu.federator.dataspace.evidence.AgreementRecord;
import eu.federator.dataspace.evidence.AgreementStore;
import eu.federator.dataspace.evidence.AgreementsAsCredentials;
import eu.federator.dataspace.log.Checkpoint;
import eu.federator.dataspace.log.ExchangeChain;
import eu.federator.dataspace.log.ExchangeLogWriter;
import eu.federator.dataspace.log.LogEntry;
import eu.federator.dataspace.log.LogEvent;
import eu.federator.dataspace.log.ProcessKind;
import eu.federator.dataspace.negotiation.ContractNegotiationStore;
import eu.federator.dataspace.negotiation.FinalizedAgreements;
import eu.federator.dataspace.negotiation.Negotiation;
import eu.federator.dataspace.protocol.ContractNegotiationState;
import eu.federator.server.Http;
import eu.federator.trustframework.compliance.ComplianceWorld;
import eu.federator.trustframework.compliance.ComplianceWorld.Party;
import eu.federator.trustframework.identity.ServiceIdentity;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The evidence of the data exchange over loopback HTTP with real PostgreSQL and the trust core: agreements issued as
 * credentials that verify, the exchange log exported, verified and caught when tampered, and the notification inbox
 * with its log tokens. Finalized negotiations are written through the negotiation store, with the events the negotiation
 * service queues, and handed to the {@link FinalizedAgreements} bean as that service does.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class EvidenceEndpointTest {
    static final String TOKEN = "evidence-test-admin-token-0123456789";
    static final Path ROOT = TestDirectories.newDataDir("federator-evidence-");
    static final ComplianceWorld WORLD = new ComplianceWorld(ROOT.resolve("world"));
    static final ServiceIdentity CONNECTOR = WORLD.serviceIdentity("connector.example.org");
    static final Party ALICE = WORLD.party("alice.example.org");
    static final Party BOB = WORLD.party("bob.example.org");

    @TestConfiguration
    static class Identity {
        // the connector's DID document is in the test's web mirror, so its credentials verify
        @Bean
        @Primary
        ServiceIdentity testServiceIdentity() {
            return CONNECTOR;
        }
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("federator.data-dir", () -> ROOT.resolve("data").toString());
        registry.add("federator.trust.web-mirror", WORLD.mirror::toString);
        registry.add("federator.trust.trust-anchors", WORLD.anchors::toString);
        registry.add("FEDERATOR_ADMIN_TOKEN", () -> TOKEN);
        registry.add("federator.dataspace.log.checkpoint-every", () -> "3");
        // only wake() and the tests' drainNow() run the writer
        registry.add("federator.dataspace.log.poll-interval", () -> "1d");
    }

    @LocalServerPort
    int port;
    @Autowired
    FinalizedAgreements finalizedAgreements;
    @Autowired
    ExchangeLogWriter writer;
    @Autowired
    CredentialVerifier verifier;
    @Autowired
    ContractNegotiationStore negotiations;
    @Autowired
    AgreementStore agreementStore;
    @Autowired
    AgreementsAsCredentials agreementsAsCredentials;

    Http admin() {
        return new Http(port, TOKEN);
    }

    static String path(String id) {
        return URLEncoder.encode(id, StandardCharsets.UTF_8);
    }

    static LogEvent event(String negotiationId, String type, Party counterParty, String agreementId) {
        return new LogEvent(negotiationId, ProcessKind.NEGOTIATION, type, counterParty.did(), agreementId,
                ExchangeChain.digest((type + negotiationId).getBytes(StandardCharsets.UTF_8)), Instant.now());
    }

    /** A negotiation this connector (provider) finalized with {@code consumer}, stored with its events, then handed over. */
    Negotiation finalized(String agreementId, Party consumer) {
        Negotiation stored = finalizedUntold(agreementId, consumer);
        finalizedAgreements.finalized(stored);
        awaitIssued(stored);
        return stored;
    }

    /** Issuance runs in the background: wait (up to 20 s) until the negotiation's credential is stored. */
    AgreementRecord awaitIssued(Negotiation n) {
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (System.nanoTime() < deadline) {
            Optional<AgreementRecord> issued = agreementStore.findByNegotiation(n.id());
            if (issued.isPresent()) {
                return issued.get();
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw new AssertionError("no credential issued for negotiation " + n.id());
    }

    /** As {@link #finalized}, but the process stopped before it told anyone (no credential issued yet). */
    Negotiation finalizedUntold(String agreementId, Party consumer) {
        String pid = "urn:uuid:" + UUID.randomUUID();
        String agreement = Json.write(Json.provider().createObjectBuilder()
                .add("@id", agreementId).add("@type", "Agreement").add("target", "urn:example:dataset:weather")
                .add("assigner", CONNECTOR.did()).add("assignee", consumer.did()).add("timestamp", "2026-11-30T12:00:00Z")
                .add("permission", Json.provider().createArrayBuilder().add(Json.provider().createObjectBuilder().add("action", "use")))
                .build());
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        Negotiation n = new Negotiation(pid, Role.PROVIDER, "urn:uuid:consumer-" + UUID.randomUUID(), pid, consumer.did(),
                "https://consumer.example.org/callback", Position.at(ContractNegotiationState.FINALIZED), "{}", agreement, 0, now, now);
        Negotiation stored = negotiations.create(n, List.of(),
                List.of(event(pid, "ContractRequestMessage", consumer, null), event(pid, "ContractAgreementMessage", consumer, agreementId),
                        event(pid, "ContractNegotiationEventMessage", consumer, agreementId))).value();
        return stored;
    }

    /** A self-issued DSP requester token (Federator's identity profile). */
    static String dspToken(Party signer) throws Exception {
        return jws(signer, "JWT", signer.key().verificationMethod(), Json.provider().createObjectBuilder().add("iss", signer.did())
                .add("sub", signer.did()).add("aud", CONNECTOR.did()).add("exp", Instant.now().plusSeconds(240).getEpochSecond())
                .add("jti", UUID.randomUUID().toString()).build());
    }

    static String jws(Party signer, String typ, String kid, JsonObject claims) throws Exception {
        String header = Json.write(Json.provider().createObjectBuilder().add("alg", "ES256").add("typ", typ).add("kid", kid).build());
        String input = Base64URL.encode(header).toString() + "." + Base64URL.encode(Json.write(claims)).toString();
        return input + "." + JwsAlgorithms.sign("ES256", signer.key().privateKey(), input.getBytes(StandardCharsets.US_ASCII));
    }

    /** What the counter-party gets for an agreement with its DSP identity: credential, log token, inbox. */
    JsonObject counterPartyView(String agreementId, Party party) throws Exception {
        HttpResponse<String> r = new Http(port).send(new Http(port).request("/dsp/agreements/" + path(agreementId))
                .header("Authorization", "Bearer " + dspToken(party)).GET().build());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return Http.json(r);
    }

    /** A notification credential signed by {@code sender}, with subject fields a test may change. */
    static String notification(Party sender, String type, Consumer<JsonObjectBuilder> subject) {
        JsonObjectBuilder cs = Json.provider().createObjectBuilder().add("sender", sender.did()).add("receiver", CONNECTOR.did())
                .add("event", "sent").add("time", "2026-11-30T12:05:00Z").add("description", "weather data, 12 MB");
        subject.accept(cs);
        return WORLD.sign(Json.provider().createObjectBuilder()
                .add("@context", Json.provider().createArrayBuilder().add("https://www.w3.org/ns/credentials/v2"))
                .add("id", "urn:uuid:" + UUID.randomUUID())
                .add("type", Json.provider().createArrayBuilder().add("VerifiableCredential").add(type))
                .add("issuer", sender.did())
                .add("validFrom", "2026-01-01T00:00:00Z")
                .add("credentialSubject", cs).build(), sender);
    }

    HttpResponse<String> postNotification(String logToken, String contentType, String body) throws Exception {
        HttpRequest.Builder b = new Http(port).request("/dataspace/inbox").header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (logToken != null) {
            b.header("Authorization", "Bearer " + logToken);
        }
        return new Http(port).send(b.build());
    }

    static void assertProblem(HttpResponse<String> r, int status, String detailPart) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        assertThat(Http.contentType(r)).startsWith("application/problem+json");
        assertThat(Http.json(r).getString("detail")).contains(detailPart);
    }

    // ------------------------------------------------------------------------------------------------ agreements

    @Test
    void afterARestartFinalizedNegotiationsWithoutCredentialAreIssuedInTheBackground() throws Exception {
        Negotiation first = finalizedUntold("urn:uuid:" + UUID.randomUUID(), ALICE);
        Negotiation second = finalizedUntold("urn:uuid:" + UUID.randomUUID(), BOB);
        assertThat(agreementStore.findByNegotiation(first.id())).isEmpty();

        // a second issuer over the same database stands for the restarted server
        AgreementRecord issued;
        try (AgreementIssuer restarted = new AgreementIssuer(agreementsAsCredentials, negotiations, agreementStore)) {
            restarted.start(Duration.ofDays(1));
            issued = awaitIssued(first);
            awaitIssued(second);
        }
        assertThat(issued.counterPartyId()).isEqualTo(ALICE.did());
        assertThat(agreementStore.findByNegotiation(second.id())).hasValueSatisfying(r -> assertThat(r.counterPartyId()).isEqualTo(BOB.did()));
        VerificationResult verified = verifier.verify(issued.credential().getBytes(StandardCharsets.US_ASCII), VerificationOptions.defaults());
        assertThat(verified.failures()).isEmpty();
        assertThat(verified.valid()).isTrue();
    }

    @Test
    void anAgreementAskedForBeforeItsCredentialWasIssuedIsIssuedOnTheSpot() throws Exception {
        String agreementId = "urn:uuid:" + UUID.randomUUID();
        Negotiation n = finalizedUntold(agreementId, ALICE);

        HttpResponse<String> one = admin().get("/dataspace/agreements/" + path(agreementId));

        assertThat(one.statusCode()).as(one.body()).isEqualTo(200);
        assertThat(Http.json(one).getString("negotiationId")).isEqualTo(n.id());
        assertThat(agreementStore.findByNegotiation(n.id())).isPresent();
        JsonObject view = counterPartyView(agreementId, ALICE);
        assertThat(view.getString("credential")).isEqualTo(agreementStore.findByNegotiation(n.id()).orElseThrow().credential());
        // a negotiation that is not finalized has no agreement to issue
        assertThat(admin().get("/dataspace/agreements/" + path("urn:uuid:" + UUID.randomUUID())).statusCode()).isEqualTo(404);
    }

    @Test
    void aFinalizedAgreementIsIssuedOnceAsACredentialThatTheTrustCoreVerifies() throws Exception {
        String agreementId = "urn:uuid:" + UUID.randomUUID();
        Negotiation n = finalized(agreementId, ALICE);
        finalizedAgreements.finalized(n); // called again: the first credential stays

        HttpResponse<String> one = admin().get("/dataspace/agreements/" + path(agreementId));
        assertThat(one.statusCode()).as(one.body()).isEqualTo(200);
        assertThat(one.headers().firstValue("Link").orElse(""))
                .isEqualTo("<http://127.0.0.1:" + port + "/dataspace/inbox>; rel=\"http://www.w3.org/ns/ldp#inbox\"");
        JsonObject view = Http.json(one);
        assertThat(view.getString("role")).isEqualTo("PROVIDER");
        assertThat(view.getString("negotiationId")).isEqualTo(n.id());
        assertThat(view.getString("counterPartyId")).isEqualTo(ALICE.did());
        assertThat(view.getJsonObject("agreement").getString("@id")).isEqualTo(agreementId);

        HttpResponse<String> credential = admin().get("/dataspace/agreements/" + path(agreementId) + "/credential");
        assertThat(credential.statusCode()).isEqualTo(200);
        assertThat(Http.contentType(credential)).startsWith("application/vc+jwt");
        assertThat(credential.body()).isEqualTo(view.getString("credential"));

        VerificationResult verified = verifier.verify(credential.body().getBytes(StandardCharsets.US_ASCII), VerificationOptions.defaults());
        assertThat(verified.failures()).isEmpty();
        assertThat(verified.valid()).isTrue();
        JsonObject vc = verified.credentials().getFirst().document();
        assertThat(vc.getString("issuer")).isEqualTo(CONNECTOR.did());
        assertThat(vc.getJsonArray("type").getString(1)).isEqualTo("ContractAgreementCredential");
        JsonObject subject = vc.getJsonObject("credentialSubject");
        assertThat(subject.getString("id")).isEqualTo(agreementId);
        assertThat(subject.getString("target")).isEqualTo("urn:example:dataset:weather");
        assertThat(subject.getString("assigner")).isEqualTo(CONNECTOR.did());
        assertThat(subject.getString("assignee")).isEqualTo(ALICE.did());
        assertThat(subject.getString("timestamp")).isEqualTo("2026-11-30T12:00:00Z");
        assertThat(subject.getJsonArray("permission").getJsonObject(0).getString("action")).isEqualTo("use");
        assertThat(subject.getString("providerPid")).isEqualTo(n.providerPid());
        assertThat(subject.getString("consumerPid")).isEqualTo(n.consumerPid());

        JsonArray listed = Http.json(admin().get("/dataspace/agreements?limit=1000")).getJsonArray("agreements");
        assertThat(listed.getValuesAs(JsonObject.class).stream().filter(a -> a.getString("agreementId").equals(agreementId)))
                .as("listed once").hasSize(1);
        assertProblem(admin().get("/dataspace/agreements/" + path("urn:uuid:no-such-agreement")), 404, "no finalized agreement");
        assertProblem(admin().get("/dataspace/agreements/" + path(agreementId) + "?role=CONSUMER"), 404, "CONSUMER side");
        assertProblem(admin().get("/dataspace/agreements/" + path(agreementId) + "?role=judge"), 400, "PROVIDER or CONSUMER");
        assertProblem(admin().get("/dataspace/agreements?limit=0"), 400, "limit");
    }

    @Test
    void theCounterPartyGetsTheCredentialAndItsLogTokenWithItsDspIdentityNobodyElse() throws Exception {
        String agreementId = "urn:uuid:" + UUID.randomUUID();
        finalized(agreementId, ALICE);
        JsonObject view = counterPartyView(agreementId, ALICE);
        assertThat(view.getString("agreementId")).isEqualTo(agreementId);
        assertThat(view.getString("inbox")).isEqualTo("http://127.0.0.1:" + port + "/dataspace/inbox");
        assertThat(verifier.verify(view.getString("credential").getBytes(StandardCharsets.US_ASCII), VerificationOptions.defaults()).valid())
                .isTrue();
        JsonObject claims = Json.parse(Base64URL.from(view.getString("logToken").split("\\.")[1]).decode()).asJsonObject();
        assertThat(claims.getString("sub")).isEqualTo(ALICE.did());
        assertThat(claims.getString("agreementId")).isEqualTo(agreementId);
        assertThat(claims.getString("iss")).isEqualTo(CONNECTOR.did());

        HttpResponse<String> credential = new Http(port).send(new Http(port).request("/dsp/agreements/" + path(agreementId) + "/credential")
                .header("Authorization", dspToken(ALICE)).GET().build());
        assertThat(credential.statusCode()).isEqualTo(200);
        assertThat(credential.body()).isEqualTo(view.getString("credential"));
        assertThat(credential.headers().firstValue("Link").orElse("")).contains("rel=\"http://www.w3.org/ns/ldp#inbox\"");

        // Bob is no party: the same answer as for an agreement that does not exist
        HttpResponse<String> bob = new Http(port).send(new Http(port).request("/dsp/agreements/" + path(agreementId))
                .header("Authorization", dspToken(BOB)).GET().build());
        assertProblem(bob, 404, "no agreement " + agreementId + " between this connector and " + BOB.did());
        assertProblem(new Http(port).get("/dsp/agreements/" + path(agreementId)), 401, "no Authorization header");
        // the admin token is no DSP identity
        assertProblem(admin().get("/dsp/agreements/" + path(agreementId)), 401, "not a compact JWS");
    }

    // ------------------------------------------------------------------------------------------------ exchange log

    @Test
    void theWriterChainsTheQueuedEventsAndAnExportVerifiesUntilAnEntryIsChanged() throws Exception {
        String agreementId = "urn:uuid:" + UUID.randomUUID();
        Negotiation n = finalized(agreementId, BOB);
        writer.drainNow();

        HttpResponse<String> listed = admin().get("/dataspace/log/entries?processId=" + path(n.id()));
        assertThat(listed.statusCode()).as(listed.body()).isEqualTo(200);
        List<JsonObject> entries = Http.json(listed).getJsonArray("entries").getValuesAs(JsonObject.class);
        assertThat(entries).extracting(e -> e.getString("eventType")).containsExactly("ContractRequestMessage", "ContractAgreementMessage",
                "ContractNegotiationEventMessage", "AgreementCredentialIssued");
        assertThat(entries.getLast().getString("agreementId")).isEqualTo(agreementId);
        assertThat(Http.json(admin().get("/dataspace/log/entries?agreementId=" + path(agreementId))).getJsonArray("entries")).hasSize(3);
        HttpResponse<String> firstPage = admin().get("/dataspace/log/entries?processId=" + path(n.id()) + "&limit=2");
        assertThat(Http.json(firstPage).getJsonArray("entries")).hasSize(2);
        assertThat(firstPage.headers().firstValue("Link").orElse("")).contains("from=" + (entries.get(1).getInt("sequence") + 1));

        HttpResponse<String> exported = admin().get("/dataspace/log");
        assertThat(exported.statusCode()).as(exported.body()).isEqualTo(200);
        JsonObject export = Http.json(exported);
        assertThat(export.getJsonArray("checkpoints")).as("checkpoint-every=3").isNotEmpty();
        JsonObject report = verify(export);
        assertThat(report.getBoolean("ok")).as(report.toString()).isTrue();
        assertThat(report.isNull("firstBreak")).isTrue();
        assertThat(report.getJsonArray("signers").getString(0)).isEqualTo(CONNECTOR.verificationMethod());
        assertThat(report.getInt("checkpointedThrough")).isPositive();

        // one entry's event type changed: verify names that entry
        int index = entries.get(1).getInt("sequence") - 1;
        JsonObject changed = Json.provider().createObjectBuilder(export.getJsonArray("entries").getJsonObject(index))
                .add("eventType", "ContractNegotiationTerminationMessage").build();
        JsonObject tampered = Json.provider().createObjectBuilder(export)
                .add("entries", Json.provider().createArrayBuilder(export.getJsonArray("entries")).set(index, changed)).build();
        JsonObject broken = verify(tampered);
        assertThat(broken.getBoolean("ok")).isFalse();
        assertThat(broken.getJsonObject("firstBreak").getInt("sequence")).isEqualTo(index + 1);
        assertThat(broken.getJsonObject("firstBreak").getString("problem")).isEqualTo("HASH_MISMATCH");

        // a checkpoint's signature spoiled
        JsonObject checkpoint = export.getJsonArray("checkpoints").getJsonObject(0);
        String jws = checkpoint.getString("jws");
        JsonObject spoiled = Json.provider().createObjectBuilder(export).add("checkpoints", Json.provider().createArrayBuilder()
                .add(Json.provider().createObjectBuilder(checkpoint).add("jws", jws.substring(0, jws.length() - 4) + "AAAA"))).build();
        JsonObject unsigned = verify(spoiled);
        assertThat(unsigned.getJsonObject("firstBreak").getString("problem")).isEqualTo("CHECKPOINT_SIGNATURE_INVALID");
        assertThat(unsigned.getJsonObject("firstBreak").getInt("sequence")).isEqualTo(checkpoint.getInt("sequence"));

        // a range: entries of the one export page, Link to the rest
        HttpResponse<String> range = admin().get("/dataspace/log?from=2&to=3");
        assertThat(Http.json(range).getInt("from")).isEqualTo(2);
        assertThat(Http.json(range).getJsonArray("entries")).hasSize(2);
        assertProblem(admin().get("/dataspace/log?from=5&to=2"), 400, "must not be less than from");
        assertProblem(admin().get("/dataspace/log?from=x"), 400, "positive whole number");
        assertProblem(admin().post("/dataspace/log/verify", "application/json", "{\"entries\":[]}".getBytes(StandardCharsets.UTF_8)), 400,
                "not an export");
        assertProblem(admin().post("/dataspace/log/verify", "application/json", "[1,2".getBytes(StandardCharsets.UTF_8)), 400,
                "not well-formed JSON");
    }

    JsonObject verify(JsonObject export) throws Exception {
        HttpResponse<String> r = admin().post("/dataspace/log/verify", "application/json", Json.write(export).getBytes(StandardCharsets.UTF_8));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return Http.json(r);
    }

    @Test
    void aForeignLogIsCheckedWithTheKeyOfItsSignersDid() throws Exception {
        LogEvent e1 = event("urn:uuid:foreign-1", "TransferStartMessage", BOB, "urn:uuid:foreign-agreement");
        LogEvent e2 = event("urn:uuid:foreign-1", "TransferCompletionMessage", BOB, "urn:uuid:foreign-agreement");
        LogEntry first = new LogEntry(1, ExchangeChain.GENESIS, ExchangeChain.hash(1, ExchangeChain.GENESIS, e1), e1);
        LogEntry second = new LogEntry(2, first.hash(), ExchangeChain.hash(2, first.hash(), e2), e2);
        Instant at = Instant.now().truncatedTo(ChronoUnit.MICROS);
        Checkpoint byAlice = ExchangeChain.sign(2, second.hash(), at, ALICE.key());
        JsonObject aliceLog = foreignExport(first, second, byAlice);
        JsonObject report = verify(aliceLog);
        assertThat(report.getBoolean("ok")).as(report.toString()).isTrue();
        assertThat(report.getJsonArray("signers").getString(0)).isEqualTo(ALICE.key().verificationMethod());
        assertThat(report.getInt("checkpointedThrough")).isEqualTo(2);

        // Bob's key claiming to be Alice's method
        Checkpoint forged = ExchangeChain.sign(2, second.hash(), at, new eu.federator.credentials.issue.CredentialSigner.SigningKey(
                BOB.key().privateKey(), ALICE.key().verificationMethod()));
        JsonObject report2 = verify(foreignExport(first, second, forged));
        assertThat(report2.getJsonObject("firstBreak").getString("problem")).isEqualTo("CHECKPOINT_SIGNATURE_INVALID");
        // a signer whose DID does not resolve
        Checkpoint nobody = ExchangeChain.sign(2, second.hash(), at, new eu.federator.credentials.issue.CredentialSigner.SigningKey(
                ALICE.key().privateKey(), "did:web:nobody.example.org#key-1"));
        JsonObject report3 = verify(foreignExport(first, second, nobody));
        assertThat(report3.getJsonObject("firstBreak").getString("problem")).isEqualTo("CHECKPOINT_SIGNATURE_INVALID");
        assertThat(report3.getJsonObject("keyProblems").getString("did:web:nobody.example.org#key-1")).contains("cannot resolve");
    }

    static JsonObject foreignExport(LogEntry first, LogEntry second, Checkpoint checkpoint) {
        return Json.provider().createObjectBuilder().add("from", 1).add("to", 2).add("previousHash", ExchangeChain.GENESIS)
                .add("entries", Json.provider().createArrayBuilder().add(ExchangeChain.entryJson(first)).add(ExchangeChain.entryJson(second)))
                .add("checkpoints", Json.provider().createArrayBuilder().add(ExchangeChain.checkpointJson(checkpoint))).build();
    }

    // ------------------------------------------------------------------------------------------------ inbox

    @Test
    void theInboxAcceptsANotificationSignedByTheCounterPartyWithItsLogTokenAndLogsIt() throws Exception {
        String agreementId = "urn:uuid:" + UUID.randomUUID();
        Negotiation n = finalized(agreementId, ALICE);
        String logToken = counterPartyView(agreementId, ALICE).getString("logToken");
        String sent = notification(ALICE, "DataExchangeNotification", cs -> cs.add("agreementId", agreementId));

        HttpResponse<String> created = postNotification(logToken, "application/vc+jwt", sent);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String location = created.headers().firstValue("Location").orElseThrow();
        assertThat(location).startsWith("http://127.0.0.1:" + port + "/dataspace/inbox/");
        // posted again: the same notification, not a second one
        HttpResponse<String> again = postNotification(logToken, "application/vc+jwt", sent);
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(again.headers().firstValue("Location")).hasValue(location);
        // GXFS' own type names the event; JSON-LD (an enveloped credential) is accepted as LDN asks
        String received = notification(ALICE, "ReceivedDataNotification", cs -> cs.add("agreementId", agreementId).remove("event"));
        String enveloped = Json.write(Json.provider().createObjectBuilder()
                .add("@context", Json.provider().createArrayBuilder().add("https://www.w3.org/ns/credentials/v2"))
                .add("type", "EnvelopedVerifiableCredential").add("id", "data:application/vc+jwt," + received).build());
        HttpResponse<String> second = postNotification(logToken, "application/ld+json", enveloped);
        assertThat(second.statusCode()).as(second.body()).isEqualTo(201);
        assertThat(Http.json(second).getString("event")).isEqualTo("received");

        HttpResponse<String> container = admin().get("/dataspace/inbox?agreementId=" + path(agreementId));
        assertThat(container.statusCode()).isEqualTo(200);
        assertThat(Http.contentType(container)).startsWith("application/ld+json");
        assertThat(container.headers().firstValue("Accept-Post").orElse("")).contains("application/vc+jwt");
        JsonObject ldp = Http.json(container);
        assertThat(ldp.getJsonObject("@context").getString("ldp")).isEqualTo("http://www.w3.org/ns/ldp#");
        assertThat(ldp.getJsonArray("@type").getString(0)).isEqualTo("ldp:Container");
        assertThat(ldp.getJsonArray("ldp:contains").getValuesAs(JsonObject.class)).extracting(o -> o.getString("@id"))
                .containsExactly(location, second.headers().firstValue("Location").orElseThrow());

        JsonObject one = Http.json(admin().get(URI.create(location).getPath()));
        assertThat(one.getString("sender")).isEqualTo(ALICE.did());
        assertThat(one.getString("agreementId")).isEqualTo(agreementId);
        assertThat(one.getString("event")).isEqualTo("sent");
        assertThat(one.getString("time")).isEqualTo("2026-11-30T12:05:00Z");
        assertThat(one.getString("credential")).isEqualTo(sent);
        assertProblem(admin().get("/dataspace/inbox/no-such-notification"), 404, "no notification");

        writer.drainNow();
        List<JsonObject> logged = Http.json(admin().get("/dataspace/log/entries?agreementId=" + path(agreementId) + "&processId=" + path(n.id())))
                .getJsonArray("entries").getValuesAs(JsonObject.class);
        assertThat(logged).extracting(e -> e.getString("eventType")).endsWith("notification:sent", "notification:received");
        JsonObject entry = logged.get(logged.size() - 2);
        assertThat(entry.getString("counterPartyId")).isEqualTo(ALICE.did());
        assertThat(entry.getString("payloadDigest")).isEqualTo(ExchangeChain.digest(sent.getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void theInboxRefusesWithoutAValidLogTokenForThatAgreementAndSigner() throws Exception {
        String agreementId = "urn:uuid:" + UUID.randomUUID();
        String otherAgreement = "urn:uuid:" + UUID.randomUUID();
        finalized(agreementId, ALICE);
        finalized(otherAgreement, ALICE);
        String logToken = counterPartyView(agreementId, ALICE).getString("logToken");
        String good = notification(ALICE, "DataExchangeNotification", cs -> cs.add("agreementId", agreementId));

        HttpResponse<String> none = postNotification(null, "application/vc+jwt", good);
        assertProblem(none, 401, "no log token");
        assertThat(none.headers().firstValue("WWW-Authenticate").orElse("")).contains("invalid_token");
        // Alice signs her own "log token" under the connector's kid
        String[] parts = logToken.split("\\.");
        JsonObject claims = Json.parse(Base64URL.from(parts[1]).decode()).asJsonObject();
        String forged = jws(ALICE, "log-token+jwt", CONNECTOR.verificationMethod(), claims);
        assertProblem(postNotification(forged, "application/vc+jwt", good), 401, "does not verify");
        assertProblem(postNotification(dspToken(ALICE), "application/vc+jwt", good), 401, "not a log token");
        // the token of one agreement for a notification about another
        String aboutOther = notification(ALICE, "DataExchangeNotification", cs -> cs.add("agreementId", otherAgreement));
        assertProblem(postNotification(logToken, "application/vc+jwt", aboutOther), 403, "authorises " + agreementId + " only");
        // Bob signs a notification and uses Alice's token
        String byBob = notification(BOB, "DataExchangeNotification", cs -> cs.add("agreementId", agreementId));
        assertProblem(postNotification(logToken, "application/vc+jwt", byBob), 403, "signed by " + BOB.did());
        // Alice's notification, altered after signing
        String[] signed = good.split("\\.");
        String altered = signed[0] + "." + Base64URL.encode(new String(Base64URL.from(signed[1]).decode(), StandardCharsets.UTF_8)
                .replace("\"sent\"", "\"received\"")) + "." + signed[2];
        HttpResponse<String> bad = postNotification(logToken, "application/vc+jwt", altered);
        assertProblem(bad, 422, "does not verify");
        assertThat(Http.json(bad).getJsonArray("errors").getJsonObject(0).getString("check")).isEqualTo("proof.signature");
        assertProblem(postNotification(logToken, "application/vc+jwt", "hello"), 400, "one notification credential");
        assertProblem(postNotification(logToken, "application/vc+jwt",
                notification(ALICE, "WeatherReport", cs -> cs.add("agreementId", agreementId))), 400, "is not a notification");
        assertProblem(postNotification(logToken, "application/vc+jwt",
                notification(ALICE, "DataExchangeNotification", cs -> cs.add("agreementId", agreementId).add("receiver", BOB.did()))), 400,
                "receiver must be this connector");
        assertProblem(postNotification(logToken, "application/vc+jwt",
                notification(ALICE, "DataExchangeNotification", cs -> cs.add("agreementId", agreementId).add("event", "a b"))), 400,
                "event must name");
        assertThat(Http.json(admin().get("/dataspace/inbox?agreementId=" + path(agreementId))).getJsonArray("ldp:contains")).isEmpty();
    }

    // ------------------------------------------------------------------------------------------------ permissions

    @Test
    void theManagementEndpointsNeedTheAdminAndVerifyAnyValidToken() throws Exception {
        Http anonymous = new Http(port);
        for (String path : List.of("/dataspace/log", "/dataspace/log/entries", "/dataspace/agreements", "/dataspace/agreements/x",
                "/dataspace/agreements/x/credential", "/dataspace/inbox", "/dataspace/inbox/x")) {
            HttpResponse<String> r = anonymous.get(path);
            assertThat(r.statusCode()).as(path).isEqualTo(401);
            assertThat(Http.json(r).getString("type")).as(path).isEqualTo("/problems/unauthorized");
        }
        assertThat(anonymous.post("/dataspace/log/verify", "application/json", "{}".getBytes(StandardCharsets.UTF_8)).statusCode()).isEqualTo(401);
        assertThat(admin().get("/dataspace/log").statusCode()).isEqualTo(200);
        assertThat(admin().get("/dataspace/inbox").statusCode()).isEqualTo(200);
        // the inbox is open to posts at the HTTP layer: the endpoint itself asks for the log token
        assertProblem(anonymous.post("/dataspace/inbox", "application/vc+jwt", "x".getBytes(StandardCharsets.UTF_8)), 401, "no log token");
        assertThat(anonymous.post("/dataspace/inbox", "text/plain", "x".getBytes(StandardCharsets.UTF_8)).statusCode()).isEqualTo(415);
    }
}
