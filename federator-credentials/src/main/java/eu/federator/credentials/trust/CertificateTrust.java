package eu.federator.credentials.trust;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.Base64URL;
import eu.federator.credentials.internal.TtlCache;
import eu.federator.credentials.net.FetchException;
import eu.federator.credentials.net.Fetched;
import eu.federator.credentials.net.ResourceFetcher;
import eu.federator.credentials.verify.Check;
import eu.federator.credentials.verify.CheckName;

import java.net.URI;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.PKIXCertPathValidatorResult;
import java.security.cert.PKIXParameters;
import java.security.cert.PKIXReason;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Binds a public JWK to X.509: the key must be the public key of the leaf certificate of its {@code x5u} (PEM chain
 * fetched through the {@link ResourceFetcher}) or {@code x5c} chain, every certificate must be valid at the
 * evaluation instant, and — when trust anchors are configured — the chain must validate (PKIX) to one of them
 * and no certificate may be revoked.
 *
 * <p>Checks emitted by {@link #check}:
 * <ul>
 *   <li>{@link CheckName#CERTIFICATE_KEY}, {@link CheckName#CERTIFICATE_VALIDITY}: whenever the JWK names a chain.</li>
 *   <li>{@link CheckName#CERTIFICATE_CHAIN}: only when anchors are configured; it then also fails for a JWK that
 *   names no chain. A leaf certificate that is itself an anchor (a pinned self-signed certificate) passes.</li>
 * </ul>
 *
 * <p>When both {@code x5c} and {@code x5u} are present, the chain comes from {@code x5c}, and the leaf at {@code x5u}
 * must be the same certificate. {@code x5t} / {@code x5t#S256}, when present, must match the leaf.
 *
 * <p><b>Revocation.</b> Every certificate of the validated path (leaf and intermediates, not the anchor) that
 * names an http(s) OCSP responder (Authority Information Access) or CRL distribution point is revocation-checked;
 * both are fetched through the fetcher, so the SSRF guards, size and time limits or the web mirror apply.
 * <ul>
 *   <li><b>OCSP first</b> (RFC 6960, GET form, SHA-1 CertID, no nonce): a response signed by the issuer or by a
 *   delegated responder it issued with {@code id-kp-OCSPSigning}, naming the certificate and current at the
 *   evaluation instant (15 minutes clock-skew tolerance), is final: {@code good} passes, {@code revoked} fails
 *   with the revocation time, reason and responder URL.</li>
 *   <li><b>CRL as fallback</b>, when OCSP gives no definite answer ({@code unknown}, unreachable, refused by the
 *   outbound policy, invalid or stale) or no responder is named: the CRL must verify with the issuer's key and be
 *   current at the evaluation instant.</li>
 *   <li><b>Fail-closed</b>: when neither gives a definite answer the chain check fails, naming every problem; a
 *   certificate whose responders and distribution points are all non-http(s) (e.g. LDAP) fails too.
 *   Certificates naming neither are not revocation-checked, and the passing message says so.</li>
 * </ul>
 * Delta and indirect CRLs are not supported. Revocation is checked here rather than by the JDK's
 * {@code PKIXRevocationChecker}: in soft-fail mode that checker cannot tell which certificate's status was
 * undetermined, in hard-fail mode it fails every certificate that names no CRL or responder, and it would fetch
 * outside the guarded client.
 *
 * <p>Parsed chains, CRLs and OCSP responses are cached per URL (CRLs and OCSP responses at most until their
 * nextUpdate; every use validates them again).
 */
public final class CertificateTrust {

    private static final String PEM_ACCEPT = "application/pem-certificate-chain, application/x-pem-file, application/x-x509-ca-cert;q=0.9, text/plain;q=0.5, */*;q=0.1";
    private static final byte[] ED25519_SPKI_PREFIX = HexFormat.of().parseHex("302a300506032b6570032100");
    private static final int CACHE_ENTRIES = 256;

    private final TrustAnchors anchors;
    private final ResourceFetcher fetcher;
    private final TtlCache<URI, List<X509Certificate>> chains;
    private final Revocation revocation;

    /** With a 10 minute cache for chains, CRLs and OCSP responses. */
    public CertificateTrust(TrustAnchors anchors, ResourceFetcher fetcher) {
        this(anchors, fetcher, Duration.ofMinutes(10));
    }

    /**
     * @param cacheTtl how long fetched chains, CRLs and OCSP responses are reused (CRLs and OCSP responses at most
     *                 until their nextUpdate); {@link Duration#ZERO} disables caching
     */
    public CertificateTrust(TrustAnchors anchors, ResourceFetcher fetcher, Duration cacheTtl) {
        this(anchors, fetcher, fetcher, cacheTtl);
    }

    /**
     * @param revocationFetcher fetches CRLs and OCSP responses; CAs publish them over plain http (their content is
     *                          signed), so a deployment typically allows http here and only here
     */
    public CertificateTrust(TrustAnchors anchors, ResourceFetcher fetcher, ResourceFetcher revocationFetcher, Duration cacheTtl) {
        this.anchors = Objects.requireNonNull(anchors, "anchors");
        this.fetcher = Objects.requireNonNull(fetcher, "fetcher");
        this.chains = new TtlCache<>(cacheTtl, CACHE_ENTRIES);
        this.revocation = new Revocation(Objects.requireNonNull(revocationFetcher, "revocationFetcher"),
                new TtlCache<>(cacheTtl, CACHE_ENTRIES), new TtlCache<>(cacheTtl, CACHE_ENTRIES));
    }

    /**
     * @param publicKey the verification method's JWK (a private JWK is reduced to its public part)
     * @param at        the evaluation instant for validity windows, path validation and revocation
     * @return the certificate checks; empty when the JWK names no chain and no anchors are configured
     */
    public List<Check> check(JWK publicKey, Instant at) {
        Objects.requireNonNull(publicKey, "publicKey");
        Objects.requireNonNull(at, "at");
        JWK jwk = publicKey;
        boolean hasX5c = jwk.getX509CertChain() != null && !jwk.getX509CertChain().isEmpty();
        URI x5u = jwk.getX509CertURL();
        if (!hasX5c && x5u == null) {
            return anchors.isEmpty() ? List.of() : List.of(Check.failed(CheckName.CERTIFICATE_CHAIN,
                    "the key is not bound to a certificate (no x5u or x5c), so it cannot be chained to a trust anchor"));
        }
        String source = hasX5c ? "x5c" : "x5u " + x5u;
        List<X509Certificate> chain;
        String leafMismatch = null;
        try {
            if (hasX5c) {
                chain = jwk.getParsedX509CertChain();
                if (chain == null || chain.isEmpty()) {
                    throw new ChainException("the JWK's x5c could not be parsed as X.509 certificates");
                }
                if (x5u != null) {
                    List<X509Certificate> other = load(x5u);
                    if (!other.get(0).equals(chain.get(0))) {
                        leafMismatch = "the JWK's x5c and x5u (" + x5u + ") name different leaf certificates ("
                                + subject(chain.get(0)) + " and " + subject(other.get(0)) + ")";
                    }
                }
            } else {
                chain = load(x5u);
            }
        } catch (ChainException e) {
            List<Check> failed = new ArrayList<>();
            failed.add(Check.failed(CheckName.CERTIFICATE_KEY, e.getMessage()));
            failed.add(Check.failed(CheckName.CERTIFICATE_VALIDITY, e.getMessage()));
            if (!anchors.isEmpty()) {
                failed.add(Check.failed(CheckName.CERTIFICATE_CHAIN, e.getMessage()));
            }
            return failed;
        }
        List<Check> checks = new ArrayList<>();
        checks.add(leafMismatch != null ? Check.failed(CheckName.CERTIFICATE_KEY, leafMismatch) : keyMatch(jwk, chain.get(0), source));
        checks.add(validity(chain, at, source));
        if (!anchors.isEmpty()) {
            checks.add(chain(chain, at, source));
        }
        return checks;
    }

    private List<X509Certificate> load(URI x5u) throws ChainException {
        List<X509Certificate> cached = chains.get(x5u);
        if (cached != null) {
            return cached;
        }
        Fetched fetched;
        try {
            fetched = fetcher.fetch(x5u, PEM_ACCEPT);
        } catch (FetchException e) {
            throw new ChainException("the certificate chain at x5u " + x5u + " could not be fetched: " + e.getMessage());
        }
        List<X509Certificate> chain;
        try {
            chain = List.copyOf(Pem.certificates(fetched.body(), "the certificate chain at x5u " + x5u));
        } catch (Pem.PemException e) {
            throw new ChainException(e.getMessage());
        }
        chains.put(x5u, chain);
        return chain;
    }

    private static Check keyMatch(JWK jwk, X509Certificate leaf, String source) {
        try {
            Optional<JWK> leafKey = publicJwk(leaf.getPublicKey());
            if (leafKey.isEmpty()) {
                return Check.failed(CheckName.CERTIFICATE_KEY, "the leaf certificate " + subject(leaf) + " (" + source
                        + ") has a " + leaf.getPublicKey().getAlgorithm() + " key, which is not supported");
            }
            if (!leafKey.get().computeThumbprint().equals(jwk.toPublicJWK().computeThumbprint())) {
                return Check.failed(CheckName.CERTIFICATE_KEY, "the JWK (" + describe(jwk) + ") is not the public key of the"
                        + " leaf certificate " + subject(leaf) + " (" + source + ", which holds a " + describe(leafKey.get()) + ")");
            }
            Base64URL s256 = jwk.getX509CertSHA256Thumbprint();
            if (s256 != null && !Arrays.equals(s256.decode(), digest("SHA-256", leaf))) {
                return Check.failed(CheckName.CERTIFICATE_KEY, "the JWK's x5t#S256 does not match the leaf certificate "
                        + subject(leaf) + " (" + source + ")");
            }
            @SuppressWarnings("deprecation")
            Base64URL s1 = jwk.getX509CertThumbprint();
            if (s1 != null && !Arrays.equals(s1.decode(), digest("SHA-1", leaf))) {
                return Check.failed(CheckName.CERTIFICATE_KEY, "the JWK's x5t does not match the leaf certificate "
                        + subject(leaf) + " (" + source + ")");
            }
        } catch (JOSEException | GeneralSecurityException e) {
            return Check.failed(CheckName.CERTIFICATE_KEY, "cannot compare the JWK with the leaf certificate "
                    + subject(leaf) + " (" + source + "): " + e.getMessage());
        }
        return Check.passed(CheckName.CERTIFICATE_KEY, "the JWK is the public key of the leaf certificate "
                + subject(leaf) + " (" + source + ")");
    }

    private static Check validity(List<X509Certificate> chain, Instant at, String source) {
        List<String> problems = new ArrayList<>();
        for (X509Certificate c : chain) {
            Instant notBefore = c.getNotBefore().toInstant();
            Instant notAfter = c.getNotAfter().toInstant();
            if (at.isBefore(notBefore)) {
                problems.add("certificate " + subject(c) + " is not valid before " + notBefore);
            } else if (at.isAfter(notAfter)) {
                problems.add("certificate " + subject(c) + " expired at " + notAfter + " (notAfter)");
            }
        }
        if (!problems.isEmpty()) {
            return Check.failed(CheckName.CERTIFICATE_VALIDITY, String.join("; ", problems) + " (checked at " + at
                    + ", " + source + ")");
        }
        Instant until = chain.stream().map(c -> c.getNotAfter().toInstant()).min(Instant::compareTo).orElse(null);
        return Check.passed(CheckName.CERTIFICATE_VALIDITY, (chain.size() == 1 ? "the certificate is" : "all "
                + chain.size() + " certificates are") + " valid at " + at + " (" + source + ")").until(until);
    }

    private Check chain(List<X509Certificate> chain, Instant at, String source) {
        X509Certificate leaf = chain.get(0);
        if (anchors.contains(leaf)) {
            return Check.passed(CheckName.CERTIFICATE_CHAIN, "the leaf certificate " + subject(leaf)
                    + " is itself a configured trust anchor (" + source + ")");
        }
        List<X509Certificate> path = new ArrayList<>();
        for (X509Certificate c : ordered(chain)) {
            if (anchors.contains(c)) {
                break; // the path ends below the anchor
            }
            path.add(c);
        }
        PKIXCertPathValidatorResult result;
        try {
            PKIXParameters params = new PKIXParameters(anchors.anchors());
            params.setDate(Date.from(at));
            params.setRevocationEnabled(false); // CRLs are checked below, fail-closed (see class comment)
            result = (PKIXCertPathValidatorResult) CertPathValidator.getInstance("PKIX")
                    .validate(Pem.factory().generateCertPath(path), params);
        } catch (CertPathValidatorException e) {
            return Check.failed(CheckName.CERTIFICATE_CHAIN, explain(e, path, at, source));
        } catch (GeneralSecurityException e) {
            return Check.failed(CheckName.CERTIFICATE_CHAIN, "cannot validate the certificate chain of " + subject(leaf)
                    + " (" + source + "): " + e.getMessage());
        }
        X509Certificate anchor = result.getTrustAnchor().getTrustedCert();
        Revocation.Outcome revocationOutcome = revocation.check(path, anchor, at);
        if (revocationOutcome.failure() != null) {
            return Check.failed(CheckName.CERTIFICATE_CHAIN, revocationOutcome.failure() + " (" + source + ")");
        }
        String names = path.stream().map(CertificateTrust::subject).collect(Collectors.joining(" → "));
        return Check.passed(CheckName.CERTIFICATE_CHAIN, "the chain " + names + " validates to the trust anchor "
                + subject(anchor) + " at " + at + revocationOutcome.summary() + " (" + source + ")");
    }

    /** Leaf first, then each issuer found in the bundle, whatever order the bundle lists them in. */
    static List<X509Certificate> ordered(List<X509Certificate> chain) {
        List<X509Certificate> remaining = new ArrayList<>(chain.subList(1, chain.size()));
        List<X509Certificate> out = new ArrayList<>();
        X509Certificate current = chain.get(0);
        out.add(current);
        while (!selfIssued(current)) {
            X509Certificate issuer = null;
            for (X509Certificate candidate : remaining) {
                if (candidate.getSubjectX500Principal().equals(current.getIssuerX500Principal())) {
                    issuer = candidate;
                    break;
                }
            }
            if (issuer == null) {
                break;
            }
            remaining.remove(issuer);
            out.add(issuer);
            current = issuer;
        }
        return out;
    }

    private String explain(CertPathValidatorException e, List<X509Certificate> path, Instant at, String source) {
        X509Certificate leaf = path.get(0);
        X509Certificate failing = e.getIndex() >= 0 && e.getIndex() < path.size() ? path.get(e.getIndex()) : null;
        CertPathValidatorException.Reason reason = e.getReason();
        if (reason == PKIXReason.NO_TRUST_ANCHOR) {
            X509Certificate last = path.get(path.size() - 1);
            String root = last.getIssuerX500Principal().getName();
            return "untrusted root: the chain of " + subject(leaf) + " ends at " + root
                    + ", which is not one of the " + anchors.certificates().size() + " configured trust anchors ("
                    + anchors.certificates().stream().map(CertificateTrust::subject).collect(Collectors.joining(", "))
                    + "; " + source + ")";
        }
        if (reason == CertPathValidatorException.BasicReason.EXPIRED
                || reason == CertPathValidatorException.BasicReason.NOT_YET_VALID) {
            return "certificate " + (failing == null ? "" : subject(failing) + " ") + "is "
                    + (reason == CertPathValidatorException.BasicReason.EXPIRED ? "expired" : "not yet valid")
                    + " at " + at + ", so the chain of " + subject(leaf) + " does not validate (" + source + ")";
        }
        return "the certificate chain of " + subject(leaf) + " does not validate"
                + (failing == null ? "" : " at certificate " + subject(failing)) + ": " + e.getMessage() + " (" + source + ")";
    }

    static Optional<JWK> publicJwk(PublicKey key) throws GeneralSecurityException {
        if (key instanceof RSAPublicKey rsa) {
            return Optional.of(new RSAKey.Builder(rsa).build());
        }
        if (key instanceof ECPublicKey ec) {
            Curve curve = Curve.forECParameterSpec(ec.getParams());
            if (curve == null) {
                throw new GeneralSecurityException("unsupported elliptic curve in the certificate");
            }
            return Optional.of(new ECKey.Builder(curve, ec).build());
        }
        byte[] spki = key.getEncoded();
        if (spki != null && spki.length == 44 && Arrays.equals(Arrays.copyOf(spki, 12), ED25519_SPKI_PREFIX)) {
            return Optional.of(new OctetKeyPair.Builder(Curve.Ed25519, Base64URL.encode(Arrays.copyOfRange(spki, 12, 44))).build());
        }
        return Optional.empty();
    }

    static String subject(X509Certificate c) {
        return c.getSubjectX500Principal().getName();
    }

    static boolean selfIssued(X509Certificate c) {
        return c.getSubjectX500Principal().equals(c.getIssuerX500Principal());
    }

    private static String describe(JWK key) {
        String detail = key instanceof RSAKey rsa ? " " + rsa.size() + " bit"
                : key instanceof ECKey ec ? " " + ec.getCurve() : key instanceof OctetKeyPair okp ? " " + okp.getCurve() : "";
        return key.getKeyType() + detail + (key.getKeyID() != null ? " kid " + key.getKeyID() : "");
    }

    private static byte[] digest(String algorithm, X509Certificate c) throws NoSuchAlgorithmException, CertificateEncodingException {
        return MessageDigest.getInstance(algorithm).digest(c.getEncoded());
    }

    static final class ChainException extends Exception {
        ChainException(String message) {
            super(message);
        }
    }
}
