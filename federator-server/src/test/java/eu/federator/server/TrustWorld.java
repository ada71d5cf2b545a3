package eu.federator.server;

import eu.federator.catalogue.testing.TestDirectories;

import com.nimbusds.jose.jwk.JWK;
import eu.federator.credentials.issue.CredentialSigner;
import eu.federator.credentials.keys.Certificates;
import eu.federator.credentials.keys.DidWebIdentity;
import eu.federator.credentials.keys.KeyType;
import eu.federator.credentials.keys.LocalCertificateAuthority;
import jakarta.json.Json;
import jakarta.json.JsonObject;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

/**
 * An offline world for end-to-end tests: a web mirror made of the XFSC fixture mirror plus a did:web identity of our
 * own ({@value #DID}, key and chain from a local CA), and a trust-anchor bundle with the XFSC test certificate and
 * that CA.
 */
public final class TrustWorld {
    public static final String DID = "did:web:issuer.federator.test";
    public static final String VERIFICATION_METHOD = DID + "#key-1";
    public static final List<String> CONTEXTS = List.of("https://www.w3.org/2018/credentials/examples/v1",
            "https://www.w3.org/ns/odrl.jsonld", "https://identity.foundation/presentation-exchange/submission/v1");

    private static TrustWorld instance;

    public final Path mirror;
    public final Path trustAnchors;
    public final JWK key;

    private TrustWorld(Path mirror, Path trustAnchors, JWK key) {
        this.mirror = mirror;
        this.trustAnchors = trustAnchors;
        this.key = key;
    }

    public static synchronized TrustWorld get() {
        if (instance == null) {
            instance = create();
        }
        return instance;
    }

    private static TrustWorld create() {
        try {
            Path root = TestDirectories.newDataDir("federator-world-");
            Path mirror = root.resolve("web");
            copyTree(TestDirectories.fixtures().resolve("xfsc/web"), mirror);
            Instant now = Instant.now();
            JWK key = KeyType.EC_P256.generate();
            DidWebIdentity identity = DidWebIdentity.parse(DID);
            LocalCertificateAuthority ca = LocalCertificateAuthority.create("Test CA", KeyType.EC_P256, now, Duration.ofDays(30));
            URI x5u = identity.directoryUrl().resolve("x509CertificateChain.pem");
            write(mirror, identity.documentUrl(), identity.document(key, "key-1", x5u).toString());
            write(mirror, x5u, Certificates.toPem(ca.chain(ca.issueLeaf(key, identity.host(), now, Duration.ofDays(10)))));
            Path anchors = root.resolve("anchors.pem");
            Files.writeString(anchors, Files.readString(TestDirectories.fixtures().resolve("xfsc/classic/keys/cert.ss.pem"))
                    + Certificates.toPem(List.of(ca.certificate())));
            return new TrustWorld(mirror, anchors, key);
        } catch (Exception e) {
            throw new IllegalStateException("cannot build the test world: " + e, e);
        }
    }

    /** An unsigned VCDM 2.0 credential issued by {@value #DID}. */
    public static JsonObject credential() {
        return Json.createObjectBuilder()
                .add("@context", Json.createArrayBuilder().add("https://www.w3.org/ns/credentials/v2"))
                .add("id", "urn:uuid:6f1c1f6e-2d0b-4b8e-9c57-1d5b1c0f0a01")
                .add("type", Json.createArrayBuilder().add("VerifiableCredential"))
                .add("issuer", DID)
                .add("validFrom", "2026-01-01T00:00:00Z")
                .add("credentialSubject", Json.createObjectBuilder().add("id", "did:web:participant.federator.test").add("name", "ACME"))
                .build();
    }

    /** An unsigned VCDM 1.1 credential issued by {@value #DID}, with the jws-2020 context its proof needs. */
    public static JsonObject credential11() {
        return Json.createObjectBuilder()
                .add("@context", Json.createArrayBuilder().add("https://www.w3.org/2018/credentials/v1")
                        .add("https://w3id.org/security/suites/jws-2020/v1"))
                .add("id", "urn:uuid:6f1c1f6e-2d0b-4b8e-9c57-1d5b1c0f0a02")
                .add("type", Json.createArrayBuilder().add("VerifiableCredential"))
                .add("issuer", DID)
                .add("issuanceDate", "2026-01-01T00:00:00Z")
                .add("credentialSubject", Json.createObjectBuilder().add("id", "did:web:participant.federator.test"))
                .build();
    }

    public String sign(CredentialSigner.Format format) {
        JsonObject document = format == CredentialSigner.Format.VC_JWT ? credential() : credential11();
        return new CredentialSigner().sign(document, new CredentialSigner.SigningKey(key, VERIFICATION_METHOD), format, Instant.now());
    }

    private static void write(Path mirror, URI url, String content) throws IOException {
        Path file = mirror.resolve(url.getRawAuthority() + url.getRawPath());
        Files.createDirectories(file.getParent());
        Files.writeString(file, content, StandardCharsets.UTF_8);
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
