package eu.federator.server.dataspace;

import eu.federator.credentials.json.Json;
import eu.federator.server.Http;
import eu.federator.server.dataspace.DataspaceLoopbackTest.Server;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Acceptance: the provider is killed with SIGKILL (its JVM and its PostgreSQL at once) while negotiations are in flight;
 * after it restarts on the same data directory and port, every negotiation ends — FINALIZED or TERMINATED — and the
 * same on both sides. The provider runs as a separate JVM ({@code federator serve}, this test's class path); the
 * consumer in this JVM. What was decided and not yet acknowledged sits in each side's outbox and is sent again.
 */
class DspCrashTest {
    static final String TOKEN = "dsp-crash-admin-token-0123456789abcdef";
    static final int NEGOTIATIONS = 12;
    static final Duration DEADLINE = Duration.ofMinutes(3);

    Process provider;
    Server consumer;
    final Path data = DataspaceLoopbackTest.ROOT.resolve("crash-provider");

    @AfterEach
    void stop() throws Exception {
        if (provider != null && provider.isAlive()) {
            provider.destroy();
            if (!provider.waitFor(2, TimeUnit.MINUTES)) {
                provider.destroyForcibly();
            }
        }
        if (consumer != null) {
            consumer.context.close();
        }
    }

    @Test
    void negotiationsInFlightEndAlikeOnBothSidesAfterTheProviderIsKilled() throws Exception {
        int port = DataspaceLoopbackTest.freePort();
        provider = startProvider(port, 1);
        Http admin = new Http(port, TOKEN);
        HttpResponse<String> submitted = admin.post("/self-descriptions", "application/vp+jwt",
                DataspaceLoopbackTest.LOIRE.offeringPresentation("dsp-crash", cs -> cs.add("https://schema.org/name", "Crash data"))
                        .getBytes(StandardCharsets.US_ASCII));
        assertThat(submitted.statusCode()).as(submitted.body()).isEqualTo(201);
        consumer = new Server("crash-consumer", DataspaceLoopbackTest.freePort());
        String providerDid = "did:web:crash-provider.example";
        String dsp = "http://127.0.0.1:" + port + "/dsp";

        JsonObject catalog = consumer.post("/dataspace/catalog/request", Json.write(Json.provider().createObjectBuilder()
                .add("counterPartyAddress", dsp).add("counterPartyId", providerDid).build()));
        JsonObject dataset = catalog.getJsonArray("dataset").getJsonObject(0);
        String body = Json.write(Json.provider().createObjectBuilder().add("counterPartyAddress", dsp).add("counterPartyId", providerDid)
                .add("datasetId", dataset.getString("@id")).add("offer", dataset.getJsonArray("hasPolicy").getJsonObject(0)).build());
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < NEGOTIATIONS; i++) {
            ids.add(consumer.post("/dataspace/negotiations", body).getString("id"));
            if (i == NEGOTIATIONS / 2) {
                killWithDatabase(); // mid-stream: some are done, some in flight, the rest not yet sent
                long open = ids.stream().filter(id -> !finished(id)).count();
                assertThat(open).as("negotiations in flight when the provider died").isPositive();
            }
        }
        provider = startProvider(port, 2);

        Map<String, String> ended = new HashMap<>();
        Instant until = Instant.now().plus(DEADLINE);
        while (ended.size() < ids.size() && Instant.now().isBefore(until)) {
            for (String id : ids) {
                String state = consumer.get("/dataspace/negotiations/" + id).getString("state");
                if (state.equals("FINALIZED") || state.equals("TERMINATED")) {
                    ended.put(id, state);
                }
            }
            Thread.sleep(200);
        }
        assertThat(ended).as("every negotiation ended on the consumer").hasSize(ids.size());
        // the provider's side of each: found by the consumer's pid, in the same final state
        Map<String, String> onProvider = new HashMap<>();
        Instant providerUntil = Instant.now().plus(Duration.ofSeconds(30));
        while (Instant.now().isBefore(providerUntil)) {
            onProvider.clear();
            JsonObject list = Http.json(admin.get("/dataspace/negotiations?limit=500"));
            for (JsonObject n : list.getJsonArray("items").getValuesAs(JsonObject.class)) {
                onProvider.put(n.getString("consumerPid"), n.getString("state"));
            }
            if (ids.stream().allMatch(id -> ended.get(id).equals(onProvider.get(id)) || ended.get(id).equals("TERMINATED")
                    && !onProvider.containsKey(id))) {
                break;
            }
            Thread.sleep(200);
        }
        for (String id : ids) {
            if (onProvider.containsKey(id)) {
                assertThat(onProvider.get(id)).as("provider's state of " + id).isEqualTo(ended.get(id));
            } else {
                assertThat(ended.get(id)).as(id + " never reached the provider").isEqualTo("TERMINATED");
            }
        }
        assertThat(ended.values()).as("the outboxes carried the in-flight ones through").contains("FINALIZED");
    }

    boolean finished(String id) {
        try {
            return List.of("FINALIZED", "TERMINATED").contains(consumer.get("/dataspace/negotiations/" + id).getString("state"));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** SIGKILL of the provider's JVM and of its PostgreSQL at the same moment (a container kill). */
    void killWithDatabase() throws Exception {
        List<ProcessHandle> postgres = new ArrayList<>();
        long pid = Long.parseLong(Files.readAllLines(data.resolve("postgres/postmaster.pid")).getFirst().strip());
        ProcessHandle.of(pid).ifPresent(postmaster -> {
            postgres.add(postmaster);
            postmaster.descendants().forEach(postgres::add);
        });
        provider.destroyForcibly();
        postgres.forEach(ProcessHandle::destroyForcibly);
        assertThat(provider.waitFor(2, TimeUnit.MINUTES)).isTrue();
        for (ProcessHandle p : postgres) {
            p.onExit().get(2, TimeUnit.MINUTES);
        }
    }

    Process startProvider(int port, int n) throws Exception {
        Path log = DataspaceLoopbackTest.ROOT.resolve("crash-provider-" + n + ".log");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(java, "-Xmx768m", "-cp", System.getProperty("java.class.path"),
                "eu.federator.server.cli.FederatorCommand", "serve", "--port", Integer.toString(port), "--data-dir", data.toString(),
                "--web-mirror", DataspaceLoopbackTest.WORLD.mirror.toString(), "--trust-anchors", DataspaceLoopbackTest.WORLD.anchors.toString(),
                "--set", "federator.identity.did=did:web:crash-provider.example",
                "--set", "federator.dataspace.address=http://127.0.0.1:" + port + "/dsp",
                "--set", "federator.net.allow-private-networks=true", "--set", "federator.net.allow-http=true")
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("FEDERATOR_ADMIN_TOKEN", TOKEN);
        Process process = builder.start();
        Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
        Http http = new Http(port, TOKEN);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                fail("provider exited with " + process.exitValue() + ":\n" + Files.readString(log));
            }
            try {
                HttpResponse<String> r = http.get("/.well-known/did.json");
                if (r.statusCode() == 200) {
                    Path file = DataspaceLoopbackTest.WORLD.mirror.resolve("crash-provider.example/.well-known/did.json");
                    Files.createDirectories(file.getParent());
                    Files.writeString(file, r.body());
                    return process;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        return fail("provider not ready:\n" + Files.readString(log));
    }
}
