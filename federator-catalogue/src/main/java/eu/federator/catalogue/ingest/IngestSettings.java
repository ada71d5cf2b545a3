package eu.federator.catalogue.ingest;

import java.util.Set;

/**
 * How strictly the ingest pipeline checks submissions. Everything is on by default.
 *
 * @param verifySemantics   the VC/VP data model (structure, contexts, validity period)
 * @param verifySchema      SHACL validation against the composite shapes
 * @param verifyVpSignature the presentation's proof
 * @param verifyVcSignature each credential's proof
 * @param relaxedChecks     names of verification checks (docs/verification.md) whose failure is reported as a warning
 *                          instead of rejecting, e.g. {@code certificate.key-match} for test fixtures whose signing key
 *                          is not the key of its certificate. Empty by default; an operator's explicit, documented choice.
 * @param requireBaseClass  reject a submission none of whose subjects is a participant, service offering, resource or
 *                          data product (XFSC's "no proper CredentialSubject found")
 * @param compliance        whether a compliance credential must cover the submission, and whose
 */
public record IngestSettings(boolean verifySemantics, boolean verifySchema, boolean verifyVpSignature, boolean verifyVcSignature,
                             Set<String> relaxedChecks, boolean requireBaseClass, ComplianceRequirement compliance) {
    public IngestSettings {
        relaxedChecks = Set.copyOf(relaxedChecks);
        compliance = compliance == null ? ComplianceRequirement.NONE : compliance;
    }

    public static IngestSettings defaults() {
        return new IngestSettings(true, true, true, true, Set.of(), true, ComplianceRequirement.NONE);
    }

    public IngestSettings withRelaxedChecks(Set<String> checks) {
        return new IngestSettings(verifySemantics, verifySchema, verifyVpSignature, verifyVcSignature, checks, requireBaseClass, compliance);
    }

    public IngestSettings withSchemaValidation(boolean on) {
        return new IngestSettings(verifySemantics, on, verifyVpSignature, verifyVcSignature, relaxedChecks, requireBaseClass, compliance);
    }

    public IngestSettings withCompliance(ComplianceRequirement requirement) {
        return new IngestSettings(verifySemantics, verifySchema, verifyVpSignature, verifyVcSignature, relaxedChecks, requireBaseClass, requirement);
    }

    /** The same settings with the four XFSC verification toggles of one request applied (a toggle can only switch off). */
    public IngestSettings withToggles(boolean semantics, boolean schema, boolean vpSignature, boolean vcSignature) {
        return new IngestSettings(verifySemantics && semantics, verifySchema && schema, verifyVpSignature && vpSignature,
                verifyVcSignature && vcSignature, relaxedChecks, requireBaseClass, compliance);
    }

    /**
     * @param required       a compliance credential (Tagus {@code gx:compliance}, Loire {@code gx:LabelCredential}) must be
     *                       part of the submission and list every credential of the self-description with a matching hash
     * @param trustedIssuers the compliance services whose credentials count (DIDs)
     */
    public record ComplianceRequirement(boolean required, Set<String> trustedIssuers) {
        public static final ComplianceRequirement NONE = new ComplianceRequirement(false, Set.of());

        public ComplianceRequirement {
            trustedIssuers = Set.copyOf(trustedIssuers);
        }
    }
}
