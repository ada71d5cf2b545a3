package eu.federator.credentials.proof.jws2020;

/**
 * The three incompatible ways JsonWebSignature2020 is computed in the wild. All use the same detached,
 * unencoded-payload JWS ({@code {"alg":…,"b64":false,"crit":["b64"]}}); they differ in the payload.
 */
public enum Jws2020Flavour {
    /**
     * Gaia-X 22.04–22.10 (compliance and notary v1): payload = the 64 ASCII characters of lowercase hex
     * SHA-256 of the canonical document. The proof options (created, verificationMethod, purpose) are not
     * signed.
     */
    GAIAX_LEGACY("jws2020-legacy"),
    /**
     * W3C CCG JsonWebSignature2020: payload = SHA-256(canonical proof options with the document's
     * {@code @context}) || SHA-256(canonical document), 64 raw bytes.
     */
    W3C("jws2020-w3c"),
    /**
     * danubetech ld-signatures-java (XFSC classic): as {@link #W3C}, but the proof options are canonicalized
     * with the {@code @context} {@code https://w3id.org/security/v3} instead of the document's.
     */
    DANUBETECH("jws2020-danubetech");

    private final String id;

    Jws2020Flavour(String id) {
        this.id = id;
    }

    /** A stable identifier for reports and configuration. */
    public String id() {
        return id;
    }
}
