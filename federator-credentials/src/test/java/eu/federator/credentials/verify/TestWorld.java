package eu.federator.credentials.verify;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.util.Base64URL;
import eu.federator.credentials.issue.CredentialSigner;
import eu.federator.credentials.issue.CredentialSigner.Format;
import eu.federator.credentials.issue.CredentialSigner.SigningKey;
import eu.federator.credentials.json.Json;
import eu.federator.credentials.proof.JwsAlgorithms;
import eu.federator.credentials.testing.TestPki;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A self-contained trust world for tests: did:web issuers published into a web-mirror directory with their
 * certificate chains, a root CA written as the trust-anchor bundle, and a verifier that reads only from there.
 */
final class TestWorld {

    final Path mirror;
    final TestPki.Issued root = TestPki.rootCa("Federator Test Root");
    final Path anchors;

    TestWorld(Path dir) {
        this.mirror = dir.resolve("web");
        this.anchors = dir.resolve("anchors.pem");
        write(anchors, TestPki.pem(root.certificate()));
    }

    /** A did:web issuer with one key. */
    record Issuer(String did, String methodId, JWK privateKey) {
        SigningKey signingKey() {
            return new SigningKey(privateKey, methodId);
        }
    }

    Issuer issuer(String host, KeyPair key) {
        return issuer(host, key, leaf(host, key), List.of("assertionMethod", "authentication"));
    }

    /** A leaf certificate for the key, issued by the test root, valid from a year ago to a year ahead. */
    X509Certificate leaf(String host, KeyPair key) {
        return TestPki.leaf(host, key, root, TestPki.from(), TestPki.to(), null).certificate();
    }

    /** Publishes a DID document whose key names the given leaf certificate (chained to the test root) by x5u. */
    Issuer issuer(String host, KeyPair key, X509Certificate leaf, List<String> relationships) {
        String did = "did:web:" + host;
        String methodId = did + "#key-1";
        String x5u = "https://" + host + "/certs/chain.pem";
        JsonObject publicJwk = Json.provider().createObjectBuilder(TestPki.jwk(key).toPublicJWK().toJSONObject()).add("x5u", x5u).build();
        JsonObjectBuilder doc = Json.provider().createObjectBuilder()
                .add("@context", Json.provider().createArrayBuilder().add("https://www.w3.org/ns/did/v1").add("https://w3id.org/security/suites/jws-2020/v1"))
                .add("id", did)
                .add("verificationMethod", Json.provider().createArrayBuilder().add(Json.provider().createObjectBuilder()
                        .add("id", methodId).add("type", "JsonWebKey2020").add("controller", did).add("publicKeyJwk", publicJwk)));
        for (String relationship : relationships) {
            doc.add(relationship, Json.provider().createArrayBuilder().add(methodId));
        }
        publish("https://" + host + "/.well-known/did.json", Json.write(doc.build()));
        publish(x5u, TestPki.pem(leaf, root.certificate()));
        return new Issuer(did, methodId, TestPki.jwk(key));
    }

    void publish(String url, String content) {
        URI uri = URI.create(url);
        write(mirror.resolve(uri.getHost()).resolve(uri.getPath().substring(1)), content);
    }

    CredentialVerifier verifier() {
        return verifier(Set.of());
    }

    CredentialVerifier verifier(Set<String> allowedContexts) {
        try {
            return CredentialVerifier.create(VerifierSettings.defaults().withWebMirror(mirror).withTrustAnchors(anchors)
                    .withAllowedContexts(allowedContexts));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    VerificationResult verify(String input) {
        return verifier().verify(input.getBytes(StandardCharsets.UTF_8), VerificationOptions.defaults());
    }

    // ---------------------------------------------------------------- documents

    /** A Loire-style VCDM 2.0 LegalPerson credential. */
    static JsonObject vc2(String issuer, String id, Map<String, String> extra) {
        JsonObjectBuilder vc = Json.provider().createObjectBuilder()
                .add("@context", Json.provider().createArrayBuilder().add("https://www.w3.org/ns/credentials/v2").add("https://w3id.org/gaia-x/development#"))
                .add("type", Json.provider().createArrayBuilder().add("VerifiableCredential").add("gx:LegalPerson"))
                .add("id", id)
                .add("issuer", issuer)
                .add("validFrom", "2026-01-01T00:00:00Z")
                .add("validUntil", "2030-01-01T00:00:00Z")
                .add("credentialSubject", Json.provider().createObjectBuilder()
                        .add("id", id + "#cs").add("type", "gx:LegalPerson")
                        .add("gx:legalAddress", Json.provider().createObjectBuilder().add("type", "gx:Address").add("gx:countryCode", "BE")));
        extra.forEach(vc::add);
        return vc.build();
    }

    /** A Tagus-style VCDM 1.1 LegalParticipant credential. */
    static JsonObject vc11(String issuer, String id) {
        return Json.provider().createObjectBuilder()
                .add("@context", Json.provider().createArrayBuilder().add("https://www.w3.org/2018/credentials/v1")
                        .add("https://w3id.org/security/suites/jws-2020/v1")
                        .add("https://registry.lab.gaia-x.eu/development/api/trusted-shape-registry/v1/shapes/jsonld/trustframework#"))
                .add("type", Json.provider().createArrayBuilder().add("VerifiableCredential"))
                .add("id", id)
                .add("issuer", issuer)
                .add("issuanceDate", "2026-01-01T00:00:00Z")
                .add("credentialSubject", Json.provider().createObjectBuilder()
                        .add("id", id + "#cs").add("type", "gx:LegalParticipant").add("gx:legalName", "Example SA"))
                .build();
    }

    static JsonObject presentation(List<String> contexts, String holder, JsonArrayBuilder credentials) {
        JsonObjectBuilder vp = Json.provider().createObjectBuilder()
                .add("@context", Json.provider().createArrayBuilder(contexts))
                .add("type", Json.provider().createArrayBuilder().add("VerifiablePresentation"))
                .add("verifiableCredential", credentials);
        if (holder != null) {
            vp.add("holder", holder);
        }
        return vp.build();
    }

    static JsonObject enveloped(String jwt) {
        return Json.provider().createObjectBuilder()
                .add("@context", "https://www.w3.org/ns/credentials/v2")
                .add("type", "EnvelopedVerifiableCredential")
                .add("id", "data:application/vc+jwt," + jwt)
                .build();
    }

    static String sign(JsonObject document, Issuer issuer, Format format) {
        return new CredentialSigner().sign(document, issuer.signingKey(), format, Instant.parse("2026-06-01T00:00:00Z"));
    }

    static JsonObject json(String text) {
        try {
            return Json.parse(text.getBytes(StandardCharsets.UTF_8)).asJsonObject();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Replaces the payload of a compact JWS, keeping header and signature. */
    static String withPayload(String jwt, JsonObject payload) {
        String[] parts = jwt.split("\\.");
        return parts[0] + "." + Base64URL.encode(Json.write(payload).getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
    }

    /** Signs header and payload as a compact JWS with the header's alg, the way a forger with that key would. */
    static String compactJws(JsonObject header, JsonObject payload, JWK key) {
        String signingInput = Base64URL.encode(Json.write(header).getBytes(StandardCharsets.UTF_8)) + "."
                + Base64URL.encode(Json.write(payload).getBytes(StandardCharsets.UTF_8));
        try {
            return signingInput + "." + JwsAlgorithms.sign(header.getString("alg"), key, signingInput.getBytes(StandardCharsets.US_ASCII));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static JsonObject header(String jwt) {
        return json(new String(new Base64URL(jwt.split("\\.")[0]).decode(), StandardCharsets.UTF_8));
    }

    static JsonObject payload(String jwt) {
        return json(new String(new Base64URL(jwt.split("\\.")[1]).decode(), StandardCharsets.UTF_8));
    }

    private static void write(Path file, String content) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
