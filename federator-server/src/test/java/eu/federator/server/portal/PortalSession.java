package eu.federator.server.portal;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A browser without JavaScript for portal tests: keeps cookies (session, CSRF), does not follow redirects (tests look
 * at them), fills forms the way a browser does (the page's hidden {@code _csrf} field included).
 */
public final class PortalSession {
    private final String base;
    private final HttpClient client;

    public PortalSession(int port) {
        this.base = "http://127.0.0.1:" + port;
        this.client = HttpClient.newBuilder().cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ALL))
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(10)).build();
    }

    public HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(URI.create(base + path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    /** GET, expecting a page (200). */
    public Document page(String path) throws IOException, InterruptedException {
        HttpResponse<String> r = get(path);
        if (r.statusCode() != 200) {
            throw new AssertionError("GET " + path + " answered " + r.statusCode() + " " + r.headers().firstValue("Location").orElse("") + "\n" + r.body());
        }
        return Jsoup.parse(r.body(), base + path);
    }

    /** POSTs a form url-encoded, as given (no token added). */
    public HttpResponse<String> post(String path, Map<String, String> fields) throws IOException, InterruptedException {
        String body = fields.entrySet().stream().map(e -> enc(e.getKey()) + "=" + enc(e.getValue())).collect(Collectors.joining("&"));
        return client.send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /**
     * Submits the form of a page: its hidden and pre-filled fields, then {@code values} on top; the form is the one
     * matched by {@code selector}.
     */
    public HttpResponse<String> submit(Document page, String selector, Map<String, String> values) throws IOException, InterruptedException {
        Element form = page.selectFirst(selector);
        if (form == null) {
            throw new AssertionError("no form " + selector + " on " + page.location());
        }
        Map<String, String> fields = new LinkedHashMap<>();
        for (Element input : form.select("input[name]")) {
            String type = input.attr("type");
            if (!type.equals("checkbox") && !type.equals("radio") || input.hasAttr("checked")) {
                fields.put(input.attr("name"), input.val());
            }
        }
        for (Element select : form.select("select[name]")) {
            Element selected = select.selectFirst("option[selected]");
            fields.put(select.attr("name"), selected != null ? selected.val() : "");
        }
        for (Element area : form.select("textarea[name]")) {
            fields.put(area.attr("name"), area.val());
        }
        fields.putAll(values);
        String action = form.attr("action").isEmpty() ? URI.create(page.location()).getPath() : form.attr("action");
        return post(action, fields);
    }

    /** Signs in with the local admin token through the sign-in form. */
    public PortalSession signInWithToken(String token) throws IOException, InterruptedException {
        HttpResponse<String> r = submit(page("/login"), "form[action=/login]", Map.of("token", token));
        if (r.statusCode() != 302 || r.headers().firstValue("Location").orElse("").contains("error")) {
            throw new AssertionError("sign-in failed: " + r.statusCode() + " " + r.headers().map());
        }
        return this;
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
