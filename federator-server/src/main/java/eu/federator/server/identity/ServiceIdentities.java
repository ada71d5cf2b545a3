package eu.federator.server.identity;

import com.nimbusds.jose.jwk.JWK;
import eu.federator.credentials.keys.Certificates;
import eu.federator.credentials.keys.DidWebIdentity;
import eu.federator.credentials.keys.Jwks;
import eu.federator.credentials.keys.KeyMaterialException;
import eu.federator.credentials.keys.KeyType;
import eu.federator.credentials.keys.LocalCertificateAuthority;
import eu.federator.credentials.keys.PrivateKeys;
import eu.federator.server.config.ConfigurationError;
import eu.federator.trustframework.identity.ServiceIdentity;
import jakarta.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;

/**
 * Builds the clearing house's {@link ServiceIdentity} from {@link IdentityProperties} (no Spring needed): a configured
 * key and chain, or a key and local-CA chain generated once into {@code <data-dir>/identity/} and reused afterwards.
 * Every problem is a {@link ConfigurationError} that names the setting and says what to do.
 */
public final class ServiceIdentities {
    private static final Logger log = LoggerFactory.getLogger(ServiceIdentities.class);

    /** The verification method fragment GXDCH uses for its own key. */
    public static final String FRAGMENT = "X509-JWK2020";
    /** File name of the published chain (also the last path segment of the x5u URL). */
    public static final String CHAIN_FILE = "x509CertificateChain.pem";
    static final String IDENTITY_DIR = "identity";
    static final String KEY_FILE = "private-key.pem";
    static final String CA_FILE = "ca.pem";
    static final String DEFAULT_DID = "did:web:localhost";

    private ServiceIdentities() {
    }

    /**
     * The did:web for a public base URL: {@code https://h.example:8443/a/b/} → {@code did:web:h.example%3A8443:a:b}.
     *
     * @throws IllegalArgumentException when the URL has no host
     */
    public static String didFor(URI publicUrl) {
        if (publicUrl == null || publicUrl.getHost() == null || publicUrl.getHost().isEmpty()) {
            throw new IllegalArgumentException("'" + publicUrl + "' is not an absolute URL with a host, e.g. https://federator.example.org");
        }
        StringBuilder did = new StringBuilder("did:web:").append(publicUrl.getHost().toLowerCase(java.util.Locale.ROOT));
        if (publicUrl.getPort() >= 0) {
            did.append("%3A").append(publicUrl.getPort());
        }
        String path = publicUrl.getRawPath() == null ? "" : publicUrl.getRawPath();
        for (String segment : path.split("/")) {
            if (!segment.isEmpty()) {
                did.append(':').append(segment);
            }
        }
        return did.toString();
    }

    /** The DID the properties name: {@code did}, else derived from {@code public-url}, else {@value #DEFAULT_DID}. */
    public static String did(IdentityProperties properties) {
        String did;
        try {
            did = properties.did() != null && !properties.did().isBlank() ? properties.did().strip()
                    : properties.publicUrl() != null ? didFor(properties.publicUrl()) : DEFAULT_DID;
            DidWebIdentity parsed = DidWebIdentity.parse(did);
            if (!parsed.did().equals(did)) {
                throw new IllegalArgumentException("a DID without fragment or query is needed, e.g. " + parsed.did());
            }
        } catch (IllegalArgumentException e) {
            throw new ConfigurationError("federator.identity: " + e.getMessage(),
                    "Set federator.identity.did to a did:web DID (did:web:HOST[:PATH]) or federator.identity.public-url to this server's https base URL.");
        }
        return did;
    }

    /** Where the chain of the identity is published: next to its DID document ({@code https://HOST/.well-known/x509CertificateChain.pem}). */
    public static URI chainUrl(String did) {
        return DidWebIdentity.parse(did).directoryUrl().resolve(CHAIN_FILE);
    }

    /** The DID document: one JsonWebKey2020 method {@code #X509-JWK2020} with {@code alg} and {@code x5u}, in assertionMethod. */
    public static JsonObject didDocument(ServiceIdentity identity) {
        String fragment = identity.verificationMethod().substring(identity.verificationMethod().indexOf('#') + 1);
        return DidWebIdentity.parse(identity.did()).document(identity.privateKey(), fragment, chainUrl(identity.did()));
    }

    /**
     * Loads the configured key and chain, or generates (first start) / reloads (later starts) the lab identity in
     * {@code <dataDir>/identity/}.
     */
    public static ServiceIdentity load(IdentityProperties properties, Path dataDir, Instant now) {
        String did = did(properties);
        String vm = did + "#" + FRAGMENT;
        if (properties.key() != null) {
            return configured(properties, did, vm);
        }
        if (properties.certificateChain() != null) {
            throw new ConfigurationError("federator.identity.certificate-chain is set but federator.identity.key is not",
                    "Set federator.identity.key to the private key of that chain's leaf certificate, or remove the chain to use a generated lab identity.");
        }
        return generated(properties, did, vm, dataDir.resolve(IDENTITY_DIR), now);
    }

    private static ServiceIdentity configured(IdentityProperties p, String did, String vm) {
        JWK key;
        try {
            key = PrivateKeys.load(p.key(), p.keyPassword() == null ? null : p.keyPassword().toCharArray(), p.keyAlias());
        } catch (KeyMaterialException e) {
            throw new ConfigurationError("federator.identity.key: " + e.getMessage(),
                    "Give the clearing house's private key as PEM or PKCS#12 (with federator.identity.key-password when it is encrypted).");
        }
        List<X509Certificate> chain;
        if (p.certificateChain() != null) {
            try {
                chain = Certificates.readPem(p.certificateChain());
            } catch (KeyMaterialException e) {
                throw new ConfigurationError("federator.identity.certificate-chain: " + e.getMessage(),
                        "Give a PEM file with the key's certificate first, then its issuing CA certificates.");
            }
        } else {
            try {
                chain = key.getParsedX509CertChain() == null ? List.of() : key.getParsedX509CertChain();
            } catch (RuntimeException e) {
                chain = List.of();
            }
            if (chain.isEmpty()) {
                throw new ConfigurationError("federator.identity.key " + p.key() + " carries no certificate and federator.identity.certificate-chain is not set",
                        "Set federator.identity.certificate-chain to the PEM chain of the key (leaf first): verifiers need it at x5u to trust the clearing house's signatures.");
            }
        }
        requireLeafHoldsKey(key, chain.getFirst(), "federator.identity.certificate-chain",
                "Give the chain whose first certificate belongs to federator.identity.key (leaf first).");
        log.info("Clearing house identity {} with the configured key {} ({} certificates, leaf {})", did, p.key(), chain.size(),
                chain.getFirst().getSubjectX500Principal().getName());
        return new ServiceIdentity(did, vm, Jwks.withoutCertificates(key), chain);
    }

    private static ServiceIdentity generated(IdentityProperties p, String did, String vm, Path dir, Instant now) {
        Path keyFile = dir.resolve(KEY_FILE);
        Path chainFile = dir.resolve(CHAIN_FILE);
        Path caFile = dir.resolve(CA_FILE);
        String host = DidWebIdentity.parse(did).host();
        if (Files.exists(keyFile)) {
            try {
                JWK key = PrivateKeys.load(keyFile, null, null);
                List<X509Certificate> chain = Certificates.readPem(chainFile);
                requireLeafHoldsKey(key, chain.getFirst(), chainFile.toString(),
                        "Delete " + dir + " to generate a new lab identity, or configure federator.identity.key.");
                if (!dnsNames(chain.getFirst()).contains(host)) {
                    throw new ConfigurationError("the generated identity in " + dir + " was made for " + dnsNames(chain.getFirst())
                            + ", but the clearing house's DID is now " + did,
                            "Delete " + dir + " to generate a new key for " + host + " (credentials signed with the old key will no longer verify), "
                                    + "or set federator.identity.did / public-url back.");
                }
                log.info("Clearing house identity {} with the generated lab key in {} (configure federator.identity.key in production)", did, dir);
                return new ServiceIdentity(did, vm, Jwks.withoutCertificates(key), chain);
            } catch (KeyMaterialException e) {
                throw new ConfigurationError("the generated identity in " + dir + " is unreadable: " + e.getMessage(),
                        "Delete " + dir + " to generate a new lab identity, or configure federator.identity.key.");
            }
        }
        KeyType type;
        try {
            type = KeyType.fromLabel(p.keyType());
        } catch (IllegalArgumentException e) {
            throw new ConfigurationError("federator.identity.key-type: " + e.getMessage(), "Use rsa, rsa-3072, ec-p256, ec-p384 or ed25519.");
        }
        try {
            JWK key = type.generate();
            LocalCertificateAuthority ca = LocalCertificateAuthority.create("Federator clearing house lab CA for " + host, type, now, Duration.ofDays(3650));
            List<X509Certificate> chain = ca.chain(ca.issueLeaf(key, host, now, p.generatedValidity()));
            Files.createDirectories(dir);
            Files.writeString(chainFile, Certificates.toPem(chain), StandardCharsets.US_ASCII);
            Files.writeString(caFile, Certificates.toPem(List.of(ca.certificate())), StandardCharsets.US_ASCII);
            PrivateKeys.writePem(key, keyFile); // last: its presence marks a complete identity
            log.warn("Generated a lab identity for the clearing house {} in {} ({}; chain from a local CA, {}). "
                    + "A production clearing house must configure federator.identity.key and certificate-chain "
                    + "with a certificate that chains to a trust anchor (eIDAS / EV).", did, dir, type.description(), caFile);
            return new ServiceIdentity(did, vm, Jwks.withoutCertificates(key), chain);
        } catch (KeyMaterialException | IOException e) {
            throw new ConfigurationError("cannot create the lab identity in " + dir + ": " + e.getMessage(),
                    "Make federator.data-dir writable, or configure federator.identity.key and certificate-chain.");
        }
    }

    private static void requireLeafHoldsKey(JWK key, X509Certificate leaf, String setting, String action) {
        try {
            if (!Arrays.equals(Jwks.publicKey(key).getEncoded(), leaf.getPublicKey().getEncoded())) {
                throw new ConfigurationError(setting + ": the first certificate (" + leaf.getSubjectX500Principal().getName()
                        + ") does not hold the public key of the configured private key", action);
            }
        } catch (KeyMaterialException e) {
            throw new ConfigurationError(setting + ": cannot compare the key with the certificate: " + e.getMessage(), action);
        }
    }

    static List<String> dnsNames(X509Certificate certificate) {
        List<String> names = new ArrayList<>();
        try {
            Collection<List<?>> sans = certificate.getSubjectAlternativeNames();
            if (sans != null) {
                for (List<?> san : sans) {
                    if (san.size() >= 2 && Integer.valueOf(2).equals(san.get(0))) {
                        names.add(String.valueOf(san.get(1)));
                    }
                }
            }
        } catch (CertificateParsingException e) {
            // no names
        }
        return names;
    }
}
