package eu.federator.dataspace.log;

import com.nimbusds.jose.util.Base64URL;
import eu.federator.credentials.issue.CredentialSigner.SigningKey;
import eu.federator.credentials.json.Jcs;
import eu.federator.credentials.json.Json;
import eu.federator.credentials.proof.JwsAlgorithms;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * The log's wire format, shared by the store and the verifier. An entry's hash is SHA-256 (lower-case hex) of the UTF-8
 * JCS (RFC 8785) form of {@link #entryJson}: {@code sequence} (number), {@code previousHash}, {@code processId},
 * {@code processKind} ("negotiation"|"transfer"), {@code eventType}, {@code counterPartyId}, {@code agreementId} (string
 * or null), {@code payloadDigest}, {@code time} (ISO-8601 UTC, microseconds at most); the {@code hash} member itself is
 * not part of what is hashed. A checkpoint signs JCS of {@code {sequence, hash, time}}.
 */
public final class ExchangeChain {
    /** The previous hash of entry 1. */
    public static final String GENESIS = "0".repeat(64);

    private static final Pattern HASH = Pattern.compile("[0-9a-f]{64}");

    private ExchangeChain() {
    }

    public static boolean isHash(String s) {
        return s != null && HASH.matcher(s).matches();
    }

    /** SHA-256 of the bytes, lower-case hex: the payload digest of a message. */
    public static String digest(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** The entry as exported, without its hash: exactly what is hashed. */
    public static JsonObject hashedFields(long sequence, String previousHash, LogEvent e) {
        JsonObjectBuilder b = Json.provider().createObjectBuilder()
                .add("sequence", sequence)
                .add("previousHash", previousHash)
                .add("processId", e.processId())
                .add("processKind", e.processKind().wire())
                .add("eventType", e.eventType())
                .add("counterPartyId", e.counterPartyId());
        if (e.agreementId() == null) {
            b.addNull("agreementId");
        } else {
            b.add("agreementId", e.agreementId());
        }
        return b.add("payloadDigest", e.payloadDigest()).add("time", e.time().toString()).build();
    }

    public static String hash(JsonObject hashedFields) {
        return digest(Jcs.canonicalize(hashedFields).getBytes(StandardCharsets.UTF_8));
    }

    public static String hash(long sequence, String previousHash, LogEvent e) {
        return hash(hashedFields(sequence, previousHash, e));
    }

    public static JsonObject entryJson(LogEntry entry) {
        return Json.provider().createObjectBuilder(hashedFields(entry.sequence(), entry.previousHash(), entry.event()))
                .add("hash", entry.hash()).build();
    }

    public static JsonObject checkpointPayload(long sequence, String hash, Instant time) {
        return Json.provider().createObjectBuilder().add("sequence", sequence).add("hash", hash).add("time", time.toString()).build();
    }

    public static JsonObject checkpointJson(Checkpoint c) {
        return Json.provider().createObjectBuilder(checkpointPayload(c.sequence(), c.hash(), c.time()))
                .add("verificationMethod", c.verificationMethod()).add("jws", c.jws()).build();
    }

    /** Signs the head as a compact JWS whose {@code kid} is the signer's verification method. */
    public static Checkpoint sign(long sequence, String hash, Instant time, SigningKey signer) {
        if (!signer.privateKey().isPrivate()) {
            throw new IllegalArgumentException("the checkpoint key has no private part; configure the private signing key");
        }
        String alg = JwsAlgorithms.defaultAlgorithm(signer.privateKey()).getName();
        JsonObject header = Json.provider().createObjectBuilder().add("alg", alg).add("kid", signer.verificationMethod()).build();
        String signingInput = b64(Jcs.canonicalize(header)) + "." + b64(Jcs.canonicalize(checkpointPayload(sequence, hash, time)));
        try {
            // raw signing (as CredentialSigner does): Nimbus alone cannot sign Ed25519 without Tink
            Base64URL signature = JwsAlgorithms.sign(alg, signer.privateKey(), signingInput.getBytes(StandardCharsets.US_ASCII));
            return new Checkpoint(sequence, hash, time, signer.verificationMethod(), signingInput + "." + signature);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot sign the checkpoint with this key: " + e.getMessage(), e);
        }
    }

    private static String b64(String json) {
        return Base64URL.encode(json.getBytes(StandardCharsets.UTF_8)).toString();
    }
}
