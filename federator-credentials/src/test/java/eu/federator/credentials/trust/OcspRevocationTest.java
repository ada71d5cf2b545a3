package eu.federator.credentials.trust;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.Base64;
import eu.federator.credentials.net.GuardedHttpClient;
import eu.federator.credentials.net.OutboundPolicy;
import eu.federator.credentials.testing.LoopbackServer;
import eu.federator.credentials.testing.OcspResponder;
import eu.federator.credentials.testing.TestPki;
import eu.federator.credentials.testing.TestPki.Issued;
import eu.federator.credentials.verify.Check;
import eu.federator.credentials.verify.CheckName;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.OCSPReq;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.cert.ocsp.UnknownStatus;
import org.bouncycastle.cert.ocsp.jcajce.JcaCertificateID;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.interfaces.RSAPublicKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * OCSP through {@link CertificateTrust}: a real responder on loopback (BouncyCastle responses over the JDK HTTP
 * server), reached through the guarded client with the lab policy and its HTTP cache off.
 */
class OcspRevocationTest {

    private static final Instant NOW = Instant.now();
    private static final String FAIL_CLOSED = " (revocation is checked fail-closed: make sure Federator may reach the"
            + " certificate's OCSP responder or CRL under its outbound policy, or ask its issuer to fix them)";
    private static Issued root;
    private static Issued intermediate;

    @BeforeAll
    static void pki() {
        root = TestPki.rootCa("OCSP Test Root");
        intermediate = TestPki.issued("OCSP Test Intermediate", TestPki.rsa(), root, true, null, null);
    }

    /** A leaf certificate and its key. */
    record Leaf(KeyPair keys, Issued issued) {
        X509Certificate certificate() {
            return issued.certificate();
        }

        String subject() {
            return certificate().getSubjectX500Principal().getName();
        }

        String described() {
            return "certificate " + subject() + " (serial 0x" + certificate().getSerialNumber().toString(16) + ")";
        }
    }

    static Leaf leaf(String cn, Issued issuer, String crlUrl, String ocspUrl) {
        KeyPair keys = TestPki.rsa();
        return new Leaf(keys, TestPki.issued(cn, keys, issuer, false, crlUrl, ocspUrl));
    }

    static Leaf leaf(String cn, String ocspUrl) {
        return leaf(cn, intermediate, null, ocspUrl);
    }

    static CertificateID id(X509Certificate cert, X509Certificate issuer) throws Exception {
        return new JcaCertificateID(new JcaDigestCalculatorProviderBuilder().build().get(CertificateID.HASH_SHA1), issuer,
                cert.getSerialNumber());
    }

    static CertificateID id(Leaf leaf) throws Exception {
        return id(leaf.certificate(), intermediate.certificate());
    }

    /** The lab policy (loopback allowed) without the client's own HTTP cache, so every fetch reaches the server. */
    static GuardedHttpClient client() {
        return new GuardedHttpClient(OutboundPolicy.lab().withCacheTtl(Duration.ZERO));
    }

    static CertificateTrust trust() {
        return new CertificateTrust(TrustAnchors.of(List.of(root.certificate())), client());
    }

    static Check chain(CertificateTrust trust, Leaf leaf, X509Certificate... issuers) throws Exception {
        List<Base64> x5c = new ArrayList<>();
        x5c.add(Base64.encode(leaf.certificate().getEncoded()));
        for (X509Certificate c : issuers.length == 0 ? new X509Certificate[]{intermediate.certificate()} : issuers) {
            x5c.add(Base64.encode(c.getEncoded()));
        }
        JWK jwk = new RSAKey.Builder((RSAPublicKey) leaf.keys().getPublic()).x509CertChain(x5c).build();
        List<Check> checks = trust.check(jwk, NOW);
        assertThat(checks).extracting(Check::name).contains(CheckName.CERTIFICATE_CHAIN);
        assertThat(checks.stream().filter(c -> !c.name().equals(CheckName.CERTIFICATE_CHAIN))).allMatch(Check::ok);
        return checks.stream().filter(c -> c.name().equals(CheckName.CERTIFICATE_CHAIN)).findFirst().orElseThrow();
    }

    static String failure(CertificateTrust trust, Leaf leaf) throws Exception {
        Check check = chain(trust, leaf);
        assertThat(check.ok()).as(check.message()).isFalse();
        return check.message();
    }

    static void passes(CertificateTrust trust, Leaf leaf) throws Exception {
        Check check = chain(trust, leaf);
        assertThat(check.ok()).as(check.message()).isTrue();
    }

    // --- the answers ---

    @Test
    void goodAnswerPassesAndTheRequestIsTheGetFormWithASha1CertIdAndNoNonce() throws Exception {
        try (OcspResponder responder = new OcspResponder()) {
            Leaf leaf = leaf("good.example", responder.url());
            responder.answer(leaf.certificate(), id -> OcspResponder.response(id, intermediate).encoded());
            Check check = chain(trust(), leaf);
            assertThat(check.ok()).as(check.message()).isTrue();
            assertThat(check.message()).isEqualTo("the chain CN=good.example → CN=OCSP Test Intermediate validates to the"
                    + " trust anchor CN=OCSP Test Root at " + NOW + ", no certificate revoked (CN=good.example: OCSP) (x5c)");

            assertThat(responder.requests.get()).isEqualTo(1);
            String raw = responder.rawPaths.get(0);
            String encoded = raw.substring("/ocsp/".length());
            assertThat(encoded).doesNotContain("/", "+", "=").hasSizeLessThan(255);
            OCSPReq request = new OCSPReq(java.util.Base64.getDecoder().decode(URLDecoder.decode(encoded, StandardCharsets.US_ASCII)));
            assertThat(request.getRequestList()).hasSize(1);
            CertificateID asked = request.getRequestList()[0].getCertID();
            assertThat(asked.getHashAlgOID().getId()).isEqualTo("1.3.14.3.2.26"); // SHA-1
            assertThat(asked).isEqualTo(id(leaf));
            assertThat(request.hasExtensions()).as("no nonce").isFalse();
            assertThat(request.isSigned()).isFalse();
        }
    }

    @Test
    void revokedAnswerNamesTheCertificateTheResponderTheTimeAndTheReason() throws Exception {
        Instant revokedAt = NOW.minus(Duration.ofDays(2)).truncatedTo(ChronoUnit.SECONDS);
        try (OcspResponder responder = new OcspResponder()) {
            Leaf leaf = leaf("revoked.example", responder.url());
            responder.answer(leaf.certificate(), id -> OcspResponder.response(id, intermediate)
                    .status(new RevokedStatus(Date.from(revokedAt), CRLReason.keyCompromise)).encoded());
            assertThat(failure(trust(), leaf)).isEqualTo("revoked: " + leaf.described() + " was revoked on " + revokedAt
                    + ", reason KEY_COMPROMISE according to the OCSP responder at " + responder.url() + " (x5c)");

            Leaf noReason = leaf("revoked-no-reason.example", responder.url());
            responder.answer(noReason.certificate(), id -> OcspResponder.response(id, intermediate)
                    .status(new RevokedStatus(Date.from(revokedAt))).encoded());
            assertThat(failure(trust(), noReason)).isEqualTo("revoked: " + noReason.described() + " was revoked on " + revokedAt
                    + " according to the OCSP responder at " + responder.url() + " (x5c)");
        }
    }

    @Test
    void unknownAnswerFailsClosedWithoutACrl() throws Exception {
        try (OcspResponder responder = new OcspResponder()) {
            Leaf leaf = leaf("unknown.example", responder.url());
            responder.answer(leaf.certificate(), id -> OcspResponder.response(id, intermediate).status(new UnknownStatus()).encoded());
            assertThat(failure(trust(), leaf)).isEqualTo("cannot check revocation of CN=unknown.example: the OCSP responder at "
                    + responder.url() + " answers \"unknown\" for " + leaf.described() + ": it does not know the certificate,"
                    + " and it names no CRL distribution point" + FAIL_CLOSED + " (x5c)");
        }
    }

    // --- who signed ---

    @Test
    void responseSignedWithAnotherKeyFails() throws Exception {
        try (OcspResponder responder = new OcspResponder()) {
            Leaf leaf = leaf("forged.example", responder.url());
            KeyPair impostor = TestPki.rsa();
            responder.answer(leaf.certificate(), id -> OcspResponder.response(id, intermediate).signedWith(impostor.getPrivate()).encoded());
            assertThat(failure(trust(), leaf)).startsWith("cannot check revocation of CN=forged.example: the OCSP responder at "
                    + responder.url() + " answered a response whose signature does not verify with the key of the issuer"
                    + " CN=OCSP Test Intermediate nor with a responder certificate included in it, and it names no CRL");
        }
    }

    @Test
    void delegatedResponderNeedsTheOcspSigningEkuItsIssuersSignatureAndValidity() throws Exception {
        Issued delegated = TestPki.ocspSigner("Delegated Responder", intermediate, true, TestPki.from(), TestPki.to());
        Issued noEku = TestPki.ocspSigner("TLS Server", intermediate, false, TestPki.from(), TestPki.to());
        Issued foreign = TestPki.ocspSigner("Root Responder", root, true, TestPki.from(), TestPki.to());
        Issued expired = TestPki.ocspSigner("Expired Responder", intermediate, true, NOW.minus(Duration.ofDays(30)),
                NOW.minus(Duration.ofDays(1)));
        // issued in the intermediate's name, but signed by another CA's key
        Issued forged = TestPki.ocspSigner("Forged Responder", new Issued(intermediate.certificate(), TestPki.rootCa("Impostor").key()),
                true, TestPki.from(), TestPki.to());
        try (OcspResponder responder = new OcspResponder()) {
            Leaf leaf = leaf("delegated.example", responder.url());
            CertificateTrust trust = new CertificateTrust(TrustAnchors.of(List.of(root.certificate())), client(), Duration.ZERO);
            String prefix = "cannot check revocation of CN=delegated.example: the OCSP responder at " + responder.url()
                    + " signed its response with the delegated responder certificate ";

            responder.answer(leaf.certificate(), id -> OcspResponder.response(id, delegated).including(delegated.certificate()).encoded());
            passes(trust, leaf);

            responder.answer(leaf.certificate(), id -> OcspResponder.response(id, noEku).including(noEku.certificate()).encoded());
            assertThat(failure(trust, leaf)).startsWith(prefix + "CN=TLS Server, which lacks the id-kp-OCSPSigning extended key"
                    + " usage, so CN=OCSP Test Intermediate has not authorised it to answer for it");

            responder.answer(leaf.certificate(), id -> OcspResponder.response(id, foreign).including(foreign.certificate()).encoded());
            assertThat(failure(trust, leaf)).startsWith(prefix + "CN=Root Responder, which is not issued by CN=OCSP Test Intermediate,"
                    + " the issuer of the certificate asked about");

            responder.answer(leaf.certificate(), id -> OcspResponder.response(id, forged).including(forged.certificate()).encoded());
            assertThat(failure(trust, leaf)).startsWith(prefix + "CN=Forged Responder, which is not issued by CN=OCSP Test Intermediate");

            responder.answer(leaf.certificate(), id -> OcspResponder.response(id, expired).including(expired.certificate()).encoded());
            assertThat(failure(trust, leaf)).startsWith(prefix + "CN=Expired Responder, which is not valid at " + NOW);

            // a delegated signature without the responder certificate in the response cannot be checked
            responder.answer(leaf.certificate(), id -> OcspResponder.response(id, delegated).encoded());
            assertThat(failure(trust, leaf)).contains("answered a response whose signature does not verify with the key of the issuer");
        }
    }

    // --- what it is about, and when ---

    @Test
    void responseAboutAnotherCertificateIsACertIdMismatch() throws Exception {
        try (OcspResponder responder = new OcspResponder()) {
            Leaf leaf = leaf("mismatch.example", responder.url());
            CertificateTrust trust = new CertificateTrust(TrustAnchors.of(List.of(root.certificate())), client(), Duration.ZERO);
            String expected = "cannot check revocation of CN=mismatch.example: the OCSP responder at " + responder.url()
                    + " answered a response that does not cover " + leaf.described()
                    + " (no single response with its issuer and serial number: CertID mismatch)";
            // another serial number
            responder.answer(leaf.certificate(), id -> OcspResponder.response(id, intermediate)
                    .about(CertificateID.deriveCertificateID(id, BigInteger.valueOf(42))).encoded());
            assertThat(failure(trust, leaf)).startsWith(expected);
            // the right serial number under another issuer (name and key hashes of the root)
            CertificateID underRoot = id(leaf.certificate(), root.certificate());
            responder.answer(leaf.certificate(), id -> OcspResponder.response(id, intermediate).about(underRoot).encoded());
            assertThat(failure(trust, leaf)).startsWith(expected);
        }
    }

    @Test
    void responseMustBeCurrentWithinFifteenMinutesOfSkew() throws Exception {
        try (OcspResponder responder = new OcspResponder()) {
            Leaf leaf = leaf("stale.example", responder.url());
            CertificateTrust trust = new CertificateTrust(TrustAnchors.of(List.of(root.certificate())), client(), Duration.ZERO);
            Instant thisUpdate = NOW.minus(Duration.ofDays(10)).truncatedTo(ChronoUnit.SECONDS);
            Instant nextUpdate = NOW.minus(Duration.ofDays(3)).truncatedTo(ChronoUnit.SECONDS);
            responder.answer(leaf.certificate(), id -> OcspResponder.response(id, intermediate).window(thisUpdate, nextUpdate).encoded());
            assertThat(failure(trust, leaf)).startsWith("cannot check revocation of CN=stale.example: the OCSP responder at "
                    + responder.url() + " answered a response for " + leaf.described() + " that is not current at " + NOW
                    + " (thisUpdate " + thisUpdate + ", nextUpdate " + nextUpdate + ", tolerance 15 min)");

            // from the future (beyond the skew)
            responder.answer(leaf.certificate(), id -> OcspResponder.response(id, intermediate)
                    .window(NOW.plus(Duration.ofHours(1)), NOW.plus(Duration.ofDays(3))).encoded());
            assertThat(failure(trust, leaf)).contains("that is not current at " + NOW);

            // just past nextUpdate, and slightly ahead of our clock: within the tolerance
            responder.answer(leaf.certificate(), id -> OcspResponder.response(id, intermediate)
                    .window(NOW.minus(Duration.ofDays(2)), NOW.minus(Duration.ofMinutes(5))).encoded());
            passes(trust, leaf);
            responder.answer(leaf.certificate(), id -> OcspResponder.response(id, intermediate)
                    .window(NOW.plus(Duration.ofMinutes(5)), NOW.plus(Duration.ofDays(1))).encoded());
            passes(trust, leaf);

            // without nextUpdate a response is current only within the skew of its thisUpdate
            responder.answer(leaf.certificate(), id -> OcspResponder.response(id, intermediate).window(NOW.minus(Duration.ofMinutes(1)), null).encoded());
            passes(trust, leaf);
            responder.answer(leaf.certificate(), id -> OcspResponder.response(id, intermediate).window(NOW.minus(Duration.ofHours(1)), null).encoded());
            assertThat(failure(trust, leaf)).contains("nextUpdate none, tolerance 15 min)");
        }
    }

    // --- the responder misbehaves or is away: fail closed ---

    @Test
    void unreachableOrBrokenResponderFailsClosed() throws Exception {
        OcspResponder gone = new OcspResponder();
        String goneUrl = gone.url();
        gone.close();
        Leaf down = leaf("down.example", goneUrl);
        assertThat(failure(trust(), down)).startsWith("cannot check revocation of CN=down.example: the OCSP responder at "
                + goneUrl + " could not be reached: ").endsWith(", and it names no CRL distribution point" + FAIL_CLOSED + " (x5c)");

        try (OcspResponder responder = new OcspResponder()) {
            CertificateTrust trust = new CertificateTrust(TrustAnchors.of(List.of(root.certificate())), client(), Duration.ZERO);
            Leaf leaf = leaf("broken.example", responder.url());
            String prefix = "cannot check revocation of CN=broken.example: the OCSP responder at " + responder.url();

            responder.answer(leaf.certificate(), id -> null); // HTTP 500
            assertThat(failure(trust, leaf)).startsWith(prefix + " could not be reached: ").contains(" answered HTTP 500");

            responder.answer(leaf.certificate(), id -> "<html>it works</html>".getBytes(StandardCharsets.US_ASCII));
            assertThat(failure(trust, leaf)).startsWith(prefix + " answered something that is not an OCSP response (21 bytes)");

            responder.answer(leaf.certificate(), id -> OcspResponder.errorStatus(OCSPResp.TRY_LATER));
            assertThat(failure(trust, leaf)).startsWith(prefix + " answered with OCSP status tryLater (3)");

            responder.answer(leaf.certificate(), id -> OcspResponder.errorStatus(OCSPResp.UNAUTHORIZED));
            assertThat(failure(trust, leaf)).startsWith(prefix + " answered with OCSP status unauthorized (6)");
        }
    }

    @Test
    void theResponderIsReachedThroughTheOutboundGuard() throws Exception {
        try (OcspResponder responder = new OcspResponder()) {
            Leaf leaf = leaf("guarded.example", responder.url());
            responder.answer(leaf.certificate(), id -> OcspResponder.response(id, intermediate).encoded());
            CertificateTrust production = new CertificateTrust(TrustAnchors.of(List.of(root.certificate())),
                    new GuardedHttpClient(OutboundPolicy.defaults().withHttpsOnly(false)));
            assertThat(failure(production, leaf)).startsWith("cannot check revocation of CN=guarded.example: the OCSP responder at "
                    + responder.url() + " could not be reached: refused " + responder.url() + "/")
                    .contains(": 127.0.0.1 is a loopback address; set federator.net.allow-private-networks=true for labs");
            assertThat(responder.requests.get()).isZero();

            CertificateTrust httpsOnly = new CertificateTrust(TrustAnchors.of(List.of(root.certificate())),
                    new GuardedHttpClient(OutboundPolicy.defaults().withAllowPrivateNetworks(true)));
            assertThat(failure(httpsOnly, leaf)).contains("plain http is not allowed, only https");
            assertThat(responder.requests.get()).isZero();
        }
    }

    // --- the whole path ---

    @Test
    void intermediatesAreAskedTooAndTheirResponsesSignedByTheirIssuer() throws Exception {
        try (OcspResponder responder = new OcspResponder()) {
            Issued sub = TestPki.issued("OCSP Sub CA", TestPki.rsa(), root, true, null, responder.url());
            Leaf leaf = leaf("deep.example", sub, null, responder.url());
            responder.answer(leaf.certificate(), id -> OcspResponder.response(id, sub).encoded());
            responder.answer(sub.certificate(), id -> OcspResponder.response(id, root).encoded());
            CertificateTrust trust = new CertificateTrust(TrustAnchors.of(List.of(root.certificate())), client(), Duration.ZERO);

            Check check = chain(trust, leaf, sub.certificate());
            assertThat(check.ok()).as(check.message()).isTrue();
            assertThat(check.message()).contains("no certificate revoked (CN=deep.example: OCSP; CN=OCSP Sub CA: OCSP)");
            assertThat(responder.received).hasSize(2);
            assertThat(responder.received.get(1).getRequestList()[0].getCertID()).isEqualTo(id(sub.certificate(), root.certificate()));

            Instant revokedAt = NOW.minus(Duration.ofDays(1)).truncatedTo(ChronoUnit.SECONDS);
            responder.answer(sub.certificate(), id -> OcspResponder.response(id, root)
                    .status(new RevokedStatus(Date.from(revokedAt), CRLReason.cACompromise)).encoded());
            Check revoked = chain(trust, leaf, sub.certificate());
            assertThat(revoked.ok()).isFalse();
            assertThat(revoked.message()).isEqualTo("revoked: certificate CN=OCSP Sub CA (serial 0x"
                    + sub.certificate().getSerialNumber().toString(16) + ") was revoked on " + revokedAt
                    + ", reason CA_COMPROMISE according to the OCSP responder at " + responder.url() + " (x5c)");

            // the sub CA's answer signed by the sub CA itself (not its issuer) is refused
            responder.answer(sub.certificate(), id -> OcspResponder.response(id, sub).encoded());
            assertThat(chain(trust, leaf, sub.certificate()).message()).startsWith("cannot check revocation of CN=OCSP Sub CA:")
                    .contains("does not verify with the key of the issuer CN=OCSP Test Root");
        }
    }

    // --- OCSP first, CRL as fallback ---

    @Test
    void ocspAnswerIsFinalAndTheCrlIsThenNotFetched() throws Exception {
        try (OcspResponder responder = new OcspResponder(); LoopbackServer crlServer = LoopbackServer.http()) {
            String crlUrl = crlServer.uri("/int.crl").toString();
            Leaf leaf = leaf("both.example", intermediate, crlUrl, responder.url());
            // the CRL says revoked, OCSP says good: OCSP decides
            crlServer.serve("/int.crl", "application/pkix-crl", TestPki.crl(intermediate, NOW.minus(Duration.ofHours(1)),
                    NOW.plus(Duration.ofDays(7)), leaf.certificate()).getEncoded());
            responder.answer(leaf.certificate(), id -> OcspResponder.response(id, intermediate).encoded());
            CertificateTrust trust = new CertificateTrust(TrustAnchors.of(List.of(root.certificate())), client(), Duration.ZERO);
            Check check = chain(trust, leaf);
            assertThat(check.ok()).as(check.message()).isTrue();
            assertThat(check.message()).contains("no certificate revoked (CN=both.example: OCSP)");

            responder.answer(leaf.certificate(), id -> OcspResponder.response(id, intermediate)
                    .status(new RevokedStatus(Date.from(NOW.minus(Duration.ofDays(1))), CRLReason.superseded)).encoded());
            assertThat(failure(trust, leaf)).contains("reason SUPERSEDED according to the OCSP responder at " + responder.url());
            assertThat(crlServer.requests.get()).isZero();
        }
    }

    @Test
    void withoutADefiniteOcspAnswerTheCrlDecides() throws Exception {
        try (OcspResponder responder = new OcspResponder(); LoopbackServer crlServer = LoopbackServer.http()) {
            String crlUrl = crlServer.uri("/int.crl").toString();
            Leaf good = leaf("crl-good.example", intermediate, crlUrl, responder.url());
            Leaf revoked = leaf("crl-revoked.example", intermediate, crlUrl, responder.url());
            crlServer.serve("/int.crl", "application/pkix-crl", TestPki.crl(intermediate, NOW.minus(Duration.ofHours(1)),
                    NOW.plus(Duration.ofDays(7)), revoked.certificate()).getEncoded());
            responder.fallback(id -> "garbage".getBytes(StandardCharsets.US_ASCII));
            CertificateTrust trust = new CertificateTrust(TrustAnchors.of(List.of(root.certificate())), client(), Duration.ZERO);

            Check check = chain(trust, good);
            assertThat(check.ok()).as(check.message()).isTrue();
            assertThat(check.message()).contains("no certificate revoked (CN=crl-good.example: CRL (OCSP gave no answer: the OCSP"
                    + " responder at " + responder.url() + " answered something that is not an OCSP response (7 bytes)");

            responder.answer(revoked.certificate(), id -> OcspResponder.response(id, intermediate).status(new UnknownStatus()).encoded());
            assertThat(failure(trust, revoked)).startsWith("revoked: " + revoked.described() + " was revoked on ")
                    .contains("reason KEY_COMPROMISE according to the CRL at " + crlUrl + " (OCSP gave no answer: the OCSP responder at "
                            + responder.url() + " answers \"unknown\"");

            // neither answers: fail closed, naming both
            crlServer.on("/int.crl", exchange -> LoopbackServer.respond(exchange, 503, null, new byte[0]));
            assertThat(failure(trust, good)).startsWith("cannot check revocation of CN=crl-good.example: the OCSP responder at "
                    + responder.url() + " answered something that is not an OCSP response (7 bytes)")
                    .contains("; the CRL at " + crlUrl + " could not be fetched: " + crlUrl + " answered HTTP 503")
                    .endsWith(FAIL_CLOSED + " (x5c)");
        }
    }

    // --- caching ---

    @Test
    void responsesAreCachedUntilNextUpdate() throws Exception {
        try (OcspResponder responder = new OcspResponder()) {
            Leaf leaf = leaf("cached.example", responder.url());
            responder.answer(leaf.certificate(), id -> OcspResponder.response(id, intermediate).encoded());
            CertificateTrust cached = trust();
            passes(cached, leaf);
            passes(cached, leaf);
            assertThat(responder.requests.get()).isEqualTo(1);

            CertificateTrust uncached = new CertificateTrust(TrustAnchors.of(List.of(root.certificate())), client(), Duration.ZERO);
            passes(uncached, leaf);
            assertThat(responder.requests.get()).isEqualTo(2);

            // accepted within the skew, but past its nextUpdate: not kept
            Leaf lapsing = leaf("lapsing.example", responder.url());
            responder.answer(lapsing.certificate(), id -> OcspResponder.response(id, intermediate)
                    .window(NOW.minus(Duration.ofDays(1)), Instant.now().minus(Duration.ofMinutes(1))).encoded());
            passes(cached, lapsing);
            passes(cached, lapsing);
            assertThat(responder.requests.get()).isEqualTo(4);

            // a cached good answer is not a licence: a revoked certificate asked later is asked anew
            Leaf other = leaf("other.example", responder.url());
            responder.answer(other.certificate(), id -> OcspResponder.response(id, intermediate)
                    .status(new RevokedStatus(Date.from(NOW.minus(Duration.ofDays(1))))).encoded());
            assertThat(failure(cached, other)).startsWith("revoked: ");
            assertThat(responder.requests.get()).isEqualTo(5);
        }
    }
}
