package eu.federator.server.portal.browser;

import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** The browser helper's own checks find what they are for, on small pages given as data: URLs (no server). */
class BrowserCheckTest {

    static String page(String html) {
        return "data:text/html;charset=utf-8," + URLEncoder.encode(html, StandardCharsets.UTF_8).replace("+", "%20");
    }

    @Test
    void aJavaScriptErrorAndACspViolationAreConsoleErrors() {
        try (Browser browser = new Browser("http://127.0.0.1:9")) {
            browser.open(page("<!DOCTYPE html><html lang=en><title>t</title><h1>t</h1><script>undefinedFunction()</script>"));
            assertThat(browser.consoleErrors()).anySatisfy(e -> assertThat(e).contains("undefinedFunction"));

            browser.open(page("""
                    <!DOCTYPE html><html lang=en><meta http-equiv="Content-Security-Policy" content="script-src 'none'; style-src 'none'">
                    <title>t</title><h1 style="color: red">t</h1>"""));
            assertThat(browser.consoleErrors()).anySatisfy(e -> assertThat(e).contains("Content Security Policy"));
        }
    }

    @Test
    void aCleanPageHasNoConsoleErrorsAndPassesTheAccessibilityCheck() {
        try (Browser browser = new Browser("http://127.0.0.1:9")) {
            browser.open(page("""
                    <!DOCTYPE html><html lang=en><title>t</title><h1>Search</h1>
                    <form><label for=q>Words</label><input id=q name=q><input type=hidden name=h value=1>
                    <input aria-label="Other words" name=o><button>Go</button></form><img src="data:," alt="">"""));
            browser.assertNoConsoleErrors();
            browser.assertAccessible();
        }
    }

    @Test
    void theAccessibilityCheckFindsTheCommonMistakes() {
        try (Browser browser = new Browser("http://127.0.0.1:9")) {
            browser.open(page("""
                    <!DOCTYPE html><html><title>t</title><h1>One</h1><h1>Two</h1>
                    <form><input id=q name=q><label for=nothing>Lost</label><textarea></textarea><button></button></form>
                    <img src="data:,"><a href="/x"></a>"""));
            assertThat(browser.accessibilityProblems()).hasSize(7).anySatisfy(p -> assertThat(p).contains("no lang"))
                    .anySatisfy(p -> assertThat(p).contains("2 <h1>"))
                    .anySatisfy(p -> assertThat(p).contains("without a label").contains("id=\"q\""))
                    .anySatisfy(p -> assertThat(p).contains("without a label").contains("<textarea"))
                    .anySatisfy(p -> assertThat(p).contains("image without alt"))
                    .anySatisfy(p -> assertThat(p).contains("without a name").contains("<button"))
                    .anySatisfy(p -> assertThat(p).contains("without a name").contains("<a href"));
        }
    }

    @Test
    void thePhoneViewportIsNarrowAndAWidePageScrollsSideways() {
        try (Browser browser = new Browser("http://127.0.0.1:9", Browser.Viewport.PHONE)) {
            String narrow = page("""
                    <!DOCTYPE html><html lang=en><meta name=viewport content="width=device-width, initial-scale=1"><title>t</title>
                    <h1>Narrow</h1><p>Some text that wraps.</p>""");
            browser.open(narrow);
            assertThat(browser.script("return window.innerWidth")).isEqualTo(390L);
            assertThat(browser.scrollsSideways()).isFalse();

            browser.open(page("""
                    <!DOCTYPE html><html lang=en><meta name=viewport content="width=device-width, initial-scale=1"><title>t</title>
                    <h1>Wide</h1><pre id=wide>%s</pre>""".formatted("x".repeat(300))));
            assertThat(browser.scrollsSideways()).isTrue();
            assertThat(browser.overflowingElements()).anySatisfy(e -> assertThat(e).startsWith("pre#wide"));

            browser.viewport(Browser.Viewport.DESKTOP).open(narrow);
            assertThat(browser.script("return window.innerWidth")).isEqualTo(1280L);
        }
    }
}
