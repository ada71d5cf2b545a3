package eu.federator.credentials.proof.jws2020;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.util.Base64URL;
import eu.federator.credentials.json.Json;
import eu.federator.credentials.jsonld.LinkedData;
import eu.federator.credentials.jsonld.LinkedDataException;
import eu.federator.credentials.proof.JwsAlgorithms;
import eu.federator.credentials.proof.ProofFormatException;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * JsonWebSignature2020 Linked Data proofs in the three flavours found in Gaia-X and XFSC data (see
 * {@link Jws2020Flavour}). A proof does not say which flavour made it, so verification tries them in the order
 * the Gaia-X compliance service does (legacy, then W3C), then danubetech, and reports the one that verified.
 *
 * <p>Only the signature is checked here: whether the key belongs to {@code verificationMethod}, is trusted and
 * valid at {@code created} is the caller's business.
 */
public final class JsonWebSignature2020 {

    /** The proof {@code type}. */
    public static final String TYPE = "JsonWebSignature2020";

    static final String SECURITY_V3 = "https://w3id.org/security/v3";
    private static final byte[] DOT = {'.'};

    private final LinkedData linkedData;

    /** @param linkedData canonicalizes documents and proof options (its context policy applies) */
    public JsonWebSignature2020(LinkedData linkedData) {
        this.linkedData = Objects.requireNonNull(linkedData, "linkedData");
    }

    /**
     * Checks one proof of a document.
     *
     * @param securedDocument the document as received, with its {@code proof}; the document without
     *                        {@code proof} is what was signed
     * @param proof           the proof to check: {@code securedDocument.proof} or one element of a proof array
     * @param publicKey       the key of the proof's verification method
     * @return valid and the flavour, or invalid with the reason (malformed proof, unacceptable algorithm,
     * key of the wrong type, or no flavour matched)
     * @throws LinkedDataException if the document or the proof options cannot be canonicalized (a context is
     *                             refused, invalid JSON-LD): the signature could not be checked at all
     */
    public Jws2020Verification verify(JsonObject securedDocument, JsonObject proof, JWK publicKey) throws LinkedDataException {
        return verify(securedDocument, proof, publicKey, EnumSet.allOf(Jws2020Flavour.class));
    }

    /** Verification restricted to some flavours; tries them in declaration order. */
    Jws2020Verification verify(JsonObject securedDocument, JsonObject proof, JWK publicKey, Set<Jws2020Flavour> flavours)
            throws LinkedDataException {
        DetachedJws jws;
        try {
            jws = DetachedJws.parse(proof);
        } catch (ProofFormatException e) {
            return Jws2020Verification.failed(e.getMessage());
        }
        JsonValue type = proof.get("type");
        if (!(type instanceof JsonString s) || !TYPE.equals(s.getString())) {
            return Jws2020Verification.failed("the proof type is " + type + ", not \"" + TYPE + "\"");
        }
        Optional<String> mismatch = JwsAlgorithms.keyMismatch(jws.alg(), publicKey);
        if (mismatch.isPresent()) {
            return Jws2020Verification.failed(mismatch.get());
        }
        byte[] documentHash = sha256(linkedData.canonicalize(withoutProof(securedDocument)));
        String w3cOptions = null;
        try {
            for (Jws2020Flavour flavour : flavours) {
                byte[] payload;
                switch (flavour) {
                    case GAIAX_LEGACY -> payload = legacyPayload(documentHash);
                    case W3C -> {
                        w3cOptions = linkedData.canonicalize(proofOptions(proof, securedDocument.get("@context")));
                        payload = concat(sha256(w3cOptions), documentHash);
                    }
                    case DANUBETECH -> {
                        String options = linkedData.canonicalize(proofOptions(proof, Json.provider().createValue(SECURITY_V3)));
                        if (options.equals(w3cOptions)) {
                            continue; // same signing input as W3C, which did not verify
                        }
                        payload = concat(sha256(options), documentHash);
                    }
                    default -> throw new IllegalStateException(flavour.name());
                }
                if (JwsAlgorithms.verify(jws.alg(), publicKey, signingInput(jws.encodedHeader(), payload), jws.signature())) {
                    return Jws2020Verification.verified(flavour, jws.alg());
                }
            }
        } catch (GeneralSecurityException e) {
            return Jws2020Verification.failed("the " + jws.alg() + " signature could not be checked: " + e.getMessage());
        }
        StringBuilder tried = new StringBuilder();
        flavours.forEach(f -> tried.append(tried.isEmpty() ? "" : ", ").append(f.id()));
        return Jws2020Verification.failed("the " + jws.alg() + " signature matches none of the JsonWebSignature2020 flavours tried ("
                + tried + "): the document, the proof or the key differs from what was signed");
    }

    /**
     * Adds a JsonWebSignature2020 proof (appended to any existing proofs, which are not signed). The algorithm
     * is the key's {@code alg}, or PS256 / ES256 / ES384 / EdDSA by key type.
     *
     * @param flavour {@link Jws2020Flavour#W3C} (recommended), {@link Jws2020Flavour#GAIAX_LEGACY} (for old
     *                Gaia-X verifiers; does not protect the proof options) or {@link Jws2020Flavour#DANUBETECH}
     * @throws LinkedDataException      if the document cannot be canonicalized, or (W3C) its {@code @context}
     *                                  does not define the proof terms, which would leave the proof options unsigned
     * @throws GeneralSecurityException if the key is not a usable private key for an accepted algorithm
     */
    public JsonObject sign(JsonObject unsecuredDocument, JWK privateKey, String verificationMethod, String proofPurpose,
                           Instant created, Jws2020Flavour flavour) throws LinkedDataException, GeneralSecurityException {
        Objects.requireNonNull(unsecuredDocument, "unsecuredDocument");
        Objects.requireNonNull(verificationMethod, "verificationMethod");
        Objects.requireNonNull(proofPurpose, "proofPurpose");
        Objects.requireNonNull(created, "created");
        Objects.requireNonNull(flavour, "flavour");
        String alg = JwsAlgorithms.defaultAlgorithm(privateKey).getName();
        Optional<String> problem = JwsAlgorithms.rejection(alg).or(() -> JwsAlgorithms.keyMismatch(alg, privateKey));
        if (problem.isPresent()) {
            throw new GeneralSecurityException(problem.get());
        }
        JsonObject options = Json.provider().createObjectBuilder()
                .add("type", TYPE)
                .add("created", DateTimeFormatter.ISO_INSTANT.format(created))
                .add("proofPurpose", proofPurpose)
                .add("verificationMethod", verificationMethod)
                .build();
        byte[] documentHash = sha256(linkedData.canonicalize(withoutProof(unsecuredDocument)));
        byte[] payload = switch (flavour) {
            case GAIAX_LEGACY -> legacyPayload(documentHash);
            case W3C -> {
                String canonical = linkedData.canonicalize(proofOptions(options, unsecuredDocument.get("@context")));
                if (canonical.isEmpty()) {
                    throw new LinkedDataException("the document's @context does not define the JsonWebSignature2020 proof terms, so "
                            + flavour.id() + " would not sign the proof options; add https://w3id.org/security/suites/jws-2020/v1 to it");
                }
                yield concat(sha256(canonical), documentHash);
            }
            case DANUBETECH -> concat(sha256(linkedData.canonicalize(
                    proofOptions(options, Json.provider().createValue(SECURITY_V3)))), documentHash);
        };
        String header = "{\"alg\":\"" + alg + "\",\"b64\":false,\"crit\":[\"b64\"]}";
        String encodedHeader = Base64URL.encode(header.getBytes(StandardCharsets.UTF_8)).toString();
        Base64URL signature = JwsAlgorithms.sign(alg, privateKey, signingInput(encodedHeader, payload));
        JsonObject proof = Json.provider().createObjectBuilder(options).add("jws", encodedHeader + ".." + signature).build();

        JsonObjectBuilder secured = Json.provider().createObjectBuilder(unsecuredDocument);
        JsonValue existing = unsecuredDocument.get("proof");
        if (existing == null) {
            secured.add("proof", proof);
        } else {
            JsonArrayBuilder proofs = Json.provider().createArrayBuilder();
            if (existing.getValueType() == JsonValue.ValueType.ARRAY) {
                existing.asJsonArray().forEach(proofs::add);
            } else {
                proofs.add(existing);
            }
            secured.add("proof", proofs.add(proof));
        }
        return secured.build();
    }

    /**
     * The {@code alg} of a proof's detached JWS, after checking the JWS is well formed for JsonWebSignature2020:
     * base64url header and signature, empty (detached) payload, {@code "b64": false} with {@code "crit":
     * ["b64"]}, and an accepted algorithm (never {@code none} or HMAC).
     *
     * @throws ProofFormatException with the reason
     */
    public static String headerAlgorithm(JsonObject proof) throws ProofFormatException {
        return DetachedJws.parse(proof).alg();
    }

    static JsonObject withoutProof(JsonObject document) {
        if (!document.containsKey("proof")) {
            return document;
        }
        return Json.provider().createObjectBuilder(document).remove("proof").build();
    }

    /** The proof without its signature, under the given {@code @context} (null: none). */
    static JsonObject proofOptions(JsonObject proof, JsonValue context) {
        JsonObjectBuilder options = Json.provider().createObjectBuilder(proof).remove("jws").remove("@context");
        if (context != null) {
            options.add("@context", context);
        }
        return options.build();
    }

    private static byte[] legacyPayload(byte[] documentHash) {
        return HexFormat.of().formatHex(documentHash).getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] signingInput(String encodedHeader, byte[] payload) {
        return concat(concat(encodedHeader.getBytes(StandardCharsets.US_ASCII), DOT), payload);
    }

    static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
