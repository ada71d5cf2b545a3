package eu.federator.credentials.verify;

/**
 * Verifies one input: a JSON-LD credential or presentation (VCDM 1.1 / 2.0, JsonWebSignature2020 proofs),
 * a compact JWS (vc+jwt, vp+jwt and field variants, VCDM 1.1 JWT-VC/VP) or a JSON-LD envelope of one.
 * Never throws on bad input: malformed bytes give a result whose {@code syntax} check failed.
 */
public final class CredentialVerifier {

    private CredentialVerifier() {
    }

    public static CredentialVerifier create(VerifierSettings settings) {
        throw new UnsupportedOperationException("being implemented");
    }

    public VerificationResult verify(byte[] input, VerificationOptions options) {
        throw new UnsupportedOperationException("being implemented");
    }
}
