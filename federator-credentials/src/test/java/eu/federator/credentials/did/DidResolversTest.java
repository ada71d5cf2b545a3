package eu.federator.credentials.did;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import eu.federator.credentials.net.FetchException;
import eu.federator.credentials.net.Fetched;
import eu.federator.credentials.net.ResourceFetcher;
import eu.federator.credentials.net.WebMirror;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DidResolversTest {

    static Path web() {
        return Path.of(System.getProperty("federator.fixtures"), "xfsc", "web");
    }

    /** Serves fixed documents by URL and counts fetches. */
    static final class FakeFetcher implements ResourceFetcher {
        final Map<String, String> documents;
        final AtomicInteger fetches = new AtomicInteger();

        FakeFetcher(Map<String, String> documents) {
            this.documents = documents;
        }

        @Override
        public Fetched fetch(URI uri, String accept) throws FetchException {
            fetches.incrementAndGet();
            String body = documents.get(uri.toString());
            if (body == null) {
                throw new FetchException(uri + " answered HTTP 404");
            }
            return new Fetched(uri, "application/did+json", body.getBytes(StandardCharsets.UTF_8));
        }
    }

    @Test
    void resolvesTheXfscFixtureDocumentsThroughTheWebMirror() throws Exception {
        DidResolvers resolvers = DidResolvers.standard(new WebMirror(web()), Duration.ofMinutes(10));
        DidDocument didServer = resolvers.resolve("did:web:did-server");
        assertThat(didServer.id()).isEqualTo("did:web:did-server");
        assertThat(didServer.verificationMethods()).extracting(VerificationMethod::id)
                .containsExactly("did:web:did-server#0", "did:web:did-server#jwt-key-1");
        VerificationMethod rsa = didServer.method("did:web:did-server#0").orElseThrow();
        assertThat(rsa.type()).isEqualTo("JsonWebKey2020");
        assertThat(rsa.controller()).isEqualTo("did:web:did-server");
        assertThat(rsa.publicKey()).isInstanceOf(RSAKey.class);
        assertThat(rsa.publicKey().getX509CertURL()).isEqualTo(URI.create("https://did-server/certs/chain.pem"));
        assertThat(didServer.method("did:web:did-server#jwt-key-1").orElseThrow().publicKey()).isInstanceOf(OctetKeyPair.class);
        assertThat(didServer.authorizes("did:web:did-server#jwt-key-1", "assertionMethod")).isTrue();
        assertThat(didServer.authorizes("did:web:did-server#jwt-key-1", "authentication")).isFalse();

        DidDocument compliance = resolvers.resolve("did:web:compliance.lab.gaia-x.eu#JWK2020-RSA");
        assertThat(compliance.method("did:web:compliance.lab.gaia-x.eu")).isPresent(); // the id without fragment
        assertThat(compliance.authorizes("did:web:compliance.lab.gaia-x.eu#JWK2020-RSA", "authentication")).isTrue();
    }

    @Test
    void cachesDocumentsForTheTtl() throws Exception {
        FakeFetcher fetcher = new FakeFetcher(Map.of("https://example.com/.well-known/did.json",
                "{\"id\":\"did:web:example.com\",\"verificationMethod\":[]}"));
        DidResolvers cached = DidResolvers.standard(fetcher, Duration.ofMinutes(1));
        cached.resolve("did:web:example.com");
        cached.resolve("did:web:example.com#k");
        assertThat(fetcher.fetches.get()).isEqualTo(1);
        DidResolvers uncached = DidResolvers.standard(fetcher, Duration.ZERO);
        uncached.resolve("did:web:example.com");
        uncached.resolve("did:web:example.com");
        assertThat(fetcher.fetches.get()).isEqualTo(3);
    }

    @Test
    void parsesRelativeIdsMultikeysAndEmbeddedMethods() throws Exception {
        OctetKeyPair ed = ed25519();
        String multibase = MultibaseKeys.encode(MultibaseKeys.ED25519_PUB, ed.getX().decode());
        ECKey ec = new ECKeyGenerator(Curve.P_256).generate();
        String doc = """
                {"@context":["https://www.w3.org/ns/did/v1"],
                 "id":"did:web:example.com:issuer",
                 "verificationMethod":[
                   {"id":"#mk","type":"Multikey","controller":"did:web:example.com:issuer","publicKeyMultibase":"%s"},
                   {"id":"did:web:example.com:issuer#2020","type":"Ed25519VerificationKey2020","controller":"did:web:example.com:issuer","publicKeyMultibase":"%s"},
                   {"id":"#legacy","type":"Ed25519VerificationKey2018","controller":"did:web:example.com:issuer","publicKeyBase58":"%s"},
                   {"id":"#jwk","type":"JsonWebKey","controller":"did:web:example.com:issuer","publicKeyJwk":%s},
                   {"id":"#chain","type":"EcdsaSecp256k1RecoveryMethod2020","controller":"did:web:example.com:issuer","blockchainAccountId":"eip155:1:0xab"}
                 ],
                 "authentication":["#mk", {"id":"#embedded","type":"JsonWebKey2020","controller":"did:web:example.com:issuer","publicKeyJwk":%s}],
                 "assertionMethod":"#jwk",
                 "keyAgreement":[]}
                """.formatted(multibase, multibase, Base58.encode(ed.getX().decode()), ec.toPublicJWK().toJSONString(),
                ec.toPublicJWK().toJSONString());
        FakeFetcher fetcher = new FakeFetcher(Map.of("https://example.com/issuer/did.json", doc));
        DidDocument document = DidResolvers.standard(fetcher, Duration.ZERO).resolve("did:web:example.com:issuer");
        String did = "did:web:example.com:issuer";
        assertThat(document.verificationMethods()).extracting(VerificationMethod::id)
                .containsExactly(did + "#mk", did + "#2020", did + "#legacy", did + "#jwk", did + "#embedded");
        assertThat(document.method(did + "#mk").orElseThrow().publicKey().toJSONObject()).isEqualTo(ed.toPublicJWK().toJSONObject());
        assertThat(document.method(did + "#legacy").orElseThrow().publicKey().toJSONObject()).isEqualTo(ed.toPublicJWK().toJSONObject());
        assertThat(document.method(did + "#jwk").orElseThrow().publicKey().toJSONObject()).isEqualTo(ec.toPublicJWK().toJSONObject());
        assertThat(document.relationships().get("authentication")).containsExactly(did + "#mk", did + "#embedded");
        assertThat(document.authorizes(did + "#jwk", "assertionMethod")).isTrue();
        assertThat(document.relationships()).doesNotContainKey("keyAgreement");
    }

    @Test
    void documentIdMustBeTheRequestedDid() {
        FakeFetcher fetcher = new FakeFetcher(Map.of("https://evil.example/.well-known/did.json",
                "{\"id\":\"did:web:victim.example\",\"verificationMethod\":[]}"));
        assertThatThrownBy(() -> DidResolvers.standard(fetcher, Duration.ZERO).resolve("did:web:evil.example"))
                .isInstanceOf(DidResolutionException.class)
                .hasMessage("the DID document at https://evil.example/.well-known/did.json is for did:web:victim.example, not for did:web:evil.example");
    }

    @Test
    void rejectsPrivateKeyMaterial() throws Exception {
        ECKey privateEc = new ECKeyGenerator(Curve.P_256).generate();
        String withD = "{\"id\":\"did:web:a.example\",\"verificationMethod\":[{\"id\":\"#k\",\"type\":\"JsonWebKey2020\","
                + "\"controller\":\"did:web:a.example\",\"publicKeyJwk\":" + privateEc.toJSONString() + "}]}";
        String privateMember = "{\"id\":\"did:web:b.example\",\"verificationMethod\":[{\"id\":\"#k\",\"type\":\"Multikey\","
                + "\"controller\":\"did:web:b.example\",\"privateKeyMultibase\":\"z3u2...\"}]}";
        String privateMultikey = "{\"id\":\"did:web:c.example\",\"assertionMethod\":[{\"id\":\"#k\",\"type\":\"Multikey\","
                + "\"controller\":\"did:web:c.example\",\"publicKeyMultibase\":\"" + MultibaseKeys.encode(0x1300, new byte[32]) + "\"}]}";
        String symmetric = "{\"id\":\"did:web:d.example\",\"verificationMethod\":[{\"id\":\"#k\",\"type\":\"JsonWebKey2020\","
                + "\"controller\":\"did:web:d.example\",\"publicKeyJwk\":{\"kty\":\"oct\",\"k\":\"c2VjcmV0\"}}]}";
        FakeFetcher fetcher = new FakeFetcher(Map.of(
                "https://a.example/.well-known/did.json", withD,
                "https://b.example/.well-known/did.json", privateMember,
                "https://c.example/.well-known/did.json", privateMultikey,
                "https://d.example/.well-known/did.json", symmetric));
        DidResolvers resolvers = DidResolvers.standard(fetcher, Duration.ZERO);
        assertThatThrownBy(() -> resolvers.resolve("did:web:a.example"))
                .hasMessage("the DID document of did:web:a.example contains private key material (publicKeyJwk.d in verification"
                        + " method did:web:a.example#k); a DID document must only publish public keys, refusing it");
        assertThatThrownBy(() -> resolvers.resolve("did:web:b.example")).hasMessageContaining("privateKeyMultibase");
        assertThatThrownBy(() -> resolvers.resolve("did:web:c.example")).hasMessageContaining("private key material");
        assertThatThrownBy(() -> resolvers.resolve("did:web:d.example")).hasMessageContaining("private key material");
    }

    @Test
    void rejectsBrokenDocuments() {
        FakeFetcher fetcher = new FakeFetcher(Map.of(
                "https://a.example/.well-known/did.json", "not json",
                "https://b.example/.well-known/did.json", "[1,2]",
                "https://c.example/.well-known/did.json", "{\"verificationMethod\":[]}",
                "https://d.example/.well-known/did.json", "{\"id\":\"did:web:d.example\",\"verificationMethod\":[{\"id\":\"#k\","
                        + "\"type\":\"JsonWebKey2020\",\"publicKeyJwk\":{\"kty\":\"EC\"}}]}",
                "https://e.example/.well-known/did.json", "{\"id\":\"did:web:e.example\",\"verificationMethod\":["
                        + "{\"id\":\"#k\",\"type\":\"Multikey\",\"publicKeyMultibase\":\"" + MultibaseKeys.encode(0xed, new byte[32]) + "\"},"
                        + "{\"id\":\"#k\",\"type\":\"Multikey\",\"publicKeyMultibase\":\"" + MultibaseKeys.encode(0xed, new byte[32]) + "\"}]}"));
        DidResolvers resolvers = DidResolvers.standard(fetcher, Duration.ZERO);
        assertThatThrownBy(() -> resolvers.resolve("did:web:a.example")).hasMessageContaining("is not valid JSON");
        assertThatThrownBy(() -> resolvers.resolve("did:web:b.example")).hasMessageContaining("is not a JSON object");
        assertThatThrownBy(() -> resolvers.resolve("did:web:c.example")).hasMessageContaining("has no \"id\"");
        assertThatThrownBy(() -> resolvers.resolve("did:web:d.example")).hasMessageContaining("invalid publicKeyJwk");
        assertThatThrownBy(() -> resolvers.resolve("did:web:e.example")).hasMessageContaining("more than once");
        assertThatThrownBy(() -> resolvers.resolve("did:web:missing.example"))
                .hasMessage("cannot resolve did:web:missing.example: https://missing.example/.well-known/did.json answered HTTP 404");
    }

    @Test
    void unsupportedAndMalformedDids() {
        DidResolvers resolvers = DidResolvers.standard(new FakeFetcher(Map.of()), Duration.ZERO);
        assertThatThrownBy(() -> resolvers.resolve("did:ethr:0xabc"))
                .isInstanceOf(DidResolutionException.class)
                .hasMessage("unsupported DID method \"ethr\" (did:ethr:0xabc); supported: web, key, jwk");
        assertThatThrownBy(() -> resolvers.resolve("https://example.com")).hasMessageContaining("not a DID");
        assertThatThrownBy(() -> resolvers.resolve("did:web:127.0.0.1")).hasMessageContaining("malformed did:web");
        assertThatThrownBy(() -> resolvers.resolve("did:key:abc")).hasMessageContaining("malformed did:key");
        assertThatThrownBy(() -> resolvers.resolve("did:key:z" + "1".repeat(10))).hasMessageContaining("malformed did:key");
        assertThatThrownBy(() -> resolvers.resolve("did:jwk:!!")).hasMessageContaining("malformed did:jwk");
    }

    // --- did:key (vectors from the did:key specification and independent implementations) ---

    @Test
    void didKeyP256SpecVectors() throws Exception {
        DidResolvers resolvers = DidResolvers.standard(new FakeFetcher(Map.of()), Duration.ZERO);
        String did = "did:key:zDnaerDaTF5BXEavCrfRZEk316dpbLsfPDZ3WJ5hRTPFU2169";
        DidDocument document = resolvers.resolve(did);
        VerificationMethod vm = document.verificationMethods().get(0);
        assertThat(vm.id()).isEqualTo(did + "#zDnaerDaTF5BXEavCrfRZEk316dpbLsfPDZ3WJ5hRTPFU2169");
        assertThat(vm.controller()).isEqualTo(did);
        ECKey key = (ECKey) vm.publicKey();
        assertThat(key.getCurve()).isEqualTo(Curve.P_256);
        assertThat(key.getX().toString()).isEqualTo("fyNYMN0976ci7xqiSdag3buk-ZCwgXU4kz9XNkBlNUI");
        assertThat(key.getY().toString()).isEqualTo("hW2ojTNfH7Jbi8--CJUo3OCbH3y5n91g-IMA9MLMbTU");
        for (String r : List.of("authentication", "assertionMethod", "capabilityInvocation", "capabilityDelegation")) {
            assertThat(document.authorizes(vm.id(), r)).as(r).isTrue();
        }
        ECKey second = (ECKey) resolvers.resolve("did:key:zDnaerx9CtbPJ1q36T5Ln5wYt3MQYeGRG5ehnPAmxcf5mDZpv")
                .verificationMethods().get(0).publicKey();
        assertThat(second.getX().toString()).isEqualTo("igrFmi0whuihKnj9R3Om1SoMph72wUGeFaBbzG2vzns");
        assertThat(second.getY().toString()).isEqualTo("efsX5b10x8yjyrj4ny3pGfLcY7Xby1KzgqOdqnsrJIM");
    }

    @Test
    void didKeyOtherKeyTypes() throws Exception {
        DidResolvers resolvers = DidResolvers.standard(new FakeFetcher(Map.of()), Duration.ZERO);
        JWK ed = key(resolvers, "did:key:z6MkiTBz1ymuepAQ4HEHYSF1H8quG5GLVVQR3djdX3mDooWp");
        assertThat(((OctetKeyPair) ed).getCurve()).isEqualTo(Curve.Ed25519);
        assertThat(((OctetKeyPair) ed).getX().decode()).hasSize(32);
        JWK p384 = key(resolvers, "did:key:z82Lm1MpAkeJcix9K8TMiLd5NMAhnwkjjCBeWHXyu3U4oT2MVJJKXkcVBgjGhnLBn2Kaau9");
        assertThat(((ECKey) p384).getCurve()).isEqualTo(Curve.P_384);
        assertThat(((ECKey) p384).toECPublicKey()).isNotNull();
        JWK p521 = key(resolvers, "did:key:z2J9gaYxrKVpdoG9A4gRnmpnRCcxU6agDtFVVBVdn1JedouoZN7SzcyREXXzWgt3gGiwpoHq7K68X4m32D8HgzG8wv3sY5j7");
        assertThat(((ECKey) p521).getCurve()).isEqualTo(Curve.P_521);
        JWK k1 = key(resolvers, "did:key:zQ3shokFTS3brHcDQrn82RUDfCZESWL1ZdCEJwekUDPQiYBme");
        assertThat(((ECKey) k1).getCurve()).isEqualTo(Curve.SECP256K1);
        JWK rsa = key(resolvers, "did:key:z4MXj1wBzi9jUstyPMS4jQqB6KdJaiatPkAtVtGc6bQEQEEsKTic4G7Rou3iBf9vPmT5dbkm9qsZsuVNjq8HCuW1w24nhBFGkRE4cd2Uf2tfrB3N7h4mnyPp1BF3ZttHTYv3DLUPi1zMdkULiow3M1GfXkoC6DoxDUm1jmN6GBj22SjVsr6dxezRVQc7aj9TxE7JLbMH1wh5X3kA58H3DFW8rnYMakFGbca5CB2Jf6CnGQZmL7o5uJAdTwXfy2iiiyPxXEGerMhHwhjTA1mKYobyk2CpeEcmvynADfNZ5MBvcCS7m3XkFCMNUYBS9NQ3fze6vMSUPsNa6GVYmKx2x6JrdEjCk3qRMMmyjnjCMfR4pXbRMZa3i");
        assertThat(((RSAKey) rsa).size()).isEqualTo(2048);
        assertThat(((RSAKey) rsa).getPublicExponent().toString()).isEqualTo("AQAB");
    }

    @Test
    void didKeyRoundTripsGeneratedKeys() throws Exception {
        DidResolvers resolvers = DidResolvers.standard(new FakeFetcher(Map.of()), Duration.ZERO);
        OctetKeyPair ed = ed25519();
        String edDid = "did:key:" + MultibaseKeys.encode(MultibaseKeys.ED25519_PUB, ed.getX().decode());
        assertThat(edDid).startsWith("did:key:z6Mk");
        assertThat(key(resolvers, edDid).toJSONObject()).isEqualTo(ed.toPublicJWK().toJSONObject());
        ECKey p256 = new ECKeyGenerator(Curve.P_256).generate();
        byte[] compressed = org.bouncycastle.crypto.ec.CustomNamedCurves.getByName("secp256r1").getCurve()
                .createPoint(p256.getX().decodeToBigInteger(), p256.getY().decodeToBigInteger()).getEncoded(true);
        String p256Did = "did:key:" + MultibaseKeys.encode(MultibaseKeys.P256_PUB, compressed);
        assertThat(p256Did).startsWith("did:key:zDn");
        assertThat(key(resolvers, p256Did).toJSONObject()).isEqualTo(p256.toPublicJWK().toJSONObject());
    }

    @Test
    void didKeyRejectsBadPoints() {
        DidResolvers resolvers = DidResolvers.standard(new FakeFetcher(Map.of()), Duration.ZERO);
        byte[] badPrefix = new byte[33];
        badPrefix[0] = 5;
        assertThatThrownBy(() -> resolvers.resolve("did:key:" + MultibaseKeys.encode(MultibaseKeys.P256_PUB, badPrefix)))
                .hasMessageContaining("malformed did:key").hasMessageContaining("not a valid P-256 point");
        byte[] shortPoint = new byte[20];
        shortPoint[0] = 2;
        assertThatThrownBy(() -> resolvers.resolve("did:key:" + MultibaseKeys.encode(MultibaseKeys.P256_PUB, shortPoint)))
                .hasMessageContaining("not a valid P-256 point");
        assertThatThrownBy(() -> resolvers.resolve("did:key:" + MultibaseKeys.encode(MultibaseKeys.ED25519_PUB, new byte[31])))
                .hasMessageContaining("32 bytes");
        assertThatThrownBy(() -> resolvers.resolve("did:key:" + MultibaseKeys.encode(0xec, new byte[32])))
                .hasMessageContaining("unsupported multicodec key type 0xec");
    }

    // --- did:jwk ---

    @Test
    void didJwk() throws Exception {
        DidResolvers resolvers = DidResolvers.standard(new FakeFetcher(Map.of()), Duration.ZERO);
        ECKey ec = new ECKeyGenerator(Curve.P_256).generate();
        String did = "did:jwk:" + Base64URL.encode(ec.toPublicJWK().toJSONString());
        DidDocument document = resolvers.resolve(did);
        VerificationMethod vm = document.verificationMethods().get(0);
        assertThat(vm.id()).isEqualTo(did + "#0");
        assertThat(vm.type()).isEqualTo("JsonWebKey2020");
        assertThat(vm.publicKey().toJSONObject()).isEqualTo(ec.toPublicJWK().toJSONObject());
        assertThat(document.relationships().keySet()).containsExactlyInAnyOrder("authentication", "assertionMethod",
                "capabilityInvocation", "capabilityDelegation", "keyAgreement");

        ECKey sig = new ECKey.Builder(ec.toPublicJWK()).keyUse(com.nimbusds.jose.jwk.KeyUse.SIGNATURE).build();
        assertThat(resolvers.resolve("did:jwk:" + Base64URL.encode(sig.toJSONString())).relationships()).doesNotContainKey("keyAgreement");

        String privateDid = "did:jwk:" + Base64URL.encode(ec.toJSONString());
        assertThatThrownBy(() -> resolvers.resolve(privateDid)).hasMessageContaining("private key material");
        assertThatThrownBy(() -> resolvers.resolve("did:jwk:" + Base64URL.encode("{\"kty\":\"EC\"}"))).hasMessageContaining("not a JWK");
    }

    /** An Ed25519 public JWK from the JDK's generator (Nimbus's generator needs Tink). */
    static OctetKeyPair ed25519() throws Exception {
        byte[] spki = java.security.KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPublic().getEncoded();
        return new OctetKeyPair.Builder(Curve.Ed25519, Base64URL.encode(java.util.Arrays.copyOfRange(spki, 12, 44))).build();
    }

    private static JWK key(DidResolvers resolvers, String did) throws DidResolutionException {
        return resolvers.resolve(did).verificationMethods().get(0).publicKey();
    }
}
