package eu.federator.server.portal;

import eu.federator.catalogue.testing.TestDirectories;
import eu.federator.server.security.KeycloakDev;
import eu.federator.server.security.KeycloakRealmAdmin;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.net.http.HttpResponse;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Signing in to the portal through a <b>real Keycloak</b> (authorization code flow, the shared realm): the roles and
 * participant come from the access token, the navigation follows them, a page needing another role is a 403 page, a
 * wrong password signs nobody in.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class PortalKeycloakSignInTest {
    static final KeycloakDev KEYCLOAK;

    static {
        try {
            KEYCLOAK = new KeycloakDev();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static final Path ROOT = TestDirectories.newDataDir("federator-portal-kc-");

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("federator.data-dir", () -> ROOT.resolve("data").toString());
        registry.add("federator.security.issuer-uri", KEYCLOAK::issuer);
        registry.add("federator.portal.login.client-secret", () -> "fc-test-secret");
        registry.add("federator.portal.login.provider-name", () -> "Keycloak");
    }

    @LocalServerPort
    int port;

    @BeforeAll
    static void startKeycloak() throws Exception {
        KEYCLOAK.start();
        new KeycloakRealmAdmin(KEYCLOAK).createUser("new-provider", null, "Ro-MU-A");
    }

    @AfterAll
    static void stopKeycloak() throws Exception {
        KEYCLOAK.stop();
    }

    @Test
    void theCatalogueAdminSignsInThroughKeycloakAndSeesTheAdministration() throws Exception {
        PortalSession browser = new PortalSession(port);
        Document login = browser.page("/login");
        assertThat(login.select("#sign-in-oidc").text()).isEqualTo("Sign in with Keycloak");
        assertThat(login.select("input[name=token]")).as("no admin-token form in OIDC mode").isEmpty();

        HttpResponse<String> done = browser.signInWithKeycloak("catalogue-admin", "catalogue-admin-pw");
        assertThat(done.statusCode()).as(done.body()).isEqualTo(302);
        Document page = browser.page("/catalogue");
        assertThat(page.select("form.signout button").text()).isEqualTo("Sign out catalogue-admin");
        assertThat(page.select("nav a[href=/manage]")).hasSize(1);
        assertThat(page.select("nav a[href=/organisation]")).as("participant_id from the token").hasSize(1);
        assertThat(browser.page("/organisation").select("#participant").text()).isEqualTo("did:web:participant.example.org");
    }

    @Test
    void theNavigationFollowsTheRolesOfTheToken() throws Exception {
        PortalSession sdAdmin = new PortalSession(port);
        sdAdmin.signInWithKeycloak("sd-admin", "sd-admin-pw");
        Document page = sdAdmin.page("/catalogue");
        assertThat(page.select("nav a[href=/manage]")).isEmpty();
        assertThat(page.select("nav a[href=/publish]")).hasSize(1);
        assertThat(page.select("nav a[href=/onboarding]")).isEmpty();
        HttpResponse<String> manage = sdAdmin.get("/manage");
        assertThat(manage.statusCode()).isEqualTo(403);
        assertThat(Jsoup.parse(manage.body()).select("h1").text()).isEqualTo("Not allowed");

        PortalSession newcomer = new PortalSession(port);
        newcomer.signInWithKeycloak("new-provider", "new-provider-pw");
        Document start = newcomer.page("/catalogue");
        assertThat(start.select("nav a[href=/onboarding]")).as("no participant yet").hasSize(1);
        assertThat(start.select("nav a[href=/publish], nav a[href=/organisation], nav a[href=/manage]")).isEmpty();
        assertThat(newcomer.get("/organisation").statusCode()).isEqualTo(403);
    }

    @Test
    void aWrongPasswordSignsNobodyIn() throws Exception {
        PortalSession browser = new PortalSession(port);
        HttpResponse<String> answer = browser.signInWithKeycloak("catalogue-admin", "wrong-password");
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(Jsoup.parse(answer.body()).select("form#kc-form-login")).as("Keycloak asks again").hasSize(1);
        assertThat(browser.page("/catalogue").select("nav a[href=/login]")).hasSize(1);
    }
}
