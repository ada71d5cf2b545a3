package eu.federator.credentials.net;

import eu.federator.credentials.testing.LoopbackServer;
import eu.federator.credentials.testing.TestPki;
import org.bouncycastle.asn1.x509.GeneralName;
import org.junit.jupiter.api.Test;

import javax.net.ssl.SSLContext;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GuardedHttpClientTest {

    private static final byte[] HELLO = "{\"hello\":true}".getBytes(StandardCharsets.UTF_8);

    /** The production policy, except that exactly 127.0.0.1 (the test server) may be reached over http. */
    private static GuardedHttpClient onlyTestServer(OutboundPolicy policy) throws Exception {
        InetAddress server = InetAddress.getByName("127.0.0.1");
        return new GuardedHttpClient(policy, SSLContext.getDefault(), InetAddress::getAllByName, server::equals);
    }

    @Test
    void defaultsAreTheProductionPolicy() {
        OutboundPolicy p = OutboundPolicy.defaults();
        assertThat(p.httpsOnly()).isTrue();
        assertThat(p.allowPrivateNetworks()).isFalse();
        assertThat(p.maxBytes()).isEqualTo(2 * 1024 * 1024);
        assertThat(p.connectTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(p.requestTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(p.maxRedirects()).isEqualTo(3);
        assertThat(p.cacheTtl()).isEqualTo(Duration.ofMinutes(10));
        assertThat(OutboundPolicy.lab().httpsOnly()).isFalse();
        assertThat(OutboundPolicy.lab().allowPrivateNetworks()).isTrue();
        assertThat(OutboundPolicy.lab().maxBytes()).isEqualTo(p.maxBytes());
        assertThatThrownBy(() -> p.withMaxBytes(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void fetchesFromALabServerAndCaches() throws Exception {
        try (LoopbackServer server = LoopbackServer.http().serve("/doc.json", "application/json", HELLO)) {
            GuardedHttpClient client = new GuardedHttpClient(OutboundPolicy.lab());
            Fetched first = client.fetch(URI.create(server.uri("/doc.json") + "#frag"), "application/json");
            assertThat(first.body()).isEqualTo(HELLO);
            assertThat(first.contentType()).isEqualTo("application/json");
            assertThat(first.uri()).isEqualTo(server.uri("/doc.json"));
            first.body()[0] = 'X'; // callers cannot corrupt the cache
            Fetched second = client.fetch(server.uri("/doc.json"), "application/json");
            assertThat(second.body()).isEqualTo(HELLO);
            assertThat(server.requests.get()).isEqualTo(1);
        }
    }

    @Test
    void cacheCanBeSwitchedOff() throws Exception {
        try (LoopbackServer server = LoopbackServer.http().serve("/doc.json", "application/json", HELLO)) {
            GuardedHttpClient client = new GuardedHttpClient(OutboundPolicy.lab().withCacheTtl(Duration.ZERO));
            client.fetch(server.uri("/doc.json"), null);
            client.fetch(server.uri("/doc.json"), null);
            assertThat(server.requests.get()).isEqualTo(2);
        }
    }

    @Test
    void refusesLoopbackByDefaultWithAnActionableMessage() {
        GuardedHttpClient client = new GuardedHttpClient(OutboundPolicy.defaults().withHttpsOnly(false));
        assertThatThrownBy(() -> client.fetch(URI.create("http://127.0.0.1:9/x"), null))
                .isInstanceOf(FetchException.class)
                .hasMessage("refused http://127.0.0.1:9/x: 127.0.0.1 is a loopback address;"
                        + " set federator.net.allow-private-networks=true for labs");
    }

    @Test
    void refusesPlainHttpByDefault() {
        GuardedHttpClient client = new GuardedHttpClient(OutboundPolicy.defaults());
        assertThatThrownBy(() -> client.fetch(URI.create("http://example.com/did.json"), null))
                .hasMessageContaining("refused http://example.com/did.json: plain http is not allowed")
                .hasMessageContaining("federator.net.allow-http=true");
    }

    @Test
    void refusesOtherSchemesAndUserInfo() {
        GuardedHttpClient client = new GuardedHttpClient(OutboundPolicy.lab());
        assertThatThrownBy(() -> client.fetch(URI.create("file:///etc/passwd"), null)).hasMessageContaining("is not http(s)");
        assertThatThrownBy(() -> client.fetch(URI.create("ftp://example.com/x"), null)).hasMessageContaining("is not http(s)");
        assertThatThrownBy(() -> client.fetch(URI.create("https://user@example.com/x"), null)).hasMessageContaining("user info");
    }

    @Test
    void refusesNamesThatResolveToPrivateAddresses() throws Exception {
        GuardedHttpClient.HostResolver fake = host -> switch (host) {
            case "metadata.example" -> new InetAddress[]{InetAddress.getByName("169.254.169.254")};
            case "mixed.example" -> new InetAddress[]{InetAddress.getByName("93.184.216.34"), InetAddress.getByName("10.0.0.5")};
            case "mapped.example" -> new InetAddress[]{InetAddress.getByAddress(host,
                    new byte[]{0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff, 127, 0, 0, 1})};
            case "ula.example" -> new InetAddress[]{InetAddress.getByName("fd00::1")};
            default -> throw new java.net.UnknownHostException(host);
        };
        GuardedHttpClient client = new GuardedHttpClient(OutboundPolicy.defaults(), SSLContext.getDefault(), fake, a -> false);
        assertThatThrownBy(() -> client.fetch(URI.create("https://metadata.example/latest/meta-data"), null))
                .hasMessageStartingWith("refused https://metadata.example/latest/meta-data: metadata.example (169.254.169.254) is a link-local address");
        assertThatThrownBy(() -> client.fetch(URI.create("https://mixed.example/"), null))
                .hasMessageContaining("mixed.example (10.0.0.5) is a private (site-local) address");
        assertThatThrownBy(() -> client.fetch(URI.create("https://mapped.example/"), null))
                .hasMessageContaining("is a loopback address");
        assertThatThrownBy(() -> client.fetch(URI.create("https://ula.example/"), null))
                .hasMessageContaining("unique-local");
        assertThatThrownBy(() -> client.fetch(URI.create("https://unknown.example/"), null))
                .hasMessage("https://unknown.example/: cannot resolve host unknown.example");
    }

    @Test
    void refusesIpLiteralsInAnyNotation() {
        GuardedHttpClient client = new GuardedHttpClient(OutboundPolicy.defaults());
        assertThatThrownBy(() -> client.fetch(URI.create("https://[::1]/x"), null)).hasMessageContaining("loopback");
        assertThatThrownBy(() -> client.fetch(URI.create("https://[::ffff:10.0.0.1]/x"), null)).hasMessageContaining("private");
        assertThatThrownBy(() -> client.fetch(URI.create("https://169.254.169.254/latest"), null)).hasMessageContaining("link-local");
        assertThatThrownBy(() -> client.fetch(URI.create("https://100.100.100.200/x"), null)).hasMessageContaining("carrier-grade NAT");
    }

    @Test
    void followsRedirectsAndChecksEveryHop() throws Exception {
        try (LoopbackServer server = LoopbackServer.http()) {
            server.serve("/final", "text/plain", HELLO)
                    .redirect("/moved", 301, "/final")
                    .redirect("/to-metadata", 302, "http://169.254.169.254/latest/meta-data/")
                    .redirect("/to-other-loopback", 307, "http://127.0.0.2:" + server.port() + "/final");
            GuardedHttpClient client = onlyTestServer(OutboundPolicy.defaults().withHttpsOnly(false));
            Fetched fetched = client.fetch(server.uri("/moved"), null);
            assertThat(fetched.body()).isEqualTo(HELLO);
            assertThat(fetched.uri()).isEqualTo(server.uri("/final"));
            assertThatThrownBy(() -> client.fetch(server.uri("/to-metadata"), null))
                    .hasMessage("refused " + server.uri("/to-metadata") + " (redirected to http://169.254.169.254/latest/meta-data/):"
                            + " 169.254.169.254 is a link-local address (169.254/16, where cloud metadata services live);"
                            + " set federator.net.allow-private-networks=true for labs");
            assertThatThrownBy(() -> client.fetch(server.uri("/to-other-loopback"), null))
                    .hasMessageContaining("127.0.0.2 is a loopback address");
        }
    }

    @Test
    void limitsRedirects() throws Exception {
        try (LoopbackServer server = LoopbackServer.http()) {
            server.redirect("/a", 302, "/b").redirect("/b", 302, "/c").redirect("/c", 302, "/d").redirect("/d", 302, "/e")
                    .serve("/e", null, HELLO);
            GuardedHttpClient client = new GuardedHttpClient(OutboundPolicy.lab());
            assertThatThrownBy(() -> client.fetch(server.uri("/a"), null))
                    .hasMessageStartingWith(server.uri("/a") + ": too many redirects (more than 3)");
            assertThat(client.fetch(server.uri("/b"), null).body()).isEqualTo(HELLO);
            GuardedHttpClient none = new GuardedHttpClient(OutboundPolicy.lab().withMaxRedirects(0));
            assertThatThrownBy(() -> none.fetch(server.uri("/d"), null)).hasMessageContaining("too many redirects");
        }
    }

    @Test
    void nonSuccessStatusNamesUriAndStatus() throws Exception {
        try (LoopbackServer server = LoopbackServer.http()) {
            server.on("/err", exchange -> LoopbackServer.respond(exchange, 500, "text/plain", "boom".getBytes()));
            GuardedHttpClient client = new GuardedHttpClient(OutboundPolicy.lab());
            assertThatThrownBy(() -> client.fetch(server.uri("/missing"), null))
                    .isInstanceOf(FetchException.class)
                    .hasMessage(server.uri("/missing") + " answered HTTP 404");
            assertThatThrownBy(() -> client.fetch(server.uri("/err"), null))
                    .hasMessage(server.uri("/err") + " answered HTTP 500");
        }
    }

    @Test
    void enforcesTheSizeLimitWhileStreaming() throws Exception {
        try (LoopbackServer server = LoopbackServer.http()) {
            // chunked, endless body: the client must stop on its own
            server.on("/endless", exchange -> {
                exchange.sendResponseHeaders(200, 0);
                byte[] chunk = new byte[8192];
                try (OutputStream out = exchange.getResponseBody()) {
                    for (int i = 0; i < 100_000; i++) {
                        out.write(chunk);
                    }
                } catch (java.io.IOException expected) {
                    // the client hung up
                }
            });
            server.serve("/small", null, new byte[1000]);
            GuardedHttpClient client = new GuardedHttpClient(OutboundPolicy.lab().withMaxBytes(64 * 1024));
            assertThatThrownBy(() -> client.fetch(server.uri("/endless"), null))
                    .hasMessage(server.uri("/endless") + ": the response is larger than the limit of 65536 bytes");
            assertThat(client.fetch(server.uri("/small"), null).body()).hasSize(1000);
            GuardedHttpClient tiny = new GuardedHttpClient(OutboundPolicy.lab().withMaxBytes(999));
            assertThatThrownBy(() -> tiny.fetch(server.uri("/small"), null)).hasMessageContaining("larger than the limit of 999 bytes");
        }
    }

    @Test
    void enforcesTheRequestTimeout() throws Exception {
        try (LoopbackServer server = LoopbackServer.http()) {
            server.on("/slow", exchange -> {
                try {
                    Thread.sleep(3000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                LoopbackServer.respond(exchange, 200, null, HELLO);
            });
            GuardedHttpClient client = new GuardedHttpClient(OutboundPolicy.lab()
                    .withTimeouts(Duration.ofSeconds(1), Duration.ofMillis(300)));
            assertThatThrownBy(() -> client.fetch(server.uri("/slow"), null))
                    .hasMessageStartingWith(server.uri("/slow") + ": no")
                    .hasMessageContaining("within 300 ms");
        }
    }

    @Test
    void fetchesOverHttpsWithALabTrustStore() throws Exception {
        TestPki.Issued identity = TestPki.selfSigned("localhost", TestPki.rsa(), List.of(
                new GeneralName(GeneralName.dNSName, "localhost"), new GeneralName(GeneralName.iPAddress, "127.0.0.1")));
        try (LoopbackServer server = LoopbackServer.https(TestPki.serverContext(identity)).serve("/did.json", "application/did+json", HELLO)) {
            GuardedHttpClient client = new GuardedHttpClient(OutboundPolicy.defaults().withAllowPrivateNetworks(true),
                    TestPki.clientContextTrusting(identity.certificate()));
            assertThat(client.fetch(server.uri("/did.json"), null).body()).isEqualTo(HELLO);

            GuardedHttpClient untrusting = new GuardedHttpClient(OutboundPolicy.defaults().withAllowPrivateNetworks(true));
            assertThatThrownBy(() -> untrusting.fetch(server.uri("/did.json"), null))
                    .hasMessageStartingWith(server.uri("/did.json") + ": request to " + server.uri("/did.json") + " failed");
        }
    }

    @Test
    void refusesHttpsToHttpDowngrade() throws Exception {
        TestPki.Issued identity = TestPki.selfSigned("localhost", TestPki.rsa(), List.of(
                new GeneralName(GeneralName.iPAddress, "127.0.0.1")));
        try (LoopbackServer server = LoopbackServer.https(TestPki.serverContext(identity))) {
            server.redirect("/down", 302, "http://127.0.0.1:" + server.port() + "/x");
            GuardedHttpClient client = new GuardedHttpClient(OutboundPolicy.defaults().withAllowPrivateNetworks(true),
                    TestPki.clientContextTrusting(identity.certificate()));
            assertThatThrownBy(() -> client.fetch(server.uri("/down"), null)).hasMessageContaining("redirect from https to plain http");
        }
    }
}
