package eu.federator.server.portal.manage;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What {@link eu.federator.server.portal.PortalSession} does not do: request headers (htmx's {@code HX-Request}) and
 * multipart forms (file uploads). A signed-in session of its own, keeping its cookies.
 */
record Browser(HttpClient client, String base) {

    static Browser signIn(int port, String token) throws Exception {
        HttpClient client = HttpClient.newBuilder().cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ALL))
                .followRedirects(HttpClient.Redirect.NEVER).build();
        Browser b = new Browser(client, "http://127.0.0.1:" + port);
        String csrf = b.page("/login").select("form[action=/login] input[name=_csrf]").val();
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(b.base + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("token=" + enc(token) + "&_csrf=" + enc(csrf))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(302);
        assertThat(r.headers().firstValue("Location").orElse("")).doesNotContain("error");
        return b;
    }

    HttpResponse<String> get(String path, String header, String value) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(base + path)).header(header, value).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    Document page(String path) throws Exception {
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(base + path)).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(path).isEqualTo(200);
        return Jsoup.parse(r.body(), base + path);
    }

    /** Submits the page's multipart form with its hidden fields (the CSRF token among them) and one file as {@code file}. */
    HttpResponse<String> upload(String path, String form, String filename, String contentType, byte[] content) throws Exception {
        Element f = page(path).selectFirst(form);
        assertThat(f).as(form).isNotNull();
        assertThat(f.attr("enctype")).isEqualTo("multipart/form-data");
        String boundary = "----federator" + UUID.randomUUID();
        StringBuilder head = new StringBuilder();
        for (Element hidden : f.select("input[type=hidden]")) {
            head.append("--").append(boundary).append("\r\nContent-Disposition: form-data; name=\"").append(hidden.attr("name"))
                    .append("\"\r\n\r\n").append(hidden.val()).append("\r\n");
        }
        head.append("--").append(boundary).append("\r\nContent-Disposition: form-data; name=\"file\"; filename=\"").append(filename)
                .append("\"\r\nContent-Type: ").append(contentType).append("\r\n\r\n");
        byte[] start = head.toString().getBytes(StandardCharsets.UTF_8);
        byte[] end = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] body = new byte[start.length + content.length + end.length];
        System.arraycopy(start, 0, body, 0, start.length);
        System.arraycopy(content, 0, body, start.length, content.length);
        System.arraycopy(end, 0, body, start.length + content.length, end.length);
        return client.send(HttpRequest.newBuilder(URI.create(base + f.attr("action")))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
