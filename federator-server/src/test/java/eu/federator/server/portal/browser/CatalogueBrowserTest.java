package eu.federator.server.portal.browser;

import eu.federator.server.portal.browser.Browser.Viewport;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A visitor uses the catalogue pages in a real browser: search in place, facets, the detail page, the SPARQL console. */
class CatalogueBrowserTest extends PortalBrowserTest {
    /** The offerings seeded once (name → hash), with the participant that provides them. */
    static final Map<String, String> OFFERINGS = new LinkedHashMap<>();

    @BeforeEach
    void seed() throws Exception {
        synchronized (OFFERINGS) {
            if (OFFERINGS.isEmpty()) {
                submit(LOIRE.compliant());
                offering("kestrel-storage", "Kestrel object storage", "S3-compatible object storage in Nantes.", "storage");
                offering("osprey-archive", "Osprey cold storage", "Archive storage with a 12-hour retrieval time.", "storage");
                offering("heron-compute", "Heron compute", "Virtual machines by the hour.", "compute");
            }
        }
    }

    void offering(String id, String name, String description, String keyword) throws Exception {
        OFFERINGS.put(name, submit(LOIRE.offeringPresentation(id, cs -> cs.add("https://schema.org/name", name)
                .add("https://schema.org/description", description).add("gx:keyword", keyword))));
    }

    List<String> hits() {
        return browser.texts("li.hit header a");
    }

    @Test
    void aVisitorNarrowsByAFacetSearchesInPlaceAndOpensAnOffering() {
        browser.open("/catalogue");
        browser.assertAccessible();
        assertThat(hits()).containsAll(OFFERINGS.keySet());
        assertThat(browser.texts("section[aria-label=kind] a")).contains("participant", "service-offering");

        browser.find(By.xpath("//section[@aria-label='kind']//a[normalize-space()='service-offering']")).click();
        browser.settled().waitForText(By.cssSelector("section[aria-label=kind] a.selected"), "service-offering");
        assertThat(browser.path()).contains("kinds=service-offering");
        assertThat(browser.texts("li.hit .kind")).isNotEmpty().allSatisfy(kind -> assertThat(kind).isEqualTo("service-offering"));
        assertThat(hits()).containsExactlyInAnyOrderElementsOf(OFFERINGS.keySet());

        // typing updates the results in place (htmx): the page that was marked is still the one shown
        String marker = browser.markPage();
        browser.find("#q").sendKeys("storage");
        browser.waitForText(By.id("count"), "2 found").settled();
        assertThat(browser.samePage(marker)).as("the results were replaced in place, not by loading a page").isTrue();
        assertThat(hits()).containsExactlyInAnyOrder("Kestrel object storage", "Osprey cold storage");
        assertThat(browser.path()).as("the address follows the search, for the back button and sharing")
                .contains("q=storage").contains("kinds=service-offering");
        browser.assertAccessible();
        browser.screenshot("catalogue-search");

        browser.find(By.linkText("Kestrel object storage")).click();
        browser.settled().waitForText(By.tagName("h1"), "Kestrel object storage");
        assertThat(browser.path()).isEqualTo("/catalogue/sd/" + OFFERINGS.get("Kestrel object storage"));
        assertThat(browser.find("table.metadata").getText()).contains("service-offering", "active", LOIRE.participant.did());
        assertThat(browser.texts("table.claims td")).contains("Kestrel object storage", "storage");
        browser.assertAccessible();
        browser.screenshot("catalogue-detail");
    }

    @Test
    void aKeyboardReachesTheSearchFieldWithTabAndEnterSubmits() {
        browser.open("/catalogue");
        String marker = browser.markPage();
        browser.script("""
                window.federatorSubmits = 0;
                document.getElementById('q').form.addEventListener('submit', () => window.federatorSubmits++)""");

        browser.tabTo("#q", 10).type("heron", Keys.ENTER);
        browser.waitUntil("the search form to be submitted", d -> ((Number) browser.script("return window.federatorSubmits")).intValue() > 0);
        browser.waitForText(By.id("count"), "1 found").settled();
        assertThat(hits()).containsExactly("Heron compute");
        assertThat(browser.samePage(marker)).isTrue();
        assertThat(browser.script("return document.activeElement.id")).as("the focus stays in the search field").isEqualTo("q");
    }

    @Test
    void theSparqlConsoleRunsAnExampleAndAQueryTypedIn() {
        browser.open("/catalogue/sparql");
        browser.assertAccessible();
        browser.find("details summary").click();
        browser.find(By.linkText("Active service offerings and their keywords")).click();
        browser.settled();
        assertThat(browser.find("#query").getAttribute("value")).contains("gx:ServiceOffering");
        assertThat(browser.texts("table.results thead th")).containsExactly("offering", "keyword");
        assertThat(browser.texts("table.results tbody td")).contains("storage", "compute");
        browser.assertAccessible();

        WebElement query = browser.find("#query");
        query.clear();
        query.sendKeys("""
                PREFIX gx: <https://w3id.org/gaia-x/development#>
                PREFIX schema: <https://schema.org/>
                SELECT ?name ?keyword ?provider WHERE {
                  ?offering a gx:ServiceOffering ; schema:name ?name ; gx:keyword ?keyword ; gx:providedBy ?provider
                } ORDER BY ?name""");
        browser.find("form button[type=submit]").click();
        browser.settled().waitForText(By.cssSelector("#count"), "3 rows of 3");
        assertThat(browser.texts("table.results thead th")).containsExactly("name", "keyword", "provider");
        assertThat(browser.texts("table.results tbody td:first-child"))
                .containsExactly("Heron compute", "Kestrel object storage", "Osprey cold storage");
        assertThat(browser.path()).startsWith("/catalogue/sparql?query=");
        browser.assertAccessible();
        browser.scrollTo("label[for=query]").screenshot("sparql-console");
    }

    @Test
    void onAPhoneNoPageScrollsSideways() {
        browser.viewport(Viewport.PHONE);
        String example = "/catalogue/sparql?query=" + URLEncoder.encode("""
                PREFIX gx: <https://w3id.org/gaia-x/development#>
                SELECT ?offering ?provider WHERE { ?offering gx:providedBy ?provider }""", StandardCharsets.UTF_8);
        SoftAssertions pages = new SoftAssertions();
        for (String path : List.of("/catalogue", "/catalogue?q=storage", "/catalogue/sd/" + OFFERINGS.get("Kestrel object storage"),
                "/catalogue/sparql", example)) {
            browser.open(path);
            pages.assertThat(browser.scrollsSideways()).as(path + " scrolls sideways on a phone because of " + browser.overflowingElements())
                    .isFalse();
            pages.assertThat(browser.accessibilityProblems()).as("accessibility smoke check of " + path).isEmpty();
        }
        browser.open("/catalogue");
        pages.assertThat(browser.find("#q").getSize().getWidth()).as("the search field's width on a phone (px): room to see what one types")
                .isGreaterThanOrEqualTo(Viewport.PHONE.width / 2);
        browser.open("/catalogue?q=storage");
        browser.screenshot("catalogue-search-phone");
        pages.assertAll();
    }
}
