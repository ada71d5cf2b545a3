package eu.federator.server.cli;

import eu.federator.catalogue.testing.TestDirectories;
import eu.federator.server.Http;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static eu.federator.server.cli.CatalogueImportCommandTest.count;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code federator catalogue import --url} and {@code rebuild-graph --url} against a server on loopback. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class CatalogueImportRemoteTest {
    static final String TOKEN = "catalogue-import-test-token-0123456789abcdef";
    static final Path ROOT = TestDirectories.newDataDir("federator-import-remote-");
    static final SelfDescriptionFiles FILES = new SelfDescriptionFiles(ROOT.resolve("world"));

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("federator.data-dir", () -> ROOT.resolve("data").toString());
        registry.add("federator.trust.web-mirror", FILES.world.mirror::toString);
        registry.add("federator.trust.trust-anchors", FILES.world.anchors::toString);
        registry.add("FEDERATOR_ADMIN_TOKEN", () -> TOKEN);
    }

    @LocalServerPort
    int port;

    String url() {
        return "http://127.0.0.1:" + port;
    }

    @Test
    void importsOverHttpThenFindsEverythingAlreadyPresentAndRebuildsTheGraph() throws Exception {
        Path good = ROOT.resolve("good");
        Path bad = ROOT.resolve("bad");
        SelfDescriptionFiles.write(good.resolve("participant.jwt"), FILES.participant());
        FILES.writeOfferings(good, "offering", 0, 4);
        SelfDescriptionFiles.write(good.resolve("notes.txt"), "not a self-description");
        SelfDescriptionFiles.write(bad.resolve("broken.json"), "[1, 2");
        SelfDescriptionFiles.write(bad.resolve("tampered.jwt"), SelfDescriptionFiles.tampered(FILES.offering("tampered")));
        Path report = ROOT.resolve("report.json");

        CliRun first = CliRun.run("catalogue", "import", "--url", url(), "--token", TOKEN, "--threads", "2", "--report", report.toString(),
                good.toString(), bad.toString());

        assertThat(first.exitCode()).as(first.out() + first.err()).isEqualTo(1);
        assertThat(count(first.out(), "accepted")).isEqualTo(5);
        assertThat(count(first.out(), "already present")).isZero();
        assertThat(count(first.out(), "rejected")).isEqualTo(2);
        assertThat(count(first.out(), "malformed")).isEqualTo(1);
        assertThat(count(first.out(), "verification")).isEqualTo(1);
        assertThat(count(first.out(), "skipped")).isEqualTo(1);
        assertThat(first.out()).contains(bad.resolve("tampered.jwt") + ": ").contains("proof.signature")
                .contains("Graph up to date").contains("5 self-descriptions active on the server.");

        // every accepted file is on the server under the hash of its bytes
        JsonObject json;
        try (var reader = Json.createReader(Files.newBufferedReader(report, StandardCharsets.UTF_8))) {
            json = reader.readObject();
        }
        List<String> hashes = json.getJsonArray("files").getValuesAs(JsonObject.class).stream()
                .filter(f -> f.getString("status").equals("accepted")).map(f -> f.getString("hash")).toList();
        assertThat(hashes).hasSize(5);
        JsonObject listed = Http.json(new Http(port).get("/self-descriptions?hashes=" + String.join(",", hashes)));
        assertThat(listed.getInt("totalCount")).isEqualTo(5);
        JsonObject tampered = json.getJsonArray("files").getValuesAs(JsonObject.class).stream()
                .filter(f -> f.getString("file").endsWith("tampered.jwt")).findFirst().orElseThrow();
        assertThat(tampered.getJsonArray("problems").getJsonObject(0).getString("check")).isEqualTo("proof.signature");

        CliRun again = CliRun.run("catalogue", "import", "--url", url(), "--token", TOKEN, good.toString());
        assertThat(again.exitCode()).as(again.out() + again.err()).isZero();
        assertThat(count(again.out(), "already present")).isEqualTo(5);
        assertThat(count(again.out(), "accepted")).isZero();

        CliRun rebuild = CliRun.run("catalogue", "rebuild-graph", "--url", url(), "--token", TOKEN);
        assertThat(rebuild.exitCode()).as(rebuild.out() + rebuild.err()).isZero();
        assertThat(rebuild.out()).contains("Graph rebuilt from PostgreSQL: 5 self-descriptions in");
    }

    @Test
    void failFastStopsAtTheFirstRejection() {
        Path dir = ROOT.resolve("fail-fast");
        SelfDescriptionFiles.write(dir.resolve("a-broken.json"), "{");
        FILES.writeOfferings(dir, "ff", 0, 3);

        CliRun run = CliRun.run("catalogue", "import", "--url", url(), "--token", TOKEN, "--threads", "1", "--fail-fast", dir.toString());

        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(1);
        assertThat(count(run.out(), "rejected")).isEqualTo(1);
        assertThat(count(run.out(), "accepted")).isZero();
        assertThat(count(run.out(), "not submitted")).isEqualTo(3);
        assertThat(run.out()).contains("--fail-fast");
    }

    @Test
    void aWrongTokenIsExit3AndSaysSo() {
        Path dir = ROOT.resolve("wrong-token");
        FILES.writeOfferings(dir, "wt", 0, 2);

        CliRun run = CliRun.run("catalogue", "import", "--url", url(), "--token", "not-the-token-0123456789", dir.toString());
        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(3);
        assertThat(run.err()).contains("refused the token").contains("401");

        CliRun rebuild = CliRun.run("catalogue", "rebuild-graph", "--url", url(), "--token", "not-the-token-0123456789");
        assertThat(rebuild.exitCode()).isEqualTo(3);
        assertThat(rebuild.err()).contains("refused the token").contains("catalogue-admin");
    }
}
