package eu.federator.dataspace.internal;

import eu.federator.dataspace.Problem;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads one JSON object of a message, collecting every problem with its JSON pointer instead of stopping at the first.
 * Remembers which properties were read, so that the rest can be kept ({@link #unread()}) or refused ({@link #refuseUnread}).
 * Not part of the module's API.
 */
public final class Node {
    private final JsonObject object;
    private final String path;
    private final List<Problem> problems;
    private final Set<String> read = new HashSet<>();

    public Node(JsonObject object, String path, List<Problem> problems) {
        this.object = object;
        this.path = path;
        this.problems = problems;
    }

    public String path() {
        return path;
    }

    public String path(String key) {
        return path + "/" + key.replace("~", "~0").replace("/", "~1");
    }

    public void problem(String key, String message) {
        problems.add(new Problem(key == null ? path : path(key), message));
    }

    public boolean has(String key) {
        read.add(key);
        return object.containsKey(key) && object.get(key).getValueType() != JsonValue.ValueType.NULL;
    }

    /**
     * Checks {@code @type} when present: one of the accepted names, as a string or a one-element array. Nested objects
     * may leave it out (their type follows from the property that holds them).
     */
    public void type(String... accepted) {
        String type = optionalString("@type");
        if (type == null) {
            return;
        }
        for (String a : accepted) {
            if (a.equals(type)) {
                return;
            }
        }
        problem("@type", "is \"" + type + "\", expected \"" + accepted[0] + "\"");
    }

    public String requiredString(String key) {
        if (!has(key)) {
            problem(key, "missing: a string is required");
            return null;
        }
        return optionalString(key);
    }

    /** A string, also accepted as a one-element array (JSON-LD's equivalent form); null when absent. */
    public String optionalString(String key) {
        JsonValue v = single(key);
        if (v == null) {
            return null;
        }
        if (v instanceof JsonString s) {
            if (s.getString().isBlank()) {
                problem(key, "is empty: expected a non-blank string");
                return null;
            }
            return s.getString();
        }
        problem(key, "is " + describe(v) + ", expected a string");
        return null;
    }

    public Node requiredObject(String key) {
        if (!has(key)) {
            problem(key, "missing: an object is required");
            return null;
        }
        return optionalObject(key);
    }

    public Node optionalObject(String key) {
        JsonValue v = single(key);
        if (v == null) {
            return null;
        }
        if (v.getValueType() != JsonValue.ValueType.OBJECT) {
            problem(key, "is " + describe(v) + ", expected an object");
            return null;
        }
        return new Node(v.asJsonObject(), path(key), problems);
    }

    /** The value of a single-valued property, marked read; a one-element array is its value (JSON-LD); null when absent. */
    private JsonValue single(String key) {
        read.add(key);
        JsonValue v = object.get(key);
        if (v == null || v.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        return v.getValueType() == JsonValue.ValueType.ARRAY && v.asJsonArray().size() == 1 ? v.asJsonArray().get(0) : v;
    }

    /** The members of a set-valued property (an array; a single value counts as a one-element set); empty when absent. */
    public List<JsonValue> values(String key) {
        read.add(key);
        JsonValue v = object.get(key);
        if (v == null || v.getValueType() == JsonValue.ValueType.NULL) {
            return List.of();
        }
        return v.getValueType() == JsonValue.ValueType.ARRAY ? List.copyOf(v.asJsonArray()) : List.of(v);
    }

    /** The objects of a set-valued property; members that are not objects are problems. */
    public List<Node> objects(String key) {
        List<JsonValue> values = values(key);
        boolean array = object.get(key) != null && object.get(key).getValueType() == JsonValue.ValueType.ARRAY;
        List<Node> nodes = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            JsonValue v = values.get(i);
            String at = array ? path(key) + "/" + i : path(key);
            if (v.getValueType() != JsonValue.ValueType.OBJECT) {
                problems.add(new Problem(at, "is " + describe(v) + ", expected an object"));
            } else {
                nodes.add(new Node(v.asJsonObject(), at, problems));
            }
        }
        return nodes;
    }

    /** The strings of a set-valued property; members that are not strings are problems. */
    public List<String> strings(String key) {
        List<JsonValue> values = values(key);
        List<String> strings = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            if (values.get(i) instanceof JsonString s) {
                strings.add(s.getString());
            } else {
                problems.add(new Problem(path(key) + "/" + i, "is " + describe(values.get(i)) + ", expected a string"));
            }
        }
        return strings;
    }

    /** The properties not read so far, in document order: extensions a message may carry and a writer must keep. */
    public Map<String, JsonValue> unread() {
        Map<String, JsonValue> rest = new LinkedHashMap<>();
        object.forEach((k, v) -> {
            if (!read.contains(k) && !k.equals("@context")) {
                rest.put(k, v);
            }
        });
        return rest;
    }

    /** Every property not read so far is a problem: for objects where an ignored term could change the meaning. */
    public void refuseUnread(String why) {
        unread().keySet().forEach(k -> problem(k, "unknown property: " + why));
    }

    public JsonObject json() {
        return object;
    }

    public static String describe(JsonValue v) {
        return switch (v.getValueType()) {
            case OBJECT -> "an object";
            case ARRAY -> "an array";
            case STRING -> "a string";
            case NUMBER -> "a number";
            case TRUE, FALSE -> "a boolean";
            case NULL -> "null";
        };
    }
}
