package eu.federator.credentials.trust;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.Base64;
import eu.federator.credentials.did.DidDocument;
import eu.federator.credentials.did.DidResolvers;
import eu.federator.credentials.net.FetchException;
import eu.federator.credentials.net.Fetched;
import eu.federator.credentials.net.GuardedHttpClient;
import eu.federator.credentials.net.OutboundPolicy;
import eu.federator.credentials.net.ResourceFetcher;
import eu.federator.credentials.net.WebMirror;
import eu.federator.credentials.testing.LoopbackServer;
import eu.federator.credentials.testing.TestPki;
import eu.federator.credentials.testing.TestPki.Issued;
import eu.federator.credentials.verify.Check;
import eu.federator.credentials.verify.CheckName;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.interfaces.RSAPublicKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class CertificateTrustTest {

    private static final Instant NOW = Instant.now();
    private static Issued root;
    private static Issued intermediate;
    private static KeyPair leafKeys;
    private static Issued leaf;

    @BeforeAll
    static void pki() {
        root = TestPki.rootCa("Test Root");
        intermediate = TestPki.intermediate("Test Intermediate", root, null);
        leafKeys = TestPki.rsa();
        leaf = TestPki.leaf("participant.example", leafKeys, intermediate, TestPki.from(), TestPki.to(), null);
    }

    /** Serves PEM chains and CRLs from memory, counting fetches. */
    static final class MapFetcher implements ResourceFetcher {
        final Map<String, byte[]> resources = new ConcurrentHashMap<>();
        final AtomicInteger fetches = new AtomicInteger();

        MapFetcher put(String url, String body) {
            resources.put(url, body.getBytes(StandardCharsets.US_ASCII));
            return this;
        }

        @Override
        public Fetched fetch(URI uri, String accept) throws FetchException {
            fetches.incrementAndGet();
            byte[] body = resources.get(uri.toString());
            if (body == null) {
                throw new FetchException(uri + " answered HTTP 404");
            }
            return new Fetched(uri, null, body);
        }
    }

    static JWK jwk(KeyPair keys, String x5u) {
        RSAKey.Builder b = new RSAKey.Builder((RSAPublicKey) keys.getPublic()).keyID("key-1");
        if (x5u != null) {
            b.x509CertURL(URI.create(x5u));
        }
        return b.build();
    }

    static TrustAnchors anchors(X509Certificate... certificates) {
        return TrustAnchors.of(List.of(certificates));
    }

    static Check check(List<Check> checks, String name) {
        return checks.stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow(() -> new AssertionError("no check " + name + " in " + checks));
    }

    @Test
    void validChainPassesAllThreeChecks() {
        MapFetcher fetcher = new MapFetcher().put("https://p.example/chain.pem",
                TestPki.pem(leaf.certificate(), intermediate.certificate(), root.certificate()));
        List<Check> checks = new CertificateTrust(anchors(root.certificate()), fetcher)
                .check(jwk(leafKeys, "https://p.example/chain.pem"), NOW);
        assertThat(checks).extracting(Check::name)
                .containsExactly(CheckName.CERTIFICATE_KEY, CheckName.CERTIFICATE_VALIDITY, CheckName.CERTIFICATE_CHAIN);
        assertThat(checks).allMatch(Check::ok, "all passed: " + checks);
        assertThat(check(checks, CheckName.CERTIFICATE_CHAIN).message())
                .startsWith("the chain CN=participant.example → CN=Test Intermediate validates to the trust anchor CN=Test Root");
    }

    @Test
    void bundleOrderDoesNotMatterAfterTheLeafAndTheRootMayBeOmitted() {
        MapFetcher fetcher = new MapFetcher()
                .put("https://p.example/reversed.pem", TestPki.pem(leaf.certificate(), root.certificate(), intermediate.certificate()))
                .put("https://p.example/no-root.pem", TestPki.pem(leaf.certificate(), intermediate.certificate()));
        CertificateTrust trust = new CertificateTrust(anchors(root.certificate()), fetcher);
        assertThat(trust.check(jwk(leafKeys, "https://p.example/reversed.pem"), NOW)).allMatch(Check::ok);
        assertThat(trust.check(jwk(leafKeys, "https://p.example/no-root.pem"), NOW)).allMatch(Check::ok);
    }

    @Test
    void untrustedRootNamesTheRoot() {
        Issued otherRoot = TestPki.rootCa("Other Root");
        MapFetcher fetcher = new MapFetcher().put("https://p.example/chain.pem",
                TestPki.pem(leaf.certificate(), intermediate.certificate(), root.certificate()));
        List<Check> checks = new CertificateTrust(anchors(otherRoot.certificate()), fetcher)
                .check(jwk(leafKeys, "https://p.example/chain.pem"), NOW);
        assertThat(check(checks, CheckName.CERTIFICATE_KEY).ok()).isTrue();
        assertThat(check(checks, CheckName.CERTIFICATE_VALIDITY).ok()).isTrue();
        Check chain = check(checks, CheckName.CERTIFICATE_CHAIN);
        assertThat(chain.ok()).isFalse();
        assertThat(chain.message()).startsWith("untrusted root: the chain of CN=participant.example ends at CN=Test Root,"
                + " which is not one of the 1 configured trust anchors (CN=Other Root");
    }

    @Test
    void jwkNotMatchingTheLeafFailsTheKeyCheck() {
        MapFetcher fetcher = new MapFetcher().put("https://p.example/chain.pem", TestPki.pem(leaf.certificate(), intermediate.certificate()));
        List<Check> checks = new CertificateTrust(anchors(root.certificate()), fetcher)
                .check(jwk(TestPki.rsa(), "https://p.example/chain.pem"), NOW);
        Check key = check(checks, CheckName.CERTIFICATE_KEY);
        assertThat(key.ok()).isFalse();
        assertThat(key.message()).startsWith("the JWK (RSA 2048 bit kid key-1) is not the public key of the leaf certificate"
                + " CN=participant.example (x5u https://p.example/chain.pem");
        assertThat(check(checks, CheckName.CERTIFICATE_CHAIN).ok()).isTrue(); // the chain itself is fine
    }

    @Test
    void expiredCertificateIsNamedWithItsNotAfter() {
        Instant notAfter = NOW.minus(Duration.ofDays(2)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        KeyPair keys = TestPki.rsa();
        Issued expired = TestPki.leaf("expired.example", keys, intermediate, NOW.minus(Duration.ofDays(30)), notAfter, null);
        MapFetcher fetcher = new MapFetcher().put("https://p.example/chain.pem", TestPki.pem(expired.certificate(), intermediate.certificate()));
        List<Check> checks = new CertificateTrust(anchors(root.certificate()), fetcher).check(jwk(keys, "https://p.example/chain.pem"), NOW);
        Check validity = check(checks, CheckName.CERTIFICATE_VALIDITY);
        assertThat(validity.ok()).isFalse();
        assertThat(validity.message()).startsWith("certificate CN=expired.example expired at " + notAfter + " (notAfter)");
        assertThat(check(checks, CheckName.CERTIFICATE_CHAIN).message()).contains("CN=expired.example is expired at " + NOW);
        // evaluated at an instant inside the window, the same chain is fine
        assertThat(new CertificateTrust(anchors(root.certificate()), fetcher)
                .check(jwk(keys, "https://p.example/chain.pem"), notAfter.minus(Duration.ofDays(1)))).allMatch(Check::ok);
    }

    @Test
    void notYetValidCertificate() {
        Instant notBefore = NOW.plus(Duration.ofDays(2)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        KeyPair keys = TestPki.rsa();
        Issued future = TestPki.leaf("future.example", keys, intermediate, notBefore, TestPki.to(), null);
        MapFetcher fetcher = new MapFetcher().put("https://p.example/chain.pem", TestPki.pem(future.certificate(), intermediate.certificate()));
        List<Check> checks = new CertificateTrust(anchors(root.certificate()), fetcher).check(jwk(keys, "https://p.example/chain.pem"), NOW);
        assertThat(check(checks, CheckName.CERTIFICATE_VALIDITY).message()).startsWith("certificate CN=future.example is not valid before " + notBefore);
        assertThat(check(checks, CheckName.CERTIFICATE_CHAIN).ok()).isFalse();
    }

    @Test
    void x5cChainIsUsedWithoutFetching() throws Exception {
        MapFetcher fetcher = new MapFetcher();
        JWK key = new RSAKey.Builder((RSAPublicKey) leafKeys.getPublic())
                .x509CertChain(List.of(Base64.encode(leaf.certificate().getEncoded()), Base64.encode(intermediate.certificate().getEncoded())))
                .build();
        List<Check> checks = new CertificateTrust(anchors(root.certificate()), fetcher).check(key, NOW);
        assertThat(checks).hasSize(3).allMatch(Check::ok);
        assertThat(check(checks, CheckName.CERTIFICATE_KEY).message()).contains("(x5c)");
        assertThat(fetcher.fetches.get()).isZero();
    }

    @Test
    void x5cAndX5uMustNameTheSameLeaf() throws Exception {
        KeyPair otherKeys = TestPki.rsa();
        Issued other = TestPki.leaf("other.example", otherKeys, intermediate, TestPki.from(), TestPki.to(), null);
        MapFetcher fetcher = new MapFetcher().put("https://p.example/other.pem", TestPki.pem(other.certificate()));
        JWK key = new RSAKey.Builder((RSAPublicKey) leafKeys.getPublic())
                .x509CertChain(List.of(Base64.encode(leaf.certificate().getEncoded())))
                .x509CertURL(URI.create("https://p.example/other.pem"))
                .build();
        Check keyCheck = check(new CertificateTrust(TrustAnchors.none(), fetcher).check(key, NOW), CheckName.CERTIFICATE_KEY);
        assertThat(keyCheck.ok()).isFalse();
        assertThat(keyCheck.message()).contains("x5c and x5u (https://p.example/other.pem) name different leaf certificates");
    }

    @Test
    void keyWithoutCertificate() {
        JWK bare = jwk(leafKeys, null);
        assertThat(new CertificateTrust(TrustAnchors.none(), new MapFetcher()).check(bare, NOW)).isEmpty();
        List<Check> checks = new CertificateTrust(anchors(root.certificate()), new MapFetcher()).check(bare, NOW);
        assertThat(checks).containsExactly(Check.failed(CheckName.CERTIFICATE_CHAIN,
                "the key is not bound to a certificate (no x5u or x5c), so it cannot be chained to a trust anchor"));
    }

    @Test
    void withoutAnchorsOnlyKeyAndValidityAreChecked() {
        MapFetcher fetcher = new MapFetcher().put("https://p.example/chain.pem", TestPki.pem(leaf.certificate(), intermediate.certificate()));
        List<Check> checks = new CertificateTrust(TrustAnchors.none(), fetcher).check(jwk(leafKeys, "https://p.example/chain.pem"), NOW);
        assertThat(checks).extracting(Check::name).containsExactly(CheckName.CERTIFICATE_KEY, CheckName.CERTIFICATE_VALIDITY);
        assertThat(checks).allMatch(Check::ok);
    }

    @Test
    void unavailableOrBrokenChainFailsEveryCheck() {
        MapFetcher fetcher = new MapFetcher().put("https://p.example/broken.pem", "-----BEGIN CERTIFICATE-----\nAAAA\n");
        CertificateTrust trust = new CertificateTrust(anchors(root.certificate()), fetcher);
        List<Check> missing = trust.check(jwk(leafKeys, "https://p.example/missing.pem"), NOW);
        assertThat(missing).hasSize(3).noneMatch(Check::ok);
        assertThat(missing.get(0).message()).isEqualTo("the certificate chain at x5u https://p.example/missing.pem could not be fetched:"
                + " https://p.example/missing.pem answered HTTP 404");
        assertThat(trust.check(jwk(leafKeys, "https://p.example/broken.pem"), NOW).get(0).message())
                .isEqualTo("the certificate chain at x5u https://p.example/broken.pem: the CERTIFICATE block that begins on line 1 has no END line");
    }

    @Test
    void chainsAreCachedPerUrl() {
        MapFetcher fetcher = new MapFetcher().put("https://p.example/chain.pem", TestPki.pem(leaf.certificate(), intermediate.certificate()));
        CertificateTrust trust = new CertificateTrust(anchors(root.certificate()), fetcher);
        trust.check(jwk(leafKeys, "https://p.example/chain.pem"), NOW);
        trust.check(jwk(leafKeys, "https://p.example/chain.pem"), NOW);
        assertThat(fetcher.fetches.get()).isEqualTo(1);
    }

    // --- revocation, with CRLs served over loopback HTTP through the guarded client ---

    @Test
    void revokedLeafFailsTheChainCheckAndAGoodOnePasses() throws Exception {
        try (LoopbackServer server = LoopbackServer.http()) {
            String crlUrl = server.uri("/int.crl").toString();
            KeyPair revokedKeys = TestPki.rsa();
            Issued revoked = TestPki.leaf("revoked.example", revokedKeys, intermediate, TestPki.from(), TestPki.to(), crlUrl);
            KeyPair goodKeys = TestPki.rsa();
            Issued good = TestPki.leaf("good.example", goodKeys, intermediate, TestPki.from(), TestPki.to(), crlUrl);
            server.serve("/int.crl", "application/pkix-crl", TestPki.crl(intermediate, NOW.minus(Duration.ofHours(1)),
                            NOW.plus(Duration.ofDays(7)), revoked.certificate()).getEncoded())
                    .serve("/revoked.pem", null, TestPki.pem(revoked.certificate(), intermediate.certificate()).getBytes())
                    .serve("/good.pem", null, TestPki.pem(good.certificate(), intermediate.certificate()).getBytes());
            CertificateTrust trust = new CertificateTrust(anchors(root.certificate()), new GuardedHttpClient(OutboundPolicy.lab()));

            Check chain = check(trust.check(jwk(revokedKeys, server.uri("/revoked.pem").toString()), NOW), CheckName.CERTIFICATE_CHAIN);
            assertThat(chain.ok()).isFalse();
            assertThat(chain.message()).startsWith("revoked: certificate CN=revoked.example (serial 0x"
                    + revoked.certificate().getSerialNumber().toString(16) + ") was revoked on")
                    .contains("reason KEY_COMPROMISE according to the CRL at " + crlUrl);

            Check goodChain = check(trust.check(jwk(goodKeys, server.uri("/good.pem").toString()), NOW), CheckName.CERTIFICATE_CHAIN);
            assertThat(goodChain.ok()).as(goodChain.message()).isTrue();
            assertThat(goodChain.message()).contains("no certificate revoked (CN=good.example: CRL)");
        }
    }

    @Test
    void revocationFailsClosed() throws Exception {
        try (LoopbackServer server = LoopbackServer.http()) {
            Issued otherCa = TestPki.rootCa("Impostor CA");
            KeyPair k1 = TestPki.rsa();
            Issued missingCrl = TestPki.leaf("a.example", k1, intermediate, TestPki.from(), TestPki.to(), server.uri("/missing.crl").toString());
            KeyPair k2 = TestPki.rsa();
            Issued forgedCrl = TestPki.leaf("b.example", k2, intermediate, TestPki.from(), TestPki.to(), server.uri("/forged.crl").toString());
            KeyPair k3 = TestPki.rsa();
            Issued staleCrl = TestPki.leaf("c.example", k3, intermediate, TestPki.from(), TestPki.to(), server.uri("/stale.crl").toString());
            // a CRL with the intermediate's name but signed by another key
            Issued forger = new Issued(intermediate.certificate(), otherCa.key());
            server.serve("/forged.crl", null, TestPki.crl(forger, NOW.minus(Duration.ofHours(1)), NOW.plus(Duration.ofDays(1))).getEncoded())
                    .serve("/stale.crl", null, TestPki.crl(intermediate, NOW.minus(Duration.ofDays(10)), NOW.minus(Duration.ofDays(3))).getEncoded());
            for (Issued l : List.of(missingCrl, forgedCrl, staleCrl)) {
                server.serve("/" + l.certificate().getSerialNumber() + ".pem", null,
                        TestPki.pem(l.certificate(), intermediate.certificate()).getBytes());
            }
            CertificateTrust trust = new CertificateTrust(anchors(root.certificate()), new GuardedHttpClient(OutboundPolicy.lab()));
            assertThat(chainMessage(trust, server, missingCrl, k1)).isEqualTo("cannot check revocation of CN=a.example: the CRL at "
                    + server.uri("/missing.crl") + " could not be fetched: " + server.uri("/missing.crl") + " answered HTTP 404"
                    + " (revocation is checked fail-closed: make sure Federator may reach the certificate's OCSP responder or CRL"
                    + " under its outbound policy, or ask its issuer to fix them) (x5u "
                    + server.uri("/" + missingCrl.certificate().getSerialNumber() + ".pem") + ")");
            assertThat(chainMessage(trust, server, forgedCrl, k2)).contains("is not signed by CN=Test Intermediate");
            assertThat(chainMessage(trust, server, staleCrl, k3)).contains("is not current at " + NOW);

            // the CRL is fetched through the same guarded client: with production rules it is refused, and that fails too
            MapFetcher chains = new MapFetcher().put("https://p.example/a.pem", TestPki.pem(missingCrl.certificate(), intermediate.certificate()));
            GuardedHttpClient production = new GuardedHttpClient(OutboundPolicy.defaults().withHttpsOnly(false));
            ResourceFetcher routed = (uri, accept) -> uri.getHost().equals("p.example") ? chains.fetch(uri, accept) : production.fetch(uri, accept);
            CertificateTrust guarded = new CertificateTrust(anchors(root.certificate()), routed);
            Check refused = check(guarded.check(jwk(k1, "https://p.example/a.pem"), NOW), CheckName.CERTIFICATE_CHAIN);
            assertThat(refused.ok()).isFalse();
            assertThat(refused.message()).contains("could not be fetched: refused " + server.uri("/missing.crl") + ": 127.0.0.1 is a loopback address");
        }
    }

    private static String chainMessage(CertificateTrust trust, LoopbackServer server, Issued leafCert, KeyPair keys) {
        Check chain = check(trust.check(jwk(keys, server.uri("/" + leafCert.certificate().getSerialNumber() + ".pem").toString()), NOW),
                CheckName.CERTIFICATE_CHAIN);
        assertThat(chain.ok()).isFalse();
        return chain.message();
    }

    // --- XFSC fixtures ---

    static Path fixtures() {
        return Path.of(System.getProperty("federator.fixtures"));
    }

    @Test
    void xfscComplianceKeyIsBoundToItsSelfSignedAnchor() throws Exception {
        WebMirror mirror = new WebMirror(fixtures().resolve("xfsc/web"));
        DidDocument doc = DidResolvers.standard(mirror, Duration.ZERO).resolve("did:web:compliance.lab.gaia-x.eu");
        TrustAnchors anchors = TrustAnchors.fromPem(fixtures().resolve("xfsc/classic/keys/cert.ss.pem"));
        for (String vm : List.of("did:web:compliance.lab.gaia-x.eu", "did:web:compliance.lab.gaia-x.eu#JWK2020-RSA")) {
            List<Check> checks = new CertificateTrust(anchors, mirror).check(doc.method(vm).orElseThrow().publicKey(), NOW);
            assertThat(checks).hasSize(3).allMatch(Check::ok);
            assertThat(check(checks, CheckName.CERTIFICATE_CHAIN).message()).startsWith("the leaf certificate")
                    .contains("is itself a configured trust anchor");
        }
        // the fixture JWK file is the same key
        JWK fileKey = JWK.parse(Files.readString(fixtures().resolve("xfsc/classic/keys/compliance.lab.gaia-x.eu.public.jwk.json")));
        JWK withX5u = new RSAKey.Builder(fileKey.toRSAKey())
                .x509CertURL(URI.create("https://compliance.lab.gaia-x.eu/.well-known/x509CertificateChain.pem")).build();
        assertThat(new CertificateTrust(anchors, mirror).check(withX5u, NOW)).allMatch(Check::ok);
    }

    @Test
    void xfscDidServerChainValidatesToItsCa(@TempDir Path dir) throws Exception {
        WebMirror mirror = new WebMirror(fixtures().resolve("xfsc/web"));
        DidDocument doc = DidResolvers.standard(mirror, Duration.ZERO).resolve("did:web:did-server");
        List<X509Certificate> bundle = TrustAnchors.fromPem(fixtures().resolve("xfsc/web/did-server/certs/chain.pem")).certificates();
        Path caPem = Files.writeString(dir.resolve("fc-test-ca.pem"), TestPki.pem(bundle.get(1)));
        JWK rsa = doc.method("did:web:did-server#0").orElseThrow().publicKey();
        Instant at = Instant.parse("2026-06-01T00:00:00Z"); // inside the fixture certificates' validity (2026-03 .. 2036-02)

        List<Check> trusted = new CertificateTrust(TrustAnchors.fromPem(caPem), mirror).check(rsa, at);
        assertThat(trusted).hasSize(3).allMatch(Check::ok);
        assertThat(check(trusted, CheckName.CERTIFICATE_CHAIN).message()).startsWith("the chain CN=FC Test Signer validates to the trust anchor CN=FC Test CA");

        List<Check> foreign = new CertificateTrust(TrustAnchors.fromPem(fixtures().resolve("xfsc/classic/keys/cert.ss.pem")), mirror).check(rsa, at);
        assertThat(check(foreign, CheckName.CERTIFICATE_CHAIN).message()).startsWith("untrusted root: the chain of CN=FC Test Signer ends at CN=FC Test CA");

        // before the certificates were issued
        assertThat(check(new CertificateTrust(TrustAnchors.none(), mirror).check(rsa, Instant.parse("2025-01-01T00:00:00Z")),
                CheckName.CERTIFICATE_VALIDITY).message()).contains("certificate CN=FC Test Signer is not valid before 2026-03-02T13:42:39Z");

        // #jwt-key-1 is an Ed25519 key whose x5u points at the RSA signer's chain: it is not bound to that certificate
        Check ed = check(new CertificateTrust(TrustAnchors.fromPem(caPem), mirror)
                .check(doc.method("did:web:did-server#jwt-key-1").orElseThrow().publicKey(), at), CheckName.CERTIFICATE_KEY);
        assertThat(ed.ok()).isFalse();
        assertThat(ed.message()).startsWith("the JWK (OKP Ed25519 kid did:web:did-server#jwt-key-1) is not the public key of the leaf certificate CN=FC Test Signer");
    }
}
