package eu.federator.edcinterop;

import eu.federator.catalogue.testing.TestDirectories;
import eu.federator.credentials.json.Json;
import eu.federator.server.FederatorApplication;
import eu.federator.server.dataspace.DspAuthentication;
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
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real EDC 0.15.1 consumer (child process) asks Federator (in-process, real PostgreSQL) for its DSP catalog through
 * EDC's management API, as an EDC operator would.
 */
@SpringBootTest(classes = {FederatorApplication.class, EdcConsumerCatalogTest.MockIdentity.class},
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class EdcConsumerCatalogTest {
    static final String ADMIN_TOKEN = "edc-interop-test-token-0123456789abcdef";
    static final Path ROOT = TestDirectories.newDataDir("federator-edc-");
    static final ComplianceWorld WORLD = new ComplianceWorld(ROOT.resolve("world"));
    static final ComplianceWorld.Loire LOIRE = WORLD.new Loire();
    static final String OFFERING = "https://participant.example.org/credentials/edc-weather.json#cs";
    static EdcRuntime edc;
    static boolean submitted;

    @TestConfiguration(proxyBeanMethods = false)
    static class MockIdentity {
        @Bean
        @Primary
        DspAuthentication edcMockIdentity(ServiceIdentity identity) {
            return new EdcMockIdentity(identity.did());
        }
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("federator.data-dir", () -> ROOT.resolve("data").toString());
        registry.add("federator.trust.web-mirror", WORLD.mirror::toString);
        registry.add("federator.trust.trust-anchors", WORLD.anchors::toString);
        registry.add("FEDERATOR_ADMIN_TOKEN", () -> ADMIN_TOKEN);
    }

    @BeforeAll
    static void startEdc() throws Exception {
        edc = EdcRuntime.start("edc-consumer", EdcRuntime.libDirectory(), ROOT.resolve("edc"), Map.of());
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
        EdcMockIdentity consumer = new EdcMockIdentity("edc-consumer");
        assertThat(dspCatalogRequest(consumer.token(dspBase()), request).statusCode()).isEqualTo(200);
        assertThat(dspCatalogRequest(consumer.token(connector.did()), request).statusCode()).isEqualTo(200);
        HttpResponse<String> other = dspCatalogRequest(consumer.token("http://127.0.0.1:1/dsp"), request);
        assertThat(other.statusCode()).isEqualTo(401);
        assertThat(other.body()).contains("audience must be " + dspBase());
        assertThat(dspCatalogRequest("{\"region\":\"eu\",\"audience\":\"" + dspBase() + "\"}", request).body()).contains("no clientId");
        assertThat(dspCatalogRequest("Bearer abc.def.ghi", request).statusCode()).isEqualTo(401);
    }

    HttpResponse<String> dspCatalogRequest(String authorization, String body) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(dspBase() + "/catalog/request"))
                .header("Authorization", authorization).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
