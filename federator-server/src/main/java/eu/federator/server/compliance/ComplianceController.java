package eu.federator.server.compliance;

import eu.federator.credentials.issue.CredentialSigner;
import eu.federator.credentials.json.Json;
import eu.federator.trustframework.bundle.TrustFrameworks;
import eu.federator.trustframework.compliance.ComplianceEngine;
import eu.federator.trustframework.compliance.ComplianceOptions;
import eu.federator.trustframework.compliance.ComplianceReport;
import eu.federator.trustframework.compliance.LabelLevel;
import eu.federator.trustframework.compliance.RuleIds;
import eu.federator.trustframework.compliance.RuleResult;
import eu.federator.trustframework.identity.ServiceIdentity;
import eu.federator.trustframework.issue.ComplianceCredentials;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.json.JsonObject;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The GXDCH compliance API: {@code POST /api/credential-offers} (v1, Tagus 22.10) and
 * {@code POST /api/credential-offers/{standard-compliance,label-level-1,label-level-2,label-level-3}} (v2, Loire 25.11).
 * Status codes: 201 with the credential; 400 when the body cannot be read (not JSON, not a JWT, wrong trust-framework
 * version); 409 when a compliance rule fails (both versions, as GXDCH v1 does); 413 too large; 415 wrong content type;
 * 503 when no signing identity is configured. Errors use the envelope of {@link ComplianceErrors}.
 */
@RestController
@Tag(name = "Compliance", description = "Gaia-X clearing house compliance service (GXDCH compliance v1 Tagus and v2 Loire)")
public class ComplianceController {

    static final String VP_JWT = "application/vp+jwt";
    static final String VC_JWT = "application/vc+jwt";
    private static final Set<String> TAGUS_TYPES = Set.of("application/json", "application/ld+json", "application/vp+ld+json",
            VP_JWT, "application/jwt", "application/vp+ld+jwt", "application/vp+ld+json+jwt");
    private static final Set<String> LOIRE_TYPES = Set.of(VP_JWT, "application/jwt", "application/vp+ld+jwt", "application/vp+ld+json+jwt");
    private static final Pattern COMPACT_JWS = Pattern.compile("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]*\\.[A-Za-z0-9_-]*");

    private final ComplianceEngine engine;
    private final TrustFrameworks frameworks;
    private final ComplianceProperties properties;
    private final ObjectProvider<ServiceIdentity> identity;

    public ComplianceController(ComplianceEngine engine, TrustFrameworks frameworks, ComplianceProperties properties,
                                ObjectProvider<ServiceIdentity> identity) {
        this.engine = engine;
        this.frameworks = frameworks;
        this.properties = properties;
        this.identity = identity;
    }

    @PostMapping(path = "/api/credential-offers", produces = {MediaType.APPLICATION_JSON_VALUE, VC_JWT, "application/jwt"})
    @Operation(summary = "Tagus (22.10) compliance: evaluate a presentation and issue a compliance credential",
            description = """
                    Body: a VCDM 1.1 JSON-LD VerifiablePresentation (application/json, application/ld+json) or a JWT whose \
                    payload is one (application/vp+jwt, application/jwt). Every rule of the GXDCH v1 list is evaluated \
                    (signatures, registered shapes, SHACL, terms per issuer, legal address, CPR-08, registration number \
                    and notary, issuer matches, label level 1) and each failed rule is one entry of `errors` (409). \
                    `Accept: application/json` (default) returns the JSON-LD compliance credential with a \
                    JsonWebSignature2020 proof; `application/vc+jwt` or `application/jwt` returns it as a VC-JWT.""",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = {
                    @Content(mediaType = "application/json", schema = @Schema(type = "object")),
                    @Content(mediaType = "application/ld+json", schema = @Schema(type = "object")),
                    @Content(mediaType = VP_JWT, schema = @Schema(type = "string"))}),
            responses = {
                    @ApiResponse(responseCode = "201", description = "compliant: the compliance credential",
                            content = {@Content(mediaType = "application/json", schema = @Schema(type = "object")),
                                    @Content(mediaType = VC_JWT, schema = @Schema(type = "string"))}),
                    @ApiResponse(responseCode = "400", description = "the body is not JSON / not a JWT / not a 22.10 presentation", content = @Content(mediaType = "application/json", schema = @Schema(implementation = ComplianceErrors.Envelope.class))),
                    @ApiResponse(responseCode = "409", description = "a rule failed; `errors` lists every failed rule", content = @Content(mediaType = "application/json", schema = @Schema(implementation = ComplianceErrors.Envelope.class))),
                    @ApiResponse(responseCode = "413", description = "body too large", content = @Content(mediaType = "application/json", schema = @Schema(implementation = ComplianceErrors.Envelope.class))),
                    @ApiResponse(responseCode = "415", description = "unsupported Content-Type", content = @Content(mediaType = "application/json", schema = @Schema(implementation = ComplianceErrors.Envelope.class))),
                    @ApiResponse(responseCode = "503", description = "no signing identity configured", content = @Content(mediaType = "application/json", schema = @Schema(implementation = ComplianceErrors.Envelope.class)))})
    public ResponseEntity<String> tagus(@Parameter(hidden = true) InputStream body,
                                        @Parameter(hidden = true) @RequestHeader(value = HttpHeaders.CONTENT_TYPE, required = false) String contentType,
                                        @Parameter(hidden = true) @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept,
                                        @Parameter(description = "id of the issued credential (default: a generated id)") @RequestParam(required = false) String vcid)
            throws IOException {
        contentType(contentType, TAGUS_TYPES);
        byte[] input = body.readAllBytes();
        ComplianceReport report = evaluate(input, null, TrustFrameworks.TAGUS);
        ServiceIdentity service = identity();
        Instant now = Instant.now();
        JsonObject credential = ComplianceCredentials.tagus(report, id(vcid), service, now, properties.credentialLifetime());
        if (accept != null && (accept.toLowerCase(Locale.ROOT).contains(VC_JWT) || accept.toLowerCase(Locale.ROOT).contains("application/jwt"))) {
            var unsigned = Json.provider().createObjectBuilder(credential);
            unsigned.remove("proof");
            String jwt = new CredentialSigner().sign(unsigned.build(), service.signingKey(), CredentialSigner.Format.VC_JWT, now);
            String type = accept.toLowerCase(Locale.ROOT).contains(VC_JWT) ? VC_JWT : "application/jwt";
            return ResponseEntity.status(HttpStatus.CREATED).contentType(MediaType.parseMediaType(type)).body(jwt);
        }
        return ResponseEntity.status(HttpStatus.CREATED).contentType(MediaType.APPLICATION_JSON).body(Json.write(credential));
    }

    @PostMapping(path = "/api/credential-offers/{level}", produces = {VC_JWT, MediaType.APPLICATION_JSON_VALUE})
    @Operation(summary = "Loire (25.11) compliance: evaluate a vp+jwt and issue a gx:LabelCredential",
            description = """
                    Body: a compact VP-JWT (`application/vp+jwt`) whose verifiableCredential are \
                    EnvelopedVerifiableCredentials (data:application/vc+jwt,...). `level` is standard-compliance, \
                    label-level-1, label-level-2 or label-level-3. Every Loire rule is evaluated (signatures and \
                    certificate chains, validity, LegalPerson, gx:Issuer terms hash, registration number from a trusted \
                    notary, providedBy, issuer relations, SHACL, label criteria); 409 lists each failed rule in `errors`. \
                    201 returns the label credential as `application/vc+jwt`.""",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content =
            @Content(mediaType = VP_JWT, schema = @Schema(type = "string"))),
            responses = {
                    @ApiResponse(responseCode = "201", description = "compliant: the gx:LabelCredential", content = @Content(mediaType = VC_JWT, schema = @Schema(type = "string"))),
                    @ApiResponse(responseCode = "400", description = "the body is not a JWT / not a 25.11 presentation, or the level is unknown", content = @Content(mediaType = "application/json", schema = @Schema(implementation = ComplianceErrors.Envelope.class))),
                    @ApiResponse(responseCode = "409", description = "a rule failed; `errors` lists every failed rule", content = @Content(mediaType = "application/json", schema = @Schema(implementation = ComplianceErrors.Envelope.class))),
                    @ApiResponse(responseCode = "413", description = "body too large", content = @Content(mediaType = "application/json", schema = @Schema(implementation = ComplianceErrors.Envelope.class))),
                    @ApiResponse(responseCode = "415", description = "Content-Type is not application/vp+jwt", content = @Content(mediaType = "application/json", schema = @Schema(implementation = ComplianceErrors.Envelope.class))),
                    @ApiResponse(responseCode = "503", description = "no signing identity configured", content = @Content(mediaType = "application/json", schema = @Schema(implementation = ComplianceErrors.Envelope.class)))})
    public ResponseEntity<String> loire(@Parameter(description = "standard-compliance, label-level-1, label-level-2 or label-level-3") @PathVariable String level,
                                        @Parameter(hidden = true) InputStream body,
                                        @Parameter(hidden = true) @RequestHeader(value = HttpHeaders.CONTENT_TYPE, required = false) String contentType,
                                        @Parameter(description = "id of the issued credential (default: a generated id)") @RequestParam(required = false) String vcid)
            throws IOException {
        LabelLevel labelLevel;
        try {
            labelLevel = LabelLevel.fromPath(level);
        } catch (IllegalArgumentException e) {
            throw new ComplianceException(HttpStatus.NOT_FOUND, "Not Found", e.getMessage(), List.of(new ComplianceErrors.Entry("http.path", level, e.getMessage())));
        }
        contentType(contentType, LOIRE_TYPES);
        byte[] input = body.readAllBytes();
        String text = new String(input, StandardCharsets.UTF_8).trim();
        if (!COMPACT_JWS.matcher(text).matches()) {
            String why = text.isEmpty() ? "the body is empty" : text.startsWith("{") || text.startsWith("[")
                    ? "the body is JSON; send the compact VP-JWT (header.payload.signature) itself"
                    : "the body is not three base64url parts separated by dots (header.payload.signature)";
            throw new ComplianceException(HttpStatus.BAD_REQUEST, "Invalid verifiable presentation",
                    "The payload is not a valid JWT and was not decoded: " + why, List.of(new ComplianceErrors.Entry(RuleIds.INPUT, null, why)));
        }
        ComplianceReport report = evaluate(input, labelLevel, TrustFrameworks.LOIRE);
        String jwt = ComplianceCredentials.label(report, id(vcid), identity(), Instant.now(), properties.credentialLifetime());
        return ResponseEntity.status(HttpStatus.CREATED).contentType(MediaType.parseMediaType(VC_JWT)).body(jwt);
    }

    private ComplianceReport evaluate(byte[] input, LabelLevel level, String version) {
        ComplianceOptions options = properties.options(Instant.now(), version);
        ComplianceReport report = engine.evaluate(input, level, options);
        if (report.compliant()) {
            return report;
        }
        List<RuleResult> failures = report.failures();
        List<ComplianceErrors.Entry> errors = failures.stream().map(r -> new ComplianceErrors.Entry(r.id(), r.focus(), r.message())).toList();
        boolean unreadable = failures.stream().anyMatch(r -> r.id().equals(RuleIds.VERSION)
                || (r.id().equals(RuleIds.INPUT) && r.message().startsWith("syntax:")));
        String ids = String.join(", ", new LinkedHashSet<>(failures.stream().map(RuleResult::id).toList()));
        if (unreadable) {
            throw new ComplianceException(HttpStatus.BAD_REQUEST, "Invalid verifiable presentation",
                    "the presentation cannot be evaluated: " + failures.getFirst().message(), errors);
        }
        throw new ComplianceException(HttpStatus.CONFLICT, "Conflict", failures.size() + " compliance rule result(s) failed ("
                + ids + "); each entry of errors names the rule, its focus and how to fix it", errors);
    }

    private ServiceIdentity identity() {
        ServiceIdentity service = identity.getIfAvailable();
        if (service == null) {
            throw new ComplianceException(HttpStatus.SERVICE_UNAVAILABLE, "Service Unavailable",
                    "the input is compliant, but this clearing house has no signing identity configured to issue the credential",
                    List.of(new ComplianceErrors.Entry("service.identity", null, "configure the clearing house's did:web key and certificate chain")));
        }
        return service;
    }

    private String id(String vcid) {
        if (vcid != null && !vcid.isBlank()) {
            return vcid;
        }
        String uuid = UUID.randomUUID().toString();
        return properties.baseUrl() == null ? "urn:uuid:" + uuid : properties.baseUrl().replaceAll("/+$", "") + "/credential-offers/" + uuid;
    }

    private static void contentType(String header, Set<String> accepted) {
        String type = header == null ? "" : header.split(";")[0].trim().toLowerCase(Locale.ROOT);
        if (!accepted.contains(type)) {
            String message = (type.isEmpty() ? "no Content-Type given" : "Content-Type " + type + " is not supported")
                    + "; send one of " + accepted.stream().sorted().toList();
            throw new ComplianceException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Unsupported Media Type", message,
                    List.of(new ComplianceErrors.Entry("http.content-type", null, message)));
        }
    }
}
