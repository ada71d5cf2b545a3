package eu.federator.credentials.proof;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/** ECDSA verification (BouncyCastle) agrees with the JDK's and Nimbus's signing, and refuses every altered signature. */
class JwsAlgorithmsTest {
    private static final byte[] INPUT = "eyJhbGciOiJFUzI1NiJ9.eyJpc3MiOiJkaWQ6d2ViOmEuZXhhbXBsZSJ9".getBytes(StandardCharsets.US_ASCII);

    @ParameterizedTest
    @CsvSource({"ES256, P-256", "ES384, P-384", "ES512, P-521"})
    void signaturesOfTheJdkAndOfNimbusVerifyAndAlteredOnesDoNot(String alg, String curve) throws Exception {
        ECKey key = new ECKeyGenerator(Curve.parse(curve)).generate();
        ECKey other = new ECKeyGenerator(Curve.parse(curve)).generate();
        Base64URL jdk = JwsAlgorithms.sign(alg, key, INPUT);
        assertThat(JwsAlgorithms.verify(alg, key.toPublicJWK(), INPUT, jdk)).isTrue();

        JWSObject nimbus = new JWSObject(new JWSHeader(JWSAlgorithm.parse(alg)), new Payload("{\"iss\":\"did:web:a.example\"}"));
        nimbus.sign(new ECDSASigner(key));
        assertThat(JwsAlgorithms.verify(alg, key.toPublicJWK(), nimbus.getSigningInput(), nimbus.getSignature())).isTrue();

        byte[] signature = jdk.decode();
        byte[] flipped = signature.clone();
        flipped[signature.length / 4] ^= 1;
        byte[] otherInput = INPUT.clone();
        otherInput[3] ^= 1;
        byte[] zeros = new byte[signature.length];
        byte[] sOnly = signature.clone();
        Arrays.fill(sOnly, 0, signature.length / 2, (byte) 0);
        assertThat(JwsAlgorithms.verify(alg, key.toPublicJWK(), INPUT, Base64URL.encode(flipped))).as("a flipped bit").isFalse();
        assertThat(JwsAlgorithms.verify(alg, key.toPublicJWK(), otherInput, jdk)).as("another input").isFalse();
        assertThat(JwsAlgorithms.verify(alg, other.toPublicJWK(), INPUT, jdk)).as("another key").isFalse();
        assertThat(JwsAlgorithms.verify(alg, key.toPublicJWK(), INPUT, Base64URL.encode(zeros))).as("r = s = 0").isFalse();
        assertThat(JwsAlgorithms.verify(alg, key.toPublicJWK(), INPUT, Base64URL.encode(sOnly))).as("r = 0").isFalse();
        assertThat(JwsAlgorithms.verify(alg, key.toPublicJWK(), INPUT, Base64URL.encode(Arrays.copyOf(signature, signature.length - 1))))
                .as("one byte short").isFalse();
        assertThat(JwsAlgorithms.verify(alg, key.toPublicJWK(), INPUT, Base64URL.encode(Arrays.copyOf(signature, signature.length + 1))))
                .as("one byte long").isFalse();
    }
}
