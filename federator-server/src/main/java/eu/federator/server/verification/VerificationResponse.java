package eu.federator.server.verification;

import io.swagger.v3.oas.annotations.media.Schema;

import java.util.List;

/**
 * The body of a successful {@code POST /verification}: the XFSC VerificationResult fields, then Federator's report.
 */
@Schema(description = "XFSC VerificationResult fields plus Federator's verification report")
public record VerificationResponse(
        @Schema(description = "when the verification ran (ISO-8601)") String verificationTimestamp,
        @Schema(description = "always 'active' (XFSC)", example = "active") String lifecycleStatus,
        @Schema(description = "issuer of the first credential", nullable = true) String issuer,
        @Schema(description = "issuance date of the first credential (issuanceDate, validFrom, or JWT iat/nbf)", nullable = true) String issuedDateTime,
        @Schema(description = "verification methods whose signatures were verified") List<String> validatorDids,
        @Schema(description = "true only when every check ran and passed; false when any check was skipped") boolean verified,
        @Schema(description = "the input's format, e.g. ldp_vp, vc+jwt") String format,
        List<CredentialView> credentials,
        List<String> warnings) {

    public record CredentialView(String id, String issuer, String kind, String format, boolean valid, List<CheckView> checks) {
    }

    public record CheckView(@Schema(example = "proof.signature") String name, boolean ok,
                            @Schema(allowableValues = {"PASSED", "FAILED", "SKIPPED"}) String outcome, String message) {
    }
}
