package eu.federator.credentials.verify;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class VerifiedSignaturesTest {
    final VerifiedSignatures cache = new VerifiedSignatures();
    final byte[] input = "header.payload".getBytes(StandardCharsets.US_ASCII);
    final Base64URL signature = Base64URL.encode("signature-bytes");

    @Test
    void aRememberedSignatureIsKnownOnlyForTheSameAlgorithmKeyInputAndSignature() throws Exception {
        ECKey key = new ECKeyGenerator(Curve.P_256).generate().toPublicJWK();
        ECKey other = new ECKeyGenerator(Curve.P_256).generate().toPublicJWK();
        assertThat(cache.contains("ES256", key, input, signature)).isFalse();

        cache.add("ES256", key, input, signature);

        assertThat(cache.contains("ES256", key, input, signature)).isTrue();
        assertThat(cache.contains("ES256", other, input, signature)).isFalse();
        assertThat(cache.contains("ES384", key, input, signature)).isFalse();
        assertThat(cache.contains("ES256", key, "header.payloaX".getBytes(StandardCharsets.US_ASCII), signature)).isFalse();
        assertThat(cache.contains("ES256", key, input, Base64URL.encode("signature-byteZ"))).isFalse();
        // the key's private part does not matter: the thumbprint is of the public key
        assertThat(cache.contains("ES256", key.toPublicJWK(), input, signature)).isTrue();
    }

    @Test
    void itStaysBounded() throws Exception {
        ECKey key = new ECKeyGenerator(Curve.P_256).generate().toPublicJWK();
        for (int i = 0; i <= VerifiedSignatures.MAX; i++) {
            cache.add("ES256", key, ("input-" + i).getBytes(StandardCharsets.US_ASCII), signature);
        }
        // the add after MAX started over: only the newest is remembered
        assertThat(cache.contains("ES256", key, ("input-" + VerifiedSignatures.MAX).getBytes(StandardCharsets.US_ASCII), signature)).isTrue();
        assertThat(cache.contains("ES256", key, "input-0".getBytes(StandardCharsets.US_ASCII), signature)).isFalse();
    }
}
