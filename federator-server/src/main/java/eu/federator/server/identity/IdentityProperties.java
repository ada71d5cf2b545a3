package eu.federator.server.identity;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The clearing house's own signing identity ({@code federator.identity.*}): the did:web under which Federator signs
 * compliance, label and registration-number credentials, its key and its certificate chain.
 *
 * <p>With no {@code key}, a key and a chain from a local CA are generated once into {@code <data-dir>/identity/} and
 * reused on every restart. That is for labs and tests: a production clearing house must configure a key whose
 * certificate chains to a trust anchor the verifiers accept (eIDAS qualified or EV TLS issuer), because every
 * credential it signs is only as trusted as that chain.
 *
 * @param publicUrl        the public base URL of this server, e.g. {@code https://federator.example.org}; the default DID
 *                         is derived from it ({@code did:web:federator.example.org}; a port becomes {@code %3A}, a path
 *                         becomes {@code :}-separated segments)
 * @param did              the DID, when it should not be derived from {@code public-url}; default {@code did:web:localhost}
 * @param key              private key file: PEM (PKCS#8, PKCS#1, SEC1, encrypted PKCS#8) or PKCS#12
 * @param keyPassword      password of an encrypted PEM or of the PKCS#12 store
 * @param keyAlias         PKCS#12 entry; default: the only key entry
 * @param certificateChain PEM file with the key's certificate chain, leaf first; optional when the key file carries it
 * @param keyType          type of a generated key: {@code rsa} (PS256, as GXDCH; default), {@code ec-p256}, {@code ec-p384}, {@code ed25519}
 * @param generatedValidity validity of a generated leaf certificate (the local CA gets ten years)
 */
@ConfigurationProperties("federator.identity")
public record IdentityProperties(
        URI publicUrl,
        String did,
        Path key,
        String keyPassword,
        String keyAlias,
        Path certificateChain,
        @DefaultValue("rsa") String keyType,
        @DefaultValue("825d") Duration generatedValidity) {

    public IdentityProperties {
        keyType = keyType == null ? "rsa" : keyType;
        generatedValidity = generatedValidity == null ? Duration.ofDays(825) : generatedValidity;
    }

    public static IdentityProperties defaults() {
        return new IdentityProperties(null, null, null, null, null, null, null, null);
    }
}
