package eu.federator.credentials.proof.jose;

import com.nimbusds.jose.util.Base64URL;
import eu.federator.credentials.json.Json;
import eu.federator.credentials.json.JsonSyntaxException;
import eu.federator.credentials.proof.ProofFormatException;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * A compact JWS split into its parts with header and payload decoded as JSON objects. Parsing checks form
 * only; nothing here says the signature is valid.
 */
public record CompactJws(JsonObject header, JsonObject payload, byte[] signingInput, Base64URL signature) {

    private static final Pattern BASE64URL = Pattern.compile("[A-Za-z0-9_-]*");

    /** True when the text has the shape of a compact JWS (three base64url parts), without decoding it. */
    public static boolean looksLikeCompactJws(String text) {
        String[] parts = text.trim().split("\\.", -1);
        return parts.length == 3 && !parts[0].isEmpty() && BASE64URL.matcher(parts[0]).matches()
                && BASE64URL.matcher(parts[1]).matches() && BASE64URL.matcher(parts[2]).matches();
    }

    public static CompactJws parse(String text) throws ProofFormatException {
        String compact = text.trim();
        String[] parts = compact.split("\\.", -1);
        if (parts.length != 3) {
            throw new ProofFormatException("a compact JWS has 3 dot-separated parts, this one has " + parts.length);
        }
        String[] names = {"header", "payload", "signature"};
        for (int i = 0; i < 3; i++) {
            if (!BASE64URL.matcher(parts[i]).matches()) {
                throw new ProofFormatException("the JWS " + names[i] + " is not base64url (only A-Z a-z 0-9 - _ allowed, no padding)");
            }
        }
        if (parts[2].isEmpty()) {
            throw new ProofFormatException("the JWS has an empty signature: unsigned tokens are rejected");
        }
        JsonObject header = object(parts[0], "header");
        JsonObject payload = object(parts[1], "payload");
        byte[] signingInput = (parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII);
        return new CompactJws(header, payload, signingInput, new Base64URL(parts[2]));
    }

    private static JsonObject object(String part, String name) throws ProofFormatException {
        byte[] bytes;
        try {
            bytes = new Base64URL(part).decode();
        } catch (RuntimeException e) {
            throw new ProofFormatException("the JWS " + name + " is not valid base64url");
        }
        try {
            JsonValue value = Json.parse(bytes);
            if (value.getValueType() != JsonValue.ValueType.OBJECT) {
                throw new ProofFormatException("the JWS " + name + " must be a JSON object");
            }
            return value.asJsonObject();
        } catch (JsonSyntaxException e) {
            throw new ProofFormatException("the JWS " + name + " is not JSON: " + e.getMessage());
        }
    }

    public String headerString(String name) {
        return header.get(name) instanceof JsonString s ? s.getString() : null;
    }

    public String alg() {
        return headerString("alg");
    }

    public String typ() {
        return headerString("typ");
    }

    public String kid() {
        return headerString("kid");
    }
}
