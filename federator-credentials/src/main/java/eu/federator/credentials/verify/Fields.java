package eu.federator.credentials.verify;

import eu.federator.credentials.internal.JsonInput;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;

/** Reading VC/VP fields as the data models allow them to be written (keyword aliases, string-or-object, one-or-many). */
final class Fields {
    private Fields() {
    }

    static final String VC_V1 = "https://www.w3.org/2018/credentials/v1";
    static final String VC_V2 = "https://www.w3.org/ns/credentials/v2";

    static List<String> types(JsonObject o) {
        JsonValue t = o.containsKey("type") ? o.get("type") : o.get("@type");
        return strings(t);
    }

    static Optional<String> id(JsonObject o) {
        return string(o.containsKey("id") ? o.get("id") : o.get("@id"));
    }

    /** {@code issuer} or {@code holder}: a URL string or an object with an {@code id}. */
    static Optional<String> party(JsonObject o, String field) {
        JsonValue v = o.get(field);
        if (v instanceof JsonObject obj) {
            return id(obj);
        }
        return string(v);
    }

    static Optional<String> string(JsonValue v) {
        return v instanceof JsonString s ? Optional.of(s.getString()) : Optional.empty();
    }

    static Optional<String> string(JsonObject o, String field) {
        return JsonInput.string(o, field);
    }

    static Optional<Long> number(JsonObject o, String field) {
        return o.get(field) instanceof JsonNumber n ? Optional.of(n.longValue()) : Optional.empty();
    }

    static List<String> strings(JsonValue v) {
        return JsonInput.strings(v);
    }

    /** The elements of a one-or-many field; empty when absent. */
    static List<JsonValue> many(JsonValue v) {
        return JsonInput.items(v);
    }

    /** The first {@code @context} entry when it is a string. */
    static Optional<String> baseContext(JsonObject o) {
        List<JsonValue> contexts = many(o.get("@context"));
        return contexts.isEmpty() ? Optional.empty() : string(contexts.getFirst());
    }

    static boolean isVcdm2(JsonObject o) {
        return baseContext(o).filter(VC_V2::equals).isPresent();
    }

    /** XML Schema dateTime as used by the VC data models; a missing offset means UTC. */
    static Instant dateTime(String text) throws DateTimeParseException {
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            return java.time.LocalDateTime.parse(text).toInstant(java.time.ZoneOffset.UTC);
        }
    }

    /** The DID of a DID URL: everything before the fragment, query or path. */
    static String didOf(String didUrl) {
        int cut = didUrl.length();
        for (char c : new char[]{'#', '?', '/'}) {
            int i = didUrl.indexOf(c);
            if (i >= 0 && i < cut) {
                cut = i;
            }
        }
        return didUrl.substring(0, cut);
    }
}
