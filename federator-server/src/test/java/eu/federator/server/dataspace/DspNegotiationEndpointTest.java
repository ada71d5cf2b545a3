package eu.federator.server.dataspace;

import com.sun.net.httpserver.HttpServer;
import eu.federator.catalogue.testing.TestDirectories;
import eu.federator.credentials.json.Json;
import eu.federator.dataspace.protocol.DspJson;
import eu.federator.server.Http;
import eu.federator.trustframework.compliance.ComplianceWorld.Party;
import eu.federator.trustframework.identity.ServiceIdentity;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.net.InetSocketAddress;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static eu.federator.server.dataspace.DspCatalogEndpointTest.ALICE;
import static eu.federator.server.dataspace.DspCatalogEndpointTest.BOB;
import static eu.federator.server.dataspace.DspCatalogEndpointTest.WORLD;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The provider's side of contract negotiation over HTTP, with the test as the consumer: its messages are posted by hand
 * and its callback address is a loopback server that records what Federator's dispatcher sends. The contract policy of
 * the dataset asks for a legal person registered in France: Alice (FR) gets an agreement, Bob (DE) a termination that
 * says why. Refusals: 400 for invalid transitions and malformed messages, 404 for unknown processes and for another
 * participant's, 401 without a token.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class DspNegotiationEndpointTest {
    static final String TOKEN = "dsp-negotiation-test-token-0123456789abcdef";
    static final Path ROOT = TestDirectories.newDataDir("federator-dsp-negotiation-");
    static final String DATASET = "https://participant.example.org/credentials/dsp-negotiated.json#cs";
    static final BlockingQueue<String[]> CALLBACKS = new LinkedBlockingQueue<>();
    static HttpServer callback;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws Exception {
        Path policies = ROOT.resolve("dsp-policies.json");
        Files.createDirectories(ROOT);
        Files.writeString(policies, """
                {"datasets": {"%s": {"offer": {"@id": "urn:test:french-contract", "@type": "Offer", "permission": [{"action": "use",
                     "constraint": [{"leftOperand": "gx:countryCode", "operator": "eq", "rightOperand": "FR"}]}]}}}}
                """.formatted(DATASET));
        registry.add("federator.data-dir", () -> ROOT.resolve("data").toString());
        registry.add("federator.trust.web-mirror", WORLD.mirror::toString);
        registry.add("federator.trust.trust-anchors", WORLD.anchors::toString);
        registry.add("FEDERATOR_ADMIN_TOKEN", () -> TOKEN);
        registry.add("federator.dataspace.catalog-policies", policies::toString);
    }

    @BeforeAll
    static void startCallback() throws Exception {
        callback = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        callback.createContext("/", exchange -> {
            CALLBACKS.add(new String[]{exchange.getRequestURI().getPath(), new String(exchange.getRequestBody().readAllBytes(),
                    StandardCharsets.UTF_8)});
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        callback.start();
    }

    @AfterAll
    static void stopCallback() {
        callback.stop(0);
    }

    @LocalServerPort
    int port;

    @Autowired
    ServiceIdentity connector;

    static boolean submitted;

    synchronized void submitOnce() throws Exception {
        if (!submitted) {
            DspCatalogEndpointTest.submit(new Http(port, TOKEN), "dsp-negotiated", cs -> cs.add("https://schema.org/name", "Negotiated data"));
            submitted = true;
        }
    }

    String token(Party requester) throws Exception {
        return DspCatalogEndpointTest.token(requester, requester.did(), connector.did(), Instant.now().plus(Duration.ofMinutes(4)),
                DspCatalogEndpointTest.legalPerson(requester, requester == ALICE ? "FR" : "DE"));
    }

    HttpResponse<String> post(Party requester, String path, String body) throws Exception {
        HttpRequest.Builder b = new Http(port).request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (requester != null) {
            b.header("Authorization", "Bearer " + token(requester));
        }
        return new Http(port).send(b.build());
    }

    HttpResponse<String> get(Party requester, String path) throws Exception {
        return new Http(port).send(new Http(port).request(path).header("Authorization", "Bearer " + token(requester)).GET().build());
    }

    String request(String consumerPid) {
        return """
                {"@context": ["%s"], "@type": "ContractRequestMessage", "consumerPid": "%s",
                 "callbackAddress": "http://127.0.0.1:%d/callback/",
                 "offer": {"@id": "urn:test:french-contract", "@type": "Offer", "target": "%s", "permission": [{"action": "use",
                   "constraint": [{"leftOperand": "gx:countryCode", "operator": "eq", "rightOperand": "FR"}]}]}}
                """.formatted(DspJson.CONTEXT, consumerPid, callback.getAddress().getPort(), DATASET);
    }

    /** The next message the dispatcher sent to the test's callback address for {@code consumerPid}. */
    static String[] next(String consumerPid) throws InterruptedException {
        Instant until = Instant.now().plus(Duration.ofSeconds(20));
        while (Instant.now().isBefore(until)) {
            String[] m = CALLBACKS.poll(200, TimeUnit.MILLISECONDS);
            if (m != null && m[0].contains(consumerPid)) {
                return m;
            }
            if (m != null) {
                CALLBACKS.add(m); // another test's message
                Thread.sleep(20);
            }
        }
        throw new AssertionError("no callback for " + consumerPid);
    }

    static void assertError(HttpResponse<String> r, int status, String reasonPart) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        JsonObject error = Http.json(r);
        assertThat(error.getString("@type")).isEqualTo("ContractNegotiationError");
        assertThat(error.getString("code")).isEqualTo(String.valueOf(status));
        assertThat(error.getJsonArray("reason").toString()).contains(reasonPart);
    }

    @Test
    void aFrenchConsumerGetsAnAgreementAndAfterVerificationAFinalizedEvent() throws Exception {
        submitOnce();
        String consumerPid = "urn:uuid:" + UUID.randomUUID();
        HttpResponse<String> created = post(ALICE, "/dsp/negotiations/request", request(consumerPid));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonObject negotiation = Http.json(created);
        assertThat(negotiation.getString("@type")).isEqualTo("ContractNegotiation");
        assertThat(negotiation.getString("state")).isEqualTo("REQUESTED");
        String providerPid = negotiation.getString("providerPid");

        String[] agreement = next(consumerPid);
        assertThat(agreement[0]).isEqualTo("/callback/negotiations/" + consumerPid + "/agreement");
        JsonObject a = Json.parseObject(agreement[1].getBytes(StandardCharsets.UTF_8)).getJsonObject("agreement");
        assertThat(a.getString("target")).isEqualTo(DATASET);
        assertThat(a.getString("assigner")).isEqualTo(connector.did());
        assertThat(a.getString("assignee")).isEqualTo(ALICE.did());

        // a repeated initial request (the consumer lost our answer) is the same process
        HttpResponse<String> again = post(ALICE, "/dsp/negotiations/request", request(consumerPid));
        assertThat(Http.json(again).getString("providerPid")).isEqualTo(providerPid);

        String verification = "{\"@context\":[\"" + DspJson.CONTEXT + "\"],\"@type\":\"ContractAgreementVerificationMessage\",\"providerPid\":\""
                + providerPid + "\",\"consumerPid\":\"" + consumerPid + "\"}";
        assertThat(post(ALICE, "/dsp/negotiations/" + providerPid + "/agreement/verification", verification).statusCode()).isEqualTo(200);
        String[] finalized = next(consumerPid);
        assertThat(finalized[0]).isEqualTo("/callback/negotiations/" + consumerPid + "/events");
        assertThat(finalized[1]).contains("FINALIZED");
        Instant until = Instant.now().plus(Duration.ofSeconds(10));
        String state = "";
        while (!state.equals("FINALIZED") && Instant.now().isBefore(until)) {
            state = Http.json(get(ALICE, "/dsp/negotiations/" + providerPid)).getString("state");
            Thread.sleep(50);
        }
        assertThat(state).isEqualTo("FINALIZED");

        // after the final state nothing moves it, and a different verification is an invalid transition
        String accepted = "{\"@context\":[\"" + DspJson.CONTEXT + "\"],\"@type\":\"ContractNegotiationEventMessage\",\"providerPid\":\""
                + providerPid + "\",\"consumerPid\":\"" + consumerPid + "\",\"eventType\":\"ACCEPTED\"}";
        assertError(post(ALICE, "/dsp/negotiations/" + providerPid + "/events", accepted), 400, "final state");
        // Bob may not see Alice's negotiation, and an unknown one does not exist: both 404
        assertError(get(BOB, "/dsp/negotiations/" + providerPid), 404, "no contract negotiation");
        assertError(get(ALICE, "/dsp/negotiations/urn:uuid:" + UUID.randomUUID()), 404, "no contract negotiation");
    }

    @Test
    void aGermanConsumerIsTerminatedWithTheReasonOfTheContractPolicy() throws Exception {
        submitOnce();
        String consumerPid = "urn:uuid:" + UUID.randomUUID();
        HttpResponse<String> created = post(BOB, "/dsp/negotiations/request", request(consumerPid));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);

        String[] termination = next(consumerPid);
        assertThat(termination[0]).isEqualTo("/callback/negotiations/" + consumerPid + "/termination");
        assertThat(termination[1]).contains("ContractNegotiationTerminationMessage").contains("does not allow " + BOB.did())
                .contains("countryCode");
    }

    @Test
    void invalidMessagesAreRefusedWithThe400AndTheProtocolsErrorBody() throws Exception {
        submitOnce();
        assertError(post(ALICE, "/dsp/negotiations/request", "{not json"), 400, "");
        String consumerPid = "urn:uuid:" + UUID.randomUUID();
        String providerPid = Http.json(post(ALICE, "/dsp/negotiations/request", request(consumerPid))).getString("providerPid");
        next(consumerPid); // the agreement
        // a consumer never sends FINALIZED
        String finalized = "{\"@context\":[\"" + DspJson.CONTEXT + "\"],\"@type\":\"ContractNegotiationEventMessage\",\"providerPid\":\""
                + providerPid + "\",\"consumerPid\":\"" + consumerPid + "\",\"eventType\":\"FINALIZED\"}";
        assertError(post(ALICE, "/dsp/negotiations/" + providerPid + "/events", finalized), 400, "never sends");
        // the message names another process than the path
        String wrongPid = "{\"@context\":[\"" + DspJson.CONTEXT + "\"],\"@type\":\"ContractAgreementVerificationMessage\",\"providerPid\":\"urn:uuid:"
                + UUID.randomUUID() + "\",\"consumerPid\":\"" + consumerPid + "\"}";
        assertError(post(ALICE, "/dsp/negotiations/" + providerPid + "/agreement/verification", wrongPid), 400, "is not the process");
        // no token: 401
        assertError(post(null, "/dsp/negotiations/request", request("urn:uuid:" + UUID.randomUUID())), 401, "Authorization");
        // an initial request must say where replies go
        String noCallback = request("urn:uuid:" + UUID.randomUUID()).replaceAll("\"callbackAddress\": \"[^\"]+\",", "");
        assertError(post(ALICE, "/dsp/negotiations/request", noCallback), 400, "callbackAddress");
    }
}
