package eu.federator.server.dataspace.dataplane;

import com.sun.net.httpserver.HttpServer;
import eu.federator.credentials.net.GuardedApiClient;
import eu.federator.credentials.net.OutboundPolicy;
import eu.federator.dataspace.Result;
import eu.federator.dataspace.protocol.DspMessage.DataAddress;
import eu.federator.dataspace.protocol.DspMessage.EndpointProperty;
import eu.federator.server.dataspace.dataplane.DataSources.Source;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Push destinations are counter-party input: the outbound rules apply to them even when the sources are exempt. */
class TransportTest {
    static final AtomicInteger SINK_CALLS = new AtomicInteger();
    static final HttpServer LOCAL = server();

    @AfterAll
    static void stop() {
        LOCAL.stop(0);
    }

    static HttpServer server() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/data", x -> {
                byte[] body = "data".getBytes();
                x.sendResponseHeaders(200, body.length);
                try (OutputStream out = x.getResponseBody()) {
                    out.write(body);
                }
            });
            server.createContext("/sink", x -> {
                SINK_CALLS.incrementAndGet();
                x.getRequestBody().readAllBytes();
                x.sendResponseHeaders(204, -1);
                x.close();
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static String local(String path) {
        return "http://127.0.0.1:" + LOCAL.getAddress().getPort() + path;
    }

    /** Sources exempt (private-sources), counter-parties under the production rules. */
    static Transport transport() {
        GuardedApiClient counterParties = new GuardedApiClient(OutboundPolicy.defaults());
        GuardedApiClient sources = new GuardedApiClient(OutboundPolicy.lab());
        return new Transport(sources, counterParties, Duration.ofSeconds(10));
    }

    static Source source() {
        return new Source(URI.create(local("/data")), local("/data"), Map.of(), null, false, false);
    }

    @Test
    void aPushToAPrivateOrPlainHttpDestinationIsRefusedEvenWhenSourcesMayBePrivate() {
        Transport transport = transport();
        Destination plainHttp = Destination.of(new DataAddress("HttpData", local("/sink"), List.of())).value();
        assertThatThrownBy(() -> transport.push(source(), plainHttp, open -> { }))
                .isInstanceOf(Transport.Failure.class)
                .hasMessageContaining("plain http is not allowed");
        Destination loopback = Destination.of(new DataAddress("HttpData", "https://127.0.0.1:" + LOCAL.getAddress().getPort() + "/sink",
                List.of())).value();
        assertThatThrownBy(() -> transport.push(source(), loopback, open -> { }))
                .isInstanceOf(Transport.Failure.class)
                .hasMessageContaining("127.0.0.1 is a loopback address").hasMessageContaining("federator.net.allow-private-networks");
        Destination metadata = Destination.of(new DataAddress("HttpData", "https://169.254.169.254/latest", List.of())).value();
        assertThatThrownBy(() -> transport.push(source(), metadata, open -> { }))
                .isInstanceOf(Transport.Failure.class).hasMessageContaining("169.254.169.254");
        assertThat(SINK_CALLS.get()).isZero();
    }

    @Test
    void withTheLabRulesThePushArrives() throws Exception {
        GuardedApiClient lab = new GuardedApiClient(OutboundPolicy.lab());
        Transport transport = new Transport(lab, lab, Duration.ofSeconds(10));
        int before = SINK_CALLS.get();
        transport.push(source(), Destination.of(new DataAddress("HttpData", local("/sink"), List.of())).value(), open -> { });
        assertThat(SINK_CALLS.get()).isEqualTo(before + 1);
    }

    @Test
    void destinationsAreReadFromDspAndEdcAddresses() {
        Destination dsp = Destination.of(new DataAddress("https://w3id.org/idsa/v4.1/HTTP", "https://consumer.example.org/in",
                List.of(new EndpointProperty("authorization", "token-1"), new EndpointProperty("authType", "bearer")))).value();
        assertThat(dsp.endpoint()).isEqualTo(URI.create("https://consumer.example.org/in"));
        assertThat(dsp.headers()).isEqualTo(Map.of("Authorization", "token-1"));
        assertThat(dsp.toString()).doesNotContain("token-1");

        Destination edc = Destination.of(new DataAddress("HttpData", null, List.of(
                new EndpointProperty("https://w3id.org/edc/v0.0.1/ns/baseUrl", "https://consumer.example.org/edc"),
                new EndpointProperty("authKey", "X-Api-Key"), new EndpointProperty("authCode", "code-1")))).value();
        assertThat(edc.endpoint()).isEqualTo(URI.create("https://consumer.example.org/edc"));
        assertThat(edc.headers()).isEqualTo(Map.of("X-Api-Key", "code-1"));

        Result<Destination> none = Destination.of(new DataAddress("HttpData", null, List.of()));
        assertThat(none.problems().toString()).contains("/dataAddress/endpoint: missing");
        Result<Destination> badKey = Destination.of(new DataAddress("HttpData", "https://consumer.example.org/in",
                List.of(new EndpointProperty("authKey", "Host"), new EndpointProperty("authCode", "x"))));
        assertThat(badKey.problems().toString()).contains("authKey is not a header this data plane can send");
        Result<Destination> injected = Destination.of(new DataAddress("HttpData", "https://consumer.example.org/in",
                List.of(new EndpointProperty("authorization", "a\r\nX-Evil: 1"))));
        assertThat(injected.problems().toString()).contains("line break");
    }
}
