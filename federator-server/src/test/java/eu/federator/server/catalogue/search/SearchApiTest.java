package eu.federator.server.catalogue.search;

import eu.federator.catalogue.testing.TestDirectories;
import eu.federator.credentials.json.Json;
import eu.federator.server.Http;
import eu.federator.trustframework.compliance.ComplianceWorld;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code GET /self-descriptions/search} with the keyword, country and compliance filters and the orders, over loopback. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SearchApiTest {
    static final String TOKEN = "search-api-test-token-0123456789abcdef";
    static final Path ROOT = TestDirectories.newDataDir("federator-search-api-");
    static final ComplianceWorld WORLD = new ComplianceWorld(ROOT.resolve("world"));
    static final ComplianceWorld.Loire LOIRE = WORLD.new Loire();
    /** A keyword with characters that mean something in URLs, HTML and Spring's list binding. */
    static final String ODD = "S3, Swift & <b>\"more\"</b> +50% ü/#?";
    static String alpha;
    static String zulu;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("federator.data-dir", () -> ROOT.resolve("data").toString());
        registry.add("federator.trust.web-mirror", WORLD.mirror::toString);
        registry.add("federator.trust.trust-anchors", WORLD.anchors::toString);
        registry.add("FEDERATOR_ADMIN_TOKEN", () -> TOKEN);
    }

    @LocalServerPort
    int port;
    Http anonymous;

    @BeforeEach
    synchronized void stored() throws Exception {
        anonymous = new Http(port);
        if (alpha == null) {
            Http admin = new Http(port, TOKEN);
            zulu = submit(admin, LOIRE.offeringPresentation("zulu-search", cs -> cs.add("https://schema.org/name", "Zulu orbit")
                    .add("gx:keyword", Json.provider().createArrayBuilder().add(ODD).add("orbit"))));
            alpha = submit(admin, LOIRE.offeringPresentation("alpha-search", cs -> cs.add("https://schema.org/name", "alpha orbit")
                    .add("gx:keyword", "orbit")));
        }
    }

    static String submit(Http admin, String vp) throws Exception {
        HttpResponse<String> r = admin.post("/self-descriptions", "application/vp+jwt", vp.getBytes(StandardCharsets.US_ASCII));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return Http.json(r).getString("sdHash");
    }

    JsonObject search(String query) throws Exception {
        HttpResponse<String> r = anonymous.get("/self-descriptions/search?" + query);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return Http.json(r);
    }

    static List<String> hashes(JsonObject result) {
        return result.getJsonArray("items").stream().map(i -> i.asJsonObject().getJsonObject("meta").getString("sdHash")).toList();
    }

    static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    @Test
    void keywordCountryAndComplianceFilterTheHitsAndAreCountedAsFacets() throws Exception {
        JsonObject all = search("q=orbit");
        assertThat(all.getInt("totalCount")).isEqualTo(2);
        JsonObject facets = all.getJsonObject("facets");
        assertThat(facets.keySet()).containsExactly("kind", "provider", "keyword", "country", "compliance", "status");
        assertThat(facets.getJsonObject("keyword").getInt("orbit")).isEqualTo(2);
        assertThat(facets.getJsonObject("keyword").getInt(ODD)).isEqualTo(1);
        // the provider's LegalPerson presented with each offering has its address in Belgium
        assertThat(facets.getJsonObject("country").getInt("BE")).isEqualTo(2);
        assertThat(facets.getJsonObject("compliance").getInt("none")).isEqualTo(2);
        JsonObject zuluHit = all.getJsonArray("items").stream().map(i -> i.asJsonObject())
                .filter(i -> i.getJsonObject("meta").getString("sdHash").equals(zulu)).findFirst().orElseThrow();
        assertThat(strings(zuluHit.getJsonArray("keywords"))).containsExactlyInAnyOrder(ODD, "orbit");
        assertThat(strings(zuluHit.getJsonArray("countries"))).containsExactly("BE");
        assertThat(zuluHit.getString("compliance")).isEqualTo("none");

        // a keyword with a comma is one value, not two
        assertThat(hashes(search("q=orbit&keywords=" + encode(ODD)))).containsExactly(zulu);
        assertThat(hashes(search("keywords=" + encode(ODD) + "&keywords=nothing"))).containsExactly(zulu);
        assertThat(search("keywords=S3").getInt("totalCount")).isZero();
        assertThat(hashes(search("q=orbit&countries=be")).size()).isEqualTo(2);
        assertThat(search("q=orbit&countries=DE").getInt("totalCount")).isZero();
        assertThat(search("q=orbit&compliance=compliant").getInt("totalCount")).isZero();
        assertThat(search("q=orbit&compliance=none,compliant").getInt("totalCount")).isEqualTo(2);
        // the keyword facet counts without its own filter
        assertThat(search("q=orbit&keywords=" + encode(ODD)).getJsonObject("facets").getJsonObject("keyword").getInt("orbit")).isEqualTo(2);
    }

    @Test
    void hitsComeInTheOrderAskedFor() throws Exception {
        assertThat(hashes(search("q=orbit&sort=name"))).containsExactly(alpha, zulu);
        assertThat(hashes(search("q=orbit&sort=newest"))).containsExactly(alpha, zulu);
        assertThat(hashes(search("q=orbit&sort=oldest"))).containsExactly(zulu, alpha);
        assertThat(hashes(search("q=orbit&sort=name&offset=1&limit=1"))).containsExactly(zulu);
        assertThat(search("q=orbit&sort=relevance").getInt("totalCount")).isEqualTo(2);
    }

    @Test
    void unknownValuesAreRefusedWithWhatIsAccepted() throws Exception {
        for (String[] bad : new String[][]{{"sort=cheapest", "relevance, newest, oldest or name"},
                {"compliance=maybe", "compliant, non-compliant, none or not-checked"},
                {"keywords=" + "k".repeat(201), "longer than 200"}}) {
            HttpResponse<String> r = anonymous.get("/self-descriptions/search?" + bad[0]);
            assertThat(r.statusCode()).as(bad[0]).isEqualTo(400);
            assertThat(Http.json(r).getString("code")).isEqualTo("client_error");
            assertThat(Http.json(r).getString("message")).contains(bad[1]);
        }
    }

    @Test
    void theOpenApiDocumentDescribesTheNewParameters() throws Exception {
        JsonObject api = Http.json(anonymous.get("/v3/api-docs"));
        JsonArray parameters = api.getJsonObject("paths").getJsonObject("/self-descriptions/search").getJsonObject("get").getJsonArray("parameters");
        assertThat(parameters.stream().map(p -> p.asJsonObject().getString("name")).toList())
                .contains("q", "kinds", "providers", "statuses", "keywords", "countries", "compliance", "sort", "offset", "limit")
                .doesNotContain("request");
    }

    static List<String> strings(JsonArray a) {
        return a.getValuesAs(JsonString.class).stream().map(JsonString::getString).toList();
    }
}
