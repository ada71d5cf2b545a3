package eu.federator.dataspace.evidence;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.util.Base64URL;
import eu.federator.credentials.issue.CredentialSigner.SigningKey;
import eu.federator.credentials.json.Json;
import eu.federator.credentials.proof.JwsAlgorithms;
import eu.federator.credentials.proof.ProofFormatException;
import eu.federator.credentials.proof.jose.CompactJws;
import eu.federator.dataspace.Result;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;

/**
 * Log tokens (the GXFS Data Contract Service's authorisation to log at the Data Exchange Logging service): a short JWT
 * this connector signs for the counter-party of an agreement, {@code typ} {@value #TYP}, with {@code iss} = {@code aud}
 * = this connector's DID, {@code sub} = the counter-party's DID, {@code agreementId}, {@code iat}, {@code exp} and
 * {@code jti}. Only the tokens this connector signed with its current key verify here: no database lookup is needed.
 */
public final class LogTokens {
    public static final String TYP = "log-token+jwt";
    static final Duration SKEW = Duration.ofSeconds(30);

    private final SigningKey signer;
    private final JWK publicKey;
    private final Clock clock;
    private final Duration lifetime;

    public LogTokens(SigningKey signer, Clock clock, Duration lifetime) {
        if (lifetime.isNegative() || lifetime.isZero()) {
            throw new IllegalArgumentException("the log token lifetime must be positive, was " + lifetime);
        }
        this.signer = signer;
        this.publicKey = signer.privateKey().toPublicJWK();
        this.clock = clock;
        this.lifetime = lifetime;
    }

    /** A signed log token and when it expires. */
    public record Token(String jwt, Instant expires) {
    }

    /** What a verified token grants: the agreement, to whom, until when. */
    public record Grant(String agreementId, String subject, Instant expires) {
    }

    public Duration lifetime() {
        return lifetime;
    }

    public Token issue(String agreementId, String counterParty) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Instant expires = now.plus(lifetime);
        String alg = JwsAlgorithms.defaultAlgorithm(signer.privateKey()).getName();
        JsonObject header = Json.provider().createObjectBuilder().add("alg", alg).add("typ", TYP).add("kid", signer.verificationMethod()).build();
        JsonObject claims = Json.provider().createObjectBuilder()
                .add("iss", signer.did()).add("aud", signer.did()).add("sub", counterParty).add("agreementId", agreementId)
                .add("iat", now.getEpochSecond()).add("exp", expires.getEpochSecond()).add("jti", UUID.randomUUID().toString()).build();
        String input = b64(Json.write(header)) + "." + b64(Json.write(claims));
        try {
            return new Token(input + "." + JwsAlgorithms.sign(alg, signer.privateKey(), input.getBytes(StandardCharsets.US_ASCII)), expires);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot sign a log token with the service key: " + e.getMessage(), e);
        }
    }

    /** The grant of a token this connector issued, or a failure that says why it is refused. */
    public Result<Grant> verify(String token) {
        if (token == null || token.isBlank()) {
            return Result.failure("no log token: send Authorization: Bearer <the log token of the agreement>, which the agreement's "
                    + "counter-party obtains with the agreement credential");
        }
        CompactJws jws;
        try {
            jws = CompactJws.parse(token.strip());
        } catch (ProofFormatException e) {
            return Result.failure("the log token is not a compact JWS: " + e.getMessage());
        }
        if (!TYP.equals(jws.typ())) {
            return Result.failure("the token's typ is " + jws.typ() + ", not " + TYP + ": it is not a log token");
        }
        if (!signer.verificationMethod().equals(jws.kid())) {
            return Result.failure("the log token was not issued by this connector (kid " + jws.kid() + ", expected "
                    + signer.verificationMethod() + ")");
        }
        Optional<String> rejected = JwsAlgorithms.rejection(jws.alg());
        if (rejected.isPresent()) {
            return Result.failure(rejected.get());
        }
        try {
            if (JwsAlgorithms.keyMismatch(jws.alg(), publicKey).isPresent()
                    || !JwsAlgorithms.verify(jws.alg(), publicKey, jws.signingInput(), jws.signature())) {
                return Result.failure("the log token's signature does not verify with this connector's key: it was altered or forged");
            }
        } catch (GeneralSecurityException e) {
            return Result.failure("the log token's signature cannot be checked: " + e.getMessage());
        }
        JsonObject claims = jws.payload();
        if (!signer.did().equals(string(claims, "iss")) || !signer.did().equals(string(claims, "aud"))) {
            return Result.failure("the log token's iss and aud must be this connector, " + signer.did());
        }
        String agreementId = string(claims, "agreementId");
        String subject = string(claims, "sub");
        if (agreementId == null || subject == null) {
            return Result.failure("the log token names no agreementId or sub");
        }
        if (!(claims.get("exp") instanceof JsonNumber exp)) {
            return Result.failure("the log token has no exp");
        }
        Instant expires = Instant.ofEpochSecond(exp.longValue());
        if (!expires.isAfter(clock.instant().minus(SKEW))) {
            return Result.failure("the log token expired at " + expires + "; fetch a new one with the agreement credential");
        }
        return Result.success(new Grant(agreementId, subject, expires));
    }

    private static String string(JsonObject o, String name) {
        return o.get(name) instanceof JsonString s ? s.getString() : null;
    }

    private static String b64(String json) {
        return Base64URL.encode(json.getBytes(StandardCharsets.UTF_8)).toString();
    }
}
