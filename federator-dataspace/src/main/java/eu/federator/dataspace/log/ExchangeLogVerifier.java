package eu.federator.dataspace.log;

import com.nimbusds.jose.jwk.JWK;
import eu.federator.credentials.json.Jcs;
import eu.federator.credentials.proof.JwsAlgorithms;
import eu.federator.credentials.proof.ProofFormatException;
import eu.federator.credentials.proof.jose.CompactJws;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Checks an exported log ({@link ExchangeLog#export}) without a database: consecutive sequences from {@code from} to
 * {@code to}, each entry's hash recomputed from its fields, each previous hash equal to the hash before it (the
 * document's {@code previousHash} for the first one, which must be the genesis when the export starts at 1), and each
 * checkpoint's signature and the entry hash it names. A range that does not start at 1 is anchored only by its
 * checkpoints: its first previous hash is taken as given.
 */
public final class ExchangeLogVerifier {

    /** The public key of a verification method (e.g. resolved from a DID document), or empty when unknown. */
    @FunctionalInterface
    public interface KeyResolver {
        Optional<JWK> resolve(String verificationMethod);
    }

    public enum Problem {
        HASH_MISMATCH, PREVIOUS_HASH_MISMATCH, GAP, CHECKPOINT_SIGNATURE_INVALID, CHECKPOINT_MISMATCH, MALFORMED
    }

    /** The first broken link: the sequence it concerns, what is wrong, and details for a human. */
    public record Break(long sequence, Problem problem, String detail) {
    }

    /** {@code firstBreak} is null when the document verifies. */
    public record Verification(int entries, int checkpoints, Break firstBreak) {
        public boolean ok() {
            return firstBreak == null;
        }
    }

    private ExchangeLogVerifier() {
    }

    public static Verification verify(JsonObject document, KeyResolver keys) {
        List<Break> breaks = new ArrayList<>();
        List<JsonObject> entries;
        List<JsonObject> checkpoints;
        long from;
        long to;
        String previous;
        try {
            from = document.getJsonNumber("from").longValueExact();
            to = document.getJsonNumber("to").longValueExact();
            previous = document.getString("previousHash");
            entries = document.getJsonArray("entries").getValuesAs(JsonObject.class);
            checkpoints = document.getJsonArray("checkpoints").getValuesAs(JsonObject.class);
        } catch (RuntimeException e) {
            return new Verification(0, 0, new Break(0, Problem.MALFORMED,
                    "not an exchange log export (needs from, to, previousHash, entries, checkpoints): " + e.getMessage()));
        }
        if (from == 1 && !ExchangeChain.GENESIS.equals(previous)) {
            breaks.add(new Break(1, Problem.PREVIOUS_HASH_MISMATCH, "an export from sequence 1 must start at the genesis hash"));
        }
        Map<Long, String> hashes = new HashMap<>();
        long expected = from;
        for (JsonObject entry : entries) {
            long sequence;
            try {
                sequence = entry.getJsonNumber("sequence").longValueExact();
            } catch (RuntimeException e) {
                breaks.add(new Break(expected, Problem.MALFORMED, "entry at sequence " + expected + " has no integer \"sequence\""));
                break;
            }
            if (sequence != expected) {
                breaks.add(new Break(expected, Problem.GAP, "expected sequence " + expected + ", found " + sequence));
                break;
            }
            JsonObject hashed = without(entry, "hash");
            String stated = string(entry, "hash");
            String recomputed = ExchangeChain.hash(hashed);
            if (!recomputed.equals(stated)) {
                breaks.add(new Break(sequence, Problem.HASH_MISMATCH, "stated hash " + stated + " but the fields hash to " + recomputed));
                break;
            }
            if (!previous.equals(string(entry, "previousHash"))) {
                breaks.add(new Break(sequence, Problem.PREVIOUS_HASH_MISMATCH, "previousHash " + string(entry, "previousHash")
                        + " is not the hash of the entry before it, " + previous));
                break;
            }
            hashes.put(sequence, stated);
            previous = stated;
            expected++;
        }
        if (breaks.isEmpty() && expected <= to) {
            breaks.add(new Break(expected, Problem.GAP, "the export claims entries up to " + to + " but ends before " + expected));
        }
        for (JsonObject checkpoint : checkpoints) {
            checkpoint(checkpoint, hashes, keys).ifPresent(breaks::add);
        }
        Break first = breaks.stream().min(Comparator.comparingLong(Break::sequence)).orElse(null);
        return new Verification(entries.size(), checkpoints.size(), first);
    }

    private static Optional<Break> checkpoint(JsonObject checkpoint, Map<Long, String> hashes, KeyResolver keys) {
        long sequence;
        String hash;
        String method;
        String jws;
        Instant time;
        try {
            sequence = checkpoint.getJsonNumber("sequence").longValueExact();
            hash = checkpoint.getString("hash");
            method = checkpoint.getString("verificationMethod");
            jws = checkpoint.getString("jws");
            time = Instant.parse(checkpoint.getString("time"));
        } catch (RuntimeException e) {
            return Optional.of(new Break(0, Problem.MALFORMED, "a checkpoint lacks sequence, hash, time, verificationMethod or jws: "
                    + e.getMessage()));
        }
        String entryHash = hashes.get(sequence);
        if (entryHash != null && !entryHash.equals(hash)) {
            return Optional.of(new Break(sequence, Problem.CHECKPOINT_MISMATCH, "the checkpoint names hash " + hash
                    + " but entry " + sequence + " has " + entryHash));
        }
        try {
            CompactJws parsed = CompactJws.parse(jws);
            if (!method.equals(parsed.kid())) {
                return invalid(sequence, "the JWS kid " + parsed.kid() + " is not the checkpoint's verification method " + method);
            }
            Optional<String> rejected = JwsAlgorithms.rejection(parsed.alg());
            if (rejected.isPresent()) {
                return invalid(sequence, rejected.get());
            }
            Optional<JWK> key = keys.resolve(method);
            if (key.isEmpty()) {
                return invalid(sequence, "no public key known for " + method);
            }
            if (!JwsAlgorithms.verify(parsed.alg(), key.get(), parsed.signingInput(), parsed.signature())) {
                return invalid(sequence, "the signature does not verify with the key of " + method);
            }
            String signed = Jcs.canonicalize(parsed.payload());
            if (!signed.equals(Jcs.canonicalize(ExchangeChain.checkpointPayload(sequence, hash, time)))) {
                return invalid(sequence, "the signed payload " + signed + " is not this checkpoint's sequence, hash and time");
            }
        } catch (ProofFormatException | GeneralSecurityException | RuntimeException e) {
            return invalid(sequence, e.getMessage());
        }
        return Optional.empty();
    }

    private static Optional<Break> invalid(long sequence, String detail) {
        return Optional.of(new Break(sequence, Problem.CHECKPOINT_SIGNATURE_INVALID, detail));
    }

    private static JsonObject without(JsonObject o, String member) {
        var b = eu.federator.credentials.json.Json.provider().createObjectBuilder(o);
        b.remove(member);
        return b.build();
    }

    private static String string(JsonObject o, String member) {
        JsonValue v = o.get(member);
        return v instanceof JsonString s ? s.getString() : v instanceof JsonNumber n ? n.toString() : String.valueOf(v);
    }
}
