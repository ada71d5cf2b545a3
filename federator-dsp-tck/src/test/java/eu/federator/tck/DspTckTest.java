package eu.federator.tck;

import eu.federator.catalogue.testing.TestDirectories;
import eu.federator.dataspace.negotiation.ContractNegotiationStore;
import eu.federator.server.FederatorApplication;
import eu.federator.trustframework.identity.ServiceIdentity;
import org.eclipse.dataspacetck.core.system.ConsoleMonitor;
import org.eclipse.dataspacetck.dsp.system.DspSystemLauncher;
import org.eclipse.dataspacetck.runtime.TckRuntime;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.platform.launcher.listeners.TestExecutionSummary;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Eclipse Dataspace Protocol TCK (1.0.0-RC6) against Federator, booted in-process on a loopback port with an
 * embedded PostgreSQL: one TCK run per group of tests, each asserted to have started the group's tests and to have
 * failed none. {@code -Dtck.groups=MET,CAT} narrows the run; {@code -Dtck.debug=true} prints the TCK's messages.
 */
@Tag("tck")
@SpringBootTest(classes = {FederatorApplication.class, TckConfiguration.class}, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class DspTckTest {
    /**
     * The groups that run, with the number of tests each starts (RC6 disables TP:02-04 and TP_C:02-04). A group is
     * selected by the prefix of the test's display name, e.g. {@code "CN:01-01: ..."}.
     */
    static final Map<String, Integer> GROUPS = groups("MET", 1, "CAT", 3, "CN", 15, "CN_C", 16, "TP", 15, "TP_C", 15);

    static final Path ROOT = TestDirectories.newDataDir("federator-tck-");
    /** The literal Authorization value the TCK sends; the test identity maps it to TCK_PARTICIPANT. */
    static final String AUTHORIZATION = "tck-" + UUID.randomUUID();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws IOException {
        registry.add("server.address", () -> "127.0.0.1");
        registry.add("federator.data-dir", () -> ROOT.resolve("data").toString());
        registry.add("tck.authorization", () -> AUTHORIZATION);
        registry.add("federator.dataspace.catalog-policies", DspTckTest::offers);
    }

    /** The offers of the negotiation datasets, with the ids the TCK's contract requests name. */
    static String offers() {
        String datasets = TckIds.negotiationDatasets().stream()
                .map(id -> "\"%s\": {\"offer\": {\"@id\": \"%s\", \"@type\": \"Offer\", \"permission\": [{\"action\": \"use\"}]}}"
                        .formatted(id, TckIds.offer(id)))
                .collect(Collectors.joining(",\n    "));
        Path file = ROOT.resolve("tck-policies.json");
        try {
            Files.writeString(file, "{\"datasets\": {\n    " + datasets + "\n}}\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file.toString();
    }

    @LocalServerPort
    int port;

    @Autowired
    ServiceIdentity identity;

    @Autowired
    ContractNegotiationStore negotiations;

    @Test
    void passesTheDataspaceProtocolTck() throws IOException {
        Map<String, Integer> groups = selected();
        TckSeed.agreements(negotiations, identity.did());
        Map<String, TestExecutionSummary> results = new LinkedHashMap<>();
        long started = System.nanoTime();
        for (String group : groups.keySet()) {
            results.put(group, run(group));
        }
        long seconds = (System.nanoTime() - started) / 1_000_000_000;

        List<String> failures = new ArrayList<>();
        results.forEach((group, summary) -> {
            System.out.printf("TCK %-5s started=%d succeeded=%d failed=%d aborted=%d skipped=%d%n", group, summary.getTestsStartedCount(),
                    summary.getTestsSucceededCount(), summary.getTestsFailedCount(), summary.getTestsAbortedCount(),
                    summary.getTestsSkippedCount());
            summary.getFailures().forEach(f -> failures.add(f.getTestIdentifier().getDisplayName() + " -> " + f.getException()));
        });
        System.out.printf("TCK total: %d groups in %d s%n", results.size(), seconds);
        failures.forEach(f -> System.out.println("TCK FAILED " + f));

        assertThat(failures).as("failed TCK tests").isEmpty();
        results.forEach((group, summary) -> {
            assertThat(summary.getTestsStartedCount()).as("TCK tests started in " + group).isEqualTo(groups.get(group).longValue());
            assertThat(summary.getTestsSucceededCount()).as("TCK tests passed in " + group).isEqualTo(groups.get(group).longValue());
        });
    }

    private TestExecutionSummary run(String group) throws IOException {
        int callbackPort = freePort();
        Map<String, String> properties = new HashMap<>(TckIds.configuration());
        String base = "http://127.0.0.1:" + port;
        properties.put("dataspacetck.dsp.local.connector", "false");
        properties.put("dataspacetck.host", "127.0.0.1");
        properties.put("dataspacetck.port", String.valueOf(callbackPort));
        properties.put("dataspacetck.callback.address", "http://127.0.0.1:" + callbackPort);
        properties.put("dataspacetck.dsp.connector.agent.id", identity.did());
        properties.put("dataspacetck.dsp.connector.http.url", base + "/dsp");
        properties.put("dataspacetck.dsp.connector.http.base.url", base);
        properties.put("dataspacetck.dsp.connector.http.headers.authorization", AUTHORIZATION);
        properties.put("dataspacetck.dsp.connector.negotiation.initiate.url", base + "/tck/negotiations/requests");
        properties.put("dataspacetck.dsp.connector.transfer.initiate.url", base + "/tck/transfers/requests");
        properties.put("dataspacetck.dsp.default.wait", System.getProperty("tck.wait", "10"));
        properties.put("dataspacetck.ansi", "false");
        properties.put("dataspacetck.debug", System.getProperty("tck.debug", "false"));
        String prefix = group + ":";
        return TckRuntime.Builder.newInstance()
                .properties(properties)
                .launcher(DspSystemLauncher.class)
                .addPackage("org.eclipse.dataspacetck.dsp.verification")
                .displayNameMatching(name -> name.startsWith(prefix))
                .monitor(new ConsoleMonitor(Boolean.getBoolean("tck.debug"), false))
                .build()
                .execute();
    }

    /** The groups of {@link #GROUPS}, or those named in {@code -Dtck.groups}. */
    private static Map<String, Integer> selected() {
        String names = System.getProperty("tck.groups", "");
        if (names.isBlank()) {
            return GROUPS;
        }
        Map<String, Integer> selected = new LinkedHashMap<>();
        Arrays.stream(names.split(",")).map(String::trim).forEach(name -> {
            assertThat(GROUPS).as("-Dtck.groups names a group that runs").containsKey(name);
            selected.put(name, GROUPS.get(name));
        });
        return selected;
    }

    private static Map<String, Integer> groups(Object... nameAndCount) {
        Map<String, Integer> groups = new LinkedHashMap<>();
        for (int i = 0; i < nameAndCount.length; i += 2) {
            groups.put((String) nameAndCount[i], (Integer) nameAndCount[i + 1]);
        }
        return groups;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
