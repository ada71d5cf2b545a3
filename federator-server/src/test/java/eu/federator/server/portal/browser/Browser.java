package eu.federator.server.portal.browser;

import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real headless Chromium for the portal's end-to-end tests: Debian's {@code chromium} driven through its
 * {@code chromedriver} (never Selenium Manager: there is no network), a fresh profile under {@code target/browser/},
 * a fixed viewport, and the checks every page should pass (no console errors, the accessibility smoke check).
 * Waits are on conditions, never on time.
 */
public final class Browser implements AutoCloseable {
    public static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    public static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    /** How long a condition may take before a wait fails: generous, a slow CI machine is not a failure. */
    public static final Duration PATIENCE = Duration.ofSeconds(30);
    /** With this system property set to {@code docs}, screenshots are also written to the repository's docs/screenshots. */
    public static final String SCREENSHOTS_PROPERTY = "federator.screenshots";
    private static final Pattern SCREENSHOT_NAME = Pattern.compile("[a-z0-9][a-z0-9-]*");
    /**
     * Selenium warns at every start that it has no DevTools binding for this Chromium; none is needed (the CDP commands
     * used here go through chromedriver), so the warning is noise. Held here: a logger's level lasts as long as the logger.
     */
    private static final Logger CDP_VERSION_FINDER = Logger.getLogger("org.openqa.selenium.devtools.CdpVersionFinder");

    static {
        CDP_VERSION_FINDER.setLevel(Level.OFF);
    }

    /** The sizes the portal is checked at (CSS pixels, device scale 1 so screenshots stay small). */
    public enum Viewport {
        DESKTOP(1280, 800, false), PHONE(390, 844, true);

        public final int width;
        public final int height;
        final boolean mobile;

        Viewport(int width, int height, boolean mobile) {
            this.width = width;
            this.height = height;
            this.mobile = mobile;
        }
    }

    private final String base;
    private final Path profile;
    private final ChromeDriver driver;
    private final List<String> consoleErrors = new ArrayList<>();
    private Viewport viewport;

    /** A browser at the desktop viewport whose relative paths resolve against {@code base} (e.g. {@code http://127.0.0.1:8080}). */
    public Browser(String base) {
        this(base, Viewport.DESKTOP);
    }

    public Browser(String base, Viewport viewport) {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            throw new IllegalStateException("The browser tests need Debian's chromium and chromium-driver (" + CHROMIUM + ", "
                    + CHROMEDRIVER + "): run `apt-get install chromium chromium-driver`, as .ci/run does.");
        }
        this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        try {
            this.profile = Files.createDirectories(moduleDir().resolve("target/browser")).resolve("profile-" + UUID.randomUUID());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        // headless as root in a closed network: no sandbox (root), nothing that phones home, no shared memory limits
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
                "--disable-extensions", "--disable-default-apps", "--hide-scrollbars", "--force-color-profile=srgb",
                "--lang=en-GB", "--window-size=" + Viewport.DESKTOP.width + "," + Viewport.DESKTOP.height,
                "--user-data-dir=" + profile);
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        // an explicit driver executable: Selenium looks for no driver and downloads nothing
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().withSilent(true).build();
        this.driver = new ChromeDriver(service, options);
        viewport(viewport);
    }

    /** The Maven module's directory (surefire runs the tests there; an IDE may run them from the repository root). */
    static Path moduleDir() {
        Path here = Path.of("").toAbsolutePath();
        return Files.isDirectory(here.resolve("federator-server")) ? here.resolve("federator-server") : here;
    }

    public WebDriver driver() {
        return driver;
    }

    /** Emulates {@code viewport} (it stays across navigations); the current page is laid out again. */
    public Browser viewport(Viewport viewport) {
        driver.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of("width", viewport.width, "height", viewport.height,
                "deviceScaleFactor", 1, "mobile", viewport.mobile));
        this.viewport = viewport;
        return this;
    }

    public Viewport viewport() {
        return viewport;
    }

    /** Loads {@code path} (relative to the base, or an absolute URL) and waits until the document and htmx are ready. */
    public Browser open(String path) {
        driver.get(path.matches("^[a-z]+:.*") ? path : base + (path.startsWith("/") ? path : "/" + path));
        return settled();
    }

    public String path() {
        String url = driver.getCurrentUrl();
        return url.startsWith(base) ? url.substring(base.length()) : url;
    }

    /** Waits until the document is loaded and no htmx request is in flight (htmx marks the requesting element). */
    public Browser settled() {
        waitUntil("the page to finish loading", d -> Boolean.TRUE.equals(script("""
                return document.readyState === 'complete'
                    && (!document.querySelector('script[src*="htmx"]') || typeof window.htmx !== 'undefined')
                    && document.querySelectorAll('.htmx-request').length === 0""")));
        return this;
    }

    /** Waits until {@code condition} gives something other than null or false, and returns it. */
    public <T> T waitUntil(String what, Function<WebDriver, T> condition) {
        return new WebDriverWait(driver, PATIENCE).withMessage("waiting for " + what + " on " + path())
                .ignoring(org.openqa.selenium.StaleElementReferenceException.class).until(condition::apply);
    }

    /** Waits until the element's visible text is {@code text} (e.g. a count that htmx replaced). */
    public Browser waitForText(By by, String text) {
        waitUntil(by + " to read '" + text + "'", d -> d.findElements(by).stream().anyMatch(e -> e.getText().strip().equals(text)));
        return this;
    }

    public WebElement find(By by) {
        return waitUntil(by + " to be shown", d -> d.findElements(by).stream().filter(WebElement::isDisplayed).findFirst().orElse(null));
    }

    public WebElement find(String css) {
        return find(By.cssSelector(css));
    }

    /** Scrolls so that the element is at the top of the viewport (e.g. to show a result in a screenshot). */
    public Browser scrollTo(String css) {
        script("arguments[0].scrollIntoView({block: 'start', behavior: 'instant'})", find(css));
        return this;
    }

    /** Fills the form control named {@code name}: a choice of a select, the text of any other input. */
    public Browser fill(String name, String value) {
        WebElement control = find(By.name(name));
        if ("select".equals(control.getTagName())) {
            new org.openqa.selenium.support.ui.Select(control).selectByValue(value);
        } else {
            control.clear();
            control.sendKeys(value);
        }
        return this;
    }

    /** Clicks and waits for what it loads. */
    public Browser click(String css) {
        find(css).click();
        return settled();
    }

    /**
     * Clicks something that loads a new document (a form's submit button, a link) and waits until the new document is
     * there: a page that is still the old one when the next step starts would cancel the navigation.
     */
    public Browser navigate(String css) {
        String marker = markPage();
        find(css).click();
        waitUntil("a new page after clicking " + css, d -> samePage(marker) ? null : true);
        return settled();
    }

    public List<String> texts(String css) {
        return driver.findElements(By.cssSelector(css)).stream().map(e -> e.getText().strip()).toList();
    }

    public Object script(String javascript, Object... arguments) {
        return ((JavascriptExecutor) driver).executeScript(javascript, arguments);
    }

    /** Sends keys to whatever has the focus, as a keyboard would (e.g. {@code Keys.TAB}, {@code Keys.ENTER}, text). */
    public Browser type(CharSequence... keys) {
        new Actions(driver).sendKeys(keys).perform();
        return this;
    }

    /** Presses Tab until {@code css} has the focus; fails after {@code maxTabs} presses. */
    public Browser tabTo(String css, int maxTabs) {
        for (int i = 0; i < maxTabs; i++) {
            type(Keys.TAB);
            if (Boolean.TRUE.equals(script("return document.activeElement && document.activeElement.matches(arguments[0])", css))) {
                return this;
            }
        }
        throw new AssertionError(css + " was not reached with " + maxTabs + " presses of Tab on " + path()
                + "; the focus is on " + script("return document.activeElement && document.activeElement.outerHTML.slice(0, 200)"));
    }

    /**
     * Sets a random marker on {@code window}; {@link #samePage(String)} tells whether the document is still the one marked,
     * i.e. whether an update happened in place rather than by loading a page.
     */
    public String markPage() {
        String marker = UUID.randomUUID().toString();
        script("window.federatorTestMarker = arguments[0]", marker);
        return marker;
    }

    public boolean samePage(String marker) {
        return marker.equals(script("return window.federatorTestMarker || null"));
    }

    /**
     * True when the page is wider than the viewport, i.e. a visitor would have to scroll sideways. On a phone the browser
     * zooms such a page out rather than scrolling, so the layout is also measured against the viewport's own width.
     */
    public boolean scrollsSideways() {
        return Boolean.TRUE.equals(script("""
                return document.documentElement.scrollWidth > Math.min(arguments[0], document.documentElement.clientWidth)
                    || window.innerWidth > arguments[0]""", viewport.width));
    }

    /**
     * The innermost elements that stick out of the viewport on the right (outside any scrolling container), to say why a
     * page scrolls sideways: tag, id, classes and how far right they reach.
     */
    @SuppressWarnings("unchecked")
    public List<String> overflowingElements() {
        return (List<String>) script("""
                const width = Math.min(arguments[0], document.documentElement.clientWidth);
                const contained = e => { for (let a = e.parentElement; a && a !== document.body; a = a.parentElement) {
                    if (getComputedStyle(a).overflowX !== 'visible') return true; } return false; };
                const reach = e => getComputedStyle(e).overflowX !== 'visible' ? e.getBoundingClientRect().right
                    : Math.max(e.getBoundingClientRect().right, e.getBoundingClientRect().left + e.scrollWidth);
                const wide = [...document.querySelectorAll('body *')].filter(e => reach(e) > width + 1 && !contained(e));
                return wide.filter(e => !wide.some(d => d !== e && e.contains(d))).slice(0, 10)
                    .map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '')
                              + (typeof e.className === 'string' && e.className.trim() ? '.' + e.className.trim().replace(/ +/g, '.') : '')
                              + ' "' + e.textContent.trim().slice(0, 40) + '" reaches ' + Math.round(reach(e)) + 'px');""", viewport.width);
    }

    /**
     * The console errors so far (JavaScript errors, CSP violations, failed loads), the browser log's SEVERE entries and
     * anything about a Content Security Policy. Reading drains the browser's log, so they are kept here.
     */
    public List<String> consoleErrors() {
        for (LogEntry entry : driver.manage().logs().get(LogType.BROWSER)) {
            if (entry.getLevel().intValue() >= Level.SEVERE.intValue() || entry.getMessage().contains("Content Security Policy")) {
                consoleErrors.add(entry.getLevel() + " " + entry.getMessage());
            }
        }
        return List.copyOf(consoleErrors);
    }

    public void assertNoConsoleErrors() {
        assertThat(consoleErrors()).as("console errors (JavaScript errors, CSP violations, failed loads) up to " + path()).isEmpty();
    }

    /**
     * A smoke check of the page's accessibility, run in the page: {@code lang} is set, one {@code h1}, every form control
     * has a label (a {@code <label>}, {@code aria-label} or {@code aria-labelledby}), every image has {@code alt}, every
     * link and button has a name. Not a full audit: what a page must never get wrong.
     */
    @SuppressWarnings("unchecked")
    public List<String> accessibilityProblems() {
        return (List<String>) script("""
                const problems = [];
                const show = e => e.outerHTML.replace(/\\s+/g, ' ').slice(0, 160);
                const lang = document.documentElement.getAttribute('lang');
                if (!lang || !lang.trim()) problems.push('<html> has no lang attribute');
                const h1 = document.querySelectorAll('h1').length;
                if (h1 !== 1) problems.push('the page has ' + h1 + ' <h1> elements, not one');
                const named = e => (e.getAttribute('aria-label') || '').trim() || (e.getAttribute('aria-labelledby') || '').trim()
                    .split(/\\s+/).some(id => id && document.getElementById(id) && document.getElementById(id).textContent.trim());
                for (const c of document.querySelectorAll('input, select, textarea')) {
                  if (['hidden', 'submit', 'button', 'reset', 'image'].includes(c.type)) continue;
                  if (![...(c.labels || [])].some(l => l.textContent.trim()) && !named(c)) problems.push('a form control without a label: ' + show(c));
                }
                for (const i of document.querySelectorAll('img')) {
                  if (!i.hasAttribute('alt')) problems.push('an image without alt: ' + show(i));
                }
                for (const e of document.querySelectorAll('a[href], button')) {
                  const text = e.textContent.trim() || [...e.querySelectorAll('img[alt]')].map(i => i.alt.trim()).join('');
                  if (!text && !named(e) && !(e.getAttribute('title') || '').trim()) problems.push('a link or button without a name: ' + show(e));
                }
                return problems;""");
    }

    public void assertAccessible() {
        assertThat(accessibilityProblems()).as("accessibility smoke check of " + path()).isEmpty();
    }

    /**
     * Saves the viewport as {@code target/screenshots/NAME.png}, and also as {@code docs/screenshots/NAME.png} when the
     * system property {@value #SCREENSHOTS_PROPERTY} is {@code docs} (see bin/screenshots). Returns the target file.
     */
    public Path screenshot(String name) {
        return screenshot(name, "docs".equals(System.getProperty(SCREENSHOTS_PROPERTY)));
    }

    /** Saves the viewport as {@code target/screenshots/NAME.png} only: what a failing test saw, never for the docs. */
    public Path diagnosticScreenshot(String name) {
        return screenshot(name, false);
    }

    private Path screenshot(String name, boolean docsToo) {
        if (!SCREENSHOT_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("a screenshot name is lower-case letters, digits and dashes: " + name);
        }
        byte[] png = driver.getScreenshotAs(OutputType.BYTES);
        try {
            Path target = Files.createDirectories(moduleDir().resolve("target/screenshots")).resolve(name + ".png");
            Files.write(target, png);
            if (docsToo) {
                Path docs = moduleDir().getParent().resolve("docs");
                if (!Files.isDirectory(docs)) {
                    throw new IllegalStateException("no docs/ folder next to " + moduleDir() + " to put the screenshot " + name + " in");
                }
                Files.write(Files.createDirectories(docs.resolve("screenshots")).resolve(name + ".png"), png);
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Quits the browser and removes its profile. */
    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            if (Files.exists(profile)) {
                try (Stream<Path> files = Files.walk(profile)) {
                    files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                } catch (IOException e) {
                    // a leftover profile under target/ is harmless; the next `mvn clean` removes it
                }
            }
        }
    }
}
