package eu.federator.credentials.issue;

import com.nimbusds.jose.jwk.JWK;
import jakarta.json.JsonObject;

import java.time.Instant;

/**
 * Secures unsigned credentials and presentations: as VC-JOSE compact JWS ({@code vc+jwt} / {@code vp+jwt})
 * or with an embedded JsonWebSignature2020 proof (W3C flavour, or the Gaia-X legacy flavour for GXDCH-era
 * clients).
 */
public final class CredentialSigner {

    /** How to secure. */
    public enum Format { VC_JWT, JWS2020, JWS2020_LEGACY }

    /**
     * @param privateKey         the signing key (RSA, EC P-256/P-384, Ed25519)
     * @param verificationMethod the DID URL of the key, e.g. {@code did:web:example.com#key-1}; its DID is the issuer
     */
    public record SigningKey(JWK privateKey, String verificationMethod) {
    }

    /** @return a compact JWS for {@link Format#VC_JWT}, otherwise the JSON-LD document with its proof */
    public String sign(JsonObject document, SigningKey key, Format format, Instant now) {
        throw new UnsupportedOperationException("being implemented");
    }
}
