package eu.federator.server.cli;

import eu.federator.credentials.verify.VerifierSettings;
import eu.federator.trustframework.bundle.TrustFrameworks;
import eu.federator.trustframework.compliance.ComplianceEngine;
import eu.federator.trustframework.compliance.ComplianceOptions;
import eu.federator.trustframework.compliance.ComplianceReport;
import eu.federator.trustframework.compliance.LabelLevel;
import eu.federator.trustframework.compliance.RuleResult;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

@Command(name = "compliance", sortOptions = false, usageHelpAutoWidth = true,
        description = {"Evaluate a presentation offline against the Gaia-X trust framework it is written for: 22.10 Tagus "
                + "(VCDM 1.1 JSON-LD, or a JWT carrying one) or 25.11 Loire (vp+jwt of enveloped vc+jwt). Every rule is "
                + "evaluated and reported.",
                "Exit codes: 0 compliant, 1 not compliant (each failed rule listed), 2 usage error or unreadable file, 3 internal error."})
final class ComplianceCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "the presentation (JSON-LD or compact JWT)")
    Path file;

    @Option(names = "--web-mirror", paramLabel = "DIR",
            description = "answer every fetch of https://HOST/PATH from DIR/HOST/PATH (no network access at all)")
    Path webMirror;

    @Option(names = "--trust-anchors", paramLabel = "PEMFILE",
            description = "trusted root certificates; the signing keys' certificate chains must lead to one of them")
    Path trustAnchors;

    @Option(names = "--trusted-notary", paramLabel = "DID",
            description = "trust this registration-number notary (repeatable; added to the trust framework's defaults)")
    List<String> trustedNotaries = new ArrayList<>();

    @Option(names = "--at", paramLabel = "INSTANT", converter = InstantConverter.class,
            description = "evaluate validity periods and certificates at this ISO-8601 instant (default: now)")
    Instant at;

    @Option(names = "--level", paramLabel = "LEVEL", description = "Loire level: sc, l1, l2 or l3 (default sc; Tagus input ignores it)")
    String level;

    @Option(names = "--bundles", paramLabel = "DIR", description = "extra trust-framework versions and extensions (docs/trust-frameworks.md)")
    Path bundles;

    @Option(names = "--no-terms-per-issuer", description = "22.10: do not require a terms-and-conditions credential per issuer (GXDCH behaviour)")
    boolean noTermsPerIssuer;

    @Option(names = "--json", description = "print {\"compliant\", \"version\", \"rules\": [{\"id\", \"ok\", \"message\", \"focus\"}]}")
    boolean json;

    @Override
    public Integer call() {
        byte[] input = Files2.readInput(file, "file");
        Files2.directory(webMirror, "--web-mirror");
        Files2.readableFile(trustAnchors, "--trust-anchors");
        Files2.directory(bundles, "--bundles");
        LabelLevel labelLevel = null;
        if (level != null) {
            try {
                labelLevel = LabelLevel.valueOf(level.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new UsageException("--level " + level + ": expected sc, l1, l2 or l3");
            }
        }
        VerifierSettings settings = new VerifierSettings(webMirror == null ? null : webMirror.toAbsolutePath().normalize(),
                trustAnchors == null ? null : trustAnchors.toAbsolutePath().normalize(), null, false, false, null);
        ComplianceEngine engine;
        try {
            engine = ComplianceEngine.create(settings, TrustFrameworks.load(bundles));
        } catch (IOException e) {
            throw new UsageException("--trust-anchors " + trustAnchors + ": " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--bundles " + bundles + ": " + e.getMessage(), e);
        }
        ComplianceOptions options = ComplianceOptions.at(at == null ? Instant.now() : at)
                .withTrustedNotaries(new LinkedHashSet<>(trustedNotaries)).withTermsPerIssuer(!noTermsPerIssuer);
        ComplianceReport report = engine.evaluate(input, labelLevel, options);
        PrintWriter out = spec.commandLine().getOut();
        out.println(json ? toJson(report) : text(file, report));
        out.flush();
        return report.compliant() ? ExitCodes.OK : ExitCodes.INVALID;
    }

    static String toJson(ComplianceReport report) {
        JsonArrayBuilder rules = Json.createArrayBuilder();
        for (RuleResult rule : report.rules()) {
            JsonObjectBuilder r = Json.createObjectBuilder().add("id", rule.id()).add("ok", rule.ok()).add("message", rule.message());
            if (rule.focus() == null) {
                r.addNull("focus");
            } else {
                r.add("focus", rule.focus());
            }
            rules.add(r);
        }
        return Json.createObjectBuilder().add("compliant", report.compliant()).add("version", report.version())
                .add("rules", rules).build().toString();
    }

    static String text(Path file, ComplianceReport report) {
        StringBuilder out = new StringBuilder();
        out.append(file).append(": ").append(report.compliant() ? "COMPLIANT" : "NOT COMPLIANT").append(" (Gaia-X ")
                .append(report.version()).append(report.level() == null ? "" : ", " + report.level()).append(")\n");
        List<RuleResult> failures = report.failures();
        if (!failures.isEmpty()) {
            out.append('\n').append(failures.size()).append(" failed:\n");
            for (RuleResult rule : failures) {
                out.append("  [FAIL] ").append(rule.id()).append(rule.focus() == null ? "" : " @ " + rule.focus())
                        .append(": ").append(rule.message()).append('\n');
            }
        }
        long passed = report.rules().stream().filter(RuleResult::ok).count();
        out.append('\n').append(passed).append(" passed:\n");
        report.rules().stream().filter(RuleResult::ok).forEach(rule -> out.append("  [pass] ").append(rule.id())
                .append(rule.focus() == null ? "" : " @ " + rule.focus()).append(": ").append(rule.message()).append('\n'));
        return out.toString().stripTrailing();
    }
}
