package eu.federator.dataspace.evidence;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import eu.federator.credentials.issue.CredentialSigner.SigningKey;
import eu.federator.credentials.proof.JwsAlgorithms;
import eu.federator.dataspace.Result;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

class LogTokensTest {
    private static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");
    private static final String METHOD = "did:web:connector.example#key-1";
    private final SigningKey signer = new SigningKey(key(), METHOD);
    private final LogTokens tokens = new LogTokens(signer, Clock.fixed(NOW, ZoneOffset.UTC), Duration.ofHours(2));

    private static ECKey key() {
        try {
            return new ECKeyGenerator(Curve.P_256).generate();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String reason(Result<?> r) {
        assertThat(r.succeeded()).isFalse();
        return r.problems().getFirst().message();
    }

    @Test
    void anIssuedTokenGrantsItsAgreementToItsSubjectUntilItExpires() {
        LogTokens.Token token = tokens.issue("urn:uuid:agreement-1", "did:web:consumer.example");
        assertThat(token.expires()).isEqualTo(NOW.plus(Duration.ofHours(2)));
        assertThat(tokens.verify(token.jwt()).value()).isEqualTo(new LogTokens.Grant("urn:uuid:agreement-1", "did:web:consumer.example",
                token.expires()));
        LogTokens later = new LogTokens(signer, Clock.fixed(NOW.plus(Duration.ofHours(3)), ZoneOffset.UTC), Duration.ofHours(2));
        assertThat(reason(later.verify(token.jwt()))).contains("expired");
    }

    @Test
    void forgedAlteredAndForeignTokensAreRefused() throws Exception {
        String jwt = tokens.issue("urn:uuid:agreement-1", "did:web:consumer.example").jwt();
        String[] parts = jwt.split("\\.");
        // the same claims for another agreement, signature kept
        String payload = new String(Base64URL.from(parts[1]).decode(), StandardCharsets.UTF_8).replace("agreement-1", "agreement-2");
        assertThat(reason(tokens.verify(parts[0] + "." + Base64URL.encode(payload) + "." + parts[2]))).contains("does not verify");
        // signed by another key under our kid
        String input = parts[0] + "." + parts[1];
        String forged = input + "." + JwsAlgorithms.sign("ES256", key(), input.getBytes(StandardCharsets.US_ASCII));
        assertThat(reason(tokens.verify(forged))).contains("does not verify");
        // another connector's token
        LogTokens other = new LogTokens(new SigningKey(key(), "did:web:other.example#key-1"), Clock.fixed(NOW, ZoneOffset.UTC), Duration.ofHours(2));
        assertThat(reason(tokens.verify(other.issue("urn:uuid:agreement-1", "did:web:consumer.example").jwt()))).contains("not issued by this connector");
        assertThat(reason(tokens.verify(null))).contains("no log token");
        assertThat(reason(tokens.verify("not-a-jws"))).contains("not a compact JWS");
    }
}
