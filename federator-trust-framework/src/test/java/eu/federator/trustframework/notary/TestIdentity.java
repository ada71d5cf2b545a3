package eu.federator.trustframework.notary;

import com.nimbusds.jose.jwk.JWK;
import eu.federator.credentials.keys.Certificates;
import eu.federator.credentials.keys.DidWebIdentity;
import eu.federator.credentials.keys.KeyType;
import eu.federator.credentials.keys.LocalCertificateAuthority;
import eu.federator.credentials.verify.CredentialVerifier;
import eu.federator.credentials.verify.VerifierSettings;
import eu.federator.trustframework.identity.ServiceIdentity;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The clearing house's identity for tests: an RSA key (PS256, as GXDCH signs), a chain from a local CA, the DID
 * document and chain published in a temporary web mirror, and a verifier that trusts the CA and reads that mirror.
 */
public final class TestIdentity {
    public static final String DID = "did:web:notary.federator.test";

    public final ServiceIdentity identity;
    public final CredentialVerifier verifier;

    private TestIdentity(ServiceIdentity identity, CredentialVerifier verifier) {
        this.identity = identity;
        this.verifier = verifier;
    }

    private static TestIdentity instance;

    public static synchronized TestIdentity get() {
        if (instance == null) {
            try {
                instance = create();
            } catch (Exception e) {
                throw new IllegalStateException("cannot build the test identity: " + e, e);
            }
        }
        return instance;
    }

    private static TestIdentity create() throws Exception {
        Path root = Files.createTempDirectory("federator-notary-");
        Path mirror = root.resolve("web");
        Instant now = Instant.now();
        JWK key = KeyType.RSA_2048.generate();
        DidWebIdentity did = DidWebIdentity.parse(DID);
        LocalCertificateAuthority ca = LocalCertificateAuthority.create("Notary Test CA", KeyType.EC_P256, now, Duration.ofDays(30));
        List<X509Certificate> chain = ca.chain(ca.issueLeaf(key, did.host(), now, Duration.ofDays(10)));
        URI x5u = did.directoryUrl().resolve("x509CertificateChain.pem");
        write(mirror, did.documentUrl(), did.document(key, "X509-JWK2020", x5u).toString());
        write(mirror, x5u, Certificates.toPem(chain));
        Path anchors = root.resolve("anchors.pem");
        Files.writeString(anchors, Certificates.toPem(List.of(ca.certificate())));
        ServiceIdentity identity = new ServiceIdentity(DID, DID + "#X509-JWK2020", key, chain);
        CredentialVerifier verifier = CredentialVerifier.create(VerifierSettings.defaults().withWebMirror(mirror).withTrustAnchors(anchors));
        return new TestIdentity(identity, verifier);
    }

    private static void write(Path mirror, URI url, String content) throws Exception {
        Path file = mirror.resolve(url.getRawAuthority() + url.getRawPath());
        Files.createDirectories(file.getParent());
        Files.writeString(file, content, StandardCharsets.UTF_8);
    }
}
