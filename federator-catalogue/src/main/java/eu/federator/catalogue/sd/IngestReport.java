package eu.federator.catalogue.sd;

import eu.federator.credentials.json.Json;
import eu.federator.credentials.json.JsonSyntaxException;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;

/**
 * What the ingest checked when a self-description was accepted, stored with it (column {@code ingest_report}) so that
 * its page can show the verification check by check without fetching anything again.
 *
 * @param checks     every check the trust core ran, per credential and presentation, in order
 * @param warnings   relaxed checks that failed, skipped checks, missing shapes
 * @param schema     how the claims were validated: {@code conforms}, or why not ({@code verifySchema=false}, no shapes)
 * @param compliance the compliance or label credential found, or null when none came with it
 */
public record IngestReport(List<CheckRow> checks, List<String> warnings, String schema, ComplianceInfo compliance) {
    public IngestReport {
        checks = List.copyOf(checks);
        warnings = List.copyOf(warnings);
    }

    /**
     * @param credential the credential's id or locator
     * @param kind       {@code VerifiableCredential} or {@code VerifiablePresentation}
     * @param check      the check's name (docs/verification.md)
     * @param outcome    {@code passed}, {@code failed} or {@code skipped}
     * @param message    what the check found
     */
    public record CheckRow(String credential, String kind, String check, String outcome, String message) {
        public CheckRow {
            Objects.requireNonNull(check, "check");
            Objects.requireNonNull(outcome, "outcome");
            message = message == null ? "" : message;
        }
    }

    /**
     * The compliance or label credential that came with the self-description.
     *
     * @param status     the outcome for the self-description
     * @param credential its id
     * @param type       {@code gx:LabelCredential} (Loire) or {@code gx:compliance} (Tagus)
     * @param issuer     the compliance service that issued it
     * @param level      the label level (Loire {@code gx:labelLevel}, e.g. {@code SC}), or null
     * @param validFrom  as stated, or null
     * @param validUntil as stated, or null
     * @param covered    ids of the credentials it lists
     * @param problems   why it does not make the self-description compliant (empty when it does)
     */
    public record ComplianceInfo(Compliance status, String credential, String type, String issuer, String level, String validFrom,
                                 String validUntil, List<String> covered, List<String> problems) {
        public ComplianceInfo {
            Objects.requireNonNull(status, "status");
            covered = List.copyOf(covered);
            problems = List.copyOf(problems);
        }
    }

    public String toJson() {
        JsonObjectBuilder o = Json.provider().createObjectBuilder();
        JsonArrayBuilder rows = Json.provider().createArrayBuilder();
        for (CheckRow c : checks) {
            JsonObjectBuilder row = Json.provider().createObjectBuilder();
            put(row, "credential", c.credential());
            put(row, "kind", c.kind());
            row.add("check", c.check()).add("outcome", c.outcome()).add("message", c.message());
            rows.add(row);
        }
        o.add("checks", rows);
        o.add("warnings", strings(warnings));
        put(o, "schema", schema);
        if (compliance != null) {
            JsonObjectBuilder c = Json.provider().createObjectBuilder().add("status", compliance.status().value());
            put(c, "credential", compliance.credential());
            put(c, "type", compliance.type());
            put(c, "issuer", compliance.issuer());
            put(c, "level", compliance.level());
            put(c, "validFrom", compliance.validFrom());
            put(c, "validUntil", compliance.validUntil());
            c.add("covered", strings(compliance.covered())).add("problems", strings(compliance.problems()));
            o.add("compliance", c);
        }
        return Json.write(o.build());
    }

    /** @throws IllegalStateException when the stored report is not what {@link #toJson} writes */
    public static IngestReport fromJson(String json) {
        JsonObject o;
        try {
            o = Json.parseObject(json.getBytes(StandardCharsets.UTF_8));
        } catch (JsonSyntaxException e) {
            throw new IllegalStateException("the stored ingest report is not JSON: " + e.getMessage(), e);
        }
        List<CheckRow> checks = o.get("checks") instanceof JsonArray a ? a.stream().filter(JsonObject.class::isInstance)
                .map(JsonObject.class::cast).map(r -> new CheckRow(text(r, "credential"), text(r, "kind"), text(r, "check"),
                        text(r, "outcome"), text(r, "message"))).toList() : List.of();
        ComplianceInfo compliance = null;
        if (o.get("compliance") instanceof JsonObject c) {
            compliance = new ComplianceInfo(Compliance.parse(text(c, "status")).orElse(Compliance.NOT_CHECKED), text(c, "credential"),
                    text(c, "type"), text(c, "issuer"), text(c, "level"), text(c, "validFrom"), text(c, "validUntil"),
                    list(c.get("covered")), list(c.get("problems")));
        }
        return new IngestReport(checks, list(o.get("warnings")), text(o, "schema"), compliance);
    }

    private static void put(JsonObjectBuilder o, String key, String value) {
        if (value != null) {
            o.add(key, value);
        }
    }

    private static JsonArrayBuilder strings(List<String> values) {
        JsonArrayBuilder a = Json.provider().createArrayBuilder();
        values.forEach(a::add);
        return a;
    }

    private static String text(JsonObject o, String key) {
        return o.get(key) instanceof JsonString s ? s.getString() : null;
    }

    private static List<String> list(JsonValue v) {
        return v instanceof JsonArray a ? a.stream().filter(JsonString.class::isInstance).map(s -> ((JsonString) s).getString()).toList()
                : List.of();
    }
}
