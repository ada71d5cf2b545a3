package eu.federator.credentials.internal;

import eu.federator.credentials.json.Json;
import eu.federator.credentials.json.JsonSyntaxException;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reading fetched JSON (DID documents, status list credentials) through the hardened parser, and the
 * one-or-many / string-or-array field access that the W3C data models need.
 */
public final class JsonInput {
    private JsonInput() {
    }

    /**
     * @param what names the input in the error message, e.g. "the DID document at https://..."
     * @throws IllegalArgumentException when the bytes are not one JSON object
     */
    public static JsonObject object(byte[] bytes, String what) {
        JsonValue value = value(bytes, what);
        if (value.getValueType() != JsonValue.ValueType.OBJECT) {
            throw new IllegalArgumentException(what + " is not a JSON object");
        }
        return value.asJsonObject();
    }

    public static JsonValue value(byte[] bytes, String what) {
        try {
            return Json.parse(bytes);
        } catch (JsonSyntaxException e) {
            throw new IllegalArgumentException(what + " is not valid JSON: " + e.getMessage(), e);
        }
    }

    public static Optional<String> string(JsonObject object, String key) {
        JsonValue value = object.get(key);
        return value instanceof JsonString s ? Optional.of(s.getString()) : Optional.empty();
    }

    /** A string member, or the strings of an array member; other values are ignored. */
    public static List<String> strings(JsonObject object, String key) {
        return strings(object.get(key));
    }

    /** A string, or the strings of an array; other values are ignored. */
    public static List<String> strings(JsonValue value) {
        List<String> out = new ArrayList<>();
        if (value instanceof JsonString s) {
            out.add(s.getString());
        } else if (value instanceof JsonArray array) {
            for (JsonValue item : array) {
                if (item instanceof JsonString s) {
                    out.add(s.getString());
                }
            }
        }
        return out;
    }

    /** A member that may be a single value or an array of values, as a list. */
    public static List<JsonValue> items(JsonValue value) {
        if (value == null || value == JsonValue.NULL) {
            return List.of();
        }
        return value instanceof JsonArray array ? array : List.of(value);
    }

    /** A non-negative integer given as a JSON number or as a string of digits (VCDM uses strings). */
    public static Optional<Long> nonNegativeLong(JsonObject object, String key) {
        JsonValue value = object.get(key);
        try {
            if (value instanceof JsonNumber n && n.isIntegral()) {
                long l = n.longValueExact();
                return l >= 0 ? Optional.of(l) : Optional.empty();
            }
            if (value instanceof JsonString s && s.getString().matches("[0-9]{1,18}")) {
                return Optional.of(Long.parseLong(s.getString()));
            }
        } catch (ArithmeticException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }
}
