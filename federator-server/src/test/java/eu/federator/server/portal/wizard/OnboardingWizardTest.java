package eu.federator.server.portal.wizard;

import eu.federator.catalogue.testing.TestDirectories;
import eu.federator.server.Http;
import eu.federator.server.portal.PortalSession;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The onboarding wizard and publishing through the pages, in local mode end to end (this Federator's notary,
 * compliance and catalogue, a hosted did:web from the lab CA): every step's form, its refusals at the field with
 * nothing stored, then an offering composed from the gx:ServiceOffering shape, found in the catalogue, listed under
 * "my organisation" and revoked there.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OnboardingWizardTest {
    static final String TOKEN = "portal-wizard-test-token-0123456789abc";
    static final Path ROOT = TestDirectories.newDataDir("federator-portal-wizard-");
    static final String VAT = "FR79537407926";
    static PortalSession browser;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("federator.data-dir", () -> ROOT.resolve("data").toString());
        registry.add("federator.notary.offline-only", () -> "true");
        registry.add("FEDERATOR_ADMIN_TOKEN", () -> TOKEN);
    }

    @LocalServerPort
    int port;

    PortalSession browser() throws Exception {
        if (browser == null) {
            browser = new PortalSession(port).signInWithToken(TOKEN);
        }
        return browser;
    }

    @Test
    @Order(1)
    void theIdentityStepRefusesABadNameAtTheFieldAndCreatesNothing() throws Exception {
        HttpResponse<String> start = browser().get("/onboarding");
        assertThat(start.statusCode()).isEqualTo(302);
        assertThat(start.headers().firstValue("Location").orElseThrow()).endsWith("/onboarding/identity");
        Document page = browser().page("/onboarding/identity");
        assertThat(page.select("nav.steps [aria-current=step]").text()).isEqualTo("Identity");

        HttpResponse<String> bad = browser().submit(page, "form#identity", Map.of("name", "Not A Name"));
        assertThat(bad.statusCode()).isEqualTo(422);
        Document refused = Jsoup.parse(bad.body());
        assertThat(refused.select("#name-error").text()).isNotBlank();
        assertThat(refused.select("#name").attr("aria-invalid")).isEqualTo("true");
        assertThat(browser().get("/onboarding").headers().firstValue("Location").orElseThrow()).as("nothing created").endsWith("/identity");
        // a later step before its turn leads back
        assertThat(browser().get("/onboarding/label").headers().firstValue("Location").orElseThrow()).endsWith("/onboarding/identity");
    }

    @Test
    @Order(2)
    void aNewProviderOnboardsStepByStep() throws Exception {
        HttpResponse<String> created = browser().submit(browser().page("/onboarding/identity"), "form#identity",
                Map.of("name", "acme-cloud", "keyType", "ec-p256"));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(302);
        assertThat(created.headers().firstValue("Location").orElseThrow()).endsWith("/onboarding/registration-number");
        Document identity = browser().page("/onboarding/identity");
        String did = identity.select("#did").text();
        assertThat(did).startsWith("did:web:").endsWith(":dids:acme-cloud");
        assertThat(new Http(port).get("/dids/acme-cloud/did.json").body()).contains(did);

        // the notary refuses a wrong check digit, at the field, and keeps nothing
        Document numberPage = browser().page("/onboarding/registration-number");
        HttpResponse<String> wrong = browser().submit(numberPage, "form#registration-number", Map.of("type", "vat-id", "value", "FR79537407927"));
        assertThat(wrong.statusCode()).isEqualTo(422);
        assertThat(Jsoup.parse(wrong.body()).select("#value-error").text()).contains("refused");
        assertThat(browser().get("/onboarding").headers().firstValue("Location").orElseThrow()).endsWith("/registration-number");
        HttpResponse<String> number = browser().submit(numberPage, "form#registration-number", Map.of("type", "vat-id", "value", VAT));
        assertThat(number.statusCode()).as(number.body()).isEqualTo(302);

        // the legal person form comes from the shapes; a wrong country code is refused at its field
        Document lp = browser().page("/onboarding/credentials");
        assertThat(lp.select("input[name=lp.legalAddress.countryCode], select[name=lp.legalAddress.countryCode]")).isNotEmpty();
        assertThat(lp.select("[name=lp.registrationNumber]")).as("filled in from the notary's credential").isEmpty();
        Map<String, String> values = new LinkedHashMap<>(Map.of("lp.name", "ACME Cloud SAS", "lp.legalAddress.countryCode", "FR",
                "lp.headquartersAddress.countryCode", "XX"));
        HttpResponse<String> invalid = browser().submit(lp, "form#legal-person", values);
        assertThat(invalid.statusCode()).isEqualTo(422);
        Document again = Jsoup.parse(invalid.body());
        assertThat(again.select("[name=lp.headquartersAddress.countryCode]").attr("aria-invalid")).isEqualTo("true");
        assertThat(again.select("[name=lp.headquartersAddress.countryCode]").val()).as("the input is kept").isEqualTo("XX");
        assertThat(browser().get("/onboarding").headers().firstValue("Location").orElseThrow()).as("nothing signed").endsWith("/credentials");
        values.put("lp.headquartersAddress.countryCode", "FR");
        HttpResponse<String> signed = browser().submit(lp, "form#legal-person", values);
        assertThat(signed.statusCode()).as(signed.body()).isEqualTo(302);

        HttpResponse<String> label = browser().submit(browser().page("/onboarding/label"), "form#label", Map.of());
        assertThat(label.statusCode()).as(label.body()).isEqualTo(302);
        HttpResponse<String> registered = browser().submit(browser().page("/onboarding/register"), "form#register", Map.of());
        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(302);
        Document done = browser().page("/onboarding/done");
        assertThat(done.select("#welcome")).hasSize(1);

        // the account now acts for the participant: the navigation changes, the catalogue has it
        Document nav = browser().page("/catalogue");
        assertThat(nav.select("nav a[href=/organisation]")).hasSize(1);
        assertThat(nav.select("nav a[href=/onboarding]")).isEmpty();
        assertThat(browser().page("/organisation").select("#participant").text()).isEqualTo(did);
        assertThat(new Http(port, TOKEN).get("/participants").body()).contains(did);
    }

    @Test
    @Order(3)
    void theProviderPublishesAnOfferingFromTheShapeFormAndRevokesIt() throws Exception {
        Document publish = browser().page("/publish");
        assertThat(publish.select("form#compose")).hasSize(1);
        assertThat(publish.select("[name=so.providedBy]")).isEmpty();
        Map<String, String> offering = new LinkedHashMap<>(Map.of("_name", "object-storage",
                "so.serviceOfferingTermsAndConditions[0].url", "https://acme.example/terms",
                "so.serviceOfferingTermsAndConditions[0].hash", "a".repeat(64),
                "so.keyword[0]", "zanzibar-storage"));
        HttpResponse<String> missing = browser().submit(publish, "form#compose", Map.of("_name", "object-storage"));
        assertThat(missing.statusCode()).isEqualTo(422);
        // the shape's required terms and conditions, reported at their fieldset
        assertThat(Jsoup.parse(missing.body()).select("form#compose fieldset .error").eachText()).contains("Terms and conditions is required");

        HttpResponse<String> published = browser().submit(publish, "form#compose", offering);
        assertThat(published.statusCode()).as(published.body()).isEqualTo(302);
        String location = published.headers().firstValue("Location").orElseThrow();
        String hash = location.replaceAll(".*/catalogue/sd/([0-9a-f]{64}).*", "$1");

        Document found = browser().page("/catalogue?q=zanzibar-storage");
        assertThat(found.select("#count").text()).isEqualTo("1 found");
        Document mine = browser().page("/organisation");
        assertThat(mine.select("#published tr[data-hash=" + hash + "]")).hasSize(1);

        HttpResponse<String> revokeWithoutToken = browser().post("/organisation/sd/" + hash + "/revoke", Map.of());
        assertThat(revokeWithoutToken.statusCode()).isEqualTo(403);
        HttpResponse<String> revoked = browser().submit(browser().page("/organisation/sd/" + hash + "/revoke"), "form#revoke", Map.of());
        assertThat(revoked.statusCode()).isEqualTo(302);
        assertThat(browser().page("/catalogue?q=zanzibar-storage&statuses=active").select("#count").text()).isEqualTo("0 found");
        assertThat(browser().page("/organisation?status=revoked").select("#published tr[data-hash=" + hash + "]")).hasSize(1);
    }

    @Test
    @Order(4)
    void otherKindsComeFromTheirOwnShapes() throws Exception {
        Document product = browser().page("/publish?type=gx:DataProduct");
        assertThat(product.select("form#compose input[name=_type]").val()).isEqualTo("gx:DataProduct");
        assertThat(product.select("form#compose [name^=so.digitalServiceOfferingName]")).as("the data product's own fields").isNotEmpty();
        assertThat(product.select("form#compose [name=so.digitalServiceOfferingProvider]")).as("the provider is filled in").isEmpty();
        HttpResponse<String> refused = browser().submit(product, "form#compose", Map.of("_name", "quokka-data"));
        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(Jsoup.parse(refused.body()).select("form#compose .error, form#compose [aria-invalid=true]")).isNotEmpty();
        assertThat(browser().get("/publish?type=gx:Nonsense").statusCode()).isEqualTo(400);

        // a physical resource, maintained by the participant's legal person, through the catalogue's full ingest
        Document resource = browser().page("/publish?type=gx:PhysicalResource");
        HttpResponse<String> published = browser().submit(resource, "form#compose", Map.of("_name", "quokka-dc",
                "so.name", "Quokka data centre Lyon", "so.location[0].countryCode", "FR"));
        assertThat(published.statusCode()).as(published.body()).isEqualTo(302);
        String hash = published.headers().firstValue("Location").orElseThrow().replaceAll(".*/catalogue/sd/([0-9a-f]{64}).*", "$1");
        Document page = browser().page("/catalogue/sd/" + hash);
        assertThat(page.select("table.metadata").text()).contains("resource", "active");
    }
}
