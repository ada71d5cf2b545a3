package eu.federator.server.portal;

import eu.federator.catalogue.testing.TestDirectories;
import eu.federator.server.Http;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The portal's sign-in in local mode (the admin token), its session and CSRF protection, its security headers, and
 * that none of it leaks into the API, which stays stateless and cookie-free.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class PortalSecurityTest {
    static final String TOKEN = "portal-security-test-token-0123456789";
    static final Path ROOT = TestDirectories.newDataDir("federator-portal-security-");

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("federator.data-dir", () -> ROOT.resolve("data").toString());
        registry.add("FEDERATOR_ADMIN_TOKEN", () -> TOKEN);
    }

    @LocalServerPort
    int port;

    @Test
    void theAdminSignsInWithTheTokenSeesTheAdministrationAndSignsOut() throws Exception {
        PortalSession browser = new PortalSession(port);
        Document anonymous = browser.page("/catalogue");
        assertThat(anonymous.select("nav a[href=/login]")).hasSize(1);
        assertThat(anonymous.select("nav a[href=/manage]")).isEmpty();

        HttpResponse<String> wrong = browser.submit(browser.page("/login"), "form[action=/login]", Map.of("token", "not-the-token-at-all"));
        assertThat(wrong.statusCode()).isEqualTo(302);
        assertThat(wrong.headers().firstValue("Location").orElseThrow()).endsWith("/login?error");
        assertThat(browser.page("/login?error").select("#login-error").text()).contains("did not work");

        browser.signInWithToken(TOKEN);
        Document signedIn = browser.page("/catalogue");
        assertThat(signedIn.select("nav a[href=/manage]")).hasSize(1);
        assertThat(signedIn.select("nav a[href=/onboarding]")).as("the local admin has no participant yet").hasSize(1);
        assertThat(signedIn.select("form.signout button").text()).isEqualTo("Sign out administrator");

        HttpResponse<String> out = browser.submit(signedIn, "form.signout", Map.of());
        assertThat(out.statusCode()).isEqualTo(302);
        assertThat(browser.page("/catalogue").select("nav a[href=/login]")).hasSize(1);
    }

    @Test
    void aPostWithoutTheCsrfTokenIsRefusedEvenWithTheRightAdminToken() throws Exception {
        PortalSession browser = new PortalSession(port);
        browser.page("/login");
        HttpResponse<String> r = browser.post("/login", Map.of("token", TOKEN));
        assertThat(r.statusCode()).isEqualTo(403);
        // and nothing was signed in
        assertThat(browser.page("/catalogue").select("nav a[href=/login]")).hasSize(1);

        PortalSession signedIn = new PortalSession(port).signInWithToken(TOKEN);
        assertThat(signedIn.post("/logout", Map.of()).statusCode()).as("logout without the token").isEqualTo(403);
        assertThat(signedIn.page("/catalogue").select("form.signout")).as("still signed in").hasSize(1);
    }

    @Test
    void protectedPagesSendAnonymousVisitorsToTheSignInPage() throws Exception {
        PortalSession browser = new PortalSession(port);
        for (String path : new String[]{"/manage", "/onboarding", "/organisation", "/publish"}) {
            HttpResponse<String> r = browser.get(path);
            assertThat(r.statusCode()).as(path).isEqualTo(302);
            assertThat(r.headers().firstValue("Location").orElseThrow()).as(path).endsWith("/login");
        }
    }

    @Test
    void pagesCarryAStrictContentSecurityPolicyAndNoFraming() throws Exception {
        HttpResponse<String> r = new PortalSession(port).get("/catalogue");
        String csp = r.headers().firstValue("Content-Security-Policy").orElseThrow();
        assertThat(csp).contains("script-src 'self'", "style-src 'self'", "frame-ancestors 'none'", "form-action 'self'")
                .doesNotContain("unsafe-inline", "unsafe-eval");
        assertThat(r.headers().firstValue("X-Frame-Options")).hasValue("DENY");
        assertThat(r.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(r.body()).doesNotContain(TOKEN);
        // no inline script or style on the page: the policy would block it
        Document page = org.jsoup.Jsoup.parse(r.body());
        assertThat(page.select("script:not([src])")).isEmpty();
        assertThat(page.select("style, [style]")).isEmpty();
    }

    @Test
    void theApiStaysStatelessWithProblemAnswers() throws Exception {
        HttpResponse<String> r = new Http(port).post("/self-descriptions", "application/json", "{}".getBytes(StandardCharsets.UTF_8));
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(Http.contentType(r)).startsWith("application/problem+json");
        assertThat(r.headers().allValues("Set-Cookie")).isEmpty();
        // the admin token as a bearer still works on the API, and makes no session
        HttpResponse<String> roles = new Http(port, TOKEN).get("/roles");
        assertThat(roles.statusCode()).isEqualTo(200);
        assertThat(roles.headers().allValues("Set-Cookie")).isEmpty();
    }

    @Test
    void errorsArePagesNotStackTraces() throws Exception {
        HttpResponse<String> r = new PortalSession(port).get("/catalogue/sd/" + "0".repeat(64));
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
        assertThat(org.jsoup.Jsoup.parse(r.body()).select("h1").text()).isEqualTo("Not found");
        HttpResponse<String> bad = new PortalSession(port).get("/catalogue?page=x");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(org.jsoup.Jsoup.parse(bad.body()).select("#error-message").text()).contains("page");
    }
}
