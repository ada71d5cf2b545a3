package eu.federator.credentials.verify;

import com.nimbusds.jose.jwk.JWK;
import eu.federator.credentials.did.DidDocument;
import eu.federator.credentials.did.DidResolutionException;
import eu.federator.credentials.did.DidResolver;
import eu.federator.credentials.did.VerificationMethod;

import java.util.List;
import java.util.Set;

/**
 * Finds the public key behind a verification method and checks that the DID document authorises it for
 * the proof's purpose. Both securing mechanisms (embedded proofs and JOSE) go through here.
 */
final class KeyBinding {

    /** The outcome: the checks to report and, when resolved, the key. */
    record Resolved(List<Check> checks, JWK key, String signerDid) {
        boolean found() {
            return key != null;
        }
    }

    private final DidResolver dids;

    KeyBinding(DidResolver dids) {
        this.dids = dids;
    }

    /**
     * @param methodId          the verification method (proof.verificationMethod, or the JWS kid made absolute)
     * @param purpose           the proof purpose the proof claims; null for JOSE, where the kind of document implies it
     *                          and any of the accepted purposes will do
     * @param acceptedPurposes  purposes acceptable for this kind of document, in order of preference
     */
    Resolved resolve(String methodId, String purpose, Set<String> acceptedPurposes) {
        if (methodId == null || methodId.isBlank()) {
            return new Resolved(List.of(Check.failed(CheckName.KEY_RESOLVED, "the proof names no verification method")), null, null);
        }
        if (!methodId.startsWith("did:")) {
            return new Resolved(List.of(Check.failed(CheckName.KEY_RESOLVED,
                    "unknown verification method " + methodId + ": not a DID URL, so no DID document says whose key it is")), null, null);
        }
        String did = Fields.didOf(methodId);
        DidDocument document;
        try {
            document = dids.resolve(did);
        } catch (DidResolutionException e) {
            String message = e.getMessage().contains(did) ? e.getMessage() : "cannot resolve " + did + ": " + e.getMessage();
            return new Resolved(List.of(Check.failed(CheckName.KEY_RESOLVED, message)), null, did);
        }
        VerificationMethod method = document.method(methodId).orElse(null);
        if (method == null) {
            List<String> known = document.verificationMethods().stream().map(VerificationMethod::id).toList();
            return new Resolved(List.of(Check.failed(CheckName.KEY_RESOLVED,
                    "the DID document of " + did + " has no verification method " + methodId + " (it lists " + known + ")")), null, did);
        }
        if (method.publicKey() == null) {
            return new Resolved(List.of(Check.failed(CheckName.KEY_RESOLVED,
                    methodId + " has no public key in a supported form (publicKeyJwk or publicKeyMultibase)")), null, did);
        }
        Check resolved = Check.passed(CheckName.KEY_RESOLVED, methodId + " (" + method.type() + ") resolved from the DID document of " + did);
        Check purposeCheck;
        if (purpose == null) {
            purposeCheck = acceptedPurposes.stream().filter(p -> document.authorizes(methodId, p)).findFirst()
                    .map(p -> Check.passed(CheckName.PROOF_PURPOSE, methodId + " is listed under " + p))
                    .orElseGet(() -> Check.failed(CheckName.PROOF_PURPOSE, "the DID document of " + did + " does not list " + methodId
                            + " under " + String.join(" or ", acceptedPurposes) + "; the key may not be used for this purpose"));
        } else if (!acceptedPurposes.contains(purpose)) {
            purposeCheck = Check.failed(CheckName.PROOF_PURPOSE, "proof purpose " + (purpose == null ? "(none)" : "\"" + purpose + "\"")
                    + " is not accepted here; expected " + String.join(" or ", acceptedPurposes));
        } else if (!document.authorizes(methodId, purpose)) {
            purposeCheck = Check.failed(CheckName.PROOF_PURPOSE, "the DID document of " + did + " does not list " + methodId
                    + " under " + purpose + "; the key may not be used for this purpose");
        } else {
            purposeCheck = Check.passed(CheckName.PROOF_PURPOSE, methodId + " is listed under " + purpose);
        }
        return new Resolved(List.of(resolved, purposeCheck), method.publicKey(), did);
    }
}
