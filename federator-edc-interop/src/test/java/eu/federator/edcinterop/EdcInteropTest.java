package eu.federator.edcinterop;

import eu.federator.catalogue.testing.TestDirectories;
import eu.federator.credentials.json.Json;
import eu.federator.dataspace.negotiation.FinalizedAgreements;
import eu.federator.server.FederatorApplication;
import eu.federator.trustframework.compliance.ComplianceWorld;
import eu.federator.trustframework.identity.ServiceIdentity;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
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
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Federator (in-process, real PostgreSQL) and a real EDC 0.15.1 connector (child process, in-memory) over loopback, each
 * driven through its own management API as their operators would: EDC as consumer of Federator's catalog and contracts,
 * Federator as consumer of EDC's. One EDC plays both roles (participant id {@value #EDC_ID}).
 */
@SpringBootTest(classes = {FederatorApplication.class, EdcInteropTest.TestBeans.class},
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class EdcInteropTest {
    static final String ADMIN_TOKEN = "edc-interop-test-token-0123456789abcdef";
    static final Path ROOT = TestDirectories.newDataDir("federator-edc-");
    static final ComplianceWorld WORLD = new ComplianceWorld(ROOT.resolve("world"));
    static final ComplianceWorld.Loire LOIRE = WORLD.new Loire();
    static final String OFFERING = "https://participant.example.org/credentials/edc-weather.json#cs";
    // not "edc": EDC expands a value equal to one of its JSON-LD prefixes (edc, odrl, dcat, dct, dspace, ...) into the
    // prefix's IRI, and then refuses an agreement naming it as assignee with a bare 400
    static final String EDC_ID = "edc-connector";
    static final String EDC_ASSET = "edc-asset-1";
    static EdcRuntime edc;
    static boolean submitted;
    static boolean edcSeeded;
    static final Set<String> FINALIZED = ConcurrentHashMap.newKeySet();

    /** EDC's mock identity in both directions, a record of finalized negotiations. */
    @TestConfiguration(proxyBeanMethods = false)
    static class TestBeans {
        @Bean
        @Primary
        EdcMockIdentity edcMockIdentity(ServiceIdentity identity) {
            return new EdcMockIdentity(identity.did());
        }

        /** Which negotiations Federator's FinalizedAgreements hook was told of, in either role. */
        @Bean
        FinalizedAgreements recordFinalized() {
            return n -> FINALIZED.add(n.id());
        }
    }

    /** Where Federator's data plane reads the offering's data (a loopback HTTP server, as an internal source would be). */
    static final Source SOURCE = Source.serving("text/plain", "weather for EDC, served by Federator's data plane");

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws Exception {
        Path sources = ROOT.resolve("data-sources.json");
        Files.writeString(sources, Json.write(Json.provider().createObjectBuilder()
                .add(OFFERING, Json.provider().createObjectBuilder().add("url", SOURCE.url())).build()));
        registry.add("federator.dataspace.data-sources", sources::toString);
        registry.add("federator.dataspace.data-plane.private-sources", () -> "true");
        // EDC and the push destinations are on loopback, over plain http
        registry.add("federator.net.allow-private-networks", () -> "true");
        registry.add("federator.net.allow-http", () -> "true");
        registry.add("federator.data-dir", () -> ROOT.resolve("data").toString());
        registry.add("federator.trust.web-mirror", WORLD.mirror::toString);
        registry.add("federator.trust.trust-anchors", WORLD.anchors::toString);
        registry.add("FEDERATOR_ADMIN_TOKEN", () -> ADMIN_TOKEN);
    }

    @BeforeAll
    static void startEdc() throws Exception {
        edc = EdcRuntime.start(EDC_ID, EdcRuntime.libDirectory(), ROOT.resolve("edc"), Map.of());
    }

    @AfterAll
    static void stopEdc() {
        if (edc != null) {
            edc.close();
        }
    }

    @LocalServerPort
    int port;

    @Autowired
    ServiceIdentity connector;

    String dspBase() {
        return "http://127.0.0.1:" + port + "/dsp";
    }

    synchronized void submitOffering() throws Exception {
        if (submitted) {
            return;
        }
        String vp = LOIRE.offeringPresentation("edc-weather", cs -> cs.add("https://schema.org/name", "Weather for EDC")
                .add("gx:keyword", Json.provider().createArrayBuilder().add("weather")));
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/self-descriptions"))
                .header("Authorization", "Bearer " + ADMIN_TOKEN).header("Content-Type", "application/vp+jwt")
                .POST(HttpRequest.BodyPublishers.ofString(vp, StandardCharsets.US_ASCII)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        submitted = true;
    }

    @Test
    void anEdcConsumerReadsFederatorsCatalogThroughItsManagementApi() throws Exception {
        submitOffering();
        EdcManagement.Answer answer = new EdcManagement(edc).post("/v3/catalog/request", EdcManagement.body()
                .add("counterPartyAddress", dspBase())
                .add("counterPartyId", connector.did())
                .add("protocol", EdcRuntime.DSP_2025_1)
                .build());
        assertThat(answer.status()).as(answer.body() + "\n" + edc.log()).isEqualTo(200);
        // EDC hands the provider's catalog through in the DSP 2025-1 compacted form
        JsonObject catalog = answer.object();
        assertThat(catalog.getString("@type")).isEqualTo("Catalog");
        assertThat(catalog.getString("participantId")).isEqualTo(connector.did());
        JsonObject dataset = catalog.getJsonArray("dataset").stream().map(JsonValue::asJsonObject)
                .filter(d -> d.getString("@id").equals(OFFERING)).findFirst().orElseThrow(() -> new AssertionError(OFFERING + " not in " + catalog));
        assertThat(dataset.getString("dct:title")).isEqualTo("Weather for EDC");
        assertThat(dataset.getJsonArray("hasPolicy").getJsonObject(0).getJsonArray("permission").getJsonObject(0).getString("action")).isEqualTo("use");
        assertThat(dataset.getJsonArray("distribution").getJsonObject(0).getString("format")).isEqualTo("HttpData-PULL");
    }

    /**
     * The mock identity proves nothing, but it is still checked: a token for another audience, without a clientId or
     * not a mock token at all is a 401, as in production.
     */
    @Test
    void federatorRefusesMockTokensForAnotherAudienceOrWithoutClientId() throws Exception {
        String request = "{\"@context\":[\"https://w3id.org/dspace/2025/1/context.jsonld\"],\"@type\":\"CatalogRequestMessage\"}";
        EdcMockIdentity consumer = new EdcMockIdentity(EDC_ID);
        assertThat(dspCatalogRequest(consumer.token(dspBase()), request).statusCode()).isEqualTo(200);
        assertThat(dspCatalogRequest(consumer.token(connector.did()), request).statusCode()).isEqualTo(200);
        HttpResponse<String> other = dspCatalogRequest(consumer.token("http://127.0.0.1:1/dsp"), request);
        assertThat(other.statusCode()).isEqualTo(401);
        assertThat(other.body()).contains("audience must be " + dspBase());
        assertThat(dspCatalogRequest("{\"region\":\"eu\",\"audience\":\"" + dspBase() + "\"}", request).body()).contains("no clientId");
        assertThat(dspCatalogRequest("Bearer abc.def.ghi", request).statusCode()).isEqualTo(401);
    }

    @Test
    void anEdcConsumerNegotiatesWithFederatorAsProviderToFinalized() throws Exception {
        EdcManagement management = new EdcManagement(edc);
        JsonObject edcNegotiation = finalizedWithFederatorProvider(management);
        String id = edcNegotiation.getString("@id");
        // Federator's side: EDC's negotiation id is its consumerPid
        String ourId = federatorNegotiations().stream().filter(n -> id.equals(n.getString("consumerPid", null))).findFirst()
                .orElseThrow(() -> new AssertionError("Federator has no negotiation with consumerPid " + id)).getString("id");
        // Federator records FINALIZED once the dispatcher has EDC's acknowledgement of its event, maybe after EDC did
        JsonObject ours = awaitFederator("/dataspace/negotiations/" + ourId);
        assertThat(ours.getString("role")).isEqualTo("PROVIDER");
        assertThat(ours.getString("state")).isEqualTo("FINALIZED");
        assertThat(ours.getString("counterPartyId")).isEqualTo(EDC_ID);
        // reached by that acknowledgement: the hook hears of it too
        assertThat(hookToldOf(ourId)).as("FinalizedAgreements told of " + ourId).isTrue();
        JsonObject agreement = ours.getJsonObject("agreement");
        assertThat(agreement.getString("target")).isEqualTo(OFFERING);
        assertThat(agreement.getString("assigner")).isEqualTo(connector.did());
        assertThat(agreement.getString("assignee")).isEqualTo(EDC_ID);
        // EDC stored the agreement Federator made (under an id of its own: contractAgreementId is EDC's, agreementId the wire's)
        JsonObject edcAgreement = management.get("/v3/contractagreements/" + edcNegotiation.getString("contractAgreementId")).expect(200).object();
        assertThat(edcAgreement.getString("agreementId")).isEqualTo(agreement.getString("@id"));
        assertThat(edcAgreement.getString("assetId")).isEqualTo(OFFERING);
        assertThat(edcAgreement.getString("providerId")).isEqualTo(connector.did());
        assertThat(edcAgreement.getString("consumerId")).isEqualTo(EDC_ID);
    }

    @Test
    void anEdcConsumerGetsAnHttpDataPushFromFederatorAsProvider() throws Exception {
        EdcManagement management = new EdcManagement(edc);
        JsonObject negotiation = finalizedWithFederatorProvider(management);
        try (Sink sink = new Sink()) {
            String id = management.post("/v3/transferprocesses", EdcManagement.body().add("@type", "TransferRequest")
                    .add("counterPartyAddress", dspBase()).add("protocol", EdcRuntime.DSP_2025_1)
                    .add("contractId", negotiation.getString("contractAgreementId")).add("transferType", "HttpData-PUSH")
                    .add("dataDestination", Json.provider().createObjectBuilder().add("type", "HttpData").add("baseUrl", sink.url("/from-federator")))
                    .build()).expect(200).object().getString("@id");
            JsonObject edcTransfer = awaitEdcTransfer(management, id);
            // the push starts when EDC acknowledged Federator's start message, and completes when the data plane reports back
            assertThat(edcTransfer.getString("state")).as(edcTransfer + "\n" + edc.log()).isEqualTo("COMPLETED");
            Sink.Received received = sink.received().getFirst();
            assertThat(received.path()).isEqualTo("/from-federator");
            assertThat(received.body()).isEqualTo(SOURCE.body());
            // Federator's side: the provider's transfer, completed, under the agreement it made
            JsonObject ours = federator("GET", "/dataspace/transfers?limit=500", null, 200).getJsonArray("items").stream()
                    .map(JsonValue::asJsonObject).filter(t -> id.equals(t.getString("consumerPid", null))).findFirst()
                    .orElseThrow(() -> new AssertionError("Federator has no transfer with consumerPid " + id));
            assertThat(ours.getString("role")).isEqualTo("PROVIDER");
            assertThat(ours.getString("state")).isEqualTo("COMPLETED");
            assertThat(ours.getString("format")).isEqualTo("HttpData-PUSH");
        }
    }

    /** EDC (consumer) negotiates Federator's offering to FINALIZED; EDC's negotiation. */
    JsonObject finalizedWithFederatorProvider(EdcManagement management) throws Exception {
        submitOffering();
        JsonObject catalog = management.post("/v3/catalog/request", EdcManagement.body().add("counterPartyAddress", dspBase())
                .add("counterPartyId", connector.did()).add("protocol", EdcRuntime.DSP_2025_1).build()).expect(200).object();
        JsonObject offer = catalog.getJsonArray("dataset").stream().map(JsonValue::asJsonObject)
                .filter(d -> d.getString("@id").equals(OFFERING)).findFirst().orElseThrow().getJsonArray("hasPolicy").getJsonObject(0);
        JsonObject policy = Json.provider().createObjectBuilder(offer).add("@context", EdcManagement.ODRL_CONTEXT)
                .add("assigner", connector.did()).add("target", OFFERING).build();
        String id = management.post("/v3/contractnegotiations", EdcManagement.body().add("@type", "ContractRequest")
                .add("counterPartyAddress", dspBase()).add("counterPartyId", connector.did()).add("protocol", EdcRuntime.DSP_2025_1)
                .add("policy", policy).build()).expect(200).object().getString("@id");
        JsonObject negotiation = awaitEdcNegotiation(management, id);
        assertThat(negotiation.getString("state")).as(negotiation + "\n" + edc.log()).isEqualTo("FINALIZED");
        return negotiation;
    }

    /** EDC's transfer once it reached COMPLETED or TERMINATED; at most a minute. */
    static JsonObject awaitEdcTransfer(EdcManagement management, String id) throws Exception {
        Instant until = Instant.now().plus(Duration.ofMinutes(1));
        JsonObject last = management.get("/v3/transferprocesses/" + id).expect(200).object();
        while (!Set.of("COMPLETED", "TERMINATED").contains(last.getString("state")) && Instant.now().isBefore(until)) {
            Thread.sleep(100);
            last = management.get("/v3/transferprocesses/" + id).expect(200).object();
        }
        return last;
    }

    @Test
    void federatorAsConsumerNegotiatesWithAnEdcProviderToFinalized() throws Exception {
        JsonObject ours = finalizedWithEdcProvider();
        assertThat(hookToldOf(ours.getString("id"))).as("FinalizedAgreements told of " + ours.getString("id")).isTrue();
        JsonObject agreement = ours.getJsonObject("agreement");
        assertThat(agreement.getString("target")).isEqualTo(EDC_ASSET);
        assertThat(agreement.getString("assigner")).isEqualTo(EDC_ID);
        assertThat(agreement.getString("assignee")).isEqualTo(connector.did());
        // EDC's side: its provider negotiation (EDC's id is the providerPid) finalized with the same agreement. EDC records
        // FINALIZED once Federator acknowledged the event, which may be a moment after Federator recorded it
        EdcManagement management = new EdcManagement(edc);
        JsonObject edcNegotiation = awaitEdcNegotiation(management, ours.getString("providerPid"));
        assertThat(edcNegotiation.getString("type")).isEqualTo("PROVIDER");
        assertThat(edcNegotiation.getString("state")).isEqualTo("FINALIZED");
        JsonObject edcAgreement = management.get("/v3/contractagreements/" + edcNegotiation.getString("contractAgreementId")).expect(200).object();
        assertThat(edcAgreement.getString("agreementId")).isEqualTo(agreement.getString("@id"));
        assertThat(edcAgreement.getString("assetId")).isEqualTo(EDC_ASSET);
        assertThat(edcAgreement.getString("consumerId")).isEqualTo(connector.did());
    }

    @Test
    void federatorAsConsumerReceivesAnHttpDataPushFromAnEdcProvider() throws Exception {
        JsonObject negotiation = finalizedWithEdcProvider();
        String agreementId = negotiation.getJsonObject("agreement").getString("@id");
        try (Sink sink = new Sink()) {
            // EDC 0.15.1 reads a push destination from endpointType (its data address type, HttpData) and endpointProperties
            // named by the full IRIs of its data address properties (edc:baseUrl); it ignores DSP's endpoint
            JsonObject dataAddress = Json.provider().createObjectBuilder().add("endpointType", "HttpData").add("endpoint", sink.url("/push"))
                    .add("endpointProperties", Json.provider().createArrayBuilder()
                            .add(Json.provider().createObjectBuilder().add("name", EdcManagement.EDC_NS + "baseUrl").add("value", sink.url("/push"))))
                    .build();
            JsonObject started = federator("POST", "/dataspace/transfers", Json.write(Json.provider().createObjectBuilder()
                    .add("agreementId", agreementId).add("format", "HttpData-PUSH").add("dataAddress", dataAddress).build()), 201);
            JsonObject transfer = awaitFederator("/dataspace/transfers/" + started.getString("id"));
            assertThat(transfer.getString("state")).as(transfer + "\n" + edc.log()).isEqualTo("COMPLETED");
            // what EDC's data plane pushed: the asset's source (EDC's own health check)
            Sink.Received received = sink.received().getFirst();
            assertThat(received.path()).isEqualTo("/push");
            assertThat(received.body()).contains("isSystemHealthy");
        }
    }

    /** A negotiation of Federator as consumer with the EDC provider, FINALIZED (Federator's view). */
    JsonObject finalizedWithEdcProvider() throws Exception {
        seedEdcProvider();
        JsonObject catalog = federator("POST", "/dataspace/catalog/request", Json.write(Json.provider().createObjectBuilder()
                .add("counterPartyAddress", edc.dspUrl()).add("counterPartyId", EDC_ID).build()), 200);
        assertThat(catalog.getString("participantId")).isEqualTo(EDC_ID);
        JsonObject dataset = catalog.getJsonArray("dataset").stream().map(JsonValue::asJsonObject)
                .filter(d -> d.getString("@id").equals(EDC_ASSET)).findFirst().orElseThrow(() -> new AssertionError(EDC_ASSET + " not in " + catalog));
        JsonObject started = federator("POST", "/dataspace/negotiations", Json.write(Json.provider().createObjectBuilder()
                .add("counterPartyAddress", edc.dspUrl()).add("counterPartyId", EDC_ID).add("datasetId", EDC_ASSET)
                .add("offer", dataset.getJsonArray("hasPolicy").getJsonObject(0)).build()), 201);
        JsonObject negotiation = awaitFederator("/dataspace/negotiations/" + started.getString("id"));
        assertThat(negotiation.getString("state")).as(negotiation + "\n" + edc.log()).isEqualTo("FINALIZED");
        return negotiation;
    }

    /** On EDC, as its operator would: an asset, a policy with one unconstrained "use" permission, a contract definition. */
    synchronized void seedEdcProvider() throws Exception {
        if (edcSeeded) {
            return;
        }
        EdcManagement management = new EdcManagement(edc);
        management.post("/v3/assets", EdcManagement.body().add("@id", EDC_ASSET)
                .add("properties", Json.provider().createObjectBuilder().add("name", "EDC weather"))
                .add("dataAddress", Json.provider().createObjectBuilder().add("type", "HttpData").add("baseUrl", edc.apiUrl() + "/check/health"))
                .build()).expect(200);
        // a policy without rules would make EDC publish offers without permission, which DSP 2025-1 forbids
        management.post("/v3/policydefinitions", EdcManagement.body().add("@id", "edc-policy-use")
                .add("policy", Json.provider().createObjectBuilder().add("@context", EdcManagement.ODRL_CONTEXT).add("@type", "Set")
                        .add("permission", Json.provider().createArrayBuilder().add(Json.provider().createObjectBuilder().add("action", "use"))))
                .build()).expect(200);
        management.post("/v3/contractdefinitions", EdcManagement.body().add("@id", "edc-cd-1")
                .add("accessPolicyId", "edc-policy-use").add("contractPolicyId", "edc-policy-use")
                .add("assetsSelector", Json.provider().createArrayBuilder().add(Json.provider().createObjectBuilder().add("@type", "Criterion")
                        .add("operandLeft", EdcManagement.EDC_NS + "id").add("operator", "=").add("operandRight", EDC_ASSET)))
                .build()).expect(200);
        edcSeeded = true;
    }

    /** Whether the FinalizedAgreements hook was told of a negotiation (after its commit, so maybe a moment after it shows FINALIZED). */
    static boolean hookToldOf(String negotiationId) throws InterruptedException {
        Instant until = Instant.now().plus(Duration.ofSeconds(30));
        while (!FINALIZED.contains(negotiationId) && Instant.now().isBefore(until)) {
            Thread.sleep(20);
        }
        return FINALIZED.contains(negotiationId);
    }

    /** EDC's negotiation once it reached FINALIZED or TERMINATED (EDC answers asynchronously); at most a minute. */
    static JsonObject awaitEdcNegotiation(EdcManagement management, String id) throws Exception {
        Instant until = Instant.now().plus(Duration.ofMinutes(1));
        JsonObject last = management.get("/v3/contractnegotiations/" + id).expect(200).object();
        while (!Set.of("FINALIZED", "TERMINATED").contains(last.getString("state")) && Instant.now().isBefore(until)) {
            Thread.sleep(100);
            last = management.get("/v3/contractnegotiations/" + id).expect(200).object();
        }
        return last;
    }

    /** Federator's view of a process once it reached a final state; at most a minute. */
    JsonObject awaitFederator(String path) throws Exception {
        Instant until = Instant.now().plus(Duration.ofMinutes(1));
        JsonObject last = federator("GET", path, null, 200);
        while (!Set.of("FINALIZED", "TERMINATED", "COMPLETED").contains(last.getString("state")) && Instant.now().isBefore(until)) {
            Thread.sleep(100);
            last = federator("GET", path, null, 200);
        }
        return last;
    }

    List<JsonObject> federatorNegotiations() throws Exception {
        return federator("GET", "/dataspace/negotiations?limit=500", null, 200).getJsonArray("items").stream().map(JsonValue::asJsonObject).toList();
    }

    /** Federator's management API with the admin token; the answer must have {@code status}. */
    JsonObject federator(String method, String path, String json, int status) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).header("Authorization", "Bearer " + ADMIN_TOKEN)
                .header("Accept", "application/json");
        if (json != null) {
            b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json));
        } else {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        }
        HttpResponse<String> r = HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(method + " " + path + ": " + r.body()).isEqualTo(status);
        return Json.parseObject(r.body().getBytes(StandardCharsets.UTF_8));
    }

    HttpResponse<String> dspCatalogRequest(String authorization, String body) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(dspBase() + "/catalog/request"))
                .header("Authorization", authorization).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
