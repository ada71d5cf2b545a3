package eu.federator.server.dataspace;

import com.sun.net.httpserver.HttpServer;
import eu.federator.catalogue.testing.TestDirectories;
import eu.federator.credentials.json.Json;
import eu.federator.dataspace.log.ExchangeLog;
import eu.federator.dataspace.log.ExchangeLogWriter;
import eu.federator.server.FederatorApplication;
import eu.federator.server.Http;
import eu.federator.server.identity.ServiceIdentities;
import eu.federator.trustframework.compliance.ComplianceWorld;
import eu.federator.trustframework.identity.ServiceIdentity;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two Federators on loopback, each a whole server with its own database and identity (did:web, resolved from a shared
 * web mirror): the consumer asks the provider for its catalog, picks the offering's offer and negotiates a contract to
 * FINALIZED through the real DSP endpoints, the outbox and the dispatchers of both sides.
 */
class DataspaceLoopbackTest {
    static final Path ROOT = TestDirectories.newDataDir("federator-dsp-loopback-");
    static final ComplianceWorld WORLD = new ComplianceWorld(ROOT.resolve("world"));
    static final ComplianceWorld.Loire LOIRE = WORLD.new Loire();

    static Server provider;
    static Server consumer;

    /** One running Federator. */
    static final class Server {
        final String name;
        final int port;
        final String admin;
        final ConfigurableApplicationContext context;
        private final Http adminClient;

        Server(String name, int port, String... extra) {
            this.name = name;
            this.port = port;
            this.admin = "admin-token-of-" + name + "-0123456789abcdef";
            this.adminClient = new Http(port, admin);
            java.util.List<String> args = new java.util.ArrayList<>(List.of(
                    "--server.port=" + port,
                    "--federator.data-dir=" + ROOT.resolve(name),
                    "--federator.identity.did=did:web:" + name + ".example",
                    "--federator.dataspace.address=http://127.0.0.1:" + port + "/dsp",
                    "--federator.trust.web-mirror=" + WORLD.mirror,
                    "--federator.trust.trust-anchors=" + WORLD.anchors,
                    "--federator.net.allow-private-networks=true",
                    "--federator.net.allow-http=true",
                    "--federator.security.admin-token=" + admin));
            args.addAll(List.of(extra));
            context = new SpringApplicationBuilder(FederatorApplication.class).run(args.toArray(String[]::new));
            publishDid();
        }

        String did() {
            return context.getBean(ServiceIdentity.class).did();
        }

        String dsp() {
            return "http://127.0.0.1:" + port + "/dsp";
        }

        /** The other side resolves this server's DID from the mirror, as it would from https://NAME.example/.well-known/did.json. */
        void publishDid() {
            try {
                Path file = WORLD.mirror.resolve(name + ".example").resolve(".well-known/did.json");
                Files.createDirectories(file.getParent());
                Files.writeString(file, Json.write(ServiceIdentities.didDocument(context.getBean(ServiceIdentity.class))));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }

        /** One client per server, keeping its connections, as a real management client would. */
        Http admin() {
            return adminClient;
        }

        JsonObject post(String path, String json) throws Exception {
            HttpResponse<String> r = admin().post(path, "application/json", json.getBytes(StandardCharsets.UTF_8));
            assertThat(r.statusCode()).as(name + " " + path + ": " + r.body()).isBetween(200, 201);
            return Http.json(r);
        }

        JsonObject get(String path) throws Exception {
            HttpResponse<String> r = admin().get(path);
            assertThat(r.statusCode()).as(name + " " + path + ": " + r.body()).isEqualTo(200);
            return Http.json(r);
        }

        /** Reads {@code path} until {@code done} holds (the other side answers asynchronously), at most 30 s. */
        JsonObject await(String path, Predicate<JsonObject> done) throws Exception {
            Instant until = Instant.now().plus(Duration.ofSeconds(30));
            JsonObject last = get(path);
            while (!done.test(last) && Instant.now().isBefore(until)) {
                Thread.sleep(50);
                last = get(path);
            }
            return last;
        }
    }

    static final String DATASET = "https://participant.example.org/credentials/dsp-loopback.json#cs";
    static final String DATA = "station,temperature\nBrest,11.5\nLyon,8.0\n";
    static HttpServer source;

    @BeforeAll
    static void start() throws Exception {
        start(new String[0]);
    }

    /** Both servers with {@code extra} arguments (the benchmarks' what-ifs, e.g. the identity's key type). */
    static void start(String... extra) throws Exception {
        // the provider's own data: a loopback source its data plane reads (sources are the operator's, so allowed)
        source = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        source.createContext("/weather.csv", exchange -> {
            byte[] body = DATA.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/csv");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        source.start();
        Path sources = ROOT.resolve("data-sources.json");
        Files.createDirectories(ROOT);
        Files.writeString(sources, "{\"" + DATASET + "\": {\"url\": \"http://127.0.0.1:" + source.getAddress().getPort() + "/weather.csv\"}}");
        List<String> providerArgs = new java.util.ArrayList<>(List.of("--federator.dataspace.data-sources=" + sources,
                "--federator.dataspace.data-plane.private-sources=true"));
        providerArgs.addAll(List.of(extra));
        provider = new Server("provider", freePort(), providerArgs.toArray(String[]::new));
        consumer = new Server("consumer", freePort(), extra);
        HttpResponse<String> r = provider.admin().post("/self-descriptions", "application/vp+jwt",
                LOIRE.offeringPresentation("dsp-loopback", cs -> cs.add("https://schema.org/name", "Loopback weather data"))
                        .getBytes(StandardCharsets.US_ASCII));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    }

    @AfterAll
    static void stop() {
        if (source != null) {
            source.stop(0);
        }
        for (Server s : new Server[]{consumer, provider}) {
            if (s != null) {
                s.context.close();
            }
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** The consumer's view of the provider's catalog: the offering's dataset and its first offer. */
    static JsonObject dataset() throws Exception {
        JsonObject catalog = consumer.post("/dataspace/catalog/request", Json.write(Json.provider().createObjectBuilder()
                .add("counterPartyAddress", provider.dsp()).add("counterPartyId", provider.did()).build()));
        assertThat(catalog.getString("participantId")).isEqualTo(provider.did());
        JsonArray datasets = catalog.getJsonArray("dataset");
        assertThat(datasets).hasSize(1);
        return datasets.getJsonObject(0);
    }

    static JsonObject negotiate(JsonObject dataset) throws Exception {
        JsonObject offer = dataset.getJsonArray("hasPolicy").getJsonObject(0);
        JsonObject started = consumer.post("/dataspace/negotiations", Json.write(Json.provider().createObjectBuilder()
                .add("counterPartyAddress", provider.dsp()).add("counterPartyId", provider.did())
                .add("datasetId", dataset.getString("@id")).add("offer", offer).build()));
        assertThat(started.getString("role")).isEqualTo("CONSUMER");
        return consumer.await("/dataspace/negotiations/" + started.getString("id"), n -> List.of("FINALIZED", "TERMINATED")
                .contains(n.getString("state")));
    }

    @Test
    void theConsumerFindsTheOfferingAndNegotiatesAContractToFinalized() throws Exception {
        JsonObject dataset = dataset();
        JsonObject negotiation = negotiate(dataset);

        assertThat(negotiation.getString("state")).as(negotiation.toString()).isEqualTo("FINALIZED");
        JsonObject agreement = negotiation.getJsonObject("agreement");
        assertThat(agreement.getString("target")).isEqualTo(dataset.getString("@id"));
        assertThat(agreement.getString("assigner")).isEqualTo(provider.did());
        assertThat(agreement.getString("assignee")).isEqualTo(consumer.did());

        // the provider reached the same end with the same agreement
        JsonObject onProvider = provider.await("/dataspace/negotiations/" + negotiation.getString("providerPid"),
                n -> "FINALIZED".equals(n.getString("state")));
        assertThat(onProvider.getString("state")).isEqualTo("FINALIZED");
        assertThat(onProvider.getString("role")).isEqualTo("PROVIDER");
        assertThat(onProvider.getString("consumerPid")).isEqualTo(negotiation.getString("id"));
        assertThat(onProvider.getJsonObject("agreement").getString("@id")).isEqualTo(agreement.getString("@id"));
    }
    /**
     * docs/dataspace.md, "Following a process": one GET waits for FINALIZED instead of polling, the ETag then makes a
     * GET conditional (304 while unchanged, also after a wait that saw no change), a transfer is followed the same way,
     * and a state that does not exist is a 400 that lists the states.
     */
    @Test
    void aClientWaitsForTheStateItNeedsWithOneRequest() throws Exception {
        JsonObject dataset = dataset();
        JsonObject started = consumer.post("/dataspace/negotiations", Json.write(Json.provider().createObjectBuilder()
                .add("counterPartyAddress", provider.dsp()).add("counterPartyId", provider.did())
                .add("datasetId", dataset.getString("@id")).add("offer", dataset.getJsonArray("hasPolicy").getJsonObject(0)).build()));
        String path = "/dataspace/negotiations/" + started.getString("id");
        Http admin = consumer.admin();

        HttpResponse<String> done = admin.send(admin.request(path + "?until=FINALIZED").header("Prefer", "wait=30").GET().build());
        assertThat(done.statusCode()).as(done.body()).isEqualTo(200);
        JsonObject negotiation = Http.json(done);
        assertThat(negotiation.getString("state")).isEqualTo("FINALIZED");
        assertThat(done.headers().firstValue("Preference-Applied")).hasValue("wait=30");
        String etag = done.headers().firstValue("ETag").orElseThrow();
        assertThat(etag).as("the version as a strong tag").matches("\"\\d+\"");

        HttpResponse<String> unchanged = admin.send(admin.request(path).header("If-None-Match", etag).GET().build());
        assertThat(unchanged.statusCode()).isEqualTo(304);
        assertThat(unchanged.headers().firstValue("Preference-Applied")).isEmpty();
        HttpResponse<String> waitedInVain = admin.send(admin.request(path).header("If-None-Match", "W/" + etag).header("Prefer", "wait=1").GET().build());
        assertThat(waitedInVain.statusCode()).isEqualTo(304);
        assertThat(waitedInVain.headers().firstValue("Preference-Applied")).hasValue("wait=1");
        assertThat(waitedInVain.headers().firstValue("ETag")).hasValue(etag);
        HttpResponse<String> older = admin.send(admin.request(path).header("If-None-Match", "\"1\"").header("Prefer", "wait=30").GET().build());
        assertThat(older.statusCode()).isEqualTo(200);
        assertThat(older.headers().firstValue("ETag")).hasValue(etag);

        JsonObject transfer = consumer.post("/dataspace/transfers", Json.write(Json.provider().createObjectBuilder()
                .add("agreementId", negotiation.getJsonObject("agreement").getString("@id")).add("format", "HttpData-PULL").build()));
        HttpResponse<String> startedTransfer = admin.send(admin.request("/dataspace/transfers/" + transfer.getString("id") + "?until=started")
                .header("Prefer", "respond-async, wait=30").GET().build());
        assertThat(startedTransfer.statusCode()).as(startedTransfer.body()).isEqualTo(200);
        assertThat(Http.json(startedTransfer).getString("state")).isEqualTo("STARTED");

        HttpResponse<String> bogus = admin.send(admin.request(path + "?until=DONE").header("Prefer", "wait=5").GET().build());
        assertThat(bogus.statusCode()).isEqualTo(400);
        assertThat(bogus.body()).contains("no state 'DONE'").contains("FINALIZED");
        HttpResponse<String> unknown = admin.send(admin.request("/dataspace/negotiations/no-such-id?until=FINALIZED").header("Prefer", "wait=5").GET().build());
        assertThat(unknown.statusCode()).isEqualTo(404);
    }

    /**
     * The evidence of that contract (docs/dataspace.md, "Agreements as credentials", "Exchange log service"): each side
     * issued its own credential, the consumer fetches the provider's with its DSP identity, and the provider's exchange
     * log, checkpointed, verifies on the consumer as a foreign log (the provider's DID resolved from the mirror).
     */
    @Test
    void bothSidesHoldTheAgreementAsACredentialAndTheProvidersLogVerifiesOnTheConsumer() throws Exception {
        JsonObject negotiation = negotiate(dataset());
        assertThat(negotiation.getString("state")).as(negotiation.toString()).isEqualTo("FINALIZED");
        String agreementId = negotiation.getJsonObject("agreement").getString("@id");
        provider.await("/dataspace/negotiations/" + negotiation.getString("providerPid"), n -> "FINALIZED".equals(n.getString("state")));
        String path = "/dataspace/agreements/" + URLEncoder.encode(agreementId, StandardCharsets.UTF_8);

        // each side issues its credential in the background after its FINALIZED committed (or when asked for it first)
        JsonObject onConsumer = issued(consumer, path);
        assertThat(onConsumer.getString("role")).isEqualTo("CONSUMER");
        assertThat(onConsumer.getString("counterPartyId")).isEqualTo(provider.did());
        JsonObject onProvider = issued(provider, path);
        assertThat(onProvider.getString("role")).isEqualTo("PROVIDER");
        assertThat(onProvider.getString("negotiationId")).isEqualTo(negotiation.getString("providerPid"));
        assertThat(onProvider.getString("credential")).isNotEqualTo(onConsumer.getString("credential"));

        String token = consumer.context.getBean(SelfIssuedTokens.class).token(provider.did());
        HttpResponse<String> fetched = new Http(provider.port).send(new Http(provider.port).request("/dsp" + path.substring("/dataspace".length()))
                .header("Authorization", "Bearer " + token).GET().build());
        assertThat(fetched.statusCode()).as(fetched.body()).isEqualTo(200);
        JsonObject view = Http.json(fetched);
        assertThat(view.getString("credential")).isEqualTo(onProvider.getString("credential"));
        assertThat(view.getString("inbox")).isEqualTo("http://127.0.0.1:" + provider.port + "/dataspace/inbox");

        ExchangeLogWriter writer = provider.context.getBean(ExchangeLogWriter.class);
        writer.drainNow();
        ServiceIdentity providerIdentity = provider.context.getBean(ServiceIdentity.class);
        long head = provider.context.getBean(ExchangeLog.class).checkpoint(providerIdentity.signingKey()).sequence();
        JsonObject export = provider.get("/dataspace/log?to=" + head);
        assertThat(export.getJsonArray("entries").getValuesAs(JsonObject.class)).extracting(e -> e.getString("eventType"))
                .contains("AgreementCredentialIssued");
        JsonObject report = consumer.post("/dataspace/log/verify", Json.write(export));
        assertThat(report.getBoolean("ok")).as(report.toString()).isTrue();
        assertThat(report.getJsonArray("signers").getString(0)).isEqualTo(providerIdentity.verificationMethod());
        assertThat(report.getInt("checkpointedThrough")).isEqualTo(head);
    }

    /**
     * Issue 6's loopback acceptance: after the negotiation, the consumer pulls the data through the provider's data plane
     * and has it pushed into its own sink; both exchange logs verify on the other side, and a log with one entry changed
     * does not.
     */
    @Test
    void theConsumerPullsAndIsPushedTheDataAndBothLogsVerifyButNotATamperedOne() throws Exception {
        JsonObject negotiation = negotiate(dataset());
        assertThat(negotiation.getString("state")).as(negotiation.toString()).isEqualTo("FINALIZED");
        String agreementId = negotiation.getJsonObject("agreement").getString("@id");

        JsonObject pull = transfer(agreementId, "HttpData-PULL", "STARTED");
        assertThat(pull.getJsonObject("dataAddress").getString("endpoint")).startsWith("http://").contains("/dataplane/pull/");
        HttpResponse<String> pulled = consumer.admin().get("/dataspace/transfers/" + pull.getString("id") + "/data");
        assertThat(pulled.statusCode()).as(pulled.body()).isEqualTo(200);
        assertThat(pulled.body()).isEqualTo(DATA);
        consumer.post("/dataspace/transfers/" + pull.getString("id") + "/decisions", "{\"message\":\"COMPLETION\"}");
        assertThat(consumer.await("/dataspace/transfers/" + pull.getString("id"), t -> "COMPLETED".equals(t.getString("state")))
                .getString("state")).isEqualTo("COMPLETED");
        assertThat(provider.await("/dataspace/transfers/" + pull.getString("providerPid"), t -> "COMPLETED".equals(t.getString("state")))
                .getString("state")).isEqualTo("COMPLETED");

        // a push completes by itself once the provider's data plane delivered it
        JsonObject push = transfer(agreementId, "HttpData-PUSH", "COMPLETED");
        HttpResponse<String> pushed = consumer.admin().get("/dataspace/transfers/" + push.getString("id") + "/data");
        assertThat(pushed.statusCode()).as(pushed.body()).isEqualTo(200);
        assertThat(pushed.body()).isEqualTo(DATA);
        // the consumer's sink closed with its transfer: its own token pushes nothing more, and what arrived stays
        JsonObject sink = push.getJsonObject("dataAddress");
        String sinkToken = sink.getJsonArray("endpointProperties").getValuesAs(JsonObject.class).stream()
                .filter(p -> "authorization".equals(p.getString("name"))).findFirst().orElseThrow().getString("value");
        HttpResponse<String> again = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(sink.getString("endpoint"))).header("Authorization", sinkToken).header("Content-Type", "text/plain")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("overwritten")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(again.statusCode()).as(again.body()).isEqualTo(403);
        assertThat(consumer.admin().get("/dataspace/transfers/" + push.getString("id") + "/data").body()).isEqualTo(DATA);

        for (Server[] pair : new Server[][]{{provider, consumer}, {consumer, provider}}) {
            pair[0].context.getBean(ExchangeLogWriter.class).drainNow();
            JsonObject export = pair[0].get("/dataspace/log");
            assertThat(export.getJsonArray("entries").getValuesAs(JsonObject.class)).extracting(e -> e.getString("eventType"))
                    .anyMatch(t -> t.contains("TransferStartMessage")).anyMatch(t -> t.contains("TransferCompletionMessage"));
            JsonObject report = pair[1].post("/dataspace/log/verify", Json.write(export));
            assertThat(report.getBoolean("ok")).as(pair[0].name + ": " + report).isTrue();

            JsonObject entry = export.getJsonArray("entries").getJsonObject(2);
            JsonObject changed = Json.provider().createObjectBuilder(entry).add("counterPartyId", "did:web:someone-else.example").build();
            JsonObject tampered = Json.provider().createObjectBuilder(export).add("entries", Json.provider()
                    .createArrayBuilder(export.getJsonArray("entries")).set(2, changed)).build();
            JsonObject refused = pair[1].post("/dataspace/log/verify", Json.write(tampered));
            assertThat(refused.getBoolean("ok")).isFalse();
            assertThat(refused.getJsonObject("firstBreak").getInt("sequence")).isEqualTo(entry.getInt("sequence"));
        }
    }

    /** Starts a transfer on the consumer and waits until it reaches {@code state} (or ends otherwise). */
    static JsonObject transfer(String agreementId, String format, String state) throws Exception {
        JsonObject started = consumer.post("/dataspace/transfers", Json.write(Json.provider().createObjectBuilder()
                .add("agreementId", agreementId).add("format", format).build()));
        JsonObject t = consumer.await("/dataspace/transfers/" + started.getString("id"), x -> List.of(state, "TERMINATED", "COMPLETED")
                .contains(x.getString("state")));
        assertThat(t.getString("state")).as(t.toString()).isEqualTo(state);
        return t;
    }

    /** The agreement once {@code server} issued its credential (at most 30 s). */
    static JsonObject issued(Server server, String path) throws Exception {
        Instant until = Instant.now().plus(Duration.ofSeconds(30));
        HttpResponse<String> r = server.admin().get(path);
        while (r.statusCode() == 404 && Instant.now().isBefore(until)) {
            Thread.sleep(50);
            r = server.admin().get(path);
        }
        assertThat(r.statusCode()).as(server.name + " " + path + ": " + r.body()).isEqualTo(200);
        return Http.json(r);
    }
}
