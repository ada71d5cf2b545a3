package eu.federator.server.portal.browser;

import eu.federator.catalogue.projection.GraphProjector;
import eu.federator.catalogue.testing.TestDirectories;
import eu.federator.server.Http;
import eu.federator.trustframework.compliance.ComplianceWorld;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The base of the portal's browser tests: the real server on a random port with a fresh data dir (embedded PostgreSQL,
 * the {@link ComplianceWorld} trust anchors, a local admin token), and a fresh headless {@link Browser} for every test
 * at the desktop viewport. After every test the browser must have logged no console error (JavaScript errors, CSP
 * violations, failed loads); a failing test leaves a screenshot in {@code target/screenshots/failed-<test>.png}.
 * <p>
 * Every subclass shares one server (same configuration, so Spring reuses the context) and so one catalogue: seed with
 * names of your own and search for them.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class PortalBrowserTest {
    protected static final String ADMIN_TOKEN = "portal-browser-test-token-0123456789abcdef";
    static final Path ROOT = TestDirectories.newDataDir("federator-browser-");
    protected static final ComplianceWorld WORLD = new ComplianceWorld(ROOT.resolve("world"));
    protected static final ComplianceWorld.Loire LOIRE = WORLD.new Loire();

    @DynamicPropertySource
    static void server(DynamicPropertyRegistry registry) {
        registry.add("federator.data-dir", () -> ROOT.resolve("data").toString());
        registry.add("federator.trust.web-mirror", WORLD.mirror::toString);
        registry.add("federator.trust.trust-anchors", WORLD.anchors::toString);
        registry.add("FEDERATOR_ADMIN_TOKEN", () -> ADMIN_TOKEN);
    }

    @LocalServerPort
    protected int port;
    @Autowired
    GraphProjector projector;

    protected Browser browser;

    @RegisterExtension
    final TestExecutionExceptionHandler screenshotOnFailure = this::screenshotOnFailure;

    @BeforeEach
    void startBrowser() {
        browser = new Browser("http://127.0.0.1:" + port);
    }

    @AfterEach
    void checkTheConsoleAndQuit() {
        try {
            assertThat(browser.consoleErrors()).as("console errors (JavaScript errors, CSP violations, failed loads) up to " + browser.path())
                    .isEmpty();
        } finally {
            browser.close();
        }
    }

    private void screenshotOnFailure(ExtensionContext context, Throwable failure) throws Throwable {
        if (browser != null) {
            try {
                browser.diagnosticScreenshot("failed-" + context.getRequiredTestMethod().getName().toLowerCase());
            } catch (RuntimeException e) {
                failure.addSuppressed(e);
            }
        }
        throw failure;
    }

    /**
     * Signs in on {@code /login} with the local admin token (local mode), as a person would; the browser keeps the
     * session, so the pages that follow are the admin's. Ends on the start page.
     */
    protected void signInAsAdmin() {
        browser.open("/login");
        browser.find("#token").sendKeys(ADMIN_TOKEN);
        browser.find("main form button[type=submit]").click();
        browser.settled().find("form.signout button");
    }

    /** An HTTP client with the local admin token, e.g. to seed the catalogue through the API. */
    protected Http admin() {
        return new Http(port, ADMIN_TOKEN);
    }

    /**
     * Submits a signed presentation through {@code POST /self-descriptions} as the admin and waits until the catalogue
     * graph has it (so SPARQL sees it too); returns its hash.
     */
    protected String submit(String presentation) throws Exception {
        HttpResponse<String> r = admin().post("/self-descriptions", "application/vp+jwt", presentation.getBytes(StandardCharsets.US_ASCII));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        projector.catchUp();
        return Http.json(r).getString("sdHash");
    }
}
