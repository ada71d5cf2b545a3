package eu.federator.credentials.proof.jws2020;

import com.nimbusds.jose.util.Base64URL;
import eu.federator.credentials.json.Json;
import eu.federator.credentials.json.JsonLimits;
import eu.federator.credentials.json.JsonSyntaxException;
import eu.federator.credentials.proof.JwsAlgorithms;
import eu.federator.credentials.proof.ProofFormatException;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.util.Base64;
import java.util.regex.Pattern;

/** The {@code jws} of a JsonWebSignature2020 proof: {@code BASE64URL(header) ".." BASE64URL(signature)}. */
record DetachedJws(String encodedHeader, String alg, Base64URL signature) {

    private static final Pattern BASE64URL = Pattern.compile("[A-Za-z0-9_-]+");
    private static final JsonLimits HEADER_LIMITS = new JsonLimits(4096, 4);

    static DetachedJws parse(JsonObject proof) throws ProofFormatException {
        if (proof == null) {
            throw new ProofFormatException("no proof");
        }
        JsonValue value = proof.get("jws");
        if (value == null) {
            throw new ProofFormatException("the proof has no \"jws\"");
        }
        if (!(value instanceof JsonString string)) {
            throw new ProofFormatException("the proof's \"jws\" is a " + value.getValueType().name().toLowerCase(java.util.Locale.ROOT) + ", not a string");
        }
        String jws = string.getString();
        int first = jws.indexOf('.');
        int second = first < 0 ? -1 : jws.indexOf('.', first + 1);
        if (first < 0 || second < 0 || jws.indexOf('.', second + 1) >= 0) {
            throw new ProofFormatException("the proof's \"jws\" is not a compact JWS (header..signature)");
        }
        if (second != first + 1) {
            throw new ProofFormatException("the proof's \"jws\" is not detached: its payload part is not empty");
        }
        String encodedHeader = jws.substring(0, first);
        String encodedSignature = jws.substring(second + 1);
        byte[] header = decode(encodedHeader, "header");
        if (encodedSignature.isEmpty()) {
            throw new ProofFormatException("the proof's \"jws\" has no signature");
        }
        decode(encodedSignature, "signature");

        JsonObject fields;
        try {
            fields = Json.parseObject(header, HEADER_LIMITS);
        } catch (JsonSyntaxException e) {
            throw new ProofFormatException("the JWS header is not a JSON object: " + e.getMessage(), e);
        }
        JsonValue b64 = fields.get("b64");
        if (b64 == null || b64.getValueType() != JsonValue.ValueType.FALSE) {
            throw new ProofFormatException("the JWS header must have \"b64\": false (RFC 7797 unencoded payload), found "
                    + (b64 == null ? "no \"b64\"" : "\"b64\": " + b64));
        }
        JsonValue crit = fields.get("crit");
        if (crit == null || crit.getValueType() != JsonValue.ValueType.ARRAY || !crit.asJsonArray().contains(Json.provider().createValue("b64"))) {
            throw new ProofFormatException("the JWS header must list \"b64\" in \"crit\" (RFC 7797 section 6)");
        }
        for (JsonValue extension : crit.asJsonArray()) {
            if (!(extension instanceof JsonString s) || !s.getString().equals("b64")) {
                throw new ProofFormatException("the JWS header's \"crit\" lists an unsupported extension " + extension);
            }
        }
        JsonValue algValue = fields.get("alg");
        String alg = algValue instanceof JsonString s ? s.getString() : null;
        var rejection = JwsAlgorithms.rejection(alg);
        if (rejection.isPresent()) {
            throw new ProofFormatException(rejection.get());
        }
        return new DetachedJws(encodedHeader, alg, new Base64URL(encodedSignature));
    }

    private static byte[] decode(String part, String name) throws ProofFormatException {
        if (part.isEmpty() || !BASE64URL.matcher(part).matches() || part.length() % 4 == 1) {
            throw new ProofFormatException("the JWS " + name + " is not base64url (RFC 4648 section 5, unpadded)");
        }
        try {
            return Base64.getUrlDecoder().decode(part);
        } catch (IllegalArgumentException e) {
            throw new ProofFormatException("the JWS " + name + " is not base64url: " + e.getMessage(), e);
        }
    }
}
