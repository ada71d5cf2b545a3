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
import org.bouncycastle.cert.ocsp.BasicOCSPResp;

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

/**
 * Fail-closed revocation checking of a validated certificate path (see {@link CertificateTrust}), with OCSP
 * ({@link Ocsp}) and CRLs, both fetched through the {@link ResourceFetcher}.
 *
 * <p>Per certificate of the path (leaf and intermediates, not the anchor):
 * <ol>
 *   <li>Neither an OCSP responder (Authority Information Access) nor a CRL distribution point named: not checked.</li>
 *   <li>OCSP first: the http(s) responders are asked in order until one gives a valid, current {@code good} or
 *   {@code revoked} answer. That answer is final; the CRL is then not fetched (OCSP is fresher and much smaller).</li>
 *   <li>When no responder gives a definite answer (unreachable, refused by the outbound policy, garbage,
 *   bad signature, stale, CertID mismatch, {@code unknown}), or none is named, the CRL decides: a verified,
 *   current CRL that lists the certificate revokes it, one that does not list it clears it.</li>
 *   <li>Otherwise the certificate fails, naming every OCSP and CRL problem: fail-closed.</li>
 * </ol>
 */
final class Revocation {

    private static final String CRL_ACCEPT = "application/pkix-crl, application/x-pkcs7-crl;q=0.9, */*;q=0.1";
    private static final int KEY_USAGE_CRL_SIGN = 6;
    private static final String FAIL_CLOSED = " (revocation is checked fail-closed: make sure Federator may reach the"
            + " certificate's OCSP responder or CRL under its outbound policy, or ask its issuer to fix them)";

    private final ResourceFetcher fetcher;
    private final TtlCache<URI, X509CRL> crls;
    private final Ocsp ocsp;

    Revocation(ResourceFetcher fetcher, TtlCache<URI, X509CRL> crls, TtlCache<URI, BasicOCSPResp> ocspResponses) {
        this.fetcher = fetcher;
        this.crls = crls;
        this.ocsp = new Ocsp(fetcher, ocspResponses);
    }

    /**
     * @param failure why the path fails revocation checking, or null when no certificate is revoked
     * @param summary when it passes: how revocation was checked, to append to the chain check's message
     */
    record Outcome(String failure, String summary) {
    }

    /**
     * @param path   leaf first, without the anchor
     * @param anchor the trust anchor certificate that issued the last certificate of the path
     */
    Outcome check(List<X509Certificate> path, X509Certificate anchor, Instant at) {
        List<String> checked = new ArrayList<>();
        for (int i = 0; i < path.size(); i++) {
            X509Certificate cert = path.get(i);
            X509Certificate issuer = i + 1 < path.size() ? path.get(i + 1) : anchor;
            String subject = CertificateTrust.subject(cert);
            List<String> points;
            List<String> responders;
            try {
                points = distributionPoints(cert);
            } catch (IOException | RuntimeException e) {
                return failed("cannot read the CRL distribution points of " + subject + ": " + e.getMessage());
            }
            try {
                responders = Ocsp.responders(cert);
            } catch (IOException | RuntimeException e) {
                return failed("cannot read the Authority Information Access (OCSP responders) of " + subject + ": " + e.getMessage());
            }
            if (points.isEmpty() && responders.isEmpty()) {
                continue;
            }
            List<String> problems = new ArrayList<>();
            if (!responders.isEmpty()) {
                List<String> http = responders.stream().filter(Revocation::isHttp).toList();
                if (http.isEmpty()) {
                    problems.add("its OCSP responders " + responders + " are not http(s), which is not supported");
                }
                Ocsp.Answer definite = null;
                for (String url : http) {
                    try {
                        definite = ocsp.ask(URI.create(url), cert, issuer, at);
                        break;
                    } catch (Ocsp.OcspException e) {
                        problems.add(e.getMessage());
                    } catch (IllegalArgumentException e) {
                        problems.add("the OCSP responder URL " + url + " is not a valid URI: " + e.getMessage());
                    }
                }
                if (definite instanceof Ocsp.Revoked revoked) {
                    return failed("revoked: " + Ocsp.describe(cert) + " was revoked on " + revoked.time()
                            + (revoked.reason() == null ? "" : ", reason " + revoked.reason())
                            + " according to the OCSP responder at " + revoked.responder());
                }
                if (definite != null) {
                    checked.add(subject + ": OCSP");
                    continue;
                }
            }
            if (points.isEmpty()) {
                return failed("cannot check revocation of " + subject + ": " + String.join("; ", problems)
                        + ", and it names no CRL distribution point" + FAIL_CLOSED);
            }
            List<String> httpPoints = points.stream().filter(Revocation::isHttp).toList();
            if (httpPoints.isEmpty()) {
                problems.add("its CRL distribution points " + points + " are not http(s), which is not supported");
                return failed("cannot check revocation of " + subject + ": " + String.join("; ", problems) + FAIL_CLOSED);
            }
            String ocspNote = responders.isEmpty() ? "" : " (OCSP gave no answer: " + String.join("; ", problems) + ")";
            X509CRL crl = null;
            URI crlUri = null;
            for (String url : httpPoints) {
                try {
                    crlUri = URI.create(url);
                    crl = load(crlUri, issuer, at);
                    break;
                } catch (CrlException | IllegalArgumentException e) {
                    problems.add(e.getMessage());
                }
            }
            if (crl == null) {
                return failed("cannot check revocation of " + subject + ": " + String.join("; ", problems) + FAIL_CLOSED);
            }
            X509CRLEntry entry = crl.getRevokedCertificate(cert);
            if (entry != null && !entry.getRevocationDate().toInstant().isAfter(at)) {
                String reason = entry.getRevocationReason() == null ? "" : ", reason " + entry.getRevocationReason().name();
                return failed("revoked: " + Ocsp.describe(cert) + " was revoked on " + entry.getRevocationDate().toInstant()
                        + reason + " according to the CRL at " + crlUri + ocspNote);
            }
            checked.add(subject + ": CRL" + ocspNote);
        }
        return new Outcome(null, checked.isEmpty()
                ? ", no OCSP responders or CRL distribution points (revocation not checked)"
                : ", no certificate revoked (" + String.join("; ", checked) + ")");
    }

    private static Outcome failed(String why) {
        return new Outcome(why, null);
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
