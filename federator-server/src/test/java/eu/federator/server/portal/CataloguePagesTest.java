package eu.federator.server.portal;

import eu.federator.catalogue.testing.TestDirectories;
import eu.federator.server.Http;
import eu.federator.trustframework.compliance.ComplianceWorld;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The portal's catalogue pages over loopback, with real signed offerings submitted through the API. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class CataloguePagesTest {
    static final String TOKEN = "portal-pages-test-token-0123456789abcdef";
    static final Path ROOT = TestDirectories.newDataDir("federator-portal-");
    static final ComplianceWorld WORLD = new ComplianceWorld(ROOT.resolve("world"));
    static final ComplianceWorld.Loire LOIRE = WORLD.new Loire();
    static String stored;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("federator.data-dir", () -> ROOT.resolve("data").toString());
        registry.add("federator.trust.web-mirror", WORLD.mirror::toString);
        registry.add("federator.trust.trust-anchors", WORLD.anchors::toString);
        registry.add("FEDERATOR_ADMIN_TOKEN", () -> TOKEN);
    }

    @LocalServerPort
    int port;

    String offering(String name, String keyword) {
        return LOIRE.offeringPresentation(name, cs -> cs.add("gx:keyword", keyword));
    }

    synchronized String storedOnce() throws Exception {
        if (stored == null) {
            Http admin = new Http(port, TOKEN);
            HttpResponse<String> r = admin.post("/self-descriptions", "application/vp+jwt",
                    offering("portal-kestrel", "kestrel <script>alert(1)</script>").getBytes(StandardCharsets.US_ASCII));
            assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
            stored = Http.json(r).getString("sdHash");
        }
        return stored;
    }

    Document page(String path) throws Exception {
        HttpResponse<String> r = new Http(port).get(path);
        assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
        return Jsoup.parse(r.body(), "http://localhost:" + port + "/");
    }

    @Test
    void aVisitorFindsAnOfferingByAWordAndByItsFacetAndOpensIt() throws Exception {
        String hash = storedOnce();

        Document found = page("/catalogue?q=kestrel");
        assertThat(found.select("html").attr("lang")).isEqualTo("en");
        assertThat(found.select("label[for=q]")).hasSize(1); // the search field is labelled
        assertThat(found.select("#count").text()).isEqualTo("1 found");
        Element hit = found.selectFirst("li.hit a");
        assertThat(hit.attr("href")).isEqualTo("/catalogue/sd/" + hash);
        assertThat(found.select("li.hit .kind").text()).isEqualTo("service-offering");
        Element facet = found.select("section[aria-label=kind] a").stream().filter(a -> a.text().equals("service-offering")).findFirst().orElseThrow();

        Document filtered = page(facet.attr("href").replace("http://localhost:" + port, ""));
        assertThat(filtered.select("#count").text()).isEqualTo("1 found");
        assertThat(page("/catalogue?q=kestrel&kinds=participant").select("#count").text()).isEqualTo("0 found");

        Document detail = page("/catalogue/sd/" + hash);
        assertThat(detail.select("h1").text()).isNotBlank();
        assertThat(detail.select("table.metadata").text()).contains("service-offering", "active", LOIRE.participant.did(), hash);
        // the claims as a readable table, the keyword escaped (shown as text, never as markup)
        assertThat(detail.select("table.claims tbody tr")).isNotEmpty();
        assertThat(detail.select("table.claims td").eachText()).anySatisfy(t -> assertThat(t).contains("<script>alert(1)</script>"));
        assertThat(detail.select("script")).allSatisfy(s -> assertThat(s.attr("src")).matches("/(webjars|portal)/.+"));
        assertThat(detail.select("pre.raw").text()).startsWith("eyJ");
    }

    @Test
    void htmxGetsOnlyTheResultList() throws Exception {
        storedOnce();
        HttpResponse<String> r = new Http(port).send(new Http(port).request("/catalogue?q=kestrel").header("HX-Request", "true").GET().build());
        assertThat(r.statusCode()).isEqualTo(200);
        Document fragment = Jsoup.parseBodyFragment(r.body());
        assertThat(fragment.select("#results")).hasSize(1);
        assertThat(fragment.select("form, h1, header nav")).isEmpty();
    }

    @Test
    void theStartPageIsTheCatalogueAndItsAssetsAreServed() throws Exception {
        Document start = page("/"); // redirected to the catalogue search
        assertThat(start.select("form[role=search] input#q")).hasSize(1);
        assertThat(new Http(port).get("/webjars/htmx.org/2.0.4/dist/htmx.min.js").statusCode()).isEqualTo(200);
        assertThat(new Http(port).get("/webjars/picocss__pico/2.1.1/css/pico.min.css").statusCode()).isEqualTo(200);
        assertThat(new Http(port).get("/portal/portal.css").statusCode()).isEqualTo(200);
    }

    @Test
    void theSparqlConsoleRunsReadOnlyQueriesAndItsExamples() throws Exception {
        storedOnce();
        Document start = page("/catalogue/sparql");
        assertThat(start.select("label[for=query]")).hasSize(1);
        List<String> examples = start.select("details a").eachAttr("href");
        assertThat(examples).hasSize(SparqlConsoleController.EXAMPLES.size());
        for (String example : examples) {
            Document answer = page(example);
            assertThat(answer.select("p.error")).isEmpty();
            assertThat(answer.select("table.results thead th")).isNotEmpty();
        }
        // the stored offering's keyword is in the graph once the projector caught up
        String query = "PREFIX gx: <https://w3id.org/gaia-x/development#> SELECT ?k WHERE { ?o gx:keyword ?k }";
        String path = "/catalogue/sparql?query=" + java.net.URLEncoder.encode(query, StandardCharsets.UTF_8);
        long deadline = System.nanoTime() + 30_000_000_000L;
        Document answer = page(path);
        while (answer.select("table.results td").isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(100);
            answer = page(path);
        }
        assertThat(answer.select("table.results td").eachText()).anySatisfy(t -> assertThat(t).startsWith("kestrel"));

        HttpResponse<String> update = new Http(port).get("/catalogue/sparql?query="
                + java.net.URLEncoder.encode("CLEAR ALL", StandardCharsets.UTF_8));
        assertThat(update.statusCode()).isEqualTo(400);
        assertThat(Jsoup.parse(update.body()).select("p.error").text()).isNotBlank();
    }

    @Test
    void anUnknownSelfDescriptionIs404AndABadFilterIs400() throws Exception {
        assertThat(new Http(port).get("/catalogue/sd/" + "0".repeat(64)).statusCode()).isEqualTo(404);
        assertThat(new Http(port).get("/catalogue/sd/not-a-hash").statusCode()).isEqualTo(404);
        assertThat(new Http(port).get("/catalogue?kinds=spaceship").statusCode()).isEqualTo(400);
    }
}
