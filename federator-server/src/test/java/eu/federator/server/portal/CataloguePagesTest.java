package eu.federator.server.portal;

import eu.federator.catalogue.testing.TestDirectories;
import eu.federator.credentials.json.Json;
import eu.federator.server.Http;
import eu.federator.trustframework.bundle.TrustFrameworks;
import eu.federator.trustframework.compliance.ComplianceEngine;
import eu.federator.trustframework.compliance.ComplianceOptions;
import eu.federator.trustframework.compliance.ComplianceReport;
import eu.federator.trustframework.compliance.LabelLevel;
import eu.federator.trustframework.identity.ServiceIdentity;
import eu.federator.trustframework.issue.ComplianceCredentials;
import eu.federator.trustframework.compliance.ComplianceWorld;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.select.Elements;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The portal's catalogue pages over loopback, with real signed offerings submitted through the API. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class CataloguePagesTest {
    static final String TOKEN = "portal-pages-test-token-0123456789abcdef";
    static final Path ROOT = TestDirectories.newDataDir("federator-portal-");
    static final ComplianceWorld WORLD = new ComplianceWorld(ROOT.resolve("world"));
    static final ComplianceWorld.Loire LOIRE = WORLD.new Loire();
    static String stored;
    static final ServiceIdentity CLEARING_HOUSE = WORLD.serviceIdentity("clearing-house.example.org");
    /** A keyword with characters that mean something in URLs, HTML and Spring's list binding. */
    static final String ODD = "S3, Swift & <b>\"more\"</b> +50% ü/#?";
    static Versions versions;

    /** A labelled offering in two versions (the first deprecated by the second) and an unlabelled one. */
    record Versions(String first, String second, String unlabelled) {
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("federator.data-dir", () -> ROOT.resolve("data").toString());
        registry.add("federator.trust.web-mirror", WORLD.mirror::toString);
        registry.add("federator.trust.trust-anchors", WORLD.anchors::toString);
        registry.add("FEDERATOR_ADMIN_TOKEN", () -> TOKEN);
        registry.add("federator.catalogue.ingest.trusted-compliance", CLEARING_HOUSE::did);
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
        assertThat(start.select("form#search input#q")).hasSize(1);
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

    /** A gx:LabelCredential of the clearing house for these credentials, after a real compliance run. */
    static String label(List<String> credentials) throws Exception {
        String vp = WORLD.presentation(LOIRE.participant, credentials);
        ComplianceReport report = ComplianceEngine.create(WORLD.settings(), TrustFrameworks.builtIn()).evaluate(vp.getBytes(StandardCharsets.US_ASCII),
                LabelLevel.SC, ComplianceOptions.at(Instant.now()).withTrustedNotaries(Set.of(LOIRE.notary.did())));
        assertThat(report.failures()).as("the compliance run").isEmpty();
        return ComplianceCredentials.label(report, "https://clearing-house.example.org/credential-offers/42", CLEARING_HOUSE,
                Instant.now().minus(Duration.ofHours(1)), Duration.ofDays(90));
    }

    synchronized Versions versionsOnce() throws Exception {
        if (versions == null) {
            Http admin = new Http(port, TOKEN);
            String[] hashes = new String[2];
            for (int i = 0; i < 2; i++) {
                int version = i + 1;
                String offering = WORLD.sign(LOIRE.serviceOffering("portal-heron", LOIRE.legalPersonSubject(), cs -> cs
                        .add("https://schema.org/name", "Heron storage v" + version)
                        .add("gx:keyword", Json.provider().createArrayBuilder().add(ODD).add("heron"))), LOIRE.participant);
                List<String> credentials = new ArrayList<>(LOIRE.participantCredentials());
                credentials.add(offering);
                credentials.add(label(credentials));
                hashes[i] = submit(admin, WORLD.presentation(LOIRE.participant, credentials));
            }
            String unlabelled = submit(admin, LOIRE.offeringPresentation("portal-egret", cs -> cs.add("https://schema.org/name", "Egret storage")
                    .add("gx:keyword", "heron")));
            versions = new Versions(hashes[0], hashes[1], unlabelled);
        }
        return versions;
    }

    static String submit(Http admin, String vp) throws Exception {
        HttpResponse<String> r = admin.post("/self-descriptions", "application/vp+jwt", vp.getBytes(StandardCharsets.US_ASCII));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return Http.json(r).getString("sdHash");
    }

    String local(String href) {
        return href.replace("http://localhost:" + port, "");
    }

    Element facetValue(Document page, String dimension, String text) {
        return page.select("section[aria-label=" + dimension + "] a").stream().filter(a -> a.text().equals(text)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + dimension + " facet value " + text + " in " + page.select(".facets").text()));
    }

    @Test
    void keywordCountryAndComplianceFacetsFilterAndTheirOddValuesRoundTripInLinks() throws Exception {
        Versions v = versionsOnce();

        Document found = page("/catalogue?q=heron");
        assertThat(found.select("#count").text()).isEqualTo("2 found");
        assertThat(found.select(".facets section h2").eachText()).contains("Keyword", "Country", "Compliance", "Lifecycle");
        // the keyword is shown as text, never as markup; its link selects exactly it
        Element odd = facetValue(found, "keyword", ODD);
        assertThat(odd.select("b")).isEmpty();
        assertThat(odd.attr("aria-pressed")).isEqualTo("false");
        Document byKeyword = page(local(odd.attr("href")));
        assertThat(byKeyword.select("#count").text()).isEqualTo("1 found");
        assertThat(byKeyword.select("li.hit a").first().attr("href")).isEqualTo("/catalogue/sd/" + v.second());
        assertThat(facetValue(byKeyword, "keyword", ODD).attr("aria-pressed")).isEqualTo("true");
        assertThat(byKeyword.select("form#search input[type=hidden][name=keywords]").eachAttr("value")).containsExactly(ODD);
        // the same link again takes it out
        assertThat(page(local(facetValue(byKeyword, "keyword", ODD).attr("href"))).select("#count").text()).isEqualTo("2 found");

        Element compliant = facetValue(found, "compliance", "Gaia-X compliant");
        Document onlyCompliant = page(local(compliant.attr("href")));
        assertThat(onlyCompliant.select("li.hit a").first().attr("href")).isEqualTo("/catalogue/sd/" + v.second());
        assertThat(onlyCompliant.select("li.hit .compliance").text()).isEqualTo("Gaia-X compliant");
        Document inBelgium = page(local(facetValue(found, "country", "BE").attr("href")));
        assertThat(inBelgium.select("#count").text()).isEqualTo("2 found");
        assertThat(page("/catalogue?q=heron&countries=DE").select("#count").text()).isEqualTo("0 found");
        // a selected value without matches stays listed, so that it can be taken out; clearing keeps the text
        assertThat(facetValue(page("/catalogue?q=heron&countries=DE"), "country", "DE").attr("aria-pressed")).isEqualTo("true");
        assertThat(page("/catalogue?q=heron&countries=DE").select("#clear").attr("href")).isEqualTo("/catalogue?q=heron");

        // the older version appears when deprecated ones are selected too
        Document withDeprecated = page(local(facetValue(page("/catalogue?q=heron&statuses=deprecated"), "status", "active").attr("href")));
        assertThat(withDeprecated.select("#count").text()).isEqualTo("3 found");
    }

    @Test
    void hitsAreSortedAsChosenAndTheOrderIsKeptByFacetLinksAndPages() throws Exception {
        Versions v = versionsOnce();

        Document byName = page("/catalogue?q=heron&sort=name");
        assertThat(byName.select("li.hit a").eachAttr("href")).containsExactly("/catalogue/sd/" + v.unlabelled(), "/catalogue/sd/" + v.second());
        assertThat(byName.select("select#sort option[selected]").attr("value")).isEqualTo("name");
        assertThat(byName.select("select#sort option").eachAttr("value")).containsExactly("relevance", "newest", "oldest", "name");
        assertThat(facetValue(byName, "country", "BE").attr("href")).contains("sort=name");
        assertThat(page("/catalogue?q=heron&sort=oldest").select("li.hit a").eachAttr("href"))
                .containsExactly("/catalogue/sd/" + v.second(), "/catalogue/sd/" + v.unlabelled());
        assertThat(page("/catalogue?q=heron&sort=newest").select("li.hit a").eachAttr("href"))
                .containsExactly("/catalogue/sd/" + v.unlabelled(), "/catalogue/sd/" + v.second());
        assertThat(new Http(port).get("/catalogue?sort=cheapest").statusCode()).isEqualTo(400);
    }

    @Test
    void theDetailPageShowsTheVerificationCheckByCheckTheLabelAndTheLifecycleHistory() throws Exception {
        Versions v = versionsOnce();

        Document detail = page("/catalogue/sd/" + v.second());
        assertThat(detail.select("#compliance-status").text()).isEqualTo("Gaia-X compliant");
        Element compliance = detail.selectFirst("#compliance");
        assertThat(compliance.text()).contains("https://clearing-house.example.org/credential-offers/42", "gx:LabelCredential",
                CLEARING_HOUSE.did());
        assertThat(compliance.select(".level").text()).isEqualTo("SC");
        assertThat(compliance.select("time").eachText()).allSatisfy(t -> assertThat(t).matches("\\d{4}-\\d{2}-\\d{2}T.*"));
        // every check the ingest ran, per credential and for the presentation, all passed
        Elements checks = detail.select("#verification table.checks tbody tr");
        assertThat(checks).hasSizeGreaterThan(10);
        assertThat(checks.select(".outcome").eachText()).containsOnly("passed");
        assertThat(detail.select("#verification caption").eachText()).anySatisfy(c -> assertThat(c).startsWith("Presentation"))
                .anySatisfy(c -> assertThat(c).contains("https://participant.example.org/credentials/portal-heron.json"));
        assertThat(detail.select("#verification code").eachText()).contains("proof.signature");
        assertThat(detail.select("#verification .schema").text()).isEqualTo("conforms to the shapes");
        // the keywords link to a search for exactly them
        Element keyword = detail.select("td.keywords a").stream().filter(a -> a.text().equals(ODD)).findFirst().orElseThrow();
        assertThat(page(local(keyword.attr("href"))).select("li.hit a").first().attr("href")).isEqualTo("/catalogue/sd/" + v.second());
        assertThat(detail.select("td.countries a").eachText()).containsExactly("BE");

        // both versions, newest first, each with its events and a link
        Elements rows = detail.select("#history table.versions tbody tr");
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0).select("a").attr("href")).isEqualTo("/catalogue/sd/" + v.second());
        assertThat(rows.get(0).select("a").attr("aria-current")).isEqualTo("page");
        assertThat(rows.get(0).select(".status").text()).isEqualTo("active");
        assertThat(rows.get(1).select("a").attr("href")).isEqualTo("/catalogue/sd/" + v.first());
        assertThat(rows.get(1).select(".status").text()).isEqualTo("deprecated");
        assertThat(rows.get(1).select("li").eachText()).satisfiesExactly(e -> assertThat(e).startsWith("stored as active"),
                e -> assertThat(e).startsWith("deprecated"));

        Document old = page(local(rows.get(1).select("a").attr("href")));
        assertThat(old.select("table.metadata").first().text()).contains("deprecated");
        assertThat(old.select("#history table.versions tbody tr a[aria-current=page]").attr("href")).isEqualTo("/catalogue/sd/" + v.first());

        Document unlabelled = page("/catalogue/sd/" + v.unlabelled());
        assertThat(unlabelled.select("#compliance-status").text()).isEqualTo("No compliance credential");
        assertThat(unlabelled.select("#compliance p").text()).contains("No Gaia-X compliance or label credential");
    }

    @Test
    void anUnknownSelfDescriptionIs404AndABadFilterIs400() throws Exception {
        assertThat(new Http(port).get("/catalogue/sd/" + "0".repeat(64)).statusCode()).isEqualTo(404);
        assertThat(new Http(port).get("/catalogue/sd/not-a-hash").statusCode()).isEqualTo(404);
        assertThat(new Http(port).get("/catalogue?kinds=spaceship").statusCode()).isEqualTo(400);
    }
}
