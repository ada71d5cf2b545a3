package eu.federator.server.portal.onboarding;

import com.nimbusds.jose.jwk.JWK;
import eu.federator.credentials.keys.Certificates;
import eu.federator.credentials.keys.KeyMaterialException;
import eu.federator.credentials.keys.KeyType;
import eu.federator.credentials.keys.LocalCertificateAuthority;
import eu.federator.credentials.keys.PrivateKeys;
import eu.federator.server.config.ConfigurationError;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The portal's lab CA ({@code federator.portal.lab-ca}, default on): generated once into {@code <data-dir>/portal/lab-ca/},
 * it certifies the keys of identities hosted by the portal, and this Federator trusts it (see
 * {@code TrustAnchorConfiguration}). Nobody else does: it makes onboarding work end to end in a lab, not in production.
 */
public final class LabCertificateAuthority {
    static final String DIR = "lab-ca";
    static final String KEY_FILE = "ca-key.pem";
    static final String CERTIFICATE_FILE = "ca.pem";
    static final Duration LEAF_VALIDITY = Duration.ofDays(730);

    private final LocalCertificateAuthority ca;

    private LabCertificateAuthority(LocalCertificateAuthority ca) {
        this.ca = ca;
    }

    static LabCertificateAuthority disabled() {
        return new LabCertificateAuthority(null);
    }

    /** Loads the CA from {@code <portalDir>/lab-ca/}, creating it on the first start. */
    static LabCertificateAuthority load(Path portalDir, Instant now) {
        Path dir = portalDir.resolve(DIR);
        Path keyFile = dir.resolve(KEY_FILE);
        Path certificateFile = dir.resolve(CERTIFICATE_FILE);
        try {
            if (Files.exists(keyFile)) {
                JWK key = PrivateKeys.load(keyFile, null, null);
                List<X509Certificate> certificate = Certificates.readPem(certificateFile);
                return new LabCertificateAuthority(LocalCertificateAuthority.of(key, certificate.getFirst()));
            }
            LocalCertificateAuthority created = LocalCertificateAuthority.create("Federator portal lab CA", KeyType.EC_P256, now, Duration.ofDays(3650));
            Files.createDirectories(dir);
            Files.writeString(certificateFile, Certificates.toPem(List.of(created.certificate())), StandardCharsets.US_ASCII);
            PrivateKeys.writePem(created.privateKey(), keyFile); // last: its presence marks a complete CA
            return new LabCertificateAuthority(created);
        } catch (KeyMaterialException | IOException | RuntimeException e) {
            throw new ConfigurationError("the portal's lab CA in " + dir + " cannot be read or created: " + e.getMessage(),
                    "Make federator.data-dir writable, delete " + dir + " to generate a new lab CA (identities it certified stop verifying), "
                            + "or set federator.portal.lab-ca=false.");
        }
    }

    public boolean enabled() {
        return ca != null;
    }

    /** The CA certificate, when the lab CA is on. */
    public Optional<X509Certificate> certificate() {
        return Optional.ofNullable(ca).map(LocalCertificateAuthority::certificate);
    }

    /** A chain (leaf, this CA) for the public part of {@code key}, with the DNS name {@code host}. */
    List<X509Certificate> certify(JWK key, String host, Instant now) {
        if (ca == null) {
            throw new IllegalStateException("the lab CA is off");
        }
        try {
            return ca.chain(ca.issueLeaf(key, host, now, LEAF_VALIDITY));
        } catch (KeyMaterialException e) {
            throw new OnboardingException("the lab CA cannot certify a key for " + host + ": " + e.getMessage(), e);
        }
    }
}
