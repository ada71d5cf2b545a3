package eu.federator.credentials.proof.jws2020;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import eu.federator.credentials.json.Json;
import eu.federator.credentials.jsonld.ContextPolicy;
import eu.federator.credentials.jsonld.LinkedData;
import eu.federator.credentials.jsonld.LinkedDataException;
import eu.federator.credentials.testing.Fixtures;
import eu.federator.credentials.testing.WebMirrorFetcher;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class JsonWebSignature2020Test {

    static final String VECTORS = "gaiax/jws2020-vectors/gx-jws2020-dual-flavour-vectors.json";
    static final JsonWebSignature2020 JWS = new JsonWebSignature2020(LinkedData.offline());
    /** Some XFSC presentations also use presentation-exchange and other contexts from the web mirror. */
    static final JsonWebSignature2020 MIRROR = new JsonWebSignature2020(new LinkedData(new ContextPolicy(
            Fixtures.json("xfsc/web/urlmap.json").getJsonObject("map").keySet(), new WebMirrorFetcher())));
    static JWK xfscKey;
    static JWK vectorKey;
    static JWK rsa;
    static JWK rsaRs256;
    static JWK p256;
    static JWK p384;
    static JWK ed25519;

    @BeforeAll
    static void keys() throws Exception {
        xfscKey = JWK.parse(new String(Fixtures.bytes("xfsc/classic/keys/compliance.lab.gaia-x.eu.public.jwk.json"), StandardCharsets.UTF_8));
        vectorKey = JWK.parse(Json.write(Fixtures.json(VECTORS).getJsonObject("publicKeyJwk")));
        rsa = new RSAKeyGenerator(2048).generate();
        rsaRs256 = new RSAKeyGenerator(2048).algorithm(JWSAlgorithm.RS256).generate();
        p256 = new ECKeyGenerator(Curve.P_256).generate();
        p384 = new ECKeyGenerator(Curve.P_384).generate();
        // Nimbus's OctetKeyPairGenerator needs Tink; the JDK generates Ed25519 keys itself
        java.security.KeyPair pair = java.security.KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        byte[] x = java.util.Arrays.copyOfRange(pair.getPublic().getEncoded(), 12, 44);
        byte[] d = java.util.Arrays.copyOfRange(pair.getPrivate().getEncoded(), 16, 48);
        ed25519 = new com.nimbusds.jose.jwk.OctetKeyPair.Builder(Curve.Ed25519, com.nimbusds.jose.util.Base64URL.encode(x))
                .d(com.nimbusds.jose.util.Base64URL.encode(d)).build();
    }

    static JsonObject vector(String name) {
        return Fixtures.json(VECTORS).getJsonObject("vectors").getJsonObject(name).getJsonObject("credential");
    }

    // ---- Gaia-X dual-flavour vectors

    @Test
    void legacyVectorVerifiesAsLegacyOnly() throws Exception {
        JsonObject vc = vector("gaiaXLegacy");
        Jws2020Verification result = JWS.verify(vc, vc.getJsonObject("proof"), vectorKey);
        assertThat(result.valid()).isTrue();
        assertThat(result.flavour()).isEqualTo(Jws2020Flavour.GAIAX_LEGACY);
        assertThat(result.message()).contains("PS256").contains("jws2020-legacy");
        assertThat(JWS.verify(vc, vc.getJsonObject("proof"), vectorKey, EnumSet.of(Jws2020Flavour.W3C, Jws2020Flavour.DANUBETECH)).valid()).isFalse();
    }

    @Test
    void w3cVectorVerifiesAsW3cOnly() throws Exception {
        JsonObject vc = vector("w3cJsonWebSignature2020");
        Jws2020Verification result = JWS.verify(vc, vc.getJsonObject("proof"), vectorKey);
        assertThat(result).isEqualTo(new Jws2020Verification(true, Jws2020Flavour.W3C, "PS256 signature verified (jws2020-w3c)"));
        Jws2020Verification legacy = JWS.verify(vc, vc.getJsonObject("proof"), vectorKey, EnumSet.of(Jws2020Flavour.GAIAX_LEGACY));
        assertThat(legacy.valid()).isFalse();
        assertThat(legacy.flavour()).isNull();
        assertThat(legacy.message()).contains("matches none").contains("jws2020-legacy");
    }

    @Test
    void noFlavourMatchesWithAnotherKey() throws Exception {
        JsonObject vc = vector("w3cJsonWebSignature2020");
        Jws2020Verification result = JWS.verify(vc, vc.getJsonObject("proof"), rsa.toPublicJWK());
        assertThat(result.valid()).isFalse();
        assertThat(result.message()).contains("matches none of the JsonWebSignature2020 flavours tried (jws2020-legacy, jws2020-w3c, jws2020-danubetech)");
    }

    // ---- XFSC (classic) fixtures: danubetech flavour

    /** file, JSON pointer-ish location of the signed object ("" = the VP, "0" = verifiableCredential[0]). */
    static Stream<Arguments> validXfscProofs() {
        List<Arguments> out = new ArrayList<>();
        for (String file : List.of("sign/valid_signature.json", "sign/valid_complex_signature.json", "sign/hasInvalidSignature.json",
                "sign/lacksSomeSignatures.json", "mock-data/default-sd.json", "mock-data/default_participant.json",
                "mock-data/alternative_participant.json", "mock-data/alternative2_participant.json", "mock-data/unique_participant.json",
                "mock-data/default-sd-service-offering.json", "mock-data/sd-without-issuer.json",
                "mock-data/sd-without-credential-subject.json")) {
            JsonObject vp = Fixtures.json("xfsc/classic/" + file);
            if (vp.containsKey("proof")) {
                out.add(Arguments.of(file, -1));
            }
            JsonValue vcs = vp.get("verifiableCredential");
            int count = vcs.getValueType() == JsonValue.ValueType.ARRAY ? vcs.asJsonArray().size() : 1;
            for (int i = 0; i < count; i++) {
                if (!(file.equals("sign/hasInvalidSignature.json") && i == 1)) {
                    out.add(Arguments.of(file, i));
                }
            }
        }
        return out.stream();
    }

    static JsonObject signed(String file, int index) {
        JsonObject vp = Fixtures.json("xfsc/classic/" + file);
        if (index < 0) {
            return vp;
        }
        JsonValue vcs = vp.get("verifiableCredential");
        return vcs.getValueType() == JsonValue.ValueType.ARRAY ? vcs.asJsonArray().getJsonObject(index) : vcs.asJsonObject();
    }

    @ParameterizedTest(name = "{0} [{1}]")
    @MethodSource("validXfscProofs")
    void xfscClassicProofsVerifyAsDanubetech(String file, int index) throws Exception {
        JsonObject document = signed(file, index);
        Jws2020Verification result = MIRROR.verify(document, document.getJsonObject("proof"), xfscKey);
        assertThat(result.valid()).as(result.message()).isTrue();
        assertThat(result.flavour()).isEqualTo(Jws2020Flavour.DANUBETECH);
    }

    @Test
    void xfscValidProofCountMatchesSources() {
        // SOURCES.md: 2 + 3 + 2 (VC[1] invalid) + 2 (no VP proof) in sign/, VP + VC in each of 8 mock-data files
        assertThat(validXfscProofs().count()).isEqualTo(9 + 16);
    }

    @Test
    void xfscInvalidSignatureFails() throws Exception {
        JsonObject vc = signed("sign/hasInvalidSignature.json", 1);
        Jws2020Verification result = JWS.verify(vc, vc.getJsonObject("proof"), xfscKey);
        assertThat(result.valid()).isFalse();
        assertThat(result.message()).contains("matches none");
        // and the same credential with the original signature verifies
        JsonObject original = signed("sign/valid_complex_signature.json", 1);
        assertThat(JWS.verify(original, original.getJsonObject("proof"), xfscKey).valid()).isTrue();
    }

    @Test
    void xfscEdDsaHeaderWithTheRsaKeyIsAKeyMismatch() throws Exception {
        JsonObject vc = signed("sign/hasInvalidSignatureType.json", 0);
        Jws2020Verification result = JWS.verify(vc, vc.getJsonObject("proof"), xfscKey);
        assertThat(result.valid()).isFalse();
        assertThat(result.message()).isEqualTo("the key (RSA) cannot verify EdDSA signatures");
    }

    @Test
    void sdResourceVerifiesUnderBothW3cAndDanubetech() throws Exception {
        Set<String> allowed = Set.of("https://www.w3.org/2018/credentials/examples/v1", "https://www.w3.org/ns/odrl.jsonld");
        JsonWebSignature2020 jws = new JsonWebSignature2020(new LinkedData(new ContextPolicy(allowed, new WebMirrorFetcher())));
        JsonObject vp = Fixtures.json("xfsc/classic/mock-data/sd_resource.json");
        for (JsonObject document : List.of(vp, vp.getJsonArray("verifiableCredential").getJsonObject(0))) {
            JsonObject proof = document.getJsonObject("proof");
            assertThat(jws.verify(document, proof, xfscKey).flavour()).isEqualTo(Jws2020Flavour.W3C);
            assertThat(jws.verify(document, proof, xfscKey, EnumSet.of(Jws2020Flavour.DANUBETECH)).flavour()).isEqualTo(Jws2020Flavour.DANUBETECH);
            assertThat(jws.verify(document, proof, xfscKey, EnumSet.of(Jws2020Flavour.GAIAX_LEGACY)).valid()).isFalse();
        }
    }

    @Test
    void sdResourceWithoutTheAllowListFailsClosed() {
        JsonObject vp = Fixtures.json("xfsc/classic/mock-data/sd_resource.json");
        JsonObject vc = vp.getJsonArray("verifiableCredential").getJsonObject(0);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> JWS.verify(vc, vc.getJsonObject("proof"), xfscKey))
                .isInstanceOf(LinkedDataException.class)
                .hasMessageContaining("https://www.w3.org/2018/credentials/examples/v1 is neither bundled nor allow-listed");
    }

    // ---- sign / verify round trips

    static Stream<Arguments> keysAndFlavours() {
        List<Arguments> out = new ArrayList<>();
        for (String alg : List.of("PS256", "RS256", "ES256", "ES384", "EdDSA")) {
            for (Jws2020Flavour flavour : Jws2020Flavour.values()) {
                out.add(Arguments.of(alg, flavour));
            }
        }
        return out.stream();
    }

    static JWK key(String alg) {
        return switch (alg) {
            case "PS256" -> rsa;
            case "RS256" -> rsaRs256;
            case "ES256" -> p256;
            case "ES384" -> p384;
            case "EdDSA" -> ed25519;
            default -> throw new IllegalArgumentException(alg);
        };
    }

    static JsonObject unsigned() {
        return Json.provider().createObjectBuilder(vector("w3cJsonWebSignature2020")).remove("proof").build();
    }

    static JsonObject withClaim(JsonObject vc, String value) {
        JsonObject subject = Json.provider().createObjectBuilder(vc.getJsonObject("credentialSubject")).add("gx:legalName", value).build();
        return Json.provider().createObjectBuilder(vc).add("credentialSubject", subject).build();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("keysAndFlavours")
    void signThenVerify(String alg, Jws2020Flavour flavour) throws Exception {
        JWK key = key(alg);
        JsonObject document = withClaim(unsigned(), "Example SA");
        JsonObject secured = JWS.sign(document, key, "did:web:example.org#key-1", "assertionMethod",
                Instant.parse("2025-01-02T03:04:05.678Z"), flavour);
        JsonObject proof = secured.getJsonObject("proof");
        assertThat(JsonWebSignature2020.headerAlgorithm(proof)).isEqualTo(alg);
        assertThat(proof.getString("created")).isEqualTo("2025-01-02T03:04:05.678Z");

        Jws2020Verification result = JWS.verify(secured, proof, key.toPublicJWK());
        assertThat(result.valid()).as(result.message()).isTrue();
        // this document's @context includes jws-2020/v1, so danubetech's proof options equal the W3C ones and
        // the W3C attempt (tried first) already verifies
        assertThat(result.flavour()).isEqualTo(flavour == Jws2020Flavour.DANUBETECH ? Jws2020Flavour.W3C : flavour);

        // a changed claim breaks every flavour
        JsonObject tampered = withClaim(secured, "Evil SA");
        assertThat(JWS.verify(tampered, proof, key.toPublicJWK()).valid()).isFalse();

        // a changed signature breaks it too
        String jws = proof.getString("jws");
        char last = jws.charAt(jws.length() - 3);
        String changed = jws.substring(0, jws.length() - 3) + (last == 'A' ? 'B' : 'A') + jws.substring(jws.length() - 2);
        JsonObject badProof = Json.provider().createObjectBuilder(proof).add("jws", changed).build();
        assertThat(JWS.verify(secured, badProof, key.toPublicJWK()).valid()).isFalse();
    }

    @Test
    void danubetechSigningOfACredentialsV1OnlyDocumentVerifiesAsDanubetech() throws Exception {
        JsonObject document = Json.provider().createObjectBuilder(signed("sign/valid_signature.json", 0)).remove("proof").build();
        JsonObject secured = JWS.sign(document, rsa, "did:web:example.org", "assertionMethod", Instant.now(), Jws2020Flavour.DANUBETECH);
        Jws2020Verification result = JWS.verify(secured, secured.getJsonObject("proof"), rsa.toPublicJWK());
        assertThat(result.flavour()).isEqualTo(Jws2020Flavour.DANUBETECH);
    }

    @Test
    void legacyFlavourDoesNotProtectProofOptionsButW3cDoes() throws Exception {
        JsonObject document = unsigned();
        Instant created = Instant.parse("2025-01-02T03:04:05Z");
        for (Jws2020Flavour flavour : List.of(Jws2020Flavour.GAIAX_LEGACY, Jws2020Flavour.W3C)) {
            JsonObject secured = JWS.sign(document, rsa, "did:web:example.org#key-1", "assertionMethod", created, flavour);
            JsonObject forged = Json.provider().createObjectBuilder(secured.getJsonObject("proof"))
                    .add("created", "2035-01-01T00:00:00Z")
                    .add("verificationMethod", "did:web:attacker.example#key-1").build();
            boolean stillValid = JWS.verify(secured, forged, rsa.toPublicJWK()).valid();
            // Gaia-X legacy signs only the document: changed proof options go unnoticed (gaiax-trust.md 3.1)
            assertThat(stillValid).as(flavour.id()).isEqualTo(flavour == Jws2020Flavour.GAIAX_LEGACY);
        }
    }

    @Test
    void w3cSigningRefusesADocumentWhoseContextLeavesTheProofOptionsUnsigned() {
        JsonObject document = Json.provider().createObjectBuilder()
                .add("@context", Json.provider().createArrayBuilder().add("https://www.w3.org/2018/credentials/v1"))
                .add("type", "VerifiableCredential").add("issuer", "did:example:1").add("issuanceDate", "2024-01-01T00:00:00Z")
                .add("credentialSubject", Json.provider().createObjectBuilder().add("id", "did:example:2")).build();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> JWS.sign(document, rsa, "did:example:1#k", "assertionMethod", Instant.now(), Jws2020Flavour.W3C))
                .isInstanceOf(LinkedDataException.class)
                .hasMessageContaining("does not define the JsonWebSignature2020 proof terms");
    }

    @Test
    void signingAppendsToExistingProofsAndEachVerifies() throws Exception {
        JsonObject once = JWS.sign(unsigned(), rsa, "did:example:1#a", "assertionMethod", Instant.now(), Jws2020Flavour.W3C);
        JsonObject twice = JWS.sign(once, p256, "did:example:1#b", "assertionMethod", Instant.now(), Jws2020Flavour.W3C);
        assertThat(twice.getJsonArray("proof")).hasSize(2);
        assertThat(JWS.verify(twice, twice.getJsonArray("proof").getJsonObject(0), rsa.toPublicJWK()).valid()).isTrue();
        assertThat(JWS.verify(twice, twice.getJsonArray("proof").getJsonObject(1), p256.toPublicJWK()).valid()).isTrue();
    }

    @Test
    void signingWithAPublicKeyFails() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> JWS.sign(unsigned(), rsa.toPublicJWK(), "did:example:1#a",
                        "assertionMethod", Instant.now(), Jws2020Flavour.W3C))
                .isInstanceOf(java.security.GeneralSecurityException.class).hasMessageContaining("no private part");
    }

    @Test
    void wrongProofTypeIsRejected() throws Exception {
        JsonObject vc = vector("w3cJsonWebSignature2020");
        JsonObject proof = Json.provider().createObjectBuilder(vc.getJsonObject("proof")).add("type", "Ed25519Signature2020").build();
        Jws2020Verification result = JWS.verify(vc, proof, vectorKey);
        assertThat(result.valid()).isFalse();
        assertThat(result.message()).isEqualTo("the proof type is \"Ed25519Signature2020\", not \"JsonWebSignature2020\"");
    }
}
