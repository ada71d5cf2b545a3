package eu.federator.trustframework.forms;

import jakarta.json.JsonObject;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a submitted form became.
 *
 * @param subject       the bound credential subject (compact JSON-LD terms, typed literals, the caller's id and type);
 *                      always present, but only complete and safe to sign when {@link #ok()}
 * @param errorsByField messages per field key, as the inputs are named (with the page prefix, with {@code [i]} for
 *                      one value of a repeatable field, without it for the field as a whole)
 * @param formErrors    messages that belong to no single field (unknown keys, node-level rules, linked subjects)
 * @param values        the submitted values by key (trimmed), to render the form again
 */
public record FormResult(JsonObject subject, Map<String, List<String>> errorsByField, List<String> formErrors,
                         Map<String, List<String>> values) {

    public FormResult {
        errorsByField = Collections.unmodifiableMap(new LinkedHashMap<>(errorsByField));
        formErrors = List.copyOf(formErrors);
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /** No parse error and no SHACL violation. */
    public boolean ok() {
        return errorsByField.isEmpty() && formErrors.isEmpty();
    }

    /** The messages for one key (empty when none). */
    public List<String> errors(String key) {
        return errorsByField.getOrDefault(key, List.of());
    }
}
