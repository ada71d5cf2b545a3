package eu.federator.server.dataspace;

import eu.federator.catalogue.testing.TestDirectories;
import eu.federator.credentials.json.Json;
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
import java.net.ServerSocket;
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

        Server(String name, int port, String... extra) {
            this.name = name;
            this.port = port;
            this.admin = "admin-token-of-" + name + "-0123456789abcdef";
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

        Http admin() {
            return new Http(port, admin);
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

    @BeforeAll
    static void start() throws Exception {
        provider = new Server("provider", freePort());
        consumer = new Server("consumer", freePort());
        HttpResponse<String> r = provider.admin().post("/self-descriptions", "application/vp+jwt",
                LOIRE.offeringPresentation("dsp-loopback", cs -> cs.add("https://schema.org/name", "Loopback weather data"))
                        .getBytes(StandardCharsets.US_ASCII));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    }

    @AfterAll
    static void stop() {
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
}
