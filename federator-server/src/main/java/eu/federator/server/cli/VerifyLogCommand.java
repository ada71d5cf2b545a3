package eu.federator.server.cli;

import eu.federator.credentials.did.DidResolvers;
import eu.federator.credentials.did.DidWeb;
import eu.federator.credentials.json.Json;
import eu.federator.credentials.json.JsonSyntaxException;
import eu.federator.credentials.net.FetchException;
import eu.federator.credentials.net.Fetched;
import eu.federator.credentials.net.ResourceFetcher;
import eu.federator.credentials.net.WebMirror;
import eu.federator.server.dataspace.evidence.LogVerification;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "verify-log", sortOptions = false, usageHelpAutoWidth = true,
        description = {"Verify an exported exchange log (GET /dataspace/log) offline: every entry's hash, the chain, and each checkpoint's "
                + "signature with the key of its verification method, taken from the given DID documents (or a web mirror).",
                "Exit codes: 0 intact, 1 altered (the first break is named), 2 usage error or unreadable file, 3 internal error."})
final class VerifyLogCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "EXPORT", description = "the export, a JSON file")
    Path file;

    @Option(names = "--did-document", paramLabel = "FILE",
            description = "the DID document of a checkpoint signer, e.g. its did.json (repeatable)")
    List<Path> didDocuments = new ArrayList<>();

    @Option(names = "--web-mirror", paramLabel = "DIR",
            description = "answer every other DID fetch of https://HOST/PATH from DIR/HOST/PATH (no network access at all)")
    Path webMirror;

    @Option(names = "--json", description = "print the report as JSON instead of a readable summary")
    boolean json;

    @Override
    public Integer call() {
        JsonObject export = object(Files2.readInput(file, "file"), file.toString());
        LogVerification.notAnExport(export).ifPresent(why -> {
            throw new UsageException(file + " is not an exchange log export: " + why);
        });
        Map<URI, byte[]> documents = new HashMap<>();
        for (Path p : didDocuments) {
            byte[] bytes = Files2.readInput(p, "--did-document");
            if (!(object(bytes, p.toString()).get("id") instanceof JsonString id) || !id.getString().startsWith("did:web:")) {
                throw new UsageException("--did-document " + p + " has no did:web id");
            }
            documents.put(DidWeb.documentUri(id.getString()), bytes);
        }
        WebMirror mirror = webMirror == null ? null : new WebMirror(Files2.directory(webMirror, "--web-mirror").toAbsolutePath().normalize());
        ResourceFetcher offline = (uri, accept) -> {
            URI plain = URI.create(uri.toString().split("#", 2)[0]);
            if (documents.containsKey(plain)) {
                return new Fetched(plain, "application/did+json", documents.get(plain));
            }
            if (mirror != null) {
                return mirror.fetch(uri, accept);
            }
            throw new FetchException(plain + " is not among the --did-document files (and no --web-mirror is given)");
        };
        JsonObject report = LogVerification.verify(export, DidResolvers.standard(offline, Duration.ZERO), Map.of());
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(Json.write(report));
        } else {
            out.print(summary(report));
        }
        out.flush();
        return report.getBoolean("ok") ? ExitCodes.OK : ExitCodes.INVALID;
    }

    private static JsonObject object(byte[] bytes, String what) {
        try {
            JsonValue value = Json.parse(bytes);
            if (value instanceof JsonObject o) {
                return o;
            }
            throw new UsageException(what + " is not a JSON object");
        } catch (JsonSyntaxException e) {
            throw new UsageException(what + " is not well-formed JSON: " + e.getMessage(), e);
        }
    }

    private String summary(JsonObject r) {
        StringBuilder s = new StringBuilder(file.toString()).append(": ");
        if (r.getBoolean("ok")) {
            s.append("INTACT (").append(r.getInt("entries")).append(" entries, ").append(r.getInt("checkpoints"))
                    .append(" checkpoints, signed through ").append(r.getJsonNumber("checkpointedThrough")).append(")\n");
        } else {
            JsonObject first = r.getJsonObject("firstBreak");
            s.append("ALTERED at sequence ").append(first.getJsonNumber("sequence")).append(": ").append(first.getString("problem"))
                    .append("\n  ").append(first.getString("detail")).append('\n');
        }
        r.getJsonArray("signers").forEach(v -> s.append("  signer: ").append(((JsonString) v).getString()).append('\n'));
        if (r.containsKey("warning")) {
            s.append("  warning: ").append(r.getString("warning")).append('\n');
        }
        if (r.containsKey("keyProblems")) {
            r.getJsonObject("keyProblems").forEach((k, v) -> s.append("  key ").append(k).append(": ").append(((JsonString) v).getString()).append('\n'));
        }
        return s.toString();
    }
}
