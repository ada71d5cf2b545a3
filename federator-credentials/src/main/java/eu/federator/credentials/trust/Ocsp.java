package eu.federator.credentials.trust;

import eu.federator.credentials.internal.TtlCache;
import eu.federator.credentials.net.FetchException;
import eu.federator.credentials.net.Fetched;
import eu.federator.credentials.net.ResourceFetcher;
import org.bouncycastle.asn1.ASN1IA5String;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.OCSPException;
import org.bouncycastle.cert.ocsp.OCSPReqBuilder;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.cert.ocsp.SingleResp;
import org.bouncycastle.cert.ocsp.UnknownStatus;
import org.bouncycastle.operator.DigestCalculatorProvider;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.cert.CRLReason;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Set;

/**
 * OCSP (RFC 6960) for one certificate of a validated path, asked through the {@link ResourceFetcher} so that the
 * outbound guards (SSRF rules, size and time limits) or the web mirror apply. See {@link Revocation} for how OCSP
 * and CRLs are combined.
 *
 * <ul>
 *   <li><b>Request.</b> One {@code CertID} with SHA-1 hashes of the issuer's name and key, no nonce, no signature,
 *   sent with the GET form of RFC 6960 Appendix A.1: {@code {responder}/{URL-encoded base64(DER request)}}. SHA-1
 *   is what the lightweight profile (RFC 5019) prescribes and what CA responders reliably understand; it only
 *   identifies the certificate, the response is authenticated by its signature. Responders built on RFC 5019
 *   precompute signed responses and ignore nonces, and a nonce would defeat HTTP caching, so none is sent; replay
 *   is bounded by the response's validity window instead. Such a request is at most about 90 bytes of DER (20-byte
 *   serial), about 120 characters encoded; RFC 5019 recommends POST above 255 bytes, but the fetcher only issues GET (so that every fetch passes the
 *   same guard), so a longer URL (a responder URL with a long path) is still sent as GET, which responders accept in
 *   practice; a responder that refuses it fails like an unreachable one.</li>
 *   <li><b>Response.</b> The OCSP status must be {@code successful} and the response a {@code BasicOCSPResponse}
 *   signed either by the certificate's issuer or by a delegated responder certificate included in the response,
 *   issued (and signed) by that issuer, carrying the {@code id-kp-OCSPSigning} extended key usage and valid at the
 *   evaluation instant (its own revocation status is not checked, as with {@code id-pkix-ocsp-nocheck}); the
 *   signer is found by its signature, the response's {@code ResponderID} is not relied upon. One of
 *   its single responses must name the certificate (issuer name and key hashes, in whatever hash the responder
 *   used, and serial number), carry no unknown critical extension, and be current:
 *   {@code thisUpdate - 15 min <= at <= nextUpdate + 15 min}, the 15 minutes of clock skew the JDK's own OCSP
 *   checker allows; a response without {@code nextUpdate} is current only within that skew of {@code thisUpdate}.</li>
 *   <li><b>Answers.</b> {@code good}, {@code revoked} (a revocation time after the evaluation instant counts as
 *   good at that instant) or an {@link OcspException} for {@code unknown} and every failure.</li>
 *   <li><b>Cache.</b> A validated response is kept per request URL until its {@code nextUpdate} (at most the
 *   cache TTL, bounded in entries) and validated again on every use.</li>
 * </ul>
 */
final class Ocsp {

    static final String ACCEPT = "application/ocsp-response";
    static final Duration CLOCK_SKEW = Duration.ofMinutes(15);
    private static final String OCSP_SIGNING = "1.3.6.1.5.5.7.3.9";

    /** A definite answer of a responder about a certificate. */
    sealed interface Answer permits Good, Revoked {
        URI responder();
    }

    record Good(URI responder) implements Answer {
    }

    /** @param reason the CRL reason name (e.g. {@code KEY_COMPROMISE}), or null when the responder gave none */
    record Revoked(URI responder, Instant time, String reason) implements Answer {
    }

    private final ResourceFetcher fetcher;
    private final TtlCache<URI, BasicOCSPResp> responses;

    Ocsp(ResourceFetcher fetcher, TtlCache<URI, BasicOCSPResp> responses) {
        this.fetcher = fetcher;
        this.responses = responses;
    }

    /** The OCSP responder URLs in the certificate's Authority Information Access extension, in order. */
    static List<String> responders(X509Certificate cert) throws IOException {
        byte[] ext = cert.getExtensionValue(Extension.authorityInfoAccess.getId());
        if (ext == null) {
            return List.of();
        }
        AuthorityInformationAccess aia = AuthorityInformationAccess.getInstance(JcaX509ExtensionUtils.parseExtensionValue(ext));
        List<String> urls = new ArrayList<>();
        for (AccessDescription d : aia.getAccessDescriptions()) {
            GeneralName location = d.getAccessLocation();
            if (d.getAccessMethod().equals(AccessDescription.id_ad_ocsp)
                    && location.getTagNo() == GeneralName.uniformResourceIdentifier) {
                urls.add(ASN1IA5String.getInstance(location.getName()).getString());
            }
        }
        return urls;
    }

    /**
     * Asks one responder about {@code cert}.
     *
     * @throws OcspException for anything but a valid, current good or revoked answer; the message starts with
     *                       "the OCSP responder at URL"
     */
    Answer ask(URI responder, X509Certificate cert, X509Certificate issuer, Instant at) throws OcspException {
        String who = "the OCSP responder at " + responder;
        CertificateID id;
        X509CertificateHolder issuerHolder;
        URI request;
        try {
            issuerHolder = new JcaX509CertificateHolder(issuer);
            id = new CertificateID(digests().get(CertificateID.HASH_SHA1), issuerHolder, cert.getSerialNumber());
            request = requestUri(responder, new OCSPReqBuilder().addRequest(id).build().getEncoded());
        } catch (OCSPException | OperatorCreationException | CertificateException | IOException e) {
            throw new OcspException("cannot build the OCSP request for " + responder + ": " + e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new OcspException(who + " cannot be asked: " + e.getMessage());
        }
        BasicOCSPResp basic = responses.get(request);
        boolean cached = basic != null;
        if (!cached) {
            Fetched fetched;
            try {
                fetched = fetcher.fetch(request, ACCEPT);
            } catch (FetchException e) {
                throw new OcspException(who + " could not be reached: " + e.getMessage());
            }
            basic = parse(fetched.body(), who);
        }
        SingleResp single = validate(basic, who, cert, issuer, issuerHolder, at);
        if (!cached) {
            Instant until = single.getNextUpdate() != null ? single.getNextUpdate().toInstant()
                    : single.getThisUpdate().toInstant().plus(CLOCK_SKEW);
            responses.put(request, basic, Duration.between(Instant.now(), until));
        }
        CertificateStatus status = single.getCertStatus();
        if (status == CertificateStatus.GOOD) {
            return new Good(responder);
        }
        if (status instanceof RevokedStatus revoked) {
            Instant time = revoked.getRevocationTime().toInstant();
            if (time.isAfter(at)) {
                return new Good(responder); // revoked only after the evaluation instant
            }
            String reason = null;
            if (revoked.hasRevocationReason()) {
                int code = revoked.getRevocationReason();
                reason = code >= 0 && code < CRLReason.values().length ? CRLReason.values()[code].name() : "code " + code;
            }
            return new Revoked(responder, time, reason);
        }
        if (status instanceof UnknownStatus) {
            throw new OcspException(who + " answers \"unknown\" for " + describe(cert) + ": it does not know the certificate");
        }
        throw new OcspException(who + " answers an unrecognised status for " + describe(cert));
    }

    /** {@code responder/} followed by the URL-encoded base64 of the DER request (RFC 6960 Appendix A.1). */
    static URI requestUri(URI responder, byte[] der) {
        String base = responder.toString();
        if (responder.getRawQuery() != null || responder.getRawFragment() != null) {
            throw new IllegalArgumentException("its URL has a query or fragment, so the GET form of the request cannot be appended");
        }
        String encoded = URLEncoder.encode(Base64.getEncoder().encodeToString(der), StandardCharsets.US_ASCII);
        return URI.create(base + (base.endsWith("/") ? "" : "/") + encoded);
    }

    private static BasicOCSPResp parse(byte[] body, String who) throws OcspException {
        OCSPResp resp;
        try {
            resp = new OCSPResp(body);
        } catch (IOException | RuntimeException e) {
            throw new OcspException(who + " answered something that is not an OCSP response (" + body.length + " bytes): "
                    + e.getMessage());
        }
        if (resp.getStatus() != OCSPResp.SUCCESSFUL) {
            throw new OcspException(who + " answered with OCSP status " + statusName(resp.getStatus()));
        }
        Object object;
        try {
            object = resp.getResponseObject();
        } catch (OCSPException | RuntimeException e) {
            throw new OcspException(who + " answered an unreadable OCSP response: " + e.getMessage());
        }
        if (!(object instanceof BasicOCSPResp basic)) {
            throw new OcspException(who + " answered an OCSP response that is not a basic OCSP response");
        }
        return basic;
    }

    private static SingleResp validate(BasicOCSPResp basic, String who, X509Certificate cert, X509Certificate issuer,
                                       X509CertificateHolder issuerHolder, Instant at) throws OcspException {
        verifySigner(basic, who, issuer, at);
        Set<?> critical = basic.getCriticalExtensionOIDs();
        if (critical != null && !critical.isEmpty()) {
            throw new OcspException(who + " answered a response with unsupported critical extensions " + critical);
        }
        SingleResp single = find(basic, cert.getSerialNumber(), issuerHolder);
        if (single == null) {
            throw new OcspException(who + " answered a response that does not cover " + describe(cert)
                    + " (no single response with its issuer and serial number: CertID mismatch)");
        }
        Set<?> singleCritical = single.getCriticalExtensionOIDs();
        if (singleCritical != null && !singleCritical.isEmpty()) {
            throw new OcspException(who + " answered a response for " + describe(cert)
                    + " with unsupported critical extensions " + singleCritical);
        }
        Instant thisUpdate = single.getThisUpdate().toInstant();
        Instant nextUpdate = single.getNextUpdate() == null ? null : single.getNextUpdate().toInstant();
        Instant validUntil = (nextUpdate == null ? thisUpdate : nextUpdate).plus(CLOCK_SKEW);
        if (at.isBefore(thisUpdate.minus(CLOCK_SKEW)) || at.isAfter(validUntil)) {
            throw new OcspException(who + " answered a response for " + describe(cert) + " that is not current at " + at
                    + " (thisUpdate " + thisUpdate + ", nextUpdate " + (nextUpdate == null ? "none" : nextUpdate)
                    + ", tolerance " + CLOCK_SKEW.toMinutes() + " min)");
        }
        return single;
    }

    private static SingleResp find(BasicOCSPResp basic, BigInteger serial, X509CertificateHolder issuer) throws OcspException {
        DigestCalculatorProvider digests = digests();
        for (SingleResp single : basic.getResponses()) {
            CertificateID id = single.getCertID();
            try {
                if (id.getSerialNumber().equals(serial) && id.matchesIssuer(issuer, digests)) {
                    return single;
                }
            } catch (OCSPException | RuntimeException e) {
                // a hash algorithm we cannot compute: not a match
            }
        }
        return null;
    }

    /** The response must be signed by the issuer, or by an authorised responder certificate the issuer issued. */
    private static void verifySigner(BasicOCSPResp basic, String who, X509Certificate issuer, Instant at) throws OcspException {
        if (signedBy(basic, issuer.getPublicKey())) {
            return;
        }
        for (X509CertificateHolder holder : basic.getCerts()) {
            X509Certificate responder;
            try {
                responder = new JcaX509CertificateConverter().getCertificate(holder);
            } catch (CertificateException | RuntimeException e) {
                continue;
            }
            if (!signedBy(basic, responder.getPublicKey())) {
                continue;
            }
            String named = "the delegated responder certificate " + CertificateTrust.subject(responder);
            if (!responder.getIssuerX500Principal().equals(issuer.getSubjectX500Principal()) || !issuedBy(responder, issuer)) {
                throw new OcspException(who + " signed its response with " + named + ", which is not issued by "
                        + CertificateTrust.subject(issuer) + ", the issuer of the certificate asked about");
            }
            List<String> purposes;
            try {
                purposes = responder.getExtendedKeyUsage();
            } catch (CertificateException e) {
                purposes = null;
            }
            if (purposes == null || !purposes.contains(OCSP_SIGNING)) {
                throw new OcspException(who + " signed its response with " + named + ", which lacks the id-kp-OCSPSigning"
                        + " extended key usage, so " + CertificateTrust.subject(issuer) + " has not authorised it to answer for it");
            }
            Instant notBefore = responder.getNotBefore().toInstant();
            Instant notAfter = responder.getNotAfter().toInstant();
            if (at.isBefore(notBefore) || at.isAfter(notAfter)) {
                throw new OcspException(who + " signed its response with " + named + ", which is not valid at " + at
                        + " (notBefore " + notBefore + ", notAfter " + notAfter + ")");
            }
            return;
        }
        throw new OcspException(who + " answered a response whose signature does not verify with the key of the issuer "
                + CertificateTrust.subject(issuer) + " nor with a responder certificate included in it");
    }

    private static boolean signedBy(BasicOCSPResp basic, PublicKey key) {
        try {
            return basic.isSignatureValid(new JcaContentVerifierProviderBuilder().build(key));
        } catch (OCSPException | OperatorCreationException | RuntimeException e) {
            return false; // e.g. a key of another type than the signature algorithm
        }
    }

    private static boolean issuedBy(X509Certificate cert, X509Certificate issuer) {
        try {
            cert.verify(issuer.getPublicKey());
            return true;
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }

    private static DigestCalculatorProvider digests() throws OcspException {
        try {
            return new JcaDigestCalculatorProviderBuilder().build();
        } catch (OperatorCreationException e) {
            throw new OcspException("no digest provider for OCSP: " + e.getMessage());
        }
    }

    static String describe(X509Certificate cert) {
        return "certificate " + CertificateTrust.subject(cert) + " (serial 0x" + cert.getSerialNumber().toString(16) + ")";
    }

    private static String statusName(int status) {
        return switch (status) {
            case OCSPResp.MALFORMED_REQUEST -> "malformedRequest (1)";
            case OCSPResp.INTERNAL_ERROR -> "internalError (2)";
            case OCSPResp.TRY_LATER -> "tryLater (3)";
            case OCSPResp.SIG_REQUIRED -> "sigRequired (5)";
            case OCSPResp.UNAUTHORIZED -> "unauthorized (6)";
            default -> String.valueOf(status);
        };
    }

    static final class OcspException extends Exception {
        OcspException(String message) {
            super(message);
        }
    }
}
