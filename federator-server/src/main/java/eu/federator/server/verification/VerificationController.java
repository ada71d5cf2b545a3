package eu.federator.server.verification;

import eu.federator.credentials.verify.Check;
import eu.federator.credentials.verify.CheckName;
import eu.federator.credentials.verify.CredentialReport;
import eu.federator.catalogue.ingest.IngestException;
import eu.federator.catalogue.ingest.IngestPipeline;
import eu.federator.catalogue.ingest.IngestSettings;
import eu.federator.credentials.verify.CredentialVerifier;
import eu.federator.credentials.verify.VerificationOptions;
import eu.federator.credentials.verify.VerificationResult;
import eu.federator.server.web.ProblemType;
import eu.federator.server.web.Problems;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * {@code POST /verification} with the semantics of the XFSC Federated Catalogue: verify a credential or presentation
 * without storing it.
 */
@RestController
@Tag(name = "Verification", description = "Verify credentials and presentations without storing them (XFSC Federated Catalogue API)")
public class VerificationController {
    private final CredentialVerifier verifier;
    private final IngestPipeline pipeline;
    private final IngestSettings settings;

    public VerificationController(CredentialVerifier verifier, IngestPipeline pipeline, IngestSettings settings) {
        this.verifier = verifier;
        this.pipeline = pipeline;
        this.settings = settings;
    }

    @PostMapping(path = "/verification", consumes = {
            MediaType.APPLICATION_JSON_VALUE, "application/ld+json", "application/vc+ld+json", "application/vp+ld+json",
            "application/vc+jwt", "application/vp+jwt", "application/jwt",
            "application/vc+ld+json+jwt", "application/vc+ld+jwt", "application/vp+ld+json+jwt"},
            produces = {MediaType.APPLICATION_JSON_VALUE, MediaType.APPLICATION_PROBLEM_JSON_VALUE})
    @Operation(summary = "Verify a credential or presentation",
            description = """
                    The body is one JSON-LD credential or presentation (VCDM 1.1 or 2.0, JsonWebSignature2020 proofs) or one \
                    compact JWT (vc+jwt, vp+jwt and their field variants). Nothing is stored.

                    200 when no check failed. `verified` is true only when no check was skipped either: switching a toggle \
                    off makes the result not verified. With `verifySchema` (default) the catalogue's own checks run too, \
                    exactly as `POST /self-descriptions` would apply them: every credential subject is read as RDF, \
                    classified by trust-framework base class (participant, service offering, resource, data product) and \
                    its claims are validated against the composite SHACL shapes of `/schemas`. 422 (problem detail) lists \
                    the failed checks and constraints; 400 when the body is not well-formed.""",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = {
                    @Content(mediaType = "application/ld+json", schema = @Schema(type = "object")),
                    @Content(mediaType = "application/json", schema = @Schema(type = "object")),
                    @Content(mediaType = "application/vc+jwt", schema = @Schema(type = "string")),
                    @Content(mediaType = "application/vp+jwt", schema = @Schema(type = "string"))}),
            responses = {
                    @ApiResponse(responseCode = "200", description = "no check failed",
                            content = @Content(mediaType = "application/json", schema = @Schema(implementation = VerificationResponse.class))),
                    @ApiResponse(responseCode = "400", description = "malformed body", content = @Content(mediaType = "application/problem+json")),
                    @ApiResponse(responseCode = "413", description = "body larger than federator.http.max-body-size", content = @Content(mediaType = "application/problem+json")),
                    @ApiResponse(responseCode = "415", description = "unsupported Content-Type", content = @Content(mediaType = "application/problem+json")),
                    @ApiResponse(responseCode = "422", description = "a check failed; 'errors' lists them", content = @Content(mediaType = "application/problem+json"))})
    public ResponseEntity<?> verify(
            @Parameter(hidden = true) InputStream body,
            @Parameter(hidden = true) @RequestHeader(name = "Content-Type", required = false) String contentType,
            @Parameter(description = "check the VC/VP data model (structure, contexts, validity period)")
            @RequestParam(defaultValue = "true") boolean verifySemantics,
            @Parameter(description = "classify the subjects and validate their claims against the catalogue's shapes (SHACL)")
            @RequestParam(defaultValue = "true") boolean verifySchema,
            @Parameter(description = "verify the presentation's proof") @RequestParam(defaultValue = "true") boolean verifyVPSignature,
            @Parameter(description = "verify each credential's proof") @RequestParam(defaultValue = "true") boolean verifyVCSignature)
            throws IOException {
        byte[] input = body.readAllBytes();
        Instant now = Instant.now();
        VerificationResult result = verifier.verify(input, new VerificationOptions(now, verifySemantics, verifyVPSignature, verifyVCSignature));
        List<VerificationResponse.CredentialView> credentials = views(result);
        List<Check> failures = result.failures();
        if (!failures.isEmpty()) {
            return Problems.response(failureProblem(result, credentials));
        }
        if (verifySchema) {
            try {
                // the trust core's failures were answered above, so no check is relaxed here: only the catalogue's own checks remain
                IngestPipeline.Accepted accepted = pipeline.examine(result, input, contentType,
                        settings.withToggles(verifySemantics, true, verifyVPSignature, verifyVCSignature).withRelaxedChecks(java.util.Set.of()),
                        null);
                result = new VerificationResult(result.format(), result.credentials(), accepted.warnings());
            } catch (IngestException e) {
                return Problems.response(catalogueProblem(e, result, credentials));
            }
        }
        CredentialReport first = result.credentials().stream().filter(c -> "VerifiableCredential".equals(c.kind())).findFirst()
                .orElse(result.credentials().getFirst());
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(new VerificationResponse(
                now.toString(), "active", first.issuer(), first.issued(), validators(result),
                result.valid() && !result.hasSkippedChecks(), result.format(), credentials, result.warnings()));
    }

    private static ProblemDetail failureProblem(VerificationResult result, List<VerificationResponse.CredentialView> credentials) {
        List<Map<String, String>> errors = new ArrayList<>();
        for (CredentialReport report : result.credentials()) {
            for (Check failed : report.failures()) {
                Map<String, String> error = new LinkedHashMap<>();
                error.put("credential", report.id());
                error.put("check", failed.name());
                error.put("message", failed.message());
                errors.add(error);
            }
        }
        boolean malformed = errors.stream().anyMatch(e -> CheckName.SYNTAX.equals(e.get("check")));
        String summary = errors.stream().map(e -> (e.get("credential") == null ? "" : e.get("credential") + ": ") + e.get("check")
                        + (e.get("message").isBlank() ? "" : " (" + e.get("message") + ")"))
                .collect(Collectors.joining("; "));
        String detail = errors.size() == 1 ? "1 check failed: " + summary : errors.size() + " checks failed: " + summary;
        ProblemDetail problem = malformed
                ? Problems.of(ProblemType.MALFORMED_INPUT, HttpStatus.BAD_REQUEST, detail)
                : Problems.of(ProblemType.VERIFICATION_FAILED, HttpStatus.UNPROCESSABLE_CONTENT, detail);
        problem.setProperty("errors", errors);
        // the XFSC error envelope, for clients of the Federated Catalogue API
        problem.setProperty("code", malformed ? "client_error" : "verification_error");
        problem.setProperty("message", detail);
        problem.setProperty("format", result.format());
        problem.setProperty("credentials", credentials);
        problem.setProperty("warnings", result.warnings());
        return problem;
    }

    /** The catalogue's checks failed (classification, SHACL, compliance): each problem with its focus. */
    private static ProblemDetail catalogueProblem(IngestException e, VerificationResult result, List<VerificationResponse.CredentialView> credentials) {
        List<Map<String, String>> errors = new ArrayList<>();
        for (IngestException.Problem p : e.problems()) {
            Map<String, String> error = new LinkedHashMap<>();
            error.put("credential", p.focus());
            error.put("check", p.check());
            error.put("message", p.message());
            errors.add(error);
        }
        boolean malformed = e.reason() == IngestException.Reason.MALFORMED;
        ProblemDetail problem = malformed
                ? Problems.of(ProblemType.MALFORMED_INPUT, HttpStatus.BAD_REQUEST, e.getMessage())
                : Problems.of(ProblemType.VERIFICATION_FAILED, HttpStatus.UNPROCESSABLE_CONTENT, e.getMessage());
        problem.setProperty("errors", errors);
        problem.setProperty("code", malformed ? "client_error" : "verification_error");
        problem.setProperty("message", e.getMessage());
        problem.setProperty("reason", e.reason().name().toLowerCase(java.util.Locale.ROOT));
        problem.setProperty("format", result.format());
        problem.setProperty("credentials", credentials);
        problem.setProperty("warnings", result.warnings());
        return problem;
    }

    /** Distinct verification methods whose signature verified, as XFSC lists its validators. */
    private static List<String> validators(VerificationResult result) {
        return result.credentials().stream()
                .filter(r -> r.verificationMethod() != null && r.check(CheckName.SIGNATURE).map(Check::ok).orElse(false))
                .map(CredentialReport::verificationMethod).distinct().toList();
    }

    static List<VerificationResponse.CredentialView> views(VerificationResult result) {
        return result.credentials().stream().map(c -> new VerificationResponse.CredentialView(c.id(), c.issuer(), c.kind(), c.format(),
                c.valid(), c.checks().stream().map(k -> new VerificationResponse.CheckView(k.name(), k.ok(), k.outcome().name(), k.message()))
                .toList())).toList();
    }
}
