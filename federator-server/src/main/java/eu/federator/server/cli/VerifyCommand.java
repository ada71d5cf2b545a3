package eu.federator.server.cli;

import eu.federator.credentials.verify.Check;
import eu.federator.credentials.verify.CheckName;
import eu.federator.credentials.verify.CredentialReport;
import eu.federator.credentials.verify.CredentialVerifier;
import eu.federator.credentials.verify.VerificationOptions;
import eu.federator.credentials.verify.VerificationResult;
import eu.federator.credentials.verify.VerifierSettings;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.stream.JsonGenerator;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "verify", sortOptions = false, usageHelpAutoWidth = true,
        description = {"Verify one credential or presentation offline: a JSON-LD document (VCDM 1.1/2.0, JsonWebSignature2020) "
                + "or a compact JWT (vc+jwt, vp+jwt).",
                "Exit codes: 0 valid (every check passed; with --trust-anchors the keys chain to one of them), "
                        + "1 invalid, 2 usage error or unreadable file, 3 internal error."})
final class VerifyCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "the credential, presentation or JWT to verify")
    Path file;

    @Option(names = "--web-mirror", paramLabel = "DIR",
            description = "answer every fetch of https://HOST/PATH from DIR/HOST/PATH (no network access at all)")
    Path webMirror;

    @Option(names = "--trust-anchors", paramLabel = "PEMFILE",
            description = "trusted root certificates; the signing keys' certificate chains must lead to one of them")
    Path trustAnchors;

    @Option(names = "--at", paramLabel = "INSTANT", converter = InstantConverter.class,
            description = "evaluate validity periods and certificates at this ISO-8601 instant (default: now)")
    Instant at;

    @Option(names = "--json", description = "print the result as JSON instead of a readable report")
    boolean json;

    @Option(names = "--allow-context", paramLabel = "URL", description = "allow fetching this remote JSON-LD context (repeatable)")
    List<String> allowedContexts = new ArrayList<>();

    @Option(names = "--allow-http", description = "allow plain http:// fetches (labs, tests)")
    boolean allowHttp;

    @Option(names = "--allow-private-networks", description = "allow fetches to loopback and private addresses (labs, tests)")
    boolean allowPrivateNetworks;

    @Override
    public Integer call() {
        byte[] input = Files2.readInput(file, "file");
        Files2.directory(webMirror, "--web-mirror");
        Files2.readableFile(trustAnchors, "--trust-anchors");
        VerifierSettings settings = new VerifierSettings(
                webMirror == null ? null : webMirror.toAbsolutePath().normalize(),
                trustAnchors == null ? null : trustAnchors.toAbsolutePath().normalize(),
                new LinkedHashSet<>(allowedContexts), allowPrivateNetworks, allowHttp, null);
        Instant when = at == null ? Instant.now() : at;
        CredentialVerifier verifier;
        try {
            verifier = CredentialVerifier.create(settings);
        } catch (IOException e) {
            throw new UsageException("--trust-anchors " + trustAnchors + ": " + e.getMessage(), e);
        }
        VerificationResult result = verifier.verify(input, VerificationOptions.at(when));
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(toJson(result));
        } else {
            out.print(report(file, result));
        }
        out.flush();
        return result.valid() ? ExitCodes.OK : ExitCodes.INVALID;
    }

    static String toJson(VerificationResult result) {
        JsonArrayBuilder credentials = Json.createArrayBuilder();
        for (CredentialReport report : result.credentials()) {
            JsonArrayBuilder checks = Json.createArrayBuilder();
            for (Check check : report.checks()) {
                checks.add(Json.createObjectBuilder()
                        .add("name", check.name())
                        .add("ok", check.ok())
                        .add("outcome", check.outcome().name())
                        .add("message", check.message()));
            }
            JsonObjectBuilder credential = Json.createObjectBuilder();
            nullable(credential, "id", report.id());
            nullable(credential, "issuer", report.issuer());
            nullable(credential, "kind", report.kind());
            nullable(credential, "format", report.format());
            credentials.add(credential.add("valid", report.valid()).add("checks", checks));
        }
        JsonArrayBuilder warnings = Json.createArrayBuilder();
        result.warnings().forEach(warnings::add);
        JsonObjectBuilder root = Json.createObjectBuilder().add("valid", result.valid());
        nullable(root, "format", result.format());
        JsonObject object = root.add("credentials", credentials).add("warnings", warnings).build();
        StringWriter text = new StringWriter();
        try (var writer = Json.createWriterFactory(Map.of(JsonGenerator.PRETTY_PRINTING, true)).createWriter(text)) {
            writer.writeObject(object);
        }
        return text.toString().strip();
    }

    static String report(Path file, VerificationResult result) {
        StringBuilder out = new StringBuilder();
        String verdict = result.valid() ? "VALID"
                : result.failures().isEmpty() && result.hasSkippedChecks() ? "NOT VERIFIED (checks were skipped)" : "INVALID";
        out.append(file).append(": ").append(verdict).append(" (").append(result.format()).append(")\n");
        for (CredentialReport report : result.credentials()) {
            out.append('\n').append(report.kind() == null ? "document" : report.kind()).append(' ').append(report.id());
            if (report.format() != null) {
                out.append(" (").append(report.format()).append(')');
            }
            out.append(report.valid() ? ": valid" : ": not valid").append('\n');
            if (report.issuer() != null) {
                out.append("  issuer: ").append(report.issuer()).append('\n');
            }
            for (Check check : report.checks()) {
                String tag = switch (check.outcome()) {
                    case PASSED -> "  [pass] ";
                    case FAILED -> "  [FAIL] ";
                    case SKIPPED -> "  [skip] ";
                };
                out.append(tag).append(check.name());
                if (!check.message().isBlank()) {
                    out.append(": ").append(check.message());
                }
                out.append('\n');
            }
        }
        if (!result.warnings().isEmpty()) {
            out.append("\nwarnings:\n");
            for (String warning : result.warnings()) {
                out.append("  - ").append(warning).append('\n');
            }
        }
        return out.toString();
    }

    private static void nullable(JsonObjectBuilder builder, String name, String value) {
        if (value == null) {
            builder.addNull(name);
        } else {
            builder.add(name, value);
        }
    }
}
