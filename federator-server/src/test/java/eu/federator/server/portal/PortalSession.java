package eu.federator.server.portal;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

import java.io.IOException;
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
        this(port, HttpClient.newBuilder().cookieHandler(new LoopbackCookies())
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(10)).build());
    }

    private PortalSession(int port, HttpClient client) {
        this.base = "http://127.0.0.1:" + port;
        this.client = client;
    }

    /** The same browser (its cookies) talking to a server on another port, e.g. another replica. */
    public PortalSession onPort(int port) {
        return new PortalSession(port, client);
    }

    public HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return getUrl(base + path);
    }

    /** GET of an absolute URL (another server, e.g. the identity provider), with this session's cookies. */
    public HttpResponse<String> getUrl(String url) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    /** GET with one request header, e.g. htmx's {@code HX-Request}. */
    public HttpResponse<String> get(String path, String header, String value) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(URI.create(base + path)).header(header, value).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    /**
     * Submits the multipart form {@code formSelector} of the page at {@code path}, as a browser does: its hidden fields
     * (the CSRF token among them) and one file as {@code file}, accepting HTML.
     */
    public HttpResponse<String> upload(String path, String formSelector, String filename, String contentType, byte[] content)
            throws IOException, InterruptedException {
        Element form = page(path).selectFirst(formSelector);
        if (form == null || !"multipart/form-data".equals(form.attr("enctype"))) {
            throw new AssertionError("no multipart form " + formSelector + " on " + path);
        }
        String boundary = "----federator" + java.util.UUID.randomUUID();
        StringBuilder head = new StringBuilder();
        for (Element hidden : form.select("input[type=hidden]")) {
            head.append("--").append(boundary).append("\r\nContent-Disposition: form-data; name=\"").append(hidden.attr("name"))
                    .append("\"\r\n\r\n").append(hidden.val()).append("\r\n");
        }
        head.append("--").append(boundary).append("\r\nContent-Disposition: form-data; name=\"file\"; filename=\"").append(filename)
                .append("\"\r\nContent-Type: ").append(contentType).append("\r\n\r\n");
        java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
        body.writeBytes(head.toString().getBytes(StandardCharsets.UTF_8));
        body.writeBytes(content);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return client.send(HttpRequest.newBuilder(URI.create(base + form.attr("action")))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary).header("Accept", "text/html")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build(), HttpResponse.BodyHandlers.ofString());
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
        return postUrl(path.startsWith("http") ? path : base + path, fields);
    }

    /** POST of a form to an absolute URL. */
    public HttpResponse<String> postUrl(String url, Map<String, String> fields) throws IOException, InterruptedException {
        String body = fields.entrySet().stream().map(e -> enc(e.getKey()) + "=" + enc(e.getValue())).collect(Collectors.joining("&"));
        return client.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/x-www-form-urlencoded")
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

    /**
     * Signs in through the identity provider (a real Keycloak): the portal's authorization request, Keycloak's login
     * form filled in, the code returned to the portal.
     *
     * @return the portal's last answer (a redirect to the page first asked for when it worked)
     */
    public HttpResponse<String> signInWithKeycloak(String username, String password) throws IOException, InterruptedException {
        HttpResponse<String> start = get("/oauth2/authorization/oidc");
        if (start.statusCode() != 302) {
            throw new AssertionError("the sign-in did not start: " + start.statusCode() + " " + start.body());
        }
        HttpResponse<String> loginPage = getUrl(start.headers().firstValue("Location").orElseThrow());
        Element form = Jsoup.parse(loginPage.body(), start.headers().firstValue("Location").orElseThrow()).selectFirst("form#kc-form-login");
        if (form == null) {
            throw new AssertionError("no Keycloak login form: " + loginPage.statusCode() + " " + loginPage.body());
        }
        HttpResponse<String> answer = postUrl(form.absUrl("action"), Map.of("username", username, "password", password, "credentialId", ""));
        if (answer.statusCode() != 302) {
            return answer; // Keycloak shows its form again (wrong password)
        }
        return getUrl(answer.headers().firstValue("Location").orElseThrow());
    }

    /**
     * Cookies as a browser keeps them for {@code http://127.0.0.1}: by host and path, and also the {@code Secure} ones
     * (a browser treats loopback as a secure context; Keycloak marks its session cookies Secure; Java's CookieManager
     * would drop them over http).
     */
    static final class LoopbackCookies extends java.net.CookieHandler {
        private final Map<String, java.net.HttpCookie> cookies = new java.util.concurrent.ConcurrentHashMap<>();

        @Override
        public Map<String, java.util.List<String>> get(URI uri, Map<String, java.util.List<String>> requestHeaders) {
            String path = uri.getPath() == null || uri.getPath().isEmpty() ? "/" : uri.getPath();
            java.util.List<String> matching = cookies.values().stream()
                    .filter(c -> uri.getHost().equals(c.getDomain()) && path.startsWith(c.getPath() == null ? "/" : c.getPath()))
                    .map(c -> c.getName() + "=" + c.getValue()).toList();
            return matching.isEmpty() ? Map.of() : Map.of("Cookie", java.util.List.of(String.join("; ", matching)));
        }

        @Override
        public void put(URI uri, Map<String, java.util.List<String>> responseHeaders) {
            responseHeaders.forEach((name, values) -> {
                if ("Set-Cookie".equalsIgnoreCase(name)) {
                    for (String header : values) {
                        for (java.net.HttpCookie cookie : java.net.HttpCookie.parse(header)) {
                            cookie.setDomain(uri.getHost());
                            if (cookie.getPath() == null) {
                                cookie.setPath("/");
                            }
                            String key = uri.getHost() + "|" + cookie.getPath() + "|" + cookie.getName();
                            if (cookie.getMaxAge() == 0) {
                                cookies.remove(key);
                            } else {
                                cookies.put(key, cookie);
                            }
                        }
                    }
                }
            });
        }
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
