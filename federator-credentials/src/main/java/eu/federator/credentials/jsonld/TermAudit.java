package eu.federator.credentials.jsonld;

import com.apicatalog.jsonld.JsonLdError;
import com.apicatalog.jsonld.context.ActiveContext;
import com.apicatalog.jsonld.context.TermDefinition;
import com.apicatalog.jsonld.lang.Keywords;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Finds the keys that JSON-LD expansion ignores because no context defines them. It follows the context
 * changes of the expansion algorithm (JSON-LD 1.1 API, 5.1.2 steps 7–13: non-propagated contexts,
 * property-scoped, embedded and type-scoped contexts) and expands each key the way step 13.2 does, so it
 * reports what Titanium drops. Containers that index by key ({@code @language}, {@code @index}, {@code @id},
 * {@code @type}, {@code @graph} maps) are followed into their values.
 */
final class TermAudit {

    private static final Pattern SIMPLE_KEY = Pattern.compile("[A-Za-z_][A-Za-z0-9_-]*");

    private final List<String> dropped = new ArrayList<>();

    List<String> audit(ActiveContext rootContext, JsonObject root) throws JsonLdError {
        node(rootContext, root, null, "$", true);
        return List.copyOf(dropped);
    }

    private void value(ActiveContext context, JsonValue value, String activeProperty, String path) throws JsonLdError {
        if (value instanceof JsonArray array) {
            for (int i = 0; i < array.size(); i++) {
                value(context, array.get(i), activeProperty, path + "[" + i + "]");
            }
        } else if (value instanceof JsonObject object) {
            node(context, object, activeProperty, path, false);
        }
    }

    private void node(ActiveContext context, JsonObject element, String activeProperty, String path, boolean root) throws JsonLdError {
        ActiveContext active = context;
        if (!root) {
            // step 7: a non-propagated (type-scoped) context does not reach into new node objects
            if (active.getPreviousContext() != null && !keepsContext(active, element)) {
                active = active.getPreviousContext();
            }
            // step 8: property-scoped context
            Optional<TermDefinition> property = activeProperty == null ? Optional.empty() : context.getTerm(activeProperty);
            if (property.isPresent() && property.get().hasLocalContext()) {
                active = active.newContext().overrideProtected(true)
                        .create(property.get().getLocalContext(), property.get().getBaseUrl());
            }
            // step 9: embedded context
            if (element.containsKey(Keywords.CONTEXT)) {
                active = active.newContext().create(element.get(Keywords.CONTEXT), null);
            }
        }
        // step 11: type-scoped contexts, looked up in the context before any of them applies
        ActiveContext typeContext = active;
        for (String key : new TreeSet<>(element.keySet())) {
            if (!Keywords.TYPE.equals(active.uriExpansion().vocab(true).expand(key))) {
                continue;
            }
            TreeSet<String> types = new TreeSet<>();
            JsonValue typeValue = element.get(key);
            if (typeValue instanceof JsonString s) {
                types.add(s.getString());
            } else if (typeValue instanceof JsonArray array) {
                array.stream().filter(JsonString.class::isInstance).map(v -> ((JsonString) v).getString()).forEach(types::add);
            }
            for (String type : types) {
                Optional<TermDefinition> term = typeContext.getTerm(type);
                if (term.isPresent() && term.get().hasLocalContext()) {
                    active = active.newContext().propagate(false).create(term.get().getLocalContext(), term.get().getBaseUrl());
                }
            }
        }
        properties(active, element, activeProperty, path);
    }

    private void properties(ActiveContext active, JsonObject element, String activeProperty, String path) throws JsonLdError {
        for (Map.Entry<String, JsonValue> entry : element.entrySet()) {
            String key = entry.getKey();
            if (Keywords.CONTEXT.equals(key)) {
                continue;
            }
            String keyPath = path + segment(key);
            String expanded = active.uriExpansion().documentRelative(false).vocab(true).expand(key);
            if (expanded == null || (!expanded.contains(":") && !Keywords.contains(expanded))) {
                dropped.add(keyPath);
                continue;
            }
            JsonValue value = entry.getValue();
            if (Keywords.contains(expanded)) {
                switch (expanded) {
                    case Keywords.GRAPH, Keywords.INCLUDED -> value(active, value, Keywords.GRAPH.equals(expanded) ? Keywords.GRAPH : activeProperty, keyPath);
                    case Keywords.LIST, Keywords.SET -> value(active, value, activeProperty, keyPath);
                    case Keywords.REVERSE, Keywords.NEST -> nested(active, value, activeProperty, keyPath);
                    default -> {
                        // @id, @type, @value, @language, ...: no keys below to expand
                    }
                }
                continue;
            }
            Optional<TermDefinition> term = active.getTerm(key);
            if (term.isPresent() && Keywords.JSON.equals(term.get().getTypeMapping())) {
                continue;
            }
            boolean map = term.isPresent() && value instanceof JsonObject && term.get().getContainerMapping().stream()
                    .anyMatch(c -> c.equals(Keywords.LANGUAGE) || c.equals(Keywords.INDEX) || c.equals(Keywords.ID)
                            || c.equals(Keywords.TYPE) || (c.equals(Keywords.GRAPH) && !term.get().getContainerMapping().contains(Keywords.SET)));
            if (map && term.get().getContainerMapping().contains(Keywords.LANGUAGE)) {
                continue;
            }
            if (map) {
                for (Map.Entry<String, JsonValue> item : value.asJsonObject().entrySet()) {
                    value(active, item.getValue(), key, keyPath + segment(item.getKey()));
                }
            } else {
                value(active, value, key, keyPath);
            }
        }
    }

    /** {@code @nest} and {@code @reverse} hold more properties of the same node. */
    private void nested(ActiveContext active, JsonValue value, String activeProperty, String path) throws JsonLdError {
        if (value instanceof JsonArray array) {
            for (int i = 0; i < array.size(); i++) {
                nested(active, array.get(i), activeProperty, path + "[" + i + "]");
            }
        } else if (value instanceof JsonObject object) {
            properties(active, object, activeProperty, path);
        }
    }

    private static boolean keepsContext(ActiveContext active, JsonObject element) throws JsonLdError {
        for (String key : element.keySet()) {
            String expanded = active.uriExpansion().vocab(true).expand(key);
            if (Keywords.VALUE.equals(expanded) || (Keywords.ID.equals(expanded) && element.size() == 1)) {
                return true;
            }
        }
        return false;
    }

    private static String segment(String key) {
        return SIMPLE_KEY.matcher(key).matches() ? "." + key : "['" + key.replace("\\", "\\\\").replace("'", "\\'") + "']";
    }
}
