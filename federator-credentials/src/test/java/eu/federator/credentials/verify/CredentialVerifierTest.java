package eu.federator.credentials.verify;

import com.nimbusds.jose.util.Base64URL;
import eu.federator.credentials.issue.CredentialSigner.Format;
import eu.federator.credentials.json.Json;
import eu.federator.credentials.testing.TestPki;
import eu.federator.credentials.jsonld.LinkedData;
import eu.federator.credentials.proof.jws2020.JsonWebSignature2020;
import eu.federator.credentials.proof.jws2020.Jws2020Flavour;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static eu.federator.credentials.verify.TestWorld.enveloped;
import static eu.federator.credentials.verify.TestWorld.presentation;
import static eu.federator.credentials.verify.TestWorld.sign;
import static eu.federator.credentials.verify.TestWorld.vc11;
import static eu.federator.credentials.verify.TestWorld.vc2;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * End-to-end verification with real keys, DID documents and certificate chains published into a web mirror,
 * one test per failure mode, each asserting the precise check that failed.
 */
class CredentialVerifierTest {

    @TempDir
    Path dir;

    private TestWorld world() {
        return new TestWorld(dir);
    }

    private static Check failedCheck(VerificationResult result, String credentialId, String name) {
        CredentialReport report = result.credential(credentialId).orElseThrow(() -> new AssertionError("no report for " + credentialId + " in " + result));
        Check check = report.check(name).orElseThrow(() -> new AssertionError("no check " + name + " in " + report));
        assertThat(check.outcome()).as(check.toString()).isEqualTo(Check.Outcome.FAILED);
        return check;
    }

    /** Asserts that exactly the named checks failed (every other check passed). */
    private static void onlyFailed(VerificationResult result, String... names) {
        assertThat(result.valid()).isFalse();
        assertThat(result.failures()).extracting(Check::name).containsExactlyInAnyOrder(names);
    }

    // ---------------------------------------------------------------- valid baselines

    @ParameterizedTest
    @EnumSource(Format.class)
    void aCredentialSignedInEveryFormatVerifiesWithEveryCheckPassed(Format format) {
        TestWorld world = world();
        TestWorld.Issuer issuer = world.issuer("issuer.example", TestPki.rsa());
        JsonObject vc = format == Format.VC_JWT ? vc2(issuer.did(), "https://issuer.example/vc/1", Map.of()) : vc11(issuer.did(), "https://issuer.example/vc/1");

        VerificationResult result = world.verify(sign(vc, issuer, format));

        assertThat(result.valid()).as(result.toString()).isTrue();
        CredentialReport report = result.credentials().getFirst();
        assertThat(report.checks()).extracting(Check::name).contains(CheckName.SIGNATURE, CheckName.KEY_RESOLVED, CheckName.PROOF_PURPOSE,
                CheckName.ISSUER_BINDING, CheckName.VALIDITY, CheckName.CERTIFICATE_KEY, CheckName.CERTIFICATE_CHAIN, CheckName.CERTIFICATE_VALIDITY);
        assertThat(report.format()).isEqualTo(switch (format) {
            case VC_JWT -> "vc+jwt";
            case JWS2020 -> "jws2020-w3c";
            case JWS2020_LEGACY -> "jws2020-legacy";
        });
    }

    @Test
    void everyKeyTypeVerifies() {
        TestWorld world = world();
        int n = 0;
        for (java.security.KeyPair key : List.of(TestPki.rsa(), TestPki.ec(), TestPki.ec("secp384r1"), TestPki.ed25519())) {
            TestWorld.Issuer issuer = world.issuer("k" + (++n) + ".example", key);
            for (Format format : List.of(Format.VC_JWT, Format.JWS2020)) {
                VerificationResult result = world.verify(sign(vc2(issuer.did(), "urn:uuid:" + n + format, Map.of()), issuer, format));
                assertThat(result.valid()).as(key.getPublic().getAlgorithm() + " " + format + ": " + result).isTrue();
            }
        }
    }

    // ---------------------------------------------------------------- failure modes

    @Test
    void tamperedClaimInAJsonLdCredentialFailsTheSignature() {
        TestWorld world = world();
        TestWorld.Issuer issuer = world.issuer("issuer.example", TestPki.rsa());
        String signed = sign(vc11(issuer.did(), "https://issuer.example/vc/1"), issuer, Format.JWS2020);

        VerificationResult result = world.verify(signed.replace("Example SA", "Evil SA"));

        onlyFailed(result, CheckName.SIGNATURE);
    }

    @Test
    void tamperedClaimInAVcJwtFailsTheSignature() {
        TestWorld world = world();
        TestWorld.Issuer issuer = world.issuer("issuer.example", TestPki.ec());
        String jwt = sign(vc2(issuer.did(), "urn:uuid:1", Map.of()), issuer, Format.VC_JWT);
        JsonObject payload = TestWorld.payload(jwt);
        JsonObject tampered = Json.provider().createObjectBuilder(payload).add("id", "urn:uuid:2").build();

        onlyFailed(world.verify(TestWorld.withPayload(jwt, tampered)), CheckName.SIGNATURE);
    }

    @Test
    void aSignatureVerifiedBeforeDoesNotVouchForAlteredBytes() {
        TestWorld world = world();
        TestWorld.Issuer issuer = world.issuer("issuer.example", TestPki.ec());
        String jwt = sign(vc2(issuer.did(), "urn:uuid:1", Map.of()), issuer, Format.VC_JWT);
        JsonObject tampered = Json.provider().createObjectBuilder(TestWorld.payload(jwt)).add("id", "urn:uuid:2").build();

        CredentialVerifier verifier = world.verifier(); // one verifier: it remembers the signatures that verified
        assertThat(verifier.verify(bytes(jwt), VerificationOptions.defaults()).valid()).isTrue();
        onlyFailed(verifier.verify(bytes(TestWorld.withPayload(jwt, tampered)), VerificationOptions.defaults()), CheckName.SIGNATURE);
        assertThat(verifier.verify(bytes(jwt), VerificationOptions.defaults()).valid()).isTrue();
    }

    private static byte[] bytes(String s) {
        return s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    @Test
    void tamperedSignatureFails() {
        TestWorld world = world();
        TestWorld.Issuer issuer = world.issuer("issuer.example", TestPki.rsa());
        String jwt = sign(vc2(issuer.did(), "urn:uuid:1", Map.of()), issuer, Format.VC_JWT);
        String[] parts = jwt.split("\\.");
        byte[] signature = new Base64URL(parts[2]).decode();
        signature[10] ^= 0x01;

        Check check = failedCheck(world.verify(parts[0] + "." + parts[1] + "." + Base64URL.encode(signature)), "urn:uuid:1", CheckName.SIGNATURE);
        assertThat(check.message()).contains("does not match");
    }

    @Test
    void unknownKeyIdFailsKeyResolution() {
        TestWorld world = world();
        TestWorld.Issuer issuer = world.issuer("issuer.example", TestPki.rsa());
        TestWorld.Issuer wrongKid = new TestWorld.Issuer(issuer.did(), issuer.did() + "#key-99", issuer.privateKey());

        VerificationResult result = world.verify(sign(vc2(issuer.did(), "urn:uuid:1", Map.of()), wrongKid, Format.VC_JWT));

        Check check = failedCheck(result, "urn:uuid:1", CheckName.KEY_RESOLVED);
        assertThat(check.message()).contains("#key-99").contains("#key-1");
    }

    @Test
    void keyNotListedForAssertionFailsTheProofPurpose() {
        TestWorld world = world();
        java.security.KeyPair key = TestPki.rsa();
        TestWorld.Issuer issuer = world.issuer("issuer.example", key, world.leaf("issuer.example", key),
                List.of("authentication"));

        VerificationResult result = world.verify(sign(vc11(issuer.did(), "urn:uuid:1"), issuer, Format.JWS2020));

        Check check = failedCheck(result, "urn:uuid:1", CheckName.PROOF_PURPOSE);
        assertThat(check.message()).contains("assertionMethod");
    }

    @Test
    void credentialProofWithAuthenticationPurposeFails() {
        TestWorld world = world();
        TestWorld.Issuer issuer = world.issuer("issuer.example", TestPki.rsa());
        JsonObject signed = TestWorld.json(sign(vc11(issuer.did(), "urn:uuid:1"), issuer, Format.JWS2020));
        JsonObject proof = Json.provider().createObjectBuilder(signed.getJsonObject("proof")).add("proofPurpose", "authentication").build();
        JsonObject altered = Json.provider().createObjectBuilder(signed).add("proof", proof).build();

        VerificationResult result = world.verify(Json.write(altered));

        assertThat(failedCheck(result, "urn:uuid:1", CheckName.PROOF_PURPOSE).message()).contains("\"authentication\"");
    }

    @ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource({"none, none", "HS256, HMAC"})
    void unsignedAndSymmetricAlgorithmsAreRejected(String alg, String expected) {
        TestWorld world = world();
        TestWorld.Issuer issuer = world.issuer("issuer.example", TestPki.rsa());
        String jwt = sign(vc2(issuer.did(), "urn:uuid:1", Map.of()), issuer, Format.VC_JWT);
        String header = Base64URL.encode(("{\"alg\":\"" + alg + "\",\"typ\":\"vc+jwt\",\"kid\":\"did:web:issuer.example#key-1\"}")
                .getBytes(StandardCharsets.UTF_8)).toString();
        String[] parts = jwt.split("\\.");

        VerificationResult result = world.verify(header + "." + parts[1] + "." + parts[2]);

        assertThat(failedCheck(result, "urn:uuid:1", CheckName.PROOF_ALGORITHM).message()).contains(expected);
        assertThat(result.valid()).isFalse();
    }

    @Test
    void issuerThatIsNotTheKeysDidFailsIssuerBinding() {
        TestWorld world = world();
        TestWorld.Issuer issuer = world.issuer("issuer.example", TestPki.rsa());
        TestWorld.Issuer other = world.issuer("other.example", TestPki.rsa());
        // Signed with other's key, but claiming to be issued by issuer: the signer refuses, so assemble the JWT by hand.
        String jwt = sign(vc2(other.did(), "urn:uuid:1", Map.of()), other, Format.VC_JWT);
        JsonObject payload = Json.provider().createObjectBuilder(TestWorld.payload(jwt)).add("issuer", issuer.did()).build();
        String forged = TestWorld.compactJws(Json.provider().createObjectBuilder().add("alg", "PS256").add("typ", "vc+jwt")
                .add("iss", issuer.did()).add("kid", other.methodId()).build(), payload, other.privateKey());

        VerificationResult result = world.verify(forged);

        onlyFailed(result, CheckName.ISSUER_BINDING);
        assertThat(failedCheck(result, "urn:uuid:1", CheckName.ISSUER_BINDING).message()).contains(issuer.did()).contains(other.did());
    }

    @Test
    void jsonLdCredentialWhoseIssuerIsNotTheSignerFailsIssuerBinding() throws Exception {
        TestWorld world = world();
        TestWorld.Issuer signer = world.issuer("signer.example", TestPki.rsa());
        JsonObject vc = vc11("did:web:someone-else.example", "urn:uuid:1");
        // The signing API below the CredentialSigner has no issuer check, which is how a forger would sign.
        JsonObject signed = new JsonWebSignature2020(LinkedData.offline()).sign(vc, signer.privateKey(), signer.methodId(),
                "assertionMethod", Instant.now(), Jws2020Flavour.W3C);

        VerificationResult result = world.verify(Json.write(signed));

        onlyFailed(result, CheckName.ISSUER_BINDING);
        assertThat(failedCheck(result, "urn:uuid:1", CheckName.ISSUER_BINDING).message()).contains("did:web:someone-else.example").contains(signer.did());
    }

    @Test
    void presentationSignedByAnotherThanItsHolderFailsHolderBinding() {
        TestWorld world = world();
        TestWorld.Issuer issuer = world.issuer("issuer.example", TestPki.rsa());
        TestWorld.Issuer presenter = world.issuer("presenter.example", TestPki.ed25519());
        String vc = sign(vc2(issuer.did(), "urn:uuid:1", Map.of()), issuer, Format.VC_JWT);
        JsonObject vp = presentation(List.of("https://www.w3.org/ns/credentials/v2"), "did:web:victim.example",
                Json.provider().createArrayBuilder().add(enveloped(vc)));
        JsonObject withoutHolder = Json.provider().createObjectBuilder(vp).remove("holder").build();
        String vpJwt = sign(withoutHolder, presenter, Format.VC_JWT);
        JsonObject payload = Json.provider().createObjectBuilder(TestWorld.payload(vpJwt)).add("holder", "did:web:victim.example").build();
        String resigned = TestWorld.compactJws(TestWorld.header(vpJwt), payload, presenter.privateKey());

        VerificationResult result = world.verify(resigned);

        onlyFailed(result, CheckName.HOLDER_BINDING);
        assertThat(result.credentials().getFirst().kind()).isEqualTo("VerifiablePresentation");
    }

    @Test
    void expiredCredentialFailsValidity() {
        TestWorld world = world();
        TestWorld.Issuer issuer = world.issuer("issuer.example", TestPki.rsa());
        String jwt = sign(vc2(issuer.did(), "urn:uuid:1", Map.of("validUntil", "2026-02-01T00:00:00Z")), issuer, Format.VC_JWT);

        VerificationResult result = world.verify(jwt);

        onlyFailed(result, CheckName.VALIDITY);
        assertThat(failedCheck(result, "urn:uuid:1", CheckName.VALIDITY).message()).contains("expired");
    }

    @Test
    void notYetValidCredentialFailsValidity() {
        TestWorld world = world();
        TestWorld.Issuer issuer = world.issuer("issuer.example", TestPki.rsa());
        String ld = sign(vc2(issuer.did(), "urn:uuid:1", Map.of("validFrom", "2029-01-01T00:00:00Z")), issuer, Format.JWS2020);

        VerificationResult result = world.verify(ld);

        onlyFailed(result, CheckName.VALIDITY);
        assertThat(failedCheck(result, "urn:uuid:1", CheckName.VALIDITY).message()).contains("not yet valid");
    }

    @Test
    void theEvaluationInstantIsConfigurable() {
        TestWorld world = world();
        TestWorld.Issuer issuer = world.issuer("issuer.example", TestPki.rsa());
        String jwt = sign(vc2(issuer.did(), "urn:uuid:1", Map.of("validUntil", "2026-02-01T00:00:00Z")), issuer, Format.VC_JWT);

        VerificationResult result = world.verifier().verify(jwt.getBytes(StandardCharsets.UTF_8), VerificationOptions.at(Instant.parse("2026-01-15T00:00:00Z")));

        // Valid on 15 January (the certificates were issued 30 days ago, so they fail at that instant: only they).
        assertThat(result.failures()).extracting(Check::name).doesNotContain(CheckName.VALIDITY);
    }

    @Test
    void untrustedRootFailsTheCertificateChain() {
        TestWorld world = world();
        TestPki.Issued rogue = TestPki.rootCa("Rogue Root");
        java.security.KeyPair key = TestPki.rsa();
        TestWorld.Issuer issuer = world.issuer("issuer.example", key, TestPki.leaf("issuer.example", key, rogue, TestPki.from(), TestPki.to(), null).certificate(),
                List.of("assertionMethod"));

        VerificationResult result = world.verify(sign(vc2(issuer.did(), "urn:uuid:1", Map.of()), issuer, Format.VC_JWT));

        onlyFailed(result, CheckName.CERTIFICATE_CHAIN);
    }

    @Test
    void jwkThatDoesNotMatchItsCertificateFailsTheKeyMatch() {
        TestWorld world = world();
        java.security.KeyPair key = TestPki.rsa();
        java.security.KeyPair someoneElse = TestPki.rsa();
        TestWorld.Issuer issuer = world.issuer("issuer.example", key, world.leaf("issuer.example", someoneElse),
                List.of("assertionMethod"));

        VerificationResult result = world.verify(sign(vc2(issuer.did(), "urn:uuid:1", Map.of()), issuer, Format.VC_JWT));

        assertThat(failedCheck(result, "urn:uuid:1", CheckName.CERTIFICATE_KEY)).isNotNull();
        assertThat(result.credentials().getFirst().check(CheckName.SIGNATURE).orElseThrow().ok()).isTrue();
    }

    @Test
    void expiredCertificateFailsCertificateValidity() {
        TestWorld world = world();
        java.security.KeyPair key = TestPki.rsa();
        Instant now = Instant.now();
        TestWorld.Issuer issuer = world.issuer("issuer.example", key, TestPki.leaf("issuer.example", key, world.root,
                now.minus(400, ChronoUnit.DAYS), now.minus(35, ChronoUnit.DAYS), null).certificate(), List.of("assertionMethod"));

        VerificationResult result = world.verify(sign(vc2(issuer.did(), "urn:uuid:1", Map.of()), issuer, Format.VC_JWT));

        assertThat(failedCheck(result, "urn:uuid:1", CheckName.CERTIFICATE_VALIDITY).message()).contains("issuer.example");
    }

    @Test
    void revokedStatusBitFailsTheStatusCheck() throws Exception {
        TestWorld world = world();
        TestWorld.Issuer issuer = world.issuer("issuer.example", TestPki.rsa());
        byte[] bits = new byte[16 * 1024];
        bits[94 / 8] |= (byte) (0x80 >>> (94 % 8));
        java.io.ByteArrayOutputStream gz = new java.io.ByteArrayOutputStream();
        try (java.util.zip.GZIPOutputStream out = new java.util.zip.GZIPOutputStream(gz)) {
            out.write(bits);
        }
        String listUrl = "https://issuer.example/status/1";
        JsonObject list = Json.provider().createObjectBuilder()
                .add("@context", Json.provider().createArrayBuilder().add("https://www.w3.org/ns/credentials/v2"))
                .add("id", listUrl)
                .add("type", Json.provider().createArrayBuilder().add("VerifiableCredential").add("BitstringStatusListCredential"))
                .add("issuer", issuer.did())
                .add("validFrom", "2026-01-01T00:00:00Z")
                .add("credentialSubject", Json.provider().createObjectBuilder().add("id", listUrl + "#list").add("type", "BitstringStatusList")
                        .add("statusPurpose", "revocation").add("encodedList", "u" + Base64URL.encode(gz.toByteArray())))
                .build();
        world.publish(listUrl, sign(list, issuer, Format.VC_JWT));

        String revoked = sign(withStatus(vc2(issuer.did(), "urn:uuid:revoked", Map.of()), listUrl, 94), issuer, Format.VC_JWT);
        String active = sign(withStatus(vc2(issuer.did(), "urn:uuid:active", Map.of()), listUrl, 95), issuer, Format.JWS2020);

        VerificationResult revokedResult = world.verify(revoked);
        onlyFailed(revokedResult, CheckName.STATUS);
        assertThat(failedCheck(revokedResult, "urn:uuid:revoked", CheckName.STATUS).message()).contains("94").contains(listUrl);
        VerificationResult activeResult = world.verify(active);
        assertThat(activeResult.valid()).as(activeResult.toString()).isTrue();
        assertThat(activeResult.credentials().getFirst().check(CheckName.STATUS).orElseThrow().ok()).isTrue();
    }

    private static JsonObject withStatus(JsonObject vc, String listUrl, int index) {
        return Json.provider().createObjectBuilder(vc).add("credentialStatus", Json.provider().createObjectBuilder()
                .add("id", listUrl + "#" + index).add("type", "BitstringStatusListEntry").add("statusPurpose", "revocation")
                .add("statusListIndex", String.valueOf(index)).add("statusListCredential", listUrl)).build();
    }

    @Test
    void unknownRemoteContextFailsClosedNamingTheUrl() {
        TestWorld world = world();
        TestWorld.Issuer issuer = world.issuer("issuer.example", TestPki.rsa());
        JsonObject vc = Json.provider().createObjectBuilder(vc11(issuer.did(), "urn:uuid:1"))
                .add("@context", Json.provider().createArrayBuilder().add("https://www.w3.org/2018/credentials/v1")
                        .add("https://w3id.org/security/suites/jws-2020/v1").add("https://contexts.example/unknown/v1"))
                .build();
        // Sign with a context the signer may fetch; verify with a verifier that may not.
        world.publish("https://contexts.example/unknown/v1", "{\"@context\":{\"legalName\":\"https://example.org/legalName\"}}");
        String signed = new eu.federator.credentials.issue.CredentialSigner(new eu.federator.credentials.jsonld.LinkedData(
                new eu.federator.credentials.jsonld.ContextPolicy(Set.of("https://contexts.example/unknown/v1"),
                        new eu.federator.credentials.net.WebMirror(world.mirror))))
                .sign(vc, issuer.signingKey(), Format.JWS2020, Instant.now());

        VerificationResult strict = world.verify(signed);
        assertThat(failedCheck(strict, "urn:uuid:1", CheckName.JSONLD_CONTEXT).message()).contains("https://contexts.example/unknown/v1");

        VerificationResult allowed = world.verifier(Set.of("https://contexts.example/unknown/v1"))
                .verify(signed.getBytes(StandardCharsets.UTF_8), VerificationOptions.defaults());
        assertThat(allowed.valid()).as(allowed.toString()).isTrue();
    }

    @Test
    void tamperedEnvelopedCredentialInsideAValidPresentationFails() {
        TestWorld world = world();
        TestWorld.Issuer issuer = world.issuer("issuer.example", TestPki.rsa());
        TestWorld.Issuer holder = world.issuer("holder.example", TestPki.ec());
        String vc = sign(vc2(issuer.did(), "urn:uuid:1", Map.of()), issuer, Format.VC_JWT);
        JsonObject tamperedPayload = Json.provider().createObjectBuilder(TestWorld.payload(vc)).add("validUntil", "2099-01-01T00:00:00Z").build();
        String tampered = TestWorld.withPayload(vc, tamperedPayload);
        JsonObject vp = presentation(List.of("https://www.w3.org/ns/credentials/v2"), holder.did(), Json.provider().createArrayBuilder().add(enveloped(tampered)));

        VerificationResult result = world.verify(sign(vp, holder, Format.VC_JWT));

        assertThat(result.credentials()).hasSize(2);
        CredentialReport presentation = result.credentials().getFirst();
        assertThat(presentation.check(CheckName.SIGNATURE).orElseThrow().ok()).isTrue();
        assertThat(presentation.check(CheckName.HOLDER_BINDING).orElseThrow().ok()).isTrue();
        assertThat(presentation.check(CheckName.EMBEDDED_CREDENTIALS).orElseThrow().outcome()).isEqualTo(Check.Outcome.FAILED);
        failedCheck(result, "urn:uuid:1", CheckName.SIGNATURE);
        assertThat(result.valid()).isFalse();
    }

    @Test
    void validPresentationsOfBothGenerationsVerify() {
        TestWorld world = world();
        TestWorld.Issuer issuer = world.issuer("issuer.example", TestPki.rsa());
        TestWorld.Issuer holder = world.issuer("holder.example", TestPki.ed25519());
        String vc = sign(vc2(issuer.did(), "urn:uuid:1", Map.of()), issuer, Format.VC_JWT);
        JsonObject loire = presentation(List.of("https://www.w3.org/ns/credentials/v2"), holder.did(), Json.provider().createArrayBuilder().add(enveloped(vc)));
        JsonObject tagusVc = TestWorld.json(sign(vc11(issuer.did(), "urn:uuid:2"), issuer, Format.JWS2020_LEGACY));
        JsonObject tagus = presentation(List.of("https://www.w3.org/2018/credentials/v1", "https://w3id.org/security/suites/jws-2020/v1"), holder.did(), Json.provider().createArrayBuilder().add(tagusVc));

        VerificationResult vpJwt = world.verify(sign(loire, holder, Format.VC_JWT));
        VerificationResult ldpVp = world.verify(sign(tagus, holder, Format.JWS2020));
        VerificationResult container = world.verify(Json.write(tagus));

        assertThat(vpJwt.valid()).as(vpJwt.toString()).isTrue();
        assertThat(vpJwt.format()).isEqualTo("vp+jwt");
        assertThat(ldpVp.valid()).as(ldpVp.toString()).isTrue();
        assertThat(container.valid()).as(container.toString()).isTrue();
        assertThat(container.warnings()).anyMatch(w -> w.contains("no holder binding"));
    }

    @Test
    void vcdm11JwtCredentialsAndPresentationsWithVcAndVpClaimsVerify() {
        TestWorld world = world();
        TestWorld.Issuer issuer = world.issuer("issuer.example", TestPki.ec());
        TestWorld.Issuer holder = world.issuer("holder.example", TestPki.rsa());
        JsonObject vc = Json.provider().createObjectBuilder(vc11(issuer.did(), "urn:uuid:11")).remove("issuer").build();
        long now = Instant.now().getEpochSecond();
        String jwtVc = TestWorld.compactJws(Json.provider().createObjectBuilder().add("alg", "ES256").add("typ", "JWT").add("kid", issuer.methodId()).build(),
                Json.provider().createObjectBuilder().add("iss", issuer.did()).add("jti", "urn:uuid:11").add("nbf", now - 60)
                        .add("exp", now + 3600).add("vc", vc).build(), issuer.privateKey());
        JsonObject vp = Json.provider().createObjectBuilder()
                .add("@context", Json.provider().createArrayBuilder().add("https://www.w3.org/2018/credentials/v1"))
                .add("type", Json.provider().createArrayBuilder().add("VerifiablePresentation"))
                .add("verifiableCredential", Json.provider().createArrayBuilder().add(jwtVc)).build();
        String jwtVp = TestWorld.compactJws(Json.provider().createObjectBuilder().add("alg", "PS256").add("typ", "JWT").add("kid", holder.methodId()).build(),
                Json.provider().createObjectBuilder().add("iss", holder.did()).add("vp", vp).build(), holder.privateKey());

        VerificationResult credential = world.verify(jwtVc);
        VerificationResult presentation = world.verify(jwtVp);

        assertThat(credential.valid()).as(credential.toString()).isTrue();
        assertThat(credential.format()).isEqualTo("jwt_vc_json");
        assertThat(presentation.valid()).as(presentation.toString()).isTrue();
        assertThat(presentation.format()).isEqualTo("jwt_vp_json");
        assertThat(presentation.credentials()).extracting(CredentialReport::kind).containsExactly("VerifiablePresentation", "VerifiableCredential");

        String expired = TestWorld.compactJws(TestWorld.header(jwtVc), Json.provider().createObjectBuilder(TestWorld.payload(jwtVc))
                .add("exp", now - 10).build(), issuer.privateKey());
        onlyFailed(world.verify(expired), CheckName.VALIDITY);
    }

    @Test
    void switchedOffChecksAreReportedAsSkippedAndNeverAsVerified() {
        TestWorld world = world();
        TestWorld.Issuer issuer = world.issuer("issuer.example", TestPki.rsa());
        String jwt = sign(vc2(issuer.did(), "urn:uuid:1", Map.of()), issuer, Format.VC_JWT);

        VerificationResult result = world.verifier().verify(jwt.getBytes(StandardCharsets.UTF_8),
                new VerificationOptions(Instant.now(), false, false, false));

        assertThat(result.failures()).isEmpty();
        assertThat(result.hasSkippedChecks()).isTrue();
        assertThat(result.valid()).isFalse();
    }

    @Test
    void malformedInputGivesASyntaxFailureNotAnException() {
        TestWorld world = world();
        for (String input : List.of("", "{", "{\"a\":", "[1,2]", "not a credential", "eyJ!!.x.y", "e30.e30.", "abc.def.ghi",
                "{".repeat(10_000) + "}".repeat(10_000), "\"just a string\"")) {
            VerificationResult result = world.verify(input);
            assertThat(result.valid()).as(input).isFalse();
            assertThat(result.failures()).as(input).isNotEmpty();
            assertThat(result.failures().getFirst().name()).as(input).isIn(CheckName.SYNTAX, CheckName.STRUCTURE);
        }
    }
}
