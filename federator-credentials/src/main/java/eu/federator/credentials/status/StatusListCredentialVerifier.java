package eu.federator.credentials.status;

import eu.federator.credentials.verify.VerificationResult;

/**
 * Verifies a fetched status list credential (its proof, issuer and so on). The caller plugs in the full credential
 * verifier; {@link StatusListChecker} only trusts a list whose result is {@link VerificationResult#valid()}.
 */
@FunctionalInterface
public interface StatusListCredentialVerifier {

    /** @param statusListCredential the bytes as fetched: a JSON-LD credential or a compact JWS (vc+jwt, JWT-VC) */
    VerificationResult verify(byte[] statusListCredential);
}
