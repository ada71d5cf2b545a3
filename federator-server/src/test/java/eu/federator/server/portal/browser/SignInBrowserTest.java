package eu.federator.server.portal.browser;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;

import static org.assertj.core.api.Assertions.assertThat;

/** Signing in to the portal in a real browser (local mode: the admin token), and out again. */
class SignInBrowserTest extends PortalBrowserTest {

    @Test
    void anAdminSignsInWithTheTokenAndOut() {
        browser.open("/catalogue");
        browser.find(By.linkText("Sign in")).click();
        browser.settled().waitForText(By.tagName("h1"), "Sign in");
        browser.assertAccessible();

        browser.find("#token").sendKeys("not-the-token", Keys.ENTER);
        browser.settled().find("#login-error");
        assertThat(browser.find("#token").getAttribute("aria-invalid")).isEqualTo("true");
        browser.assertAccessible();

        signInAsAdmin();
        assertThat(browser.path()).startsWith("/catalogue");
        assertThat(browser.texts("header nav a")).contains("Administration").doesNotContain("Sign in");
        browser.assertAccessible();

        browser.find("form.signout button").click();
        browser.settled().find(By.linkText("Sign in"));
        assertThat(browser.texts("header nav a")).doesNotContain("Administration");
    }

    @Test
    void onAPhoneTheSignInPageFits() {
        browser.viewport(Browser.Viewport.PHONE).open("/login");
        assertThat(browser.scrollsSideways()).as("/login scrolls sideways because of " + browser.overflowingElements()).isFalse();
        browser.assertAccessible();
    }
}
