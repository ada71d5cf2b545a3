package eu.federator.server.catalogue.sd;

import eu.federator.catalogue.graph.GraphStore;
import eu.federator.catalogue.projection.GraphProjector;
import eu.federator.catalogue.testing.TestDirectories;
import eu.federator.server.Http;
import eu.federator.trustframework.compliance.ComplianceWorld;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code /self-descriptions} over loopback with Gaia-X Loire presentations made by {@link ComplianceWorld} (did:web
 * parties certified by a test root, answered offline from its web mirror).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SelfDescriptionEndpointTest {
    static final String TOKEN = "sd-endpoint-test-token-0123456789abcdef";
    static final Path ROOT = TestDirectories.newDataDir("federator-sd-");
    static final ComplianceWorld WORLD = new ComplianceWorld(ROOT.resolve("world"));
    static final ComplianceWorld.Loire LOIRE = WORLD.new Loire();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("federator.data-dir", () -> ROOT.resolve("data").toString());
        registry.add("federator.trust.web-mirror", WORLD.mirror::toString);
        registry.add("federator.trust.trust-anchors", WORLD.anchors::toString);
        registry.add("FEDERATOR_ADMIN_TOKEN", () -> TOKEN);
    }

    @LocalServerPort
    int port;
    @Autowired
    GraphProjector projector;
    @Autowired
    GraphStore graph;

    Http admin;
    Http anonymous;

    @BeforeEach
    void clients() {
        admin = new Http(port, TOKEN);
        anonymous = new Http(port);
    }

    String participantVp() {
        return LOIRE.compliant();
    }

    String offeringVp(String name) {
        return LOIRE.offeringPresentation(name.replace(' ', '-'), cs -> cs.add("gx:keyword", name));
    }

    HttpResponse<String> submit(Http http, String jwt) throws Exception {
        return http.post("/self-descriptions", "application/vp+jwt", jwt.getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void anOfferingPresentationIsStoredAsTheOfferingAndItsParticipantCredentialsOnce() throws Exception {
        int participantsBefore = Http.json(anonymous.get("/self-descriptions?kinds=participant")).getInt("totalCount");
        int offeringsBefore = Http.json(anonymous.get("/self-descriptions?kinds=service-offering")).getInt("totalCount");
        HttpResponse<String> first = submit(admin, offeringVp("offering-a"));
        assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
        JsonObject a = Http.json(first);
        assertThat(a.getString("kind")).isEqualTo("service-offering");
        assertThat(a.getString("id")).isEqualTo("https://participant.example.org/credentials/offering-a.json#cs");
        assertThat(a.getString("status")).isEqualTo("active");
        assertThat(first.headers().firstValue("Location")).hasValue("/self-descriptions/" + a.getString("sdHash"));

        HttpResponse<String> second = submit(admin, offeringVp("offering-b"));
        assertThat(second.statusCode()).as(second.body()).isEqualTo(201);
        String hashB = Http.json(second).getString("sdHash");

        HttpResponse<String> bundled = anonymous.get("/self-descriptions/" + hashB + "/credentials");
        assertThat(bundled.statusCode()).as(bundled.body()).isEqualTo(200);
        var bundledB = jakarta.json.Json.createReader(new java.io.StringReader(bundled.body())).readArray();
        var bundledA = jakarta.json.Json.createReader(new java.io.StringReader(
                anonymous.get("/self-descriptions/" + a.getString("sdHash") + "/credentials").body())).readArray();
        assertThat(bundledB).hasSize(3).isEqualTo(bundledA); // the same three stored credentials, each carried by both
        assertThat(bundledB.getJsonObject(0).getInt("carriers")).isGreaterThanOrEqualTo(2);

        HttpResponse<String> list = anonymous.get("/self-descriptions?kinds=service-offering");
        assertThat(Http.json(list).getInt("totalCount")).isEqualTo(offeringsBefore + 2);
        HttpResponse<String> participants = anonymous.get("/self-descriptions?kinds=participant");
        assertThat(Http.json(participants).getInt("totalCount")).isEqualTo(participantsBefore);

        HttpResponse<String> again = submit(admin, new String(anonymous.get("/self-descriptions/" + hashB).body()));
        assertThat(again.statusCode()).as(again.body()).isEqualTo(409);

        projector.catchUp();
        assertThat(graph.checkpoint()).isPresent();
    }

    @Test
    void fullTextSearchFindsAnOfferingByAWordOfItsClaimsWithFacets() throws Exception {
        HttpResponse<String> stored = submit(admin, offeringVp("searchable falcon storage"));
        assertThat(stored.statusCode()).as(stored.body()).isEqualTo(201);
        String hash = Http.json(stored).getString("sdHash");

        JsonObject result = Http.json(anonymous.get("/self-descriptions/search?q=FALCON"));
        assertThat(result.getInt("totalCount")).isEqualTo(1);
        assertThat(result.getJsonArray("items").getJsonObject(0).getJsonObject("meta").getString("sdHash")).isEqualTo(hash);
        assertThat(result.getJsonObject("facets").getJsonObject("kind").getInt("service-offering")).isEqualTo(1);

        assertThat(Http.json(anonymous.get("/self-descriptions/search?q=falcon%20-storage")).getInt("totalCount")).isZero();
        assertThat(Http.json(anonymous.get("/self-descriptions/search?q=falcon&kinds=participant")).getInt("totalCount")).isZero();
        HttpResponse<String> bad = anonymous.get("/self-descriptions/search?kinds=spaceship");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(Http.json(bad).getString("code")).isEqualTo("client_error");
    }

    @Test
    void withoutATokenSubmittingIs401() throws Exception {
        assertThat(submit(anonymous, participantVp()).statusCode()).isEqualTo(401);
    }

    @Test
    void aParticipantPresentationIsAParticipant() throws Exception {
        HttpResponse<String> r = admin.send(admin.request("/participants").header("Content-Type", "application/vp+jwt")
                .POST(HttpRequest.BodyPublishers.ofString(participantVp())).build());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        assertThat(Http.json(r).getString("id")).isEqualTo(LOIRE.participant.did());
    }
}
