package eu.federator.server.dataspace;

import eu.federator.credentials.json.Json;
import eu.federator.credentials.proof.JwsAlgorithms;
import eu.federator.trustframework.identity.ServiceIdentity;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

/**
 * This connector's side of the {@link RequesterTokens} profile: a short-lived JWT signed with the service identity's key,
 * {@code iss} = {@code sub} = its DID, {@code aud} = the counter-party, a fresh {@code jti}. One per message, so a token
 * seen by one counter-party is useless to another.
 */
public final class SelfIssuedTokens implements DspAuthorization {
    static final Duration LIFETIME = Duration.ofMinutes(4);

    private final ServiceIdentity identity;
    private final Clock clock;

    public SelfIssuedTokens(ServiceIdentity identity, Clock clock) {
        this.identity = identity;
        this.clock = clock;
    }

    @Override
    public String header(String counterPartyId) {
        return "Bearer " + token(counterPartyId);
    }

    /** A token for {@code audience} (a participant id). */
    public String token(String audience) {
        String alg = JwsAlgorithms.defaultAlgorithm(identity.privateKey()).getName();
        String header = Json.write(Json.provider().createObjectBuilder().add("alg", alg).add("typ", "JWT")
                .add("kid", identity.verificationMethod()).build());
        Instant now = clock.instant();
        String payload = Json.write(Json.provider().createObjectBuilder().add("iss", identity.did()).add("sub", identity.did())
                .add("aud", audience).add("iat", now.getEpochSecond()).add("exp", now.plus(LIFETIME).getEpochSecond())
                .add("jti", UUID.randomUUID().toString()).build());
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String input = b64.encodeToString(header.getBytes(StandardCharsets.UTF_8)) + "." + b64.encodeToString(payload.getBytes(StandardCharsets.UTF_8));
        try {
            return input + "." + JwsAlgorithms.sign(alg, identity.privateKey(), input.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign a DSP token with the service identity's key: " + e.getMessage(), e);
        }
    }
}
