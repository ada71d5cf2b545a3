package eu.federator.credentials.trust;

import eu.federator.credentials.internal.TtlCache;
import eu.federator.credentials.net.FetchException;
import eu.federator.credentials.net.Fetched;
import eu.federator.credentials.net.ResourceFetcher;
import org.bouncycastle.asn1.ASN1IA5String;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.security.GeneralSecurityException;
import java.security.cert.CRLException;
import java.security.cert.X509CRL;
import java.security.cert.X509CRLEntry;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Fail-closed CRL checking of a validated certificate path (see {@link CertificateTrust}). */
final class Revocation {

    private static final String CRL_ACCEPT = "application/pkix-crl, application/x-pkcs7-crl;q=0.9, */*;q=0.1";
    private static final int KEY_USAGE_CRL_SIGN = 6;

    private final ResourceFetcher fetcher;
    private final TtlCache<URI, X509CRL> crls;

    Revocation(ResourceFetcher fetcher, TtlCache<URI, X509CRL> crls) {
        this.fetcher = fetcher;
        this.crls = crls;
    }

    /**
     * @param path   leaf first, without the anchor
     * @param anchor the trust anchor certificate that issued the last certificate of the path
     * @return why the path fails revocation checking, or empty when no certificate is revoked
     */
    Optional<String> check(List<X509Certificate> path, X509Certificate anchor, Instant at) {
        for (int i = 0; i < path.size(); i++) {
            X509Certificate cert = path.get(i);
            X509Certificate issuer = i + 1 < path.size() ? path.get(i + 1) : anchor;
            List<String> points;
            try {
                points = distributionPoints(cert);
            } catch (IOException | RuntimeException e) {
                return Optional.of("cannot read the CRL distribution points of " + CertificateTrust.subject(cert) + ": " + e.getMessage());
            }
            if (points.isEmpty()) {
                continue;
            }
            List<String> http = points.stream().filter(Revocation::isHttp).toList();
            if (http.isEmpty()) {
                return Optional.of("cannot check revocation of " + CertificateTrust.subject(cert) + ": its CRL distribution points "
                        + points + " are not http(s), which is not supported (revocation is checked fail-closed)");
            }
            List<String> errors = new ArrayList<>();
            X509CRL crl = null;
            URI crlUri = null;
            for (String url : http) {
                try {
                    crlUri = URI.create(url);
                    crl = load(crlUri, issuer, at);
                    break;
                } catch (CrlException | IllegalArgumentException e) {
                    errors.add(e.getMessage());
                }
            }
            if (crl == null) {
                return Optional.of("cannot check revocation of " + CertificateTrust.subject(cert) + ": "
                        + String.join("; ", errors) + " (revocation is checked fail-closed)");
            }
            X509CRLEntry entry = crl.getRevokedCertificate(cert);
            if (entry != null && !entry.getRevocationDate().toInstant().isAfter(at)) {
                String reason = entry.getRevocationReason() == null ? "" : ", reason " + entry.getRevocationReason().name();
                return Optional.of("revoked: certificate " + CertificateTrust.subject(cert) + " (serial 0x"
                        + cert.getSerialNumber().toString(16) + ") was revoked on " + entry.getRevocationDate().toInstant()
                        + reason + " according to the CRL at " + crlUri);
            }
        }
        return Optional.empty();
    }

    /** ", not revoked (CRL checked)" when any certificate of the path names a CRL. */
    String summary(List<X509Certificate> path) {
        for (X509Certificate c : path) {
            try {
                if (!distributionPoints(c).isEmpty()) {
                    return ", no certificate revoked (CRLs checked)";
                }
            } catch (IOException | RuntimeException e) {
                return "";
            }
        }
        return ", no CRL distribution points (revocation not checked)";
    }

    private X509CRL load(URI uri, X509Certificate issuer, Instant at) throws CrlException {
        X509CRL crl = crls.get(uri);
        if (crl == null) {
            Fetched fetched;
            try {
                fetched = fetcher.fetch(uri, CRL_ACCEPT);
            } catch (FetchException e) {
                throw new CrlException("the CRL at " + uri + " could not be fetched: " + e.getMessage());
            }
            try {
                crl = (X509CRL) Pem.factory().generateCRL(new ByteArrayInputStream(fetched.body()));
            } catch (CRLException | RuntimeException e) {
                throw new CrlException("the CRL at " + uri + " cannot be parsed: " + e.getMessage());
            }
            if (crl == null) {
                throw new CrlException("the CRL at " + uri + " is empty");
            }
        }
        if (!crl.getIssuerX500Principal().equals(issuer.getSubjectX500Principal())) {
            throw new CrlException("the CRL at " + uri + " is issued by " + crl.getIssuerX500Principal().getName()
                    + ", not by the certificate's issuer " + CertificateTrust.subject(issuer) + " (indirect CRLs are not supported)");
        }
        boolean[] usage = issuer.getKeyUsage();
        if (usage != null && (usage.length <= KEY_USAGE_CRL_SIGN || !usage[KEY_USAGE_CRL_SIGN])) {
            throw new CrlException("the issuer " + CertificateTrust.subject(issuer) + " may not sign CRLs (no cRLSign key usage)");
        }
        try {
            crl.verify(issuer.getPublicKey());
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new CrlException("the CRL at " + uri + " is not signed by " + CertificateTrust.subject(issuer) + ": " + e.getMessage());
        }
        if (crl.getCriticalExtensionOIDs() != null && !crl.getCriticalExtensionOIDs().isEmpty()) {
            throw new CrlException("the CRL at " + uri + " has critical extensions " + crl.getCriticalExtensionOIDs()
                    + " (delta and partitioned CRLs are not supported)");
        }
        Instant thisUpdate = crl.getThisUpdate().toInstant();
        Instant nextUpdate = crl.getNextUpdate() == null ? null : crl.getNextUpdate().toInstant();
        if (at.isBefore(thisUpdate) || (nextUpdate != null && at.isAfter(nextUpdate))) {
            throw new CrlException("the CRL at " + uri + " is not current at " + at + " (thisUpdate " + thisUpdate
                    + ", nextUpdate " + nextUpdate + ")");
        }
        Duration lifetime = nextUpdate == null ? Duration.ofDays(1) : Duration.between(Instant.now(), nextUpdate);
        crls.put(uri, crl, lifetime);
        return crl;
    }

    static List<String> distributionPoints(X509Certificate cert) throws IOException {
        byte[] ext = cert.getExtensionValue(Extension.cRLDistributionPoints.getId());
        if (ext == null) {
            return List.of();
        }
        CRLDistPoint dp = CRLDistPoint.getInstance(JcaX509ExtensionUtils.parseExtensionValue(ext));
        List<String> urls = new ArrayList<>();
        for (DistributionPoint point : dp.getDistributionPoints()) {
            DistributionPointName name = point.getDistributionPoint();
            if (name == null || name.getType() != DistributionPointName.FULL_NAME) {
                continue;
            }
            for (GeneralName g : GeneralNames.getInstance(name.getName()).getNames()) {
                if (g.getTagNo() == GeneralName.uniformResourceIdentifier) {
                    urls.add(ASN1IA5String.getInstance(g.getName()).getString());
                }
            }
        }
        return urls;
    }

    private static boolean isHttp(String url) {
        String lower = url.toLowerCase(Locale.ROOT);
        return lower.startsWith("https://") || lower.startsWith("http://");
    }

    static final class CrlException extends Exception {
        CrlException(String message) {
            super(message);
        }
    }
}
