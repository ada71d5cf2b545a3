package eu.federator.trustframework.issue;

import eu.federator.credentials.issue.CredentialSigner;
import eu.federator.credentials.json.Jcs;
import eu.federator.credentials.json.Json;
import eu.federator.credentials.verify.CredentialReport;
import eu.federator.trustframework.compliance.ComplianceReport;
import eu.federator.trustframework.compliance.LabelLevel;
import eu.federator.trustframework.compliance.RuleResult;
import eu.federator.trustframework.identity.ServiceIdentity;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

/**
 * The credentials a clearing house issues for a compliant input (see docs/compliance.md for the digests):
 * <ul>
 *   <li>Tagus (22.10): a JSON-LD compliance credential with one {@code gx:compliance} subject per input credential,
 *   {@code gx:integrity = "sha256-" + hex(SHA-256(UTF-8(JCS(credential))))} over the credential as received, proof
 *   included (RFC 8785), secured with a W3C-flavour JsonWebSignature2020 proof.</li>
 *   <li>Loire (25.11): a {@code gx:LabelCredential} VC-JWT whose {@code gx:compliantCredentials} carry
 *   {@code cred:digestSRI = "sha256-" + base64(SHA-256(bytes))} (W3C SRI form), where the bytes are the ASCII compact
 *   JWS of a VC-JWT, or the UTF-8 JCS of a JSON-LD credential.</li>
 * </ul>
 * Both are signed by the clearing house's own {@link ServiceIdentity}.
 */
public final class ComplianceCredentials {
    private ComplianceCredentials() {
    }

    static final String TRUSTFRAMEWORK_CONTEXT = "https://registry.lab.gaia-x.eu/development/api/trusted-shape-registry/v1/shapes/jsonld/trustframework#";
    static final String ENGINE_VERSION = engineVersion();

    public static JsonObject tagus(ComplianceReport report, String vcid, ServiceIdentity identity, Instant now, Duration lifetime) {
        requireCompliant(report);
        JsonArrayBuilder subjects = Json.provider().createArrayBuilder();
        for (CredentialReport credential : credentials(report)) {
            List<String> subjectTypes = subjectTypes(credential.document());
            subjects.add(Json.provider().createObjectBuilder()
                    .add("type", subjectTypes.contains("gx:ServiceOfferingLabelLevel1") ? "gx:labelLevel1" : "gx:compliance")
                    .add("id", credential.id())
                    .add("gx:integrity", integrity(credential))
                    .add("gx:integrityNormalization", "RFC8785:JCS")
                    .add("gx:version", report.version())
                    .add("gx:type", String.join(",", subjectTypes)));
        }
        JsonObject unsigned = Json.provider().createObjectBuilder()
                .add("@context", Json.provider().createArrayBuilder().add("https://www.w3.org/2018/credentials/v1")
                        .add("https://w3id.org/security/suites/jws-2020/v1").add(TRUSTFRAMEWORK_CONTEXT))
                .add("type", Json.provider().createArrayBuilder().add("VerifiableCredential"))
                .add("id", vcid)
                .add("issuer", identity.did())
                .add("issuanceDate", now.toString())
                .add("expirationDate", now.plus(lifetime).toString())
                .add("credentialSubject", subjects)
                .build();
        String signed = new CredentialSigner().sign(unsigned, identity.signingKey(), CredentialSigner.Format.JWS2020, now);
        try {
            return Json.parseObject(signed.getBytes(StandardCharsets.UTF_8));
        } catch (eu.federator.credentials.json.JsonSyntaxException e) {
            throw new IllegalStateException("the signer produced invalid JSON", e);
        }
    }

    /** @return the compact VC-JWT of a {@code gx:LabelCredential} */
    public static String label(ComplianceReport report, String vcid, ServiceIdentity identity, Instant now, Duration lifetime) {
        requireCompliant(report);
        LabelLevel level = report.level() == null ? LabelLevel.SC : report.level();
        JsonArrayBuilder compliant = Json.provider().createArrayBuilder();
        for (CredentialReport credential : credentials(report)) {
            compliant.add(Json.provider().createObjectBuilder()
                    .add("id", credential.id())
                    .add("type", "gx:CompliantCredential")
                    .add("gx:credentialType", String.join(",", credentialTypes(credential.document())))
                    .add("cred:digestSRI", Json.provider().createObjectBuilder()
                            .add("@type", "cred:sriString")
                            .add("@value", digestSri(credential))));
        }
        JsonArrayBuilder criteria = Json.provider().createArrayBuilder();
        report.rules().stream().map(RuleResult::id).distinct().forEach(criteria::add);
        JsonObject unsigned = Json.provider().createObjectBuilder()
                .add("@context", Json.provider().createArrayBuilder().add("https://www.w3.org/ns/credentials/v2").add("https://w3id.org/gaia-x/development#"))
                .add("type", Json.provider().createArrayBuilder().add("VerifiableCredential").add("gx:LabelCredential"))
                .add("id", vcid)
                .add("issuer", identity.did())
                .add("validFrom", now.toString())
                .add("validUntil", now.plus(lifetime).toString())
                .add("credentialSubject", Json.provider().createObjectBuilder()
                        .add("id", vcid + "#cs")
                        .add("type", "gx:LabelCredential")
                        .add("gx:labelLevel", level.name())
                        .add("gx:engineVersion", ENGINE_VERSION)
                        .add("gx:rulesVersion", report.version())
                        .add("gx:compliantCredentials", compliant)
                        .add("gx:validatedCriteria", criteria))
                .build();
        return new CredentialSigner().sign(unsigned, identity.signingKey(), CredentialSigner.Format.VC_JWT, now);
    }

    /** Tagus {@code gx:integrity} of a credential: {@code sha256-} and the hex SHA-256 of its JCS form as received. */
    public static String integrity(CredentialReport credential) {
        return "sha256-" + HexFormat.of().formatHex(sha256(jcs(credential.document())));
    }

    /** Loire {@code cred:digestSRI} of a credential: over the ASCII compact JWS, or the JCS form of a JSON-LD one. */
    public static String digestSri(CredentialReport credential) {
        byte[] digested = credential.compactJws() != null
                ? credential.compactJws().getBytes(StandardCharsets.US_ASCII) : jcs(credential.document());
        return "sha256-" + Base64.getEncoder().encodeToString(sha256(digested));
    }

    private static void requireCompliant(ComplianceReport report) {
        if (!report.compliant()) {
            throw new IllegalArgumentException("the input is not compliant (" + report.failures().size()
                    + " rules failed); compliance credentials are only issued for compliant input");
        }
    }

    private static List<CredentialReport> credentials(ComplianceReport report) {
        return report.verification().credentials().stream()
                .filter(c -> "VerifiableCredential".equals(c.kind()) && c.document() != null).toList();
    }

    private static List<String> credentialTypes(JsonObject credential) {
        List<String> types = new ArrayList<>(strings(credential.containsKey("type") ? credential.get("type") : credential.get("@type")));
        types.remove("VerifiableCredential");
        return types.isEmpty() ? subjectTypes(credential) : types;
    }

    private static List<String> subjectTypes(JsonObject credential) {
        List<String> types = new ArrayList<>();
        JsonValue subject = credential.get("credentialSubject");
        List<JsonValue> subjects = subject instanceof jakarta.json.JsonArray array ? array : subject == null ? List.of() : List.of(subject);
        for (JsonValue s : subjects) {
            if (s instanceof JsonObject o) {
                strings(o.containsKey("type") ? o.get("type") : o.get("@type")).stream().filter(t -> !types.contains(t)).forEach(types::add);
            }
        }
        return types;
    }

    private static List<String> strings(JsonValue value) {
        if (value instanceof JsonString s) {
            return List.of(s.getString());
        }
        return value instanceof jakarta.json.JsonArray a
                ? a.stream().filter(JsonString.class::isInstance).map(v -> ((JsonString) v).getString()).toList() : List.of();
    }

    private static byte[] jcs(JsonObject document) {
        return Jcs.canonicalize(document).getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private static String engineVersion() {
        String version = ComplianceCredentials.class.getPackage().getImplementationVersion();
        return "federator-" + (version == null ? "dev" : version);
    }
}
