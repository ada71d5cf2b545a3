package eu.federator.trustframework.identity;

import com.nimbusds.jose.jwk.JWK;
import eu.federator.credentials.issue.CredentialSigner;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;

/**
 * Federator's own signing identity as a clearing house: the did:web it publishes, the key it signs compliance,
 * label and registration-number credentials with, and the certificate chain its DID document points at by x5u.
 *
 * @param did                e.g. {@code did:web:federator.example.org}
 * @param verificationMethod e.g. {@code did:web:federator.example.org#X509-JWK2020}
 * @param privateKey         the signing key
 * @param chain              leaf first; the leaf's public key is the key's public half
 */
public record ServiceIdentity(String did, String verificationMethod, JWK privateKey, List<X509Certificate> chain) {

    public ServiceIdentity {
        Objects.requireNonNull(did, "did");
        Objects.requireNonNull(verificationMethod, "verificationMethod");
        Objects.requireNonNull(privateKey, "privateKey");
        chain = List.copyOf(chain);
        if (!verificationMethod.startsWith(did + "#")) {
            throw new IllegalArgumentException("the verification method " + verificationMethod + " is not a key of " + did);
        }
    }

    public CredentialSigner.SigningKey signingKey() {
        return new CredentialSigner.SigningKey(privateKey, verificationMethod);
    }
}
