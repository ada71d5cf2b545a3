package eu.federator.credentials.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import eu.federator.credentials.json.Json;
import eu.federator.credentials.json.JsonSyntaxException;
import eu.federator.credentials.jsonld.LinkedData;
import eu.federator.credentials.jsonld.LinkedDataException;
import eu.federator.credentials.proof.ProofFormatException;
import eu.federator.credentials.proof.jws2020.JsonWebSignature2020;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;

/**
 * Coverage-guided fuzzing with Jazzer of the parsing entry points. One fuzz test that dispatches on the first
 * input byte, because Jazzer fuzzes one test per JVM. Any exception other than the documented checked ones
 * (and any Error) is a finding that fails the build.
 *
 * <p>In {@code mvn verify} it runs in fuzzing mode (JAZZER_FUZZ=1, set by the {@code jazzer-fuzz} surefire
 * execution in this module's pom) bounded by {@code maxExecutions}/{@code maxDuration}; in the default
 * execution it is excluded. Seeds: {@code src/test/resources/eu/federator/credentials/fuzz/JazzerFuzzTestInputs/fuzz}.
 */
class JazzerFuzzTest {

    private static final LinkedData LD = LinkedData.offline();
    private static final JsonWebSignature2020 JWS = new JsonWebSignature2020(LD);
    private static final JWK KEY = new RSAKey.Builder(
            com.nimbusds.jose.util.Base64URL.encode(BigInteger.ONE.shiftLeft(2047).add(BigInteger.valueOf(159))),
            com.nimbusds.jose.util.Base64URL.encode(BigInteger.valueOf(65537))).build();

    @FuzzTest(maxExecutions = 30_000, maxDuration = "25s")
    void fuzz(byte[] input) {
        int target = input.length == 0 ? 0 : (input[0] & 0xff) % 3;
        byte[] bytes = input.length == 0 ? input : java.util.Arrays.copyOfRange(input, 1, input.length);
        switch (target) {
            case 0 -> parseAndCanonicalize(bytes);
            case 1 -> header(new String(bytes, StandardCharsets.UTF_8));
            default -> headerOfEncoded(bytes);
        }
    }

    private static void parseAndCanonicalize(byte[] bytes) {
        JsonValue value;
        try {
            value = Json.parse(bytes);
        } catch (JsonSyntaxException expected) {
            return;
        }
        if (!(value instanceof JsonObject document)) {
            return;
        }
        try {
            LD.canonicalize(document);
            LD.droppedTerms(document);
            if (document.get("proof") instanceof JsonObject proof) {
                JWS.verify(document, proof, KEY);
            }
        } catch (LinkedDataException expected) {
            // documented
        }
    }

    private static void header(String jws) {
        try {
            JsonWebSignature2020.headerAlgorithm(Json.provider().createObjectBuilder().add("jws", jws).build());
        } catch (ProofFormatException expected) {
            // documented
        }
    }

    /** A fuzzed header JSON, properly encoded, so that the fuzzer gets past base64url. */
    private static void headerOfEncoded(byte[] headerJson) {
        header(java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(headerJson) + "..c2ln");
    }
}
