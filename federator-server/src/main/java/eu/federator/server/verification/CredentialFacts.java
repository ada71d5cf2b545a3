package eu.federator.server.verification;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * What the XFSC verification result reports besides the checks, read from the input itself: the issuer and issue
 * date of the first credential, and the verification method of each document in the order of the verifier's reports
 * (a presentation first, then its credentials). Best effort: anything not stated is null. The verifier has already
 * decided validity; nothing here is trusted for that.
 */
record CredentialFacts(String issuer, String issuedDateTime, List<String> verificationMethods) {

    static final CredentialFacts NONE = new CredentialFacts(null, null, List.of());

    static CredentialFacts of(byte[] input) {
        try {
            String text = new String(input, StandardCharsets.UTF_8).strip();
            if (text.startsWith("{")) {
                try (var reader = Json.createReader(new ByteArrayInputStream(input))) {
                    return ofDocument(reader.readObject());
                }
            }
            Jwt jwt = Jwt.parse(text);
            return jwt == null ? NONE : ofJwt(jwt);
        } catch (jakarta.json.JsonException | ClassCastException | IllegalArgumentException | IllegalStateException e) {
            return NONE;
        }
    }

    private static CredentialFacts ofDocument(JsonObject document) {
        List<String> methods = new ArrayList<>();
        if (isPresentation(document)) {
            methods.add(proofMethod(document));
            String issuer = null;
            String issued = null;
            boolean first = true;
            for (JsonValue vc : asArray(document.get("verifiableCredential"))) {
                CredentialFacts inner = ofEmbedded(vc);
                methods.addAll(inner.verificationMethods());
                if (first) {
                    issuer = inner.issuer();
                    issued = inner.issuedDateTime();
                    first = false;
                }
            }
            return new CredentialFacts(issuer, issued, methods);
        }
        if (envelopedJwt(document) != null) {
            Jwt jwt = Jwt.parse(envelopedJwt(document));
            return jwt == null ? NONE : ofJwt(jwt);
        }
        methods.add(proofMethod(document));
        return new CredentialFacts(issuer(document.get("issuer")), firstString(document, "issuanceDate", "validFrom"), methods);
    }

    private static CredentialFacts ofEmbedded(JsonValue vc) {
        if (vc instanceof JsonObject object) {
            return ofDocument(object);
        }
        if (vc instanceof JsonString string) {
            Jwt jwt = Jwt.parse(string.getString());
            if (jwt != null) {
                return ofJwt(jwt);
            }
        }
        List<String> none = new ArrayList<>();
        none.add(null);
        return new CredentialFacts(null, null, none);
    }

    private static CredentialFacts ofJwt(Jwt jwt) {
        JsonObject payload = jwt.payload();
        // VCDM 1.1 JWT-VC/VP wrap the document in "vc"/"vp"; VC-JOSE (VCDM 2.0) payloads are the document
        JsonObject document = payload.get("vc") instanceof JsonObject vc ? vc : payload.get("vp") instanceof JsonObject vp ? vp : payload;
        String iss = string(payload.get("iss"));
        String kid = string(jwt.header().get("kid"));
        String method = kid == null ? iss : kid.startsWith("#") && iss != null ? iss + kid : kid;
        List<String> methods = new ArrayList<>();
        methods.add(method);
        if (isPresentation(document)) {
            CredentialFacts first = null;
            for (JsonValue vc : asArray(document.get("verifiableCredential"))) {
                CredentialFacts inner = ofEmbedded(vc);
                methods.addAll(inner.verificationMethods());
                if (first == null) {
                    first = inner;
                }
            }
            return new CredentialFacts(first == null ? null : first.issuer(), first == null ? null : first.issuedDateTime(), methods);
        }
        String issuer = issuer(document.get("issuer"));
        if (issuer == null) {
            issuer = iss;
        }
        String issued = firstString(document, "issuanceDate", "validFrom");
        if (issued == null) {
            issued = epoch(payload.get("iat"));
        }
        if (issued == null) {
            issued = epoch(payload.get("nbf"));
        }
        return new CredentialFacts(issuer, issued, methods);
    }

    private static String envelopedJwt(JsonObject document) {
        if (!hasType(document, "EnvelopedVerifiableCredential") && !hasType(document, "EnvelopedVerifiablePresentation")) {
            return null;
        }
        String id = string(document.get("id"));
        if (id == null || !id.startsWith("data:")) {
            return null;
        }
        int comma = id.indexOf(',');
        return comma < 0 ? null : id.substring(comma + 1);
    }

    private static boolean isPresentation(JsonObject document) {
        return hasType(document, "VerifiablePresentation");
    }

    private static boolean hasType(JsonObject document, String type) {
        JsonValue value = document.get("type");
        if (value == null) {
            value = document.get("@type");
        }
        for (JsonValue t : asArray(value)) {
            if (t instanceof JsonString s && s.getString().equals(type)) {
                return true;
            }
        }
        return false;
    }

    private static String proofMethod(JsonObject document) {
        for (JsonValue proof : asArray(document.get("proof"))) {
            if (proof instanceof JsonObject p && string(p.get("verificationMethod")) != null) {
                return string(p.get("verificationMethod"));
            }
        }
        return null;
    }

    private static String issuer(JsonValue value) {
        if (value instanceof JsonObject object) {
            return string(object.get("id"));
        }
        return string(value);
    }

    private static String firstString(JsonObject object, String... names) {
        for (String name : names) {
            String value = string(object.get(name));
            if (value != null) {
                return value;
            }
        }
        return null;
    }

    private static String string(JsonValue value) {
        return value instanceof JsonString s ? s.getString() : null;
    }

    private static String epoch(JsonValue value) {
        return value instanceof JsonNumber n ? Instant.ofEpochSecond(n.longValue()).toString() : null;
    }

    private static List<JsonValue> asArray(JsonValue value) {
        if (value == null || value == JsonValue.NULL) {
            return List.of();
        }
        return value instanceof JsonArray array ? array : List.of(value);
    }

    record Jwt(JsonObject header, JsonObject payload) {
        static Jwt parse(String compact) {
            String[] parts = compact.strip().split("\\.", -1);
            if (parts.length != 3) {
                return null;
            }
            try {
                return new Jwt(json(parts[0]), json(parts[1]));
            } catch (RuntimeException e) {
                return null;
            }
        }

        private static JsonObject json(String part) {
            byte[] bytes = Base64.getUrlDecoder().decode(part);
            try (var reader = Json.createReader(new ByteArrayInputStream(bytes))) {
                return reader.readObject();
            }
        }
    }
}
