package eu.federator.credentials.net;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@link GuardedApiClient#stream}: the body flows, under the policy's rules, body limit and the exchange's time limit. */
class GuardedApiClientStreamTest {
    static final CountDownLatch RELEASE = new CountDownLatch(1);
    static final HttpServer SERVER = server();

    @AfterAll
    static void stop() {
        RELEASE.countDown();
        SERVER.stop(0);
    }

    static HttpServer server() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.setExecutor(Executors.newCachedThreadPool(Thread.ofPlatform().daemon().factory()));
            server.createContext("/echo", x -> {
                byte[] body = ("got " + new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8) + " with "
                        + x.getRequestHeaders().getFirst("X-Key")).getBytes(StandardCharsets.UTF_8);
                x.getResponseHeaders().add("Content-Type", "text/plain");
                x.sendResponseHeaders(201, body.length);
                try (OutputStream out = x.getResponseBody()) {
                    out.write(body);
                }
            });
            server.createContext("/endless", x -> {
                x.sendResponseHeaders(200, 0);
                try (OutputStream out = x.getResponseBody()) {
                    byte[] chunk = new byte[4096];
                    for (int i = 0; i < 1000; i++) {
                        out.write(chunk);
                    }
                } catch (IOException expected) {
                    // the client hangs up at its limit
                }
            });
            server.createContext("/stall", x -> {
                x.sendResponseHeaders(200, 0);
                try (OutputStream out = x.getResponseBody()) {
                    out.write("part".getBytes());
                    out.flush();
                    RELEASE.await(60, TimeUnit.SECONDS);
                } catch (IOException | InterruptedException expected) {
                    // the client gave up
                }
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static URI at(String path) {
        return URI.create("http://127.0.0.1:" + SERVER.getAddress().getPort() + path);
    }

    @Test
    void sendsABodyAndReturnsTheAnswerAsAStream() throws Exception {
        GuardedApiClient client = new GuardedApiClient(OutboundPolicy.lab());
        try (GuardedApiClient.Streamed answer = client.stream("POST", at("/echo"), Map.of("X-Key", "k1"),
                HttpRequest.BodyPublishers.ofString("hello"), Duration.ofSeconds(10))) {
            assertThat(answer.status()).isEqualTo(201);
            assertThat(answer.header("Content-Type")).contains("text/plain");
            assertThat(answer.contentLength()).hasValue("got hello with k1".length());
            assertThat(new String(answer.body().readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("got hello with k1");
        }
    }

    @Test
    void theBodyStopsAtThePolicysLimit() throws Exception {
        GuardedApiClient client = new GuardedApiClient(OutboundPolicy.lab().withMaxBytes(10_000));
        try (GuardedApiClient.Streamed answer = client.stream("GET", at("/endless"), Map.of(), null, Duration.ofSeconds(10))) {
            assertThat(answer.contentLength()).isEmpty();
            InputStream body = answer.body();
            assertThatThrownBy(body::readAllBytes).isInstanceOf(IOException.class)
                    .hasMessage("the response is larger than the limit of 10000 bytes");
        }
    }

    @Test
    void theTimeLimitCoversTheBody() throws Exception {
        GuardedApiClient client = new GuardedApiClient(OutboundPolicy.lab());
        try (GuardedApiClient.Streamed answer = client.stream("GET", at("/stall"), Map.of(), null, Duration.ofMillis(500))) {
            assertThat(answer.status()).isEqualTo(200);
            InputStream body = answer.body();
            assertThatThrownBy(body::readAllBytes).isInstanceOf(IOException.class)
                    .hasMessage("the response was not complete within 500 ms");
        }
    }

    @Test
    void theOutboundRulesApply() {
        GuardedApiClient client = new GuardedApiClient(OutboundPolicy.defaults().withHttpsOnly(false));
        assertThatThrownBy(() -> client.stream("GET", at("/echo"), Map.of(), null, null))
                .isInstanceOf(FetchException.class).hasMessageContaining("127.0.0.1 is a loopback address");
    }
}
