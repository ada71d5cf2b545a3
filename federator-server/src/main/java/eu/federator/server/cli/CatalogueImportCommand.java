package eu.federator.server.cli;

import eu.federator.catalogue.Catalogue;
import eu.federator.catalogue.graph.GraphStore;
import eu.federator.catalogue.ingest.IngestException;
import eu.federator.catalogue.sd.Lifecycle;
import eu.federator.catalogue.sd.SdConflictException;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonGenerator;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

@Command(name = "import", sortOptions = false, usageHelpAutoWidth = true,
        description = {"Submit self-descriptions in bulk, with the checks of POST /self-descriptions (verification, "
                + "classification, SHACL validation, compliance when required).",
                "Files: *.json and *.jsonld (sent as application/json) and *.jwt (application/vc+jwt or application/vp+jwt, "
                        + "by the typ of the JWT header; vp+jwt when it has none); directories are walked recursively in path "
                        + "order; other files are skipped.",
                "By default the catalogue runs in this process, with the configuration of serve but without the web server "
                        + "(no server may run on the same data directory meanwhile); with --url the files are posted to a "
                        + "running server.",
                "Exit codes: 0 every file accepted or already present, 1 a file was rejected, 2 usage error, 3 other failure "
                        + "(the catalogue could not start, the server could not be reached or refused the token, an internal error)."})
final class CatalogueImportCommand implements Callable<Integer> {
    /** How many rejected files of each reason the summary names (the report has them all). */
    static final int SHOWN = 5;
    private static final Duration GRAPH_WAIT = Duration.ofMinutes(10);

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    CatalogueCommandOptions where;

    @Option(names = "--threads", paramLabel = "N", order = 1, description = "submit N files at a time (default: the number of processors)")
    Integer threads;

    @Option(names = "--fail-fast", order = 2, description = "stop at the first rejected file (files being submitted meanwhile still finish)")
    boolean failFast;

    @Option(names = "--report", paramLabel = "FILE.json", order = 3, description = "write the result of every file and the counts to FILE.json")
    Path report;

    @Parameters(arity = "1..*", paramLabel = "DIR|FILE", description = "self-description files, or directories holding them")
    List<Path> inputs;

    enum Status {
        ACCEPTED, PRESENT, REJECTED, SKIPPED, ERROR, NOT_SUBMITTED;

        String label() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    /**
     * The result of one file.
     *
     * @param reason for {@link Status#REJECTED}: verification, schema, semantics, compliance, malformed, wrong_kind, or
     *               (not from the pipeline) forbidden, too-large, unreadable
     */
    record Outcome(Path file, Status status, String contentType, String hash, String kind, String id, String reason, String message,
                   List<IngestException.Problem> problems) {
        Outcome {
            problems = List.copyOf(problems);
        }

        static Outcome of(Path file, Status status, String contentType, String hash, String reason, String message) {
            return new Outcome(file, status, contentType, hash, null, null, reason, message, List.of());
        }
    }

    /** Submits one file: in this process or over HTTP. */
    private interface Submitter {
        Outcome submit(Path file, byte[] content, String contentType, String hash);
    }

    @Override
    public Integer call() {
        where.check();
        int workers = threads != null ? threads : Runtime.getRuntime().availableProcessors();
        if (workers < 1) {
            throw new UsageException("--threads must be at least 1, not " + workers);
        }
        if (report != null && (Files.isDirectory(report) || (report.toAbsolutePath().getParent() != null
                && !Files.isDirectory(report.toAbsolutePath().getParent())))) {
            throw new UsageException("--report " + report + ": " + (Files.isDirectory(report) ? "is a directory; give a file name"
                    : "the directory " + report.toAbsolutePath().getParent() + " does not exist"));
        }
        List<Path> all = ImportFiles.collect(inputs);
        List<Path> files = all.stream().filter(ImportFiles::importable).toList();
        List<Outcome> skipped = all.stream().filter(f -> !ImportFiles.importable(f))
                .map(f -> Outcome.of(f, Status.SKIPPED, null, null, null, "not .json, .jsonld or .jwt")).toList();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (files.isEmpty()) {
            err.println("Nothing to import: no .json, .jsonld or .jwt files in " + inputs
                    + (skipped.isEmpty() ? "" : " (" + skipped.size() + " other files skipped)"));
            err.flush();
            return writeReport(skipped, Duration.ZERO, err) ? ExitCodes.OK : ExitCodes.FAILURE;
        }
        return where.remote() ? remote(files, skipped, workers, out, err) : inProcess(files, skipped, workers, out, err);
    }

    // ------------------------------------------------------------------------------------------------ modes

    private int inProcess(List<Path> files, List<Outcome> skipped, int workers, PrintWriter out, PrintWriter err) {
        ConfigurableApplicationContext context;
        try {
            context = where.start(err);
        } catch (CatalogueCommandOptions.StartFailed e) {
            err.println(spec.qualifiedName() + ": " + e.getMessage());
            err.flush();
            return ExitCodes.FAILURE;
        }
        try {
            Catalogue catalogue = context.getBean(Catalogue.class);
            Run run = run(files, workers, (file, content, type, hash) -> {
                if (catalogue.store().get(hash).isPresent()) {
                    // the same bytes are stored: what the pipeline would find after verifying them (a re-run is quick)
                    return Outcome.of(file, Status.PRESENT, type, hash, null, "a self-description with hash " + hash + " is stored already");
                }
                try {
                    var sd = catalogue.submit(content, type, null).sd();
                    return new Outcome(file, Status.ACCEPTED, type, sd.hash(), sd.kind().value(), sd.subject(), null, null, List.of());
                } catch (IngestException e) {
                    return new Outcome(file, Status.REJECTED, type, hash, null, null, reason(e.reason()), e.getMessage(), e.problems());
                } catch (SdConflictException e) {
                    return Outcome.of(file, Status.PRESENT, type, hash, null, e.getMessage());
                }
            }, err);
            int exit = finish(run, skipped, out, err);
            // the projector follows on its own thread; wait for it, so that the graph is complete when this returns
            catalogue.projector().catchUp();
            long checkpoint = context.getBean(GraphStore.class).checkpoint().orElse(0);
            long active = catalogue.store().list(CatalogueCommandOptions.count(EnumSet.of(Lifecycle.ACTIVE))).totalCount();
            out.println("Graph up to date (event " + checkpoint + "); " + active + " self-description" + (active == 1 ? "" : "s") + " active.");
            out.flush();
            return exit;
        } finally {
            context.close();
        }
    }

    private int remote(List<Path> files, List<Outcome> skipped, int workers, PrintWriter out, PrintWriter err) {
        HttpClient client = where.client();
        Run run = run(files, workers, (file, content, type, hash) -> {
            HttpRequest request = where.request("/self-descriptions").timeout(Duration.ofMinutes(10)).header("Content-Type", type)
                    .header("Accept", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(content)).build();
            HttpResponse<String> response = CatalogueCommandOptions.send(client, request);
            return outcome(file, type, hash, response);
        }, err);
        int exit = finish(run, skipped, out, err);
        if (run.fatal() != null) {
            return exit;
        }
        try {
            awaitGraph(client, out);
            HttpResponse<String> active = CatalogueCommandOptions.send(client, where.request("/self-descriptions?statuses=active&limit=0")
                    .header("Accept", "application/json").GET().build());
            if (active.statusCode() == 200 && CatalogueCommandOptions.json(active.body()).get("totalCount") instanceof JsonNumber n) {
                out.println(n.longValue() + " self-description" + (n.longValue() == 1 ? "" : "s") + " active on the server.");
            }
        } catch (CatalogueCommandOptions.Unreachable e) {
            err.println(spec.qualifiedName() + ": " + e.getMessage());
            exit = ExitCodes.FAILURE;
        }
        out.flush();
        err.flush();
        return exit;
    }

    /** An answer of POST /self-descriptions as an outcome; 401 ends the import (no other file would fare better). */
    static Outcome outcome(Path file, String type, String hash, HttpResponse<String> response) {
        JsonObject body = CatalogueCommandOptions.json(response.body());
        return switch (response.statusCode()) {
            case 200, 201 -> new Outcome(file, Status.ACCEPTED, type, text(body, "sdHash", hash), text(body, "kind", null),
                    text(body, "id", null), null, null, List.of());
            case 409 -> Outcome.of(file, Status.PRESENT, type, hash, null, CatalogueCommandOptions.message(response));
            case 400, 422 -> new Outcome(file, Status.REJECTED, type, hash, null, null,
                    text(body, "reason", response.statusCode() == 400 ? "malformed" : "verification"),
                    CatalogueCommandOptions.message(response), problems(body));
            case 403 -> Outcome.of(file, Status.REJECTED, type, hash, "forbidden", CatalogueCommandOptions.message(response));
            case 413 -> Outcome.of(file, Status.REJECTED, type, hash, "too-large", CatalogueCommandOptions.message(response));
            case 401 -> throw new CatalogueCommandOptions.Unreachable(CatalogueCommandOptions.refused(response,
                    "give a valid token with the catalogue-admin, sd-admin or participant-admin role"));
            default -> Outcome.of(file, Status.ERROR, type, hash, null, "HTTP " + response.statusCode() + ": "
                    + CatalogueCommandOptions.message(response));
        };
    }

    private static List<IngestException.Problem> problems(JsonObject body) {
        List<IngestException.Problem> problems = new ArrayList<>();
        if (body.get("problems") instanceof JsonArray array) {
            for (JsonValue v : array) {
                if (v instanceof JsonObject p) {
                    problems.add(new IngestException.Problem(text(p, "focus", null), text(p, "check", ""), text(p, "message", "")));
                }
            }
        }
        return problems;
    }

    private static String text(JsonObject o, String key, String otherwise) {
        return o.get(key) instanceof JsonString s ? s.getString() : otherwise;
    }

    /** Poll {@code /admin/graph} until the projection has caught up (needs catalogue-admin; skipped without it). */
    private void awaitGraph(HttpClient client, PrintWriter out) {
        Instant deadline = Instant.now().plus(GRAPH_WAIT);
        while (true) {
            HttpResponse<String> state = CatalogueCommandOptions.send(client, where.request("/admin/graph").header("Accept", "application/json").GET().build());
            if (state.statusCode() != 200) {
                return; // not a catalogue-admin token: the graph state is not ours to see
            }
            JsonObject o = CatalogueCommandOptions.json(state.body());
            long lag = o.getJsonNumber("lag").longValue();
            if (lag == 0) {
                out.println("Graph up to date (event " + o.getJsonNumber("checkpoint").longValue() + ").");
                return;
            }
            if (Instant.now().isAfter(deadline)) {
                out.println("The graph is still " + lag + " events behind (GET /admin/graph" + (o.get("lastError") instanceof JsonString e
                        ? "; last error: " + e.getString() : "") + ").");
                return;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    // ------------------------------------------------------------------------------------------------ the run

    /** The outcome of each file in file order (null: not submitted), how long it took, and why it was aborted. */
    private record Run(List<Outcome> outcomes, Duration elapsed, String fatal) {
    }

    private Run run(List<Path> files, int workers, Submitter submitter, PrintWriter err) {
        Outcome[] outcomes = new Outcome[files.size()];
        AtomicInteger next = new AtomicInteger();
        AtomicBoolean stop = new AtomicBoolean();
        AtomicReference<String> fatal = new AtomicReference<>();
        long start = System.nanoTime();
        int n = Math.min(workers, files.size());
        try (Progress progress = new Progress(err, "import", files.size(), Progress.stderrIsTerminal());
             ExecutorService pool = Executors.newFixedThreadPool(n, Thread.ofPlatform().name("catalogue-import-", 1).daemon().factory())) {
            for (int w = 0; w < n; w++) {
                pool.execute(() -> {
                    int i;
                    while (!stop.get() && (i = next.getAndIncrement()) < files.size()) {
                        Outcome outcome = submit(files.get(i), submitter, fatal);
                        outcomes[i] = outcome;
                        progress.step();
                        if (fatal.get() != null || (failFast && outcome.status() == Status.REJECTED)) {
                            stop.set(true);
                        }
                    }
                });
            }
            pool.shutdown();
            awaitTermination(pool);
        }
        List<Outcome> list = new ArrayList<>();
        for (int i = 0; i < outcomes.length; i++) {
            list.add(outcomes[i] != null ? outcomes[i] : Outcome.of(files.get(i), Status.NOT_SUBMITTED, null, null, null, null));
        }
        return new Run(list, Duration.ofNanos(System.nanoTime() - start), fatal.get());
    }

    private static void awaitTermination(ExecutorService pool) {
        try {
            while (!pool.awaitTermination(1, TimeUnit.HOURS)) {
                // a long import: keep waiting
            }
        } catch (InterruptedException e) {
            pool.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    private static Outcome submit(Path file, Submitter submitter, AtomicReference<String> fatal) {
        byte[] content;
        try {
            content = Files2.readInput(file, "file");
        } catch (UsageException e) {
            return Outcome.of(file, Status.REJECTED, null, null, "unreadable", e.getMessage());
        }
        String type = ImportFiles.contentType(file, content);
        String hash = sha256(content);
        try {
            return submitter.submit(file, content, type, hash);
        } catch (CatalogueCommandOptions.Unreachable e) {
            fatal.compareAndSet(null, e.getMessage());
            return Outcome.of(file, Status.ERROR, type, hash, null, e.getMessage());
        } catch (RuntimeException e) {
            return Outcome.of(file, Status.ERROR, type, hash, null, e.getMessage() == null ? e.toString() : e.getMessage());
        }
    }

    static String reason(IngestException.Reason reason) {
        return reason.name().toLowerCase(Locale.ROOT);
    }

    static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    // ------------------------------------------------------------------------------------------------ summary

    /** Prints the summary, writes the report; the exit code. */
    private int finish(Run run, List<Outcome> skipped, PrintWriter out, PrintWriter err) {
        List<Outcome> outcomes = run.outcomes();
        Map<Status, List<Outcome>> byStatus = new LinkedHashMap<>();
        for (Status s : Status.values()) {
            byStatus.put(s, new ArrayList<>());
        }
        outcomes.forEach(o -> byStatus.get(o.status()).add(o));
        byStatus.get(Status.SKIPPED).addAll(skipped);
        long submitted = outcomes.stream().filter(o -> o.status() != Status.NOT_SUBMITTED).count();
        double seconds = Math.max(run.elapsed().toNanos() / 1e9, 1e-9);

        out.println(String.format(Locale.ROOT, "Submitted %d file%s in %.1f s (%.1f files/s):", submitted, submitted == 1 ? "" : "s",
                seconds, submitted / seconds));
        out.println(row("accepted", byStatus.get(Status.ACCEPTED).size(), 2));
        out.println(row("already present", byStatus.get(Status.PRESENT).size(), 2));
        List<Outcome> rejected = byStatus.get(Status.REJECTED);
        out.println(row("rejected", rejected.size(), 2));
        Map<String, List<Outcome>> byReason = new TreeMap<>();
        rejected.forEach(o -> byReason.computeIfAbsent(o.reason(), r -> new ArrayList<>()).add(o));
        byReason.forEach((reason, list) -> {
            out.println(row(reason, list.size(), 4));
            examples(out, list);
        });
        if (!byStatus.get(Status.ERROR).isEmpty()) {
            out.println(row("failed", byStatus.get(Status.ERROR).size(), 2));
            examples(out, byStatus.get(Status.ERROR));
        }
        out.println(row("skipped", byStatus.get(Status.SKIPPED).size(), 2) + (byStatus.get(Status.SKIPPED).isEmpty() ? "" : "   (not .json, .jsonld or .jwt)"));
        int notSubmitted = byStatus.get(Status.NOT_SUBMITTED).size();
        if (notSubmitted > 0) {
            out.println(row("not submitted", notSubmitted, 2) + (run.fatal() == null ? "   (--fail-fast: stopped at the first rejection)" : ""));
        }
        out.flush();
        List<Outcome> all = new ArrayList<>(outcomes);
        all.addAll(skipped);
        boolean reported = writeReport(all, run.elapsed(), err);
        if (run.fatal() != null) {
            err.println(spec.qualifiedName() + ": " + run.fatal());
            err.flush();
            return ExitCodes.FAILURE;
        }
        if (!byStatus.get(Status.ERROR).isEmpty() || !reported) {
            return ExitCodes.FAILURE;
        }
        return rejected.isEmpty() ? ExitCodes.OK : ExitCodes.INVALID;
    }

    private static String row(String label, long count, int indent) {
        return " ".repeat(indent) + label + " ".repeat(Math.max(1, 20 - indent - label.length())) + String.format(Locale.ROOT, "%6d", count);
    }

    private static void examples(PrintWriter out, List<Outcome> list) {
        list.stream().limit(SHOWN).forEach(o -> out.println("      " + o.file() + ": " + oneLine(o.message())));
        if (list.size() > SHOWN) {
            out.println("      ... and " + (list.size() - SHOWN) + " more (--report FILE.json lists every file)");
        }
    }

    static String oneLine(String message) {
        if (message == null) {
            return "";
        }
        String line = message.replaceAll("\\s+", " ").strip();
        return line.length() > 300 ? line.substring(0, 297) + "..." : line;
    }

    /** Writes {@code --report} if given; false (after saying why) when it cannot be written. */
    private boolean writeReport(List<Outcome> outcomes, Duration elapsed, PrintWriter err) {
        if (report == null) {
            return true;
        }
        Map<Status, Integer> counts = new LinkedHashMap<>();
        Map<String, Integer> reasons = new TreeMap<>();
        for (Outcome o : outcomes) {
            counts.merge(o.status(), 1, Integer::sum);
            if (o.status() == Status.REJECTED) {
                reasons.merge(o.reason(), 1, Integer::sum);
            }
        }
        try (Writer writer = Files.newBufferedWriter(report, StandardCharsets.UTF_8);
             JsonGenerator json = Json.createGeneratorFactory(Map.of(JsonGenerator.PRETTY_PRINTING, true)).createGenerator(writer)) {
            json.writeStartObject().writeStartObject("summary");
            for (Status s : Status.values()) {
                json.write(s.label(), counts.getOrDefault(s, 0));
            }
            json.writeStartObject("rejectedByReason");
            reasons.forEach(json::write);
            json.writeEnd().write("elapsedMillis", elapsed.toMillis()).writeEnd();
            json.writeStartArray("files");
            for (Outcome o : outcomes) {
                json.writeStartObject().write("file", o.file().toString()).write("status", o.status().label());
                optional(json, "contentType", o.contentType());
                optional(json, "hash", o.hash());
                optional(json, "kind", o.kind());
                optional(json, "id", o.id());
                optional(json, "reason", o.reason());
                optional(json, "message", o.message());
                if (!o.problems().isEmpty()) {
                    json.writeStartArray("problems");
                    for (IngestException.Problem p : o.problems()) {
                        json.writeStartObject();
                        optional(json, "focus", p.focus());
                        json.write("check", p.check()).write("message", p.message()).writeEnd();
                    }
                    json.writeEnd();
                }
                json.writeEnd();
            }
            json.writeEnd().writeEnd();
            return true;
        } catch (IOException | jakarta.json.JsonException e) {
            err.println(spec.qualifiedName() + ": cannot write --report " + report + ": " + e.getMessage());
            err.flush();
            return false;
        }
    }

    private static void optional(JsonGenerator json, String key, String value) {
        if (value != null) {
            json.write(key, value);
        }
    }
}
