package eu.federator.bench;

import com.nimbusds.jose.jwk.JWK;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import eu.federator.credentials.did.DidResolvers;
import eu.federator.credentials.issue.CredentialSigner;
import eu.federator.credentials.json.Json;
import eu.federator.credentials.jsonld.LinkedData;
import eu.federator.credentials.keys.Certificates;
import eu.federator.credentials.keys.DidWebIdentity;
import eu.federator.credentials.keys.Jwks;
import eu.federator.credentials.keys.KeyType;
import eu.federator.credentials.keys.LocalCertificateAuthority;
import eu.federator.credentials.net.GuardedHttpClient;
import eu.federator.credentials.net.OutboundPolicy;
import eu.federator.credentials.trust.CertificateTrust;
import eu.federator.credentials.trust.TrustAnchors;
import eu.federator.credentials.verify.CredentialVerifier;
import eu.federator.credentials.verify.VerificationOptions;
import eu.federator.credentials.verify.VerificationResult;
import jakarta.json.JsonObject;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Cold verification: every operation starts with empty caches and a new HTTPS client, so it fetches the issuer's
 * DID document and its x5u certificate chain from a loopback HTTPS server (TLS handshake included), validates the
 * chain to the trust anchor and verifies the signature. The issuer is a did:web on {@code localhost:PORT} with a
 * PS256 (RSA 2048) or EdDSA key and a certificate from a local CA.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class ColdVerificationBenchmark {

    @Param({"rsa", "ed25519"})
    public String keyType;

    @Param({"VC_JWT", "JWS2020"})
    public String format;

    private HttpsServer server;
    private SSLContext clientTls;
    private TrustAnchors anchors;
    private byte[] credential;

    @Setup
    public void setUp() throws Exception {
        Instant now = Instant.now();
        LocalCertificateAuthority ca = LocalCertificateAuthority.create("Federator bench CA", KeyType.EC_P256, now, Duration.ofDays(30));
        anchors = TrustAnchors.of(List.of(ca.certificate()));

        JWK tlsKey = KeyType.EC_P256.generate();
        KeyStore serverStore = KeyStore.getInstance("PKCS12");
        serverStore.load(null, null);
        List<Certificate> tlsChain = List.copyOf(ca.chain(ca.issueLeaf(tlsKey, "localhost", now, Duration.ofDays(1))));
        serverStore.setKeyEntry("tls", Jwks.privateKey(tlsKey), new char[0], tlsChain.toArray(Certificate[]::new));
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(serverStore, new char[0]);
        SSLContext serverTls = SSLContext.getInstance("TLS");
        serverTls.init(keyManagers.getKeyManagers(), null, null);
        KeyStore trustStore = KeyStore.getInstance("PKCS12");
        trustStore.load(null, null);
        trustStore.setCertificateEntry("ca", ca.certificate());
        TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trustManagers.init(trustStore);
        clientTls = SSLContext.getInstance("TLS");
        clientTls.init(null, trustManagers.getTrustManagers(), null);

        // Without TCP_NODELAY the JDK server's header and body segments meet delayed ACKs: 40 ms per response.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        Map<String, byte[]> site = new ConcurrentHashMap<>();
        server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        server.setHttpsConfigurator(new HttpsConfigurator(serverTls));
        server.createContext("/", exchange -> {
            byte[] body = site.get(exchange.getRequestURI().getPath());
            exchange.sendResponseHeaders(body == null ? 404 : 200, body == null ? -1 : body.length);
            if (body != null) {
                exchange.getResponseBody().write(body);
            }
            exchange.close();
        });
        server.start();

        String did = "did:web:localhost%3A" + server.getAddress().getPort();
        URI x5u = URI.create("https://localhost:" + server.getAddress().getPort() + "/certs/chain.pem");
        JWK issuerKey = (keyType.equals("rsa") ? KeyType.RSA_2048 : KeyType.ED25519).generate();
        site.put("/.well-known/did.json", Json.write(DidWebIdentity.parse(did).document(issuerKey, "key-1", x5u)).getBytes(StandardCharsets.UTF_8));
        site.put(x5u.getPath(), Certificates.toPem(ca.chain(ca.issueLeaf(issuerKey, "localhost", now, Duration.ofDays(1)))).getBytes(StandardCharsets.UTF_8));

        JsonObject vc = Json.parseObject(("{\"@context\":[\"https://www.w3.org/ns/credentials/v2\",\"https://w3id.org/security/suites/jws-2020/v1\","
                + "\"https://w3id.org/gaia-x/development#\"],\"type\":[\"VerifiableCredential\",\"gx:LegalPerson\"],"
                + "\"id\":\"urn:uuid:bench\",\"issuer\":\"" + did + "\",\"validFrom\":\"2026-01-01T00:00:00Z\","
                + "\"credentialSubject\":{\"id\":\"urn:uuid:bench#cs\",\"type\":\"gx:LegalPerson\","
                + "\"gx:legalAddress\":{\"type\":\"gx:Address\",\"gx:countryCode\":\"BE\"}}}").getBytes(StandardCharsets.UTF_8));
        credential = new CredentialSigner().sign(vc, new CredentialSigner.SigningKey(issuerKey, did + "#key-1"),
                CredentialSigner.Format.valueOf(format), now).getBytes(StandardCharsets.UTF_8);
        VerificationResult result = verify();
        if (!result.valid()) {
            throw new IllegalStateException("the benchmark credential does not verify: " + result);
        }
    }

    @Benchmark
    public VerificationResult verify() {
        GuardedHttpClient fetcher = new GuardedHttpClient(OutboundPolicy.lab(), clientTls);
        CredentialVerifier verifier = new CredentialVerifier(LinkedData.offline(), DidResolvers.standard(fetcher, Duration.ofMinutes(10)),
                new CertificateTrust(anchors, fetcher), fetcher, true);
        return verifier.verify(credential, VerificationOptions.defaults());
    }

    @TearDown
    public void tearDown() {
        server.stop(0);
    }
}
