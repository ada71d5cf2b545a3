package eu.federator.server.dataspace;

import eu.federator.credentials.did.DidDocument;
import eu.federator.credentials.did.DidResolutionException;
import eu.federator.credentials.did.DidResolver;
import eu.federator.credentials.verify.Check;
import eu.federator.credentials.verify.CredentialReport;
import eu.federator.credentials.verify.CredentialVerifier;
import eu.federator.credentials.verify.VerificationOptions;
import eu.federator.credentials.verify.VerificationResult;
import eu.federator.credentials.did.VerificationMethod;
import eu.federator.credentials.proof.JwsAlgorithms;
import eu.federator.credentials.proof.ProofFormatException;
import eu.federator.credentials.proof.jose.CompactJws;
import eu.federator.dataspace.policy.Requester;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import org.springframework.http.HttpStatus;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The requester of a DSP request, from its {@code Authorization} header: Federator's simple identity profile (a step
 * towards DCP's self-issued ID token). The header carries a compact JWS signed by the requester (ES256, EdDSA, PS256,
 * ...; never {@code none} or HMAC) with {@code iss} = {@code sub} = its DID, {@code aud} = this connector's DID,
 * {@code exp} at most {@link #MAX_LIFETIME} ahead and a {@code jti} used once ({@link SeenTokens}: a replayed token is
 * refused); the header's {@code kid} names a verification method
 * of that DID listed under {@code authentication}. Keys come from the trust core's DID resolution (the server's one
 * outbound fetcher and web mirror). Every failure is a 401 that says what is wrong.
 *
 * <p>An optional {@code vp} claim carries a presentation (a compact {@code vp+jwt}) the requester signed, verified by
 * the trust core's {@link CredentialVerifier}: its valid credentials are what policies may read of the requester
 * ({@link Requester#of}). A presentation that does not verify, or that another party signed, is a 401.
 */
public final class RequesterTokens implements DspAuthentication {
    /** How far ahead {@code exp} may be: a stolen token is useful for minutes at most. */
    public static final Duration MAX_LIFETIME = Duration.ofMinutes(5);
    /** Tolerated clock difference between requester and connector. */
    static final Duration SKEW = Duration.ofSeconds(30);

    private final CredentialVerifier verifier;
    private final DidResolver dids;
    private final SeenTokens seen;
    private final String audience;
    private final Clock clock;

    public RequesterTokens(CredentialVerifier verifier, SeenTokens seen, String audience, Clock clock) {
        this.verifier = verifier;
        this.dids = verifier.dids();
        this.seen = seen;
        this.audience = audience;
        this.clock = clock;
    }

    /** The requester the header proves; a {@link DspException} (401) otherwise. */
    @Override
    public Requester requester(String authorization) {
        if (authorization == null || authorization.isBlank()) {
            throw unauthorized("no Authorization header: send a JWT signed by your DID's authentication key with iss = sub = your DID and aud = "
                    + audience);
        }
        String token = authorization.strip();
        if (token.regionMatches(true, 0, "Bearer ", 0, 7)) {
            token = token.substring(7).strip();
        }
        CompactJws jws;
        try {
            jws = CompactJws.parse(token);
        } catch (ProofFormatException e) {
            throw unauthorized("the Authorization header is not a compact JWS: " + e.getMessage());
        }
        JsonObject claims = jws.payload();
        String iss = string(claims, "iss");
        String sub = string(claims, "sub");
        if (iss == null || !iss.startsWith("did:web:")) {
            throw unauthorized("iss must be the requester's did:web DID, not " + (iss == null ? "missing" : "\"" + iss + "\""));
        }
        if (!iss.equals(sub)) {
            throw unauthorized("sub must equal iss (" + iss + ") in a self-issued token, not " + (sub == null ? "missing" : "\"" + sub + "\""));
        }
        if (!audiences(claims.get("aud")).contains(audience)) {
            throw unauthorized("aud must name this connector, " + audience);
        }
        Instant now = clock.instant();
        if (!(claims.get("exp") instanceof JsonNumber exp)) {
            throw unauthorized("exp is missing: a token lives at most " + MAX_LIFETIME.toMinutes() + " minutes");
        }
        Instant expires = Instant.ofEpochSecond(exp.longValue());
        if (!expires.isAfter(now.minus(SKEW))) {
            throw unauthorized("the token expired at " + expires + "; sign a new one");
        }
        if (expires.isAfter(now.plus(MAX_LIFETIME).plus(SKEW))) {
            throw unauthorized("exp " + expires + " is more than " + MAX_LIFETIME.toMinutes() + " minutes ahead; issue short-lived tokens");
        }
        if (claims.get("nbf") instanceof JsonNumber nbf && Instant.ofEpochSecond(nbf.longValue()).isAfter(now.plus(SKEW))) {
            throw unauthorized("the token is not valid before " + Instant.ofEpochSecond(nbf.longValue()));
        }
        String jti = string(claims, "jti");
        if (jti == null || jti.isBlank()) {
            throw unauthorized("jti is missing: every token needs a unique id");
        }
        if (jti.length() > SeenTokens.MAX_ID_LENGTH) {
            throw unauthorized("jti is longer than " + SeenTokens.MAX_ID_LENGTH + " characters");
        }
        verifySignature(jws, iss);
        // only after the signature: nobody can use up another party's token ids
        boolean first;
        try {
            first = seen.firstUse(iss, jti, expires.plus(SKEW));
        } catch (org.springframework.dao.DataAccessException e) {
            throw new DspException(HttpStatus.SERVICE_UNAVAILABLE, "the token's id cannot be checked against replays right now; try again");
        }
        if (!first) {
            throw unauthorized("this token (jti " + jti + ") was used before: sign a new token, with a new jti, for every request");
        }
        JsonValue vp = claims.get("vp");
        if (vp == null) {
            return new Requester(iss, List.of());
        }
        if (!(vp instanceof JsonString presentation)) {
            throw unauthorized("vp must be a presentation as a compact vp+jwt string");
        }
        return Requester.of(iss, presentation(presentation.getString(), iss, now));
    }

    private VerificationResult presentation(String vp, String holder, Instant now) {
        VerificationResult result = verifier.verify(vp.getBytes(StandardCharsets.US_ASCII), VerificationOptions.at(now));
        CredentialReport report = result.credentials().stream().filter(r -> "VerifiablePresentation".equals(r.kind())).findFirst()
                .orElseThrow(() -> unauthorized("vp is not a verifiable presentation"));
        if (!report.valid()) {
            throw unauthorized("the presentation in vp does not verify: " + report.checks().stream().filter(c -> !c.ok())
                    .map(Check::message).toList());
        }
        // holder binding: the presentation must be signed by the requester, or anyone's credentials could be replayed
        if (report.verificationMethod() == null || !report.verificationMethod().startsWith(holder + "#")) {
            throw unauthorized("the presentation in vp is signed by " + report.verificationMethod() + ", not by " + holder);
        }
        return result;
    }

    private void verifySignature(CompactJws jws, String did) {
        Optional<String> rejected = JwsAlgorithms.rejection(jws.alg());
        if (rejected.isPresent()) {
            throw unauthorized(rejected.get());
        }
        String kid = jws.kid();
        if (kid == null || kid.isBlank()) {
            throw unauthorized("the JWS header has no kid: name the verification method, e.g. " + did + "#key-1");
        }
        String methodId = kid.startsWith("#") ? did + kid : kid;
        if (!methodId.startsWith(did + "#")) {
            throw unauthorized("kid " + kid + " is not a key of " + did + " (the issuer)");
        }
        DidDocument document;
        try {
            document = dids.resolve(did);
        } catch (DidResolutionException e) {
            throw unauthorized("cannot resolve " + did + ": " + e.getMessage());
        }
        VerificationMethod method = document.method(methodId).orElseThrow(() -> unauthorized("the DID document of " + did
                + " has no verification method " + methodId));
        if (!document.authorizes(methodId, "authentication")) {
            throw unauthorized("the DID document of " + did + " does not list " + methodId + " under authentication");
        }
        if (method.publicKey() == null) {
            throw unauthorized(methodId + " has no public key in a supported form (publicKeyJwk or publicKeyMultibase)");
        }
        Optional<String> mismatch = JwsAlgorithms.keyMismatch(jws.alg(), method.publicKey());
        if (mismatch.isPresent()) {
            throw unauthorized(mismatch.get());
        }
        boolean valid;
        try {
            valid = JwsAlgorithms.verify(jws.alg(), method.publicKey(), jws.signingInput(), jws.signature());
        } catch (GeneralSecurityException e) {
            throw unauthorized("the signature cannot be checked with " + methodId + ": " + e.getMessage());
        }
        if (!valid) {
            throw unauthorized("the signature does not verify with " + methodId);
        }
    }

    private static List<String> audiences(JsonValue aud) {
        if (aud instanceof JsonString s) {
            return List.of(s.getString());
        }
        if (aud != null && aud.getValueType() == JsonValue.ValueType.ARRAY) {
            return aud.asJsonArray().stream().filter(JsonString.class::isInstance).map(v -> ((JsonString) v).getString()).toList();
        }
        return List.of();
    }

    private static String string(JsonObject claims, String name) {
        return claims.get(name) instanceof JsonString s ? s.getString() : null;
    }

    private static DspException unauthorized(String reason) {
        return new DspException(HttpStatus.UNAUTHORIZED, reason);
    }
}
