package eu.federator.credentials.trust;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The root certificates that certificate chains must lead to. Loaded from a PEM bundle (e.g. the Gaia-X registry's
 * anchors or a lab CA); {@link #none()} means no chain validation is configured.
 */
public final class TrustAnchors {

    private final List<X509Certificate> certificates;
    private final Set<TrustAnchor> anchors;

    private TrustAnchors(List<X509Certificate> certificates) {
        this.certificates = List.copyOf(certificates);
        Set<TrustAnchor> set = new LinkedHashSet<>();
        for (X509Certificate c : certificates) {
            set.add(new TrustAnchor(c, null));
        }
        this.anchors = Set.copyOf(set);
    }

    /**
     * @param pemBundle a file of one or more {@code -----BEGIN CERTIFICATE-----} blocks
     * @throws IOException when the file cannot be read, or with a message naming the file, the block and the line
     *                     when it has no certificate, a block is malformed, or it contains a private key
     */
    public static TrustAnchors fromPem(Path pemBundle) throws IOException {
        byte[] bytes = Files.readAllBytes(pemBundle);
        try {
            return of(Pem.certificates(bytes, "trust anchor bundle " + pemBundle));
        } catch (Pem.PemException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    public static TrustAnchors of(List<X509Certificate> certificates) {
        return new TrustAnchors(certificates);
    }

    public static TrustAnchors none() {
        return new TrustAnchors(List.of());
    }

    public boolean isEmpty() {
        return certificates.isEmpty();
    }

    public Set<TrustAnchor> anchors() {
        return anchors;
    }

    /** The anchor certificates in bundle order. */
    public List<X509Certificate> certificates() {
        return certificates;
    }

    /** True when the certificate is one of the anchors (byte-for-byte). */
    public boolean contains(X509Certificate certificate) {
        return certificates.contains(certificate);
    }

    @Override
    public String toString() {
        return "TrustAnchors" + certificates.stream().map(c -> c.getSubjectX500Principal().getName()).toList();
    }
}
