package eu.federator.server.portal.browser;

import eu.federator.catalogue.testing.TestDirectories;
import eu.federator.server.security.KeycloakDev;
import eu.federator.server.security.KeycloakRealmAdmin;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 5's acceptance in real headless Chromium, with a <b>real Keycloak</b> for every sign-in: a new provider signs
 * in, onboards through the wizard (hosted did:web from the lab CA, this Federator's notary, the LegalPerson form
 * generated from the shapes, the compliance label, registration), publishes an offering from the gx:ServiceOffering
 * form; a visitor finds it by free text and by facet; the catalogue admin signs in and revokes it; it disappears
 * from the search. Screenshots of the pages on the way (docs/screenshots with {@code -Dfederator.screenshots=docs}).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ProviderJourneyBrowserTest {
    static final KeycloakDev KEYCLOAK = KeycloakDev.shared();

    static final Path ROOT = TestDirectories.newDataDir("federator-journey-");
    static final String KEYWORD = "quokka-archive";

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("federator.data-dir", () -> ROOT.resolve("data").toString());
        registry.add("federator.notary.offline-only", () -> "true");
        registry.add("federator.security.issuer-uri", KEYCLOAK::issuer);
        registry.add("federator.portal.login.client-secret", () -> "fc-test-secret");
        registry.add("federator.portal.login.provider-name", () -> "Keycloak");
    }

    @LocalServerPort
    int port;

    @BeforeAll
    static void users() throws Exception {
        new KeycloakRealmAdmin(KEYCLOAK).createUser("quokka-provider", null, "Ro-MU-A");
    }

    Browser browser() {
        return new Browser("http://127.0.0.1:" + port);
    }

    static void signIn(Browser browser, String user) {
        browser.open("/login").navigate("#sign-in-oidc");
        browser.waitUntil("Keycloak's sign-in form", d -> d.findElements(By.id("kc-form-login")).isEmpty() ? null : true);
        browser.fill("username", user).fill("password", user.equals("catalogue-admin") ? "catalogue-admin-pw" : user + "-pw");
        browser.navigate("#kc-login");
        browser.waitUntil("the portal after signing in", d -> d.getCurrentUrl().startsWith("http://127.0.0.1:") && !d.getCurrentUrl().contains("/realms/")
                ? true : null);
    }

    @Test
    void aNewProviderOnboardsAndPublishesAVisitorFindsItTheAdminRevokesIt() {
        String hash;
        try (Browser provider = browser()) {
            signIn(provider, "quokka-provider");
            provider.open("/catalogue");
            assertThat(provider.texts("header nav a")).contains("Onboarding").doesNotContain("Administration", "My organisation");
            provider.navigate("header nav a[href='/onboarding']");
            assertThat(provider.path()).isEqualTo("/onboarding/identity");
            provider.assertAccessible();
            provider.screenshot("onboarding-identity");
            provider.fill("name", "quokka").fill("keyType", "ec-p256").navigate("form#identity button[type=submit]");

            assertThat(provider.path()).isEqualTo("/onboarding/registration-number");
            provider.fill("type", "vat-id").fill("value", "FR79537407926").navigate("form#registration-number button[type=submit]");

            assertThat(provider.path()).isEqualTo("/onboarding/credentials");
            provider.fill("lp.name", "Quokka Archive SAS").fill("lp.legalAddress.countryCode", "FR")
                    .fill("lp.headquartersAddress.countryCode", "ZZ");
            provider.navigate("form#legal-person button[type=submit]");
            assertThat(provider.find("[name='lp.headquartersAddress.countryCode']").getAttribute("aria-invalid"))
                    .as("the shape's country list refuses ZZ at the field").isEqualTo("true");
            provider.assertAccessible();
            provider.screenshot("onboarding-legal-person-error");
            provider.fill("lp.headquartersAddress.countryCode", "FR").navigate("form#legal-person button[type=submit]");

            assertThat(provider.path()).isEqualTo("/onboarding/label");
            provider.navigate("form#label button[type=submit]");
            assertThat(provider.path()).isEqualTo("/onboarding/register");
            provider.navigate("form#register button[type=submit]");
            assertThat(provider.path()).isEqualTo("/onboarding/done");
            provider.screenshot("onboarding-done");

            provider.navigate("header nav a[href='/publish']");
            provider.fill("_name", "quokka-cold-storage")
                    .fill("so.serviceOfferingTermsAndConditions[0].url", "https://quokka.example/terms")
                    .fill("so.serviceOfferingTermsAndConditions[0].hash", "b".repeat(64))
                    .fill("so.keyword[0]", KEYWORD);
            provider.screenshot("publish");
            provider.navigate("form#compose button[type=submit]");
            assertThat(provider.path()).startsWith("/catalogue/sd/");
            hash = provider.path().replaceAll("^/catalogue/sd/([0-9a-f]{64}).*$", "$1");
            provider.open("/organisation");
            assertThat(provider.find("#published tr[data-hash='" + hash + "']").getText()).contains("active");
            provider.screenshot("organisation");
            // the refused form answered 422 on purpose, which the browser logs as a failed load; nothing else
            assertThat(provider.consoleErrors()).singleElement().asString()
                    .contains("/onboarding/credentials - Failed to load resource: the server responded with a status of 422");
        }

        try (Browser visitor = browser()) {
            visitor.open("/catalogue");
            visitor.find("#q").sendKeys(KEYWORD);
            visitor.waitForText(By.id("count"), "1 found");
            visitor.navigate("#results a[href^='/catalogue/sd/']");
            assertThat(visitor.path()).isEqualTo("/catalogue/sd/" + hash);
            visitor.open("/catalogue?q=" + KEYWORD);
            visitor.navigate(".facets a[href*='kinds=service-offering']");
            assertThat(visitor.find("#count").getText()).isEqualTo("1 found");
            visitor.assertNoConsoleErrors();
        }

        try (Browser admin = browser()) {
            signIn(admin, "catalogue-admin");
            admin.open("/manage/self-descriptions?hash=" + hash);
            admin.screenshot("manage-self-descriptions");
            admin.navigate("a[href*='/manage/self-descriptions/revoke']");
            admin.navigate("main form button[type=submit]");
            assertThat(admin.find("#notice").getText()).startsWith("Revoked");
            admin.open("/catalogue?q=" + KEYWORD + "&statuses=active");
            assertThat(admin.find("#count").getText()).isEqualTo("0 found");
            admin.open("/manage");
            admin.screenshot("manage-overview");
            admin.assertNoConsoleErrors();
        }
    }
}
