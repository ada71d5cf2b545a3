package eu.federator.server.dataspace.dataplane;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import eu.federator.catalogue.testing.TestDirectories;
import eu.federator.dataspace.Result;
import eu.federator.dataspace.dataplane.DataFlow;
import eu.federator.dataspace.dataplane.DataFlowListener;
import eu.federator.dataspace.dataplane.DataPlane;
import eu.federator.dataspace.protocol.DspMessage.DataAddress;
import eu.federator.dataspace.protocol.DspMessage.EndpointProperty;
import eu.federator.server.Http;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import javax.sql.DataSource;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The data plane over loopback: a source server and a push destination (JDK HTTP servers), Federator on a random port
 * with its embedded PostgreSQL, the {@link DataPlane} driven as the transfer service drives it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class DataPlaneEndpointTest {
    static final Path ROOT = TestDirectories.newDataDir("federator-dataplane-");
    static final String CSV = "station,temperature\n7,21.5\n";
    static final int MAX_SIZE = 100_000;
    static final int SINK_MAX_SIZE = 1_000;
    static final HttpServer REMOTE = remote();
    static final BlockingQueue<String> SOURCE_REQUESTS = new LinkedBlockingQueue<>();
    static final Map<String, CompletableFuture<Received>> PUSHED = new ConcurrentHashMap<>();
    static final CountDownLatch SLOW_SOURCE_RELEASE = new CountDownLatch(1);
    static final CountDownLatch HANGING_SINK_GOT_DATA = new CountDownLatch(1);
    static final CompletableFuture<String> HANGING_SINK_END = new CompletableFuture<>();
    static final Map<String, CompletableFuture<String>> EVENTS = new ConcurrentHashMap<>();
    static final CountDownLatch ONCE_SLOW_STARTED = new CountDownLatch(1);
    static final AtomicInteger ONCE_SLOW_REQUESTS = new AtomicInteger();

    record Received(String authorization, String contentType, byte[] body) {
    }

    @TestConfiguration
    static class Listener {
        /** What the transfer service will be: here it records the outcome of each push and ends its flow, as that service does. */
        @Bean
        @Primary
        DataFlowListener recordingListener(ObjectProvider<DataPlane> dataPlane) {
            return new DataFlowListener() {
                @Override
                public void completed(String transferId) {
                    dataPlane.getObject().end(transferId);
                    event(transferId).complete("completed");
                }

                @Override
                public void failed(String transferId, String reason) {
                    dataPlane.getObject().end(transferId);
                    event(transferId).complete("failed: " + reason);
                }
            };
        }
    }

    static CompletableFuture<String> event(String transferId) {
        return EVENTS.computeIfAbsent(transferId, k -> new CompletableFuture<>());
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws IOException {
        String base = "http://127.0.0.1:" + REMOTE.getAddress().getPort();
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        Path sources = ROOT.resolve("data-sources.json");
        Files.writeString(sources, """
                {"urn:test:weather": {"url": "%1$s/data/weather.csv", "headers": {"X-Api-Key": "source-key"}},
                 "urn:test:api": {"url": "%1$s/api?fixed=1", "contentType": "application/json", "proxyPath": true, "proxyQuery": true},
                 "urn:test:fail": {"url": "%1$s/fail"},
                 "urn:test:big": {"url": "%1$s/big"},
                 "urn:test:chunked": {"url": "%1$s/chunked-big"},
                 "urn:test:slow": {"url": "%1$s/slow"},
                 "urn:test:once-slow": {"url": "%1$s/once-slow", "contentType": "text/csv"},
                 "urn:test:down": {"url": "http://127.0.0.1:%2$d/nothing"}}
                """.formatted(base, closed));
        registry.add("federator.data-dir", () -> ROOT.resolve("data").toString());
        registry.add("federator.net.allow-http", () -> "true");
        registry.add("federator.net.allow-private-networks", () -> "true");
        registry.add("federator.dataspace.data-sources", sources::toString);
        registry.add("federator.dataspace.data-plane.max-size", () -> String.valueOf(MAX_SIZE));
        registry.add("federator.dataspace.data-plane.sink-max-size", () -> String.valueOf(SINK_MAX_SIZE));
        // the replicas the tests make look for cut-off pushes when a test says so; this server's own looks only at start
        registry.add("federator.dataspace.data-plane.resume-interval", () -> "1d");
    }

    @AfterAll
    static void stop() {
        SLOW_SOURCE_RELEASE.countDown();
        REMOTE.stop(0);
    }

    @LocalServerPort
    int port;
    @Autowired
    DataPlane dataPlane;
    @Autowired
    HttpDataPlane httpDataPlane;
    @Autowired
    PushSinks sinks;
    @Autowired
    DataPull dataPull;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    DataSources dataSources;
    @Autowired
    DataPlaneStore store;
    @Autowired
    Transport transport;
    @Autowired
    DataSource dataSource;
    @Autowired
    DataFlowListener listener;

    final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    // --- pull

    @Test
    void theOneDataPlaneServesPullAndPush() {
        assertThat(dataPlane).isSameAs(httpDataPlane);
        assertThat(dataPlane.formats()).containsExactlyInAnyOrder("HttpData-PULL", "HttpData-PUSH");
    }

    @Test
    void aStartedPullHandsOutAnAddressWhoseTokenPullsTheSource() throws Exception {
        String id = transferId();
        DataAddress address = startPull(id, "urn:test:weather");
        assertThat(address.endpointType()).isEqualTo("https://w3id.org/idsa/v4.1/HTTP");
        assertThat(address.endpoint()).isEqualTo("http://localhost:" + port + "/dataplane/pull/" + id);
        assertThat(address.endpointProperties()).extracting(EndpointProperty::name)
                .containsExactly("authorization", "authType", "https://w3id.org/edc/v0.0.1/ns/endpoint");
        assertThat(property(address, "authType")).isEqualTo("bearer");
        // where EDC's consumers look for the URL (they ignore DSP's endpoint)
        assertThat(property(address, "https://w3id.org/edc/v0.0.1/ns/endpoint")).isEqualTo(address.endpoint());
        String token = property(address, "authorization");
        assertThat(token).hasSizeGreaterThanOrEqualTo(43);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM dataplane_tokens WHERE transfer_id = ? AND token_hash = ?", Integer.class,
                id, Tokens.hash(token))).as("only the hash is stored").isEqualTo(1);

        SOURCE_REQUESTS.clear();
        HttpResponse<String> raw = get(address.endpoint(), token);
        assertThat(raw.statusCode()).as(raw.body()).isEqualTo(200);
        assertThat(raw.body()).isEqualTo(CSV);
        assertThat(Http.contentType(raw)).isEqualTo("text/csv");
        assertThat(raw.headers().firstValue("X-Internal-Secret")).as("source headers are not passed on").isEmpty();
        assertThat(raw.headers().firstValue("Set-Cookie")).isEmpty();
        assertThat(SOURCE_REQUESTS.poll()).isEqualTo("/data/weather.csv key=source-key");

        HttpResponse<String> bearer = get(address.endpoint(), "Bearer " + token);
        assertThat(bearer.statusCode()).isEqualTo(200);
        assertThat(bearer.body()).isEqualTo(CSV);
    }

    @Test
    void aPullWithoutAValidTokenIs401() throws Exception {
        String id = transferId();
        DataAddress address = startPull(id, "urn:test:weather");
        String other = property(startPull(transferId(), "urn:test:weather"), "authorization");

        HttpResponse<String> none = get(address.endpoint(), null);
        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(Http.contentType(none)).startsWith("application/problem+json");
        assertThat(Http.json(none).getString("detail")).startsWith("no token");
        assertThat(none.headers().firstValue("WWW-Authenticate").orElse("")).startsWith("Bearer error=\"invalid_token\"");

        HttpResponse<String> wrong = get(address.endpoint(), "not-the-token");
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(Http.json(wrong).getString("detail")).isEqualTo("the token is not valid for this transfer");

        HttpResponse<String> otherTransfers = get(address.endpoint(), other);
        assertThat(otherTransfers.statusCode()).as("a token is bound to its transfer").isEqualTo(401);
        assertThat(Http.json(otherTransfers).getString("detail")).isEqualTo("the token is not valid for this transfer");

        HttpResponse<String> unknown = get("http://127.0.0.1:" + port + "/dataplane/pull/urn%3Auuid%3Aunknown", other);
        assertThat(unknown.statusCode()).isEqualTo(401);
    }

    @Test
    void anExpiredTokenIs401() throws Exception {
        String id = transferId();
        DataAddress address = startPull(id, "urn:test:weather");
        jdbc.update("UPDATE dataplane_tokens SET expires = now() - interval '1 minute' WHERE transfer_id = ?", id);
        HttpResponse<String> r = get(address.endpoint(), property(address, "authorization"));
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(Http.json(r).getString("detail")).startsWith("the token expired at ").contains("tokens work for PT10M");
    }

    @Test
    void aSuspendedTransferIs403UntilItStartsAgainWithANewToken() throws Exception {
        String id = transferId();
        DataAddress first = startPull(id, "urn:test:weather");
        dataPlane.suspend(id);
        HttpResponse<String> suspended = get(first.endpoint(), property(first, "authorization"));
        assertThat(suspended.statusCode()).isEqualTo(403);
        assertThat(Http.json(suspended).getString("detail")).startsWith("the transfer is suspended");

        DataAddress resumed = startPull(id, "urn:test:weather");
        assertThat(property(resumed, "authorization")).isNotEqualTo(property(first, "authorization"));
        assertThat(get(resumed.endpoint(), property(resumed, "authorization")).body()).isEqualTo(CSV);
        HttpResponse<String> old = get(first.endpoint(), property(first, "authorization"));
        assertThat(old.statusCode()).as("the token of before the suspension").isEqualTo(401);
    }

    @Test
    void anEndedTransferIs403AndCannotStartAgain() throws Exception {
        String id = transferId();
        DataAddress address = startPull(id, "urn:test:weather");
        dataPlane.end(id);
        HttpResponse<String> r = get(address.endpoint(), property(address, "authorization"));
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(Http.json(r).getString("detail")).startsWith("the transfer has ended");
        dataPlane.suspend(id);
        assertThat(get(address.endpoint(), property(address, "authorization")).statusCode()).as("ended stays ended").isEqualTo(403);

        Result<Optional<DataAddress>> again = dataPlane.start(flow(id, "urn:test:weather", "HttpData-PULL", null));
        assertThat(again.succeeded()).isFalse();
        assertThat(again.problems().toString()).contains("has ended");
    }

    @Test
    void startRefusesUnknownDatasetsAndFormats() {
        Result<Optional<DataAddress>> unknown = dataPlane.start(flow(transferId(), "urn:test:nothing", "HttpData-PULL", null));
        assertThat(unknown.problems().toString()).contains("no data source is configured for dataset urn:test:nothing");
        Result<Optional<DataAddress>> format = dataPlane.start(flow(transferId(), "urn:test:weather", "AmazonS3-PUSH", null));
        assertThat(format.problems().toString()).contains("format AmazonS3-PUSH is not supported");
        Result<Optional<DataAddress>> noDestination = dataPlane.start(flow(transferId(), "urn:test:weather", "HttpData-PUSH", null));
        assertThat(noDestination.problems().toString()).contains("a push needs the consumer's data address");
        Result<Optional<DataAddress>> badDestination = dataPlane.start(flow(transferId(), "urn:test:weather", "HttpData-PUSH",
                new DataAddress("HttpData", "ftp://consumer.example.org/in", List.of())));
        assertThat(badDestination.problems().toString()).contains("must be an absolute http(s) URL");
    }

    @Test
    void subPathsAndQueriesReachTheSourceOnlyWhenItsConfigurationSaysSo() throws Exception {
        DataAddress api = startPull(transferId(), "urn:test:api");
        String token = property(api, "authorization");
        HttpResponse<String> r = get(api.endpoint() + "/stations/7%20a?from=2024&to=2025", token);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(Http.contentType(r)).as("the configured content type").isEqualTo("application/json");
        assertThat(r.body()).isEqualTo("path=/api/stations/7%20a query=fixed=1&from=2024&to=2025");

        // climbing out of the source's path is refused before the data plane (the server's firewall) or by it
        HttpResponse<String> dots = get(api.endpoint() + "/stations/%2E%2E/admin", token);
        assertThat(dots.statusCode()).isEqualTo(400);
        HttpResponse<String> encodedSlash = get(api.endpoint() + "/stations%2F..%2Fadmin", token);
        assertThat(encodedSlash.statusCode()).isEqualTo(400);
        assertThatThrownBy(() -> DataPlaneController.subPath("/dataplane/pull/urn:x/a/%2e%2E/b")).isInstanceOf(DataPlaneException.class)
                .hasMessage("the sub-path must not contain '.', '..' or encoded slashes");
        assertThatThrownBy(() -> DataPlaneController.subPath("/dataplane/pull/urn:x/a%2Fb")).isInstanceOf(DataPlaneException.class);
        assertThat(DataPlaneController.subPath("/dataplane/pull/urn:x/a/b%20c")).isEqualTo("a/b%20c");
        assertThat(DataPlaneController.subPath("/dataplane/pull/urn:x")).isEmpty();

        DataAddress weather = startPull(transferId(), "urn:test:weather");
        HttpResponse<String> path = get(weather.endpoint() + "/other.csv", property(weather, "authorization"));
        assertThat(path.statusCode()).isEqualTo(400);
        assertThat(Http.json(path).getString("detail")).startsWith("this dataset takes no sub-path");
        HttpResponse<String> query = get(weather.endpoint() + "?station=8", property(weather, "authorization"));
        assertThat(query.statusCode()).isEqualTo(400);
        assertThat(Http.json(query).getString("detail")).startsWith("this dataset takes no query parameters");
    }

    @Test
    void sourceFailuresAre502WithoutTheSourcesAddress() throws Exception {
        DataAddress fail = startPull(transferId(), "urn:test:fail");
        HttpResponse<String> r = get(fail.endpoint(), property(fail, "authorization"));
        assertThat(r.statusCode()).isEqualTo(502);
        assertThat(Http.json(r).getString("detail")).isEqualTo("the data source answered HTTP 500");

        DataAddress down = startPull(transferId(), "urn:test:down");
        HttpResponse<String> d = get(down.endpoint(), property(down, "authorization"));
        assertThat(d.statusCode()).isEqualTo(502);
        assertThat(Http.json(d).getString("detail")).isEqualTo("the data source could not be reached");
        assertThat(d.body()).doesNotContain("127.0.0.1");
    }

    @Test
    void aSourceLargerThanTheLimitIsRefusedOrCutOff() throws Exception {
        DataAddress big = startPull(transferId(), "urn:test:big");
        HttpResponse<String> r = get(big.endpoint(), property(big, "authorization"));
        assertThat(r.statusCode()).isEqualTo(502);
        assertThat(Http.json(r).getString("detail"))
                .isEqualTo("the data (" + (MAX_SIZE + 1) + " bytes) is larger than this data plane's limit of " + MAX_SIZE + " bytes");

        // no declared length: the data flows until the limit, then the connection ends without completing the response
        DataAddress chunked = startPull(transferId(), "urn:test:chunked");
        HttpRequest request = HttpRequest.newBuilder(URI.create(chunked.endpoint())).header("Authorization", property(chunked, "authorization"))
                .timeout(Duration.ofSeconds(60)).build();
        assertThatThrownBy(() -> client.send(request, HttpResponse.BodyHandlers.ofByteArray())).isInstanceOf(IOException.class);
    }

    // --- push

    @Test
    void aPushPostsTheSourceToTheDestinationAndReportsCompletion() throws Exception {
        String id = transferId();
        String sink = "/sink/" + UUID.randomUUID();
        Result<Optional<DataAddress>> started = dataPlane.start(flow(id, "urn:test:weather", "HttpData-PUSH",
                new DataAddress("https://w3id.org/idsa/v4.1/HTTP", remote(sink), List.of(new EndpointProperty("authorization", "sink-token")))));
        assertThat(started.succeeded()).as(started.problems().toString()).isTrue();
        assertThat(started.value()).as("a push has no address to hand out").isEmpty();
        assertThat(event(id).get(30, TimeUnit.SECONDS)).isEqualTo("completed");
        Received received = PUSHED.get(sink).get(30, TimeUnit.SECONDS);
        assertThat(new String(received.body(), StandardCharsets.UTF_8)).isEqualTo(CSV);
        assertThat(received.authorization()).isEqualTo("sink-token");
        assertThat(received.contentType()).isEqualTo("text/csv");
    }

    @Test
    void edcStyleDestinationsWithBaseUrlAndAuthKeyAreUnderstood() throws Exception {
        String id = transferId();
        String sink = "/sink/" + UUID.randomUUID();
        DataAddress edc = new DataAddress("HttpData", null, List.of(new EndpointProperty("https://w3id.org/edc/v0.0.1/ns/baseUrl", remote(sink)),
                new EndpointProperty("https://w3id.org/edc/v0.0.1/ns/authKey", "X-Api-Key"),
                new EndpointProperty("https://w3id.org/edc/v0.0.1/ns/authCode", "edc-code")));
        assertThat(dataPlane.start(flow(id, "urn:test:weather", "HttpData-PUSH", edc)).succeeded()).isTrue();
        assertThat(event(id).get(30, TimeUnit.SECONDS)).isEqualTo("completed");
        assertThat(PUSHED.get(sink).get(30, TimeUnit.SECONDS).authorization()).isEqualTo("X-Api-Key=edc-code");
    }

    @Test
    void aPushThatFailsIsReportedWithItsReason() throws Exception {
        String toFailingSink = transferId();
        dataPlane.start(flow(toFailingSink, "urn:test:weather", "HttpData-PUSH", new DataAddress("HttpData", remote("/sink-500"), List.of())));
        assertThat(event(toFailingSink).get(30, TimeUnit.SECONDS)).isEqualTo("failed: the destination " + remote("/sink-500") + " answered HTTP 500");

        String fromFailingSource = transferId();
        dataPlane.start(flow(fromFailingSource, "urn:test:fail", "HttpData-PUSH", new DataAddress("HttpData", remote("/sink/x"), List.of())));
        assertThat(event(fromFailingSource).get(30, TimeUnit.SECONDS)).isEqualTo("failed: the data source answered HTTP 500");
    }

    @Test
    void endingATransferCancelsItsPushInFlight() throws Exception {
        String id = transferId();
        dataPlane.start(flow(id, "urn:test:slow", "HttpData-PUSH", new DataAddress("HttpData", remote("/sink-hang"), List.of())));
        assertThat(HANGING_SINK_GOT_DATA.await(30, TimeUnit.SECONDS)).as("the push is under way").isTrue();
        assertThat(httpDataPlane.pushing(id)).isTrue();
        dataPlane.end(id);
        assertThat(httpDataPlane.pushing(id)).isFalse();
        assertThat(HANGING_SINK_END.get(30, TimeUnit.SECONDS)).as("the destination sees the request break off").startsWith("broken");
        // a later push completes; the cancelled one was not reported (the control plane decided its end)
        String later = transferId();
        dataPlane.start(flow(later, "urn:test:weather", "HttpData-PUSH", new DataAddress("HttpData", remote("/sink/" + UUID.randomUUID()), List.of())));
        assertThat(event(later).get(30, TimeUnit.SECONDS)).isEqualTo("completed");
        assertThat(event(id).isDone()).isFalse();
    }

    /** Another replica's data plane over the same database (its own push pool and database session). */
    HttpDataPlane replica() {
        return new HttpDataPlane(dataSources, store, transport, () -> URI.create("http://127.0.0.1:" + port), Duration.ofMinutes(5),
                Executors.newFixedThreadPool(2), new PushLocks(dataSource), () -> listener, Clock.systemUTC());
    }

    @Test
    void aPushCutOffByAStopStartsAgainOnAReplicaThatFindsItWithoutRunner() throws Exception {
        String id = transferId();
        String sink = "/sink/" + UUID.randomUUID();
        DataFlow flow = flow(id, "urn:test:once-slow", "HttpData-PUSH",
                new DataAddress("HttpData", remote(sink), List.of(new EndpointProperty("authorization", "sink-token"))));
        HttpDataPlane first = replica();
        HttpDataPlane second = replica();
        try {
            assertThat(first.start(flow).succeeded()).isTrue();
            assertThat(ONCE_SLOW_STARTED.await(30, TimeUnit.SECONDS)).as("the first push is under way").isTrue();
            // the first replica runs it: the second leaves it alone
            assertThat(second.resumeOrphanedPushes()).isZero();
            assertThat(second.pushing(id)).isFalse();

            first.close(); // a stop: the push is cut off unreported, and its lock goes with the database session
            assertThat(event(id).isDone()).isFalse();
            assertThat(second.resumeOrphanedPushes()).isEqualTo(1);

            assertThat(event(id).get(30, TimeUnit.SECONDS)).isEqualTo("completed");
            Received received = PUSHED.get(sink).get(30, TimeUnit.SECONDS);
            assertThat(new String(received.body(), StandardCharsets.UTF_8)).isEqualTo(CSV);
            assertThat(received.authorization()).isEqualTo("sink-token");
            // the listener (the transfer service) ended the completed transfer: nothing is pushed again
            assertThat(second.resumeOrphanedPushes()).isZero();
            assertThat(ONCE_SLOW_REQUESTS.get()).isEqualTo(2);
        } finally {
            first.close();
            second.close();
        }
    }

    @Test
    void aCutOffPushWhoseSourceIsGoneIsReportedFailed() throws Exception {
        String id = transferId();
        store.start(flow(id, "urn:test:removed-from-the-sources-file", "HttpData-PUSH", new DataAddress("HttpData", remote("/sink/x"), List.of())),
                null, null, Instant.now());
        HttpDataPlane replica = replica();
        try {
            assertThat(replica.resumeOrphanedPushes()).isZero();
            assertThat(event(id).get(30, TimeUnit.SECONDS))
                    .isEqualTo("failed: no data source is configured for dataset urn:test:removed-from-the-sources-file any more");
        } finally {
            replica.close();
        }
    }

    // --- consumer side

    @Test
    void aFederatorConsumerPullsTheDataOfAStartedTransfer() {
        String id = transferId();
        DataAddress address = startPull(id, "urn:test:weather");
        Result<DataPull.Data> data = dataPull.fetch(address);
        assertThat(data.succeeded()).as(data.problems().toString()).isTrue();
        assertThat(new String(data.value().body(), StandardCharsets.UTF_8)).isEqualTo(CSV);
        assertThat(data.value().contentType()).isEqualTo("text/csv");
        // as an EDC 0.15.1 provider writes it: the URL only in its endpoint property
        Result<DataPull.Data> edcStyle = dataPull.fetch(new DataAddress(address.endpointType(), null, address.endpointProperties()));
        assertThat(edcStyle.succeeded()).as(edcStyle.problems().toString()).isTrue();
        assertThat(new String(edcStyle.value().body(), StandardCharsets.UTF_8)).isEqualTo(CSV);

        dataPlane.end(id);
        Result<DataPull.Data> ended = dataPull.fetch(address);
        assertThat(ended.succeeded()).isFalse();
        assertThat(ended.problems().toString()).contains("answered HTTP 403").contains("the transfer has ended");
    }

    @Test
    void aProviderPushesIntoTheConsumersSink() throws Exception {
        String consumerTransfer = transferId();
        DataAddress sinkAddress = sinks.create(consumerTransfer);
        assertThat(sinkAddress.endpoint()).isEqualTo("http://localhost:" + port + "/dataplane/sink/" + consumerTransfer);
        assertThat(sinks.received(consumerTransfer)).isEmpty();

        // this server is the provider too: its push goes to its own sink over HTTP
        String providerTransfer = transferId();
        assertThat(dataPlane.start(flow(providerTransfer, "urn:test:weather", "HttpData-PUSH", sinkAddress)).succeeded()).isTrue();
        assertThat(event(providerTransfer).get(30, TimeUnit.SECONDS)).isEqualTo("completed");
        PushSinks.Received received = sinks.received(consumerTransfer).orElseThrow();
        assertThat(new String(received.body(), StandardCharsets.UTF_8)).isEqualTo(CSV);
        assertThat(received.contentType()).isEqualTo("text/csv");
    }

    @Test
    void theSinkChecksItsTokenAndItsLimit() throws Exception {
        String id = transferId();
        DataAddress address = sinks.create(id);
        String token = property(address, "authorization");

        HttpResponse<String> none = post(address.endpoint(), null, "x".getBytes());
        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(Http.json(none).getString("detail")).startsWith("no token");
        HttpResponse<String> wrong = post(address.endpoint(), "Bearer wrong", "x".getBytes());
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(Http.json(wrong).getString("detail")).isEqualTo("the token is not valid for this transfer");
        HttpResponse<String> otherSink = post("http://127.0.0.1:" + port + "/dataplane/sink/" + transferId(), token, "x".getBytes());
        assertThat(otherSink.statusCode()).isEqualTo(401);

        HttpResponse<String> tooLarge = post(address.endpoint(), token, new byte[SINK_MAX_SIZE + 1]);
        assertThat(tooLarge.statusCode()).isEqualTo(413);
        assertThat(Http.json(tooLarge).getString("detail")).contains("larger than this sink's limit of " + SINK_MAX_SIZE + " bytes");
        assertThat(sinks.received(id)).isEmpty();

        assertThat(post(address.endpoint(), "Bearer " + token, "first".getBytes()).statusCode()).isEqualTo(204);
        assertThat(post(address.endpoint(), token, "second".getBytes()).statusCode()).isEqualTo(204);
        PushSinks.Received received = sinks.received(id).orElseThrow();
        assertThat(new String(received.body(), StandardCharsets.UTF_8)).as("a repeated push replaces").isEqualTo("second");
        assertThat(received.contentType()).isEqualTo("text/plain");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM dataplane_sinks WHERE transfer_id = ? AND token_hash = ?", Integer.class,
                id, Tokens.hash(token))).as("only the hash is stored").isEqualTo(1);

        sinks.close(id);
        HttpResponse<String> closed = post(address.endpoint(), token, "third".getBytes());
        assertThat(closed.statusCode()).isEqualTo(403);
        assertThat(Http.json(closed).getString("detail")).startsWith("the transfer has ended");
        assertThat(new String(sinks.received(id).orElseThrow().body(), StandardCharsets.UTF_8)).isEqualTo("second");
    }

    // --- helpers

    static String transferId() {
        return "urn:uuid:" + UUID.randomUUID();
    }

    static DataFlow flow(String id, String dataset, String format, DataAddress destination) {
        return new DataFlow(id, "urn:agreement:" + UUID.randomUUID(), dataset, "did:web:consumer.example.org", format, destination);
    }

    DataAddress startPull(String id, String dataset) {
        Result<Optional<DataAddress>> started = dataPlane.start(flow(id, dataset, "HttpData-PULL", null));
        assertThat(started.succeeded()).as(started.problems().toString()).isTrue();
        return started.value().orElseThrow();
    }

    static String property(DataAddress address, String name) {
        return address.endpointProperties().stream().filter(p -> p.name().equals(name)).map(EndpointProperty::value).findFirst().orElseThrow();
    }

    HttpResponse<String> get(String url, String authorization) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60));
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(String url, String authorization, byte[] body) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60)).header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static String remote(String path) {
        return "http://127.0.0.1:" + REMOTE.getAddress().getPort() + path;
    }

    /** The provider's source and a consumer's push destination. */
    static HttpServer remote() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.setExecutor(Executors.newCachedThreadPool(Thread.ofPlatform().daemon().factory()));
            server.createContext("/data/weather.csv", x -> {
                SOURCE_REQUESTS.add(x.getRequestURI().getRawPath() + " key=" + x.getRequestHeaders().getFirst("X-Api-Key"));
                if (!"source-key".equals(x.getRequestHeaders().getFirst("X-Api-Key"))) {
                    respond(x, 403, "text/plain", "no key".getBytes());
                    return;
                }
                x.getResponseHeaders().add("X-Internal-Secret", "internal");
                x.getResponseHeaders().add("Set-Cookie", "session=1");
                respond(x, 200, "text/csv", CSV.getBytes(StandardCharsets.UTF_8));
            });
            server.createContext("/api", x -> respond(x, 200, "text/plain",
                    ("path=" + x.getRequestURI().getRawPath() + " query=" + x.getRequestURI().getRawQuery()).getBytes(StandardCharsets.UTF_8)));
            server.createContext("/fail", x -> respond(x, 500, "text/plain", "internal failure at 10.1.2.3".getBytes()));
            server.createContext("/big", x -> respond(x, 200, "application/octet-stream", new byte[MAX_SIZE + 1]));
            server.createContext("/chunked-big", x -> {
                x.getResponseHeaders().add("Content-Type", "application/octet-stream");
                x.sendResponseHeaders(200, 0);
                try (OutputStream out = x.getResponseBody()) {
                    byte[] chunk = new byte[10_000];
                    for (int i = 0; i < 3 * MAX_SIZE / chunk.length; i++) {
                        out.write(chunk);
                        out.flush();
                    }
                } catch (IOException expected) {
                    // the data plane hangs up at its limit
                }
            });
            server.createContext("/slow", x -> {
                x.sendResponseHeaders(200, 0);
                // a trickle that does not end until the test is over (or the push is cancelled)
                try (OutputStream out = x.getResponseBody()) {
                    do {
                        out.write("first part".getBytes());
                        out.flush();
                    } while (!SLOW_SOURCE_RELEASE.await(50, TimeUnit.MILLISECONDS));
                } catch (IOException | InterruptedException expected) {
                    // the push was cancelled, or the test ends
                }
            });
            server.createContext("/once-slow", x -> {
                if (ONCE_SLOW_REQUESTS.getAndIncrement() > 0) {
                    respond(x, 200, "text/csv", CSV.getBytes(StandardCharsets.UTF_8));
                    return;
                }
                x.sendResponseHeaders(200, 0);
                // the first time, a trickle that ends only when the reader hangs up
                try (OutputStream out = x.getResponseBody()) {
                    do {
                        out.write("first part".getBytes());
                        out.flush();
                        ONCE_SLOW_STARTED.countDown();
                    } while (!SLOW_SOURCE_RELEASE.await(50, TimeUnit.MILLISECONDS));
                } catch (IOException | InterruptedException expected) {
                    // the push was cut off
                }
            });
            server.createContext("/sink/", x -> {
                byte[] body = x.getRequestBody().readAllBytes();
                String authorization = x.getRequestHeaders().getFirst("Authorization");
                String apiKey = x.getRequestHeaders().getFirst("X-Api-Key");
                PUSHED.computeIfAbsent(x.getRequestURI().getPath(), k -> new CompletableFuture<>()).complete(new Received(
                        apiKey != null ? "X-Api-Key=" + apiKey : authorization, x.getRequestHeaders().getFirst("Content-Type"), body));
                respond(x, 200, "text/plain", new byte[0]);
            });
            server.createContext("/sink-500", x -> {
                x.getRequestBody().readAllBytes();
                respond(x, 500, "text/plain", "full".getBytes());
            });
            server.createContext("/sink-hang", x -> {
                InputStream in = x.getRequestBody();
                ByteArrayOutputStream got = new ByteArrayOutputStream();
                byte[] buffer = new byte[1024];
                try {
                    for (int n; (n = in.read(buffer)) >= 0; ) {
                        got.write(buffer, 0, n);
                        if (got.size() >= "first part".length()) {
                            HANGING_SINK_GOT_DATA.countDown();
                        }
                    }
                    HANGING_SINK_END.complete("broken: the body ended after " + got.size() + " bytes without its last chunk");
                } catch (IOException e) {
                    HANGING_SINK_END.complete("broken: " + e.getMessage());
                }
                x.close();
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static void respond(HttpExchange x, int status, String contentType, byte[] body) throws IOException {
        x.getRequestBody().readAllBytes();
        x.getResponseHeaders().add("Content-Type", contentType);
        x.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = x.getResponseBody()) {
            out.write(body);
        }
    }

}
