package eu.federator.server.cli;

import eu.federator.catalogue.graph.Tdb2GraphStore;
import eu.federator.catalogue.testing.TestDirectories;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.apache.jena.query.QueryFactory;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code federator catalogue import} and {@code rebuild-graph} in process: the catalogue starts without the web server
 * on a data directory, with the trust world's web mirror and root, as {@code serve} would.
 */
class CatalogueImportCommandTest {
    static final Path ROOT = TestDirectories.newDataDir("federator-import-");
    static final SelfDescriptionFiles FILES = new SelfDescriptionFiles(ROOT.resolve("world"));

    static String[] inProcess(String command, String... rest) {
        List<String> args = new java.util.ArrayList<>(List.of("catalogue", command, "--data-dir", ROOT.resolve("data").toString(),
                "--web-mirror", FILES.world.mirror.toString(), "--trust-anchors", FILES.world.anchors.toString()));
        args.addAll(List.of(rest));
        return args.toArray(String[]::new);
    }

    /** The count in a summary row such as {@code   already present        1}. */
    static long count(String output, String label) {
        Matcher m = Pattern.compile("(?m)^\\s+" + Pattern.quote(label) + "\\s+(\\d+)").matcher(output);
        assertThat(m.find()).as("a row '" + label + "' in\n" + output).isTrue();
        return Long.parseLong(m.group(1));
    }

    static JsonObject read(Path report) throws Exception {
        try (var reader = Json.createReader(Files.newBufferedReader(report, StandardCharsets.UTF_8))) {
            return reader.readObject();
        }
    }

    /**
     * Good files (a participant, five offerings, one of them twice, a README), bad files (not JSON, a credential-less
     * JSON object, a tampered signature): the counts, the report, exit 1; then the good files again: all already present,
     * exit 0; the graph holds exactly the accepted ones, and a rebuild finds the same.
     */
    @Test
    void importsADirectoryTreeThenFindsEverythingAlreadyPresent() throws Exception {
        Path good = ROOT.resolve("good");
        Path bad = ROOT.resolve("bad");
        SelfDescriptionFiles.write(good.resolve("participant.jwt"), FILES.participant());
        List<Path> offerings = FILES.writeOfferings(good.resolve("offerings"), "offering", 0, 5);
        Files.copy(offerings.getFirst(), good.resolve("offerings/copy-of-offering-000.jwt"));
        SelfDescriptionFiles.write(good.resolve("README.md"), "signed by the participant\n");
        SelfDescriptionFiles.write(bad.resolve("broken.json"), "{ this is not JSON");
        SelfDescriptionFiles.write(bad.resolve("tampered.jwt"), SelfDescriptionFiles.tampered(FILES.offering("tampered")));
        Path report = ROOT.resolve("report.json");

        CliRun first = CliRun.run(inProcess("import", "--threads", "3", "--report", report.toString(), good.toString(), bad.toString()));

        assertThat(first.exitCode()).as(first.out() + first.err()).isEqualTo(1);
        assertThat(count(first.out(), "accepted")).isEqualTo(6);
        assertThat(count(first.out(), "already present")).isEqualTo(1);
        assertThat(count(first.out(), "rejected")).isEqualTo(2);
        assertThat(count(first.out(), "malformed")).isEqualTo(1);
        assertThat(count(first.out(), "verification")).isEqualTo(1);
        assertThat(count(first.out(), "skipped")).isEqualTo(1);
        assertThat(first.out()).contains("Submitted 9 files").contains(bad.resolve("broken.json") + ": ")
                .contains(bad.resolve("tampered.jwt") + ": ").contains("6 self-descriptions active");
        assertThat(first.out()).doesNotContain("not submitted").doesNotContainPattern("(?m)^\\s+failed\\s+\\d");

        JsonObject json = read(report);
        JsonObject summary = json.getJsonObject("summary");
        assertThat(summary.getInt("accepted")).isEqualTo(6);
        assertThat(summary.getInt("present")).isEqualTo(1);
        assertThat(summary.getInt("rejected")).isEqualTo(2);
        assertThat(summary.getInt("skipped")).isEqualTo(1);
        assertThat(summary.getJsonObject("rejectedByReason").getInt("malformed")).isEqualTo(1);
        var files = json.getJsonArray("files").getValuesAs(JsonObject.class);
        assertThat(files).hasSize(10);
        Set<String> accepted = new HashSet<>();
        for (JsonObject f : files) {
            if (f.getString("status").equals("accepted")) {
                accepted.add(f.getString("hash"));
                assertThat(f.getString("contentType")).isEqualTo("application/vp+jwt");
            }
        }
        assertThat(accepted).hasSize(6);
        JsonObject tampered = files.stream().filter(f -> f.getString("file").endsWith("tampered.jwt")).findFirst().orElseThrow();
        assertThat(tampered.getString("reason")).isEqualTo("verification");
        assertThat(tampered.getJsonArray("problems")).isNotEmpty();
        assertThat(files.stream().filter(f -> f.getString("file").endsWith("README.md")).findFirst().orElseThrow().getString("status"))
                .isEqualTo("skipped");
        // the copy and its original: one stored, the other one already present, with the same hash
        var pair = files.stream().filter(f -> f.getString("file").endsWith("offering-000.jwt")).toList();
        assertThat(pair).extracting(f -> f.getString("status")).containsExactlyInAnyOrder("accepted", "present");
        assertThat(pair.get(0).getString("hash")).isEqualTo(pair.get(1).getString("hash"));

        CliRun again = CliRun.run(inProcess("import", good.toString()));
        assertThat(again.exitCode()).as(again.out() + again.err()).isZero();
        assertThat(count(again.out(), "accepted")).isZero();
        assertThat(count(again.out(), "already present")).isEqualTo(7);
        assertThat(count(again.out(), "rejected")).isZero();
        assertThat(again.out()).contains("6 self-descriptions active");

        // the graph (opened directly, the catalogue is closed) has exactly the accepted self-descriptions
        try (Tdb2GraphStore graph = Tdb2GraphStore.open(ROOT.resolve("data/graph"))) {
            Set<String> inGraph = graph.query(QueryFactory.create("""
                    PREFIX fc: <urn:federator:catalogue:>
                    SELECT ?hash WHERE { GRAPH <urn:federator:catalogue:metadata> { ?g fc:hash ?hash ; fc:status "active" }
                                         GRAPH ?g { ?s ?p ?o } }"""), Duration.ofSeconds(30), execution -> {
                Set<String> hashes = new HashSet<>();
                execution.execSelect().forEachRemaining(row -> hashes.add(row.getLiteral("hash").getString()));
                return hashes;
            });
            assertThat(inGraph).isEqualTo(accepted);
        }

        CliRun rebuild = CliRun.run(inProcess("rebuild-graph"));
        assertThat(rebuild.exitCode()).as(rebuild.out() + rebuild.err()).isZero();
        assertThat(rebuild.out()).contains("Graph rebuilt from PostgreSQL: 6 self-descriptions (6 active)");
        assertThat(rebuild.out()).containsPattern("checkpoint [1-9]\\d*\\.");
    }

    @Test
    void usageErrorsAreExit2WithAMessage() {
        Path dir = ROOT.resolve("usage");
        SelfDescriptionFiles.write(dir.resolve("a.json"), "{}");
        assertThat(CliRun.run("catalogue").exitCode()).isEqualTo(2);
        assertThat(CliRun.run("catalogue", "import").exitCode()).isEqualTo(2);
        CliRun missing = CliRun.run("catalogue", "import", dir.resolve("nope").toString());
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).contains("nope").contains("does not exist");
        CliRun mixed = CliRun.run("catalogue", "import", "--url", "http://127.0.0.1:1", "--token", "t", "--data-dir", dir.toString(), dir.toString());
        assertThat(mixed.exitCode()).isEqualTo(2);
        assertThat(mixed.err()).contains("--data-dir").contains("--url");
        CliRun noToken = CliRun.run("catalogue", "rebuild-graph", "--url", "http://127.0.0.1:1");
        assertThat(noToken.exitCode()).isEqualTo(2);
        assertThat(noToken.err()).contains("--token").contains("FEDERATOR_TOKEN");
        assertThat(CliRun.run("catalogue", "rebuild-graph", "--url", "ftp://example.org", "--token", "t").err()).contains("http(s)");
        assertThat(CliRun.run("catalogue", "import", "--threads", "0", dir.toString()).err()).contains("--threads");
        CliRun report = CliRun.run("catalogue", "import", "--report", dir.resolve("no/such/dir/r.json").toString(), dir.toString());
        assertThat(report.exitCode()).isEqualTo(2);
        assertThat(report.err()).contains("--report").contains("does not exist");
        assertThat(CliRun.run("catalogue", "import", "--web-mirror", dir.resolve("nope").toString(), dir.toString()).err())
                .contains("--web-mirror").contains("not a directory");
    }

    @Test
    void nothingToImportIsExit0WithoutStartingAnything() {
        Path dir = ROOT.resolve("empty");
        SelfDescriptionFiles.write(dir.resolve("notes.txt"), "nothing here");
        CliRun run = CliRun.run("catalogue", "import", "--data-dir", ROOT.resolve("never-created").toString(), dir.toString());
        assertThat(run.exitCode()).isZero();
        assertThat(run.err()).contains("Nothing to import").contains("1 other files skipped");
        assertThat(Files.exists(ROOT.resolve("never-created"))).isFalse();
    }

    @Test
    void aServerUnreachableIsExit3AndSaysWhere() {
        Path dir = ROOT.resolve("unreachable");
        SelfDescriptionFiles.write(dir.resolve("a.json"), "{}");
        CliRun run = CliRun.run("catalogue", "import", "--url", "http://127.0.0.1:1", "--token", "t", dir.toString());
        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.err()).contains("http://127.0.0.1:1/").contains("could not be reached");
        assertThat(count(run.out(), "failed")).isEqualTo(1);
    }

    @Test
    void theMediaTypeOfAJwtComesFromItsHeader() {
        byte[] vc = FILES.world.sign(FILES.loire.registrationNumber(FILES.loire.notary), FILES.loire.notary).getBytes(StandardCharsets.US_ASCII);
        byte[] vp = FILES.participant().getBytes(StandardCharsets.US_ASCII);
        assertThat(ImportFiles.contentType(Path.of("x.jwt"), vc)).isEqualTo("application/vc+jwt");
        assertThat(ImportFiles.contentType(Path.of("x.jwt"), vp)).isEqualTo("application/vp+jwt");
        assertThat(ImportFiles.contentType(Path.of("x.jwt"), "not a jwt".getBytes(StandardCharsets.US_ASCII))).isEqualTo("application/vp+jwt");
        String noTyp = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString("{\"alg\":\"ES256\"}".getBytes(StandardCharsets.UTF_8));
        assertThat(ImportFiles.contentType(Path.of("x.jwt"), (noTyp + ".e30.c2ln").getBytes(StandardCharsets.US_ASCII))).isEqualTo("application/vp+jwt");
        assertThat(ImportFiles.contentType(Path.of("X.JSONLD"), vc)).isEqualTo("application/json");
        assertThat(ImportFiles.importable(Path.of("a/b.Json"))).isTrue();
        assertThat(ImportFiles.importable(Path.of("a/b.txt"))).isFalse();
    }

    @Test
    void progressLines() {
        assertThat(Progress.line("import", 120, 500, 10, false)).isEqualTo("import: 120/500 (24%), 12.0/s, ETA 0:32");
        assertThat(Progress.line("import", 500, 500, 10, false)).isEqualTo("import: 500/500 (100%), 50.0/s, done");
        assertThat(Progress.line("import", 0, 500, 0, true)).startsWith("import [" + ".".repeat(30) + "] 0/500   0%").endsWith("ETA --:--");
        assertThat(Progress.line("import", 250, 500, 5, true)).contains("#".repeat(15) + ".".repeat(15)).contains("50.0/s").endsWith("ETA 0:05");
        assertThat(Progress.line("rebuild-graph", 7000, -1, 2, false)).isEqualTo("rebuild-graph: 7000, 3500.0/s");
        assertThat(Progress.duration(3723)).isEqualTo("1:02:03");
    }
}
