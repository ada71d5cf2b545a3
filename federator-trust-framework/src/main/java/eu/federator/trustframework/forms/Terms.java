package eu.federator.trustframework.forms;

import eu.federator.credentials.json.Json;
import eu.federator.credentials.json.JsonSyntaxException;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Compact IRIs with the prefixes the version's JSON-LD context defines ({@code gx:}, {@code vcard:}, {@code xsd:}, ...).
 * Keys are always written as compact IRIs, never as bare context terms: a compact IRI expands the same way whatever
 * type coercion the context attaches to a term, so the value shape alone decides the RDF.
 */
final class Terms {

    private final Map<String, String> prefixes = new LinkedHashMap<>(); // prefix -> namespace
    private final String preferred;

    Terms(String contextDocument, String preferredNamespace) {
        this.preferred = preferredNamespace;
        if (contextDocument != null) {
            JsonValue parsed;
            try {
                parsed = Json.parse(contextDocument.getBytes(StandardCharsets.UTF_8));
            } catch (JsonSyntaxException e) {
                // a context that is not JSON only costs the prefixes: keys are then written as full IRIs
                parsed = JsonValue.NULL;
            }
            if (parsed instanceof JsonObject doc && doc.get("@context") instanceof JsonObject context) {
                context.forEach((term, value) -> {
                    if (value instanceof JsonString s && !term.startsWith("@") && !term.contains(":")
                            && (s.getString().endsWith("#") || s.getString().endsWith("/"))) {
                        prefixes.putIfAbsent(term, s.getString());
                    }
                });
            }
        }
        prefixes.putIfAbsent("xsd", "http://www.w3.org/2001/XMLSchema#");
    }

    /** {@code prefix:local} with the longest matching namespace (the version's own namespace wins a tie), else the IRI. */
    String compact(String iri) {
        String best = null;
        String bestNs = "";
        for (Map.Entry<String, String> p : prefixes.entrySet()) {
            String ns = p.getValue();
            if (iri.startsWith(ns) && iri.length() > ns.length()
                    && (ns.length() > bestNs.length() || (ns.length() == bestNs.length() && ns.equals(preferred)))) {
                best = p.getKey();
                bestNs = ns;
            }
        }
        return best == null ? iri : best + ":" + iri.substring(bestNs.length());
    }

    /** The IRI of {@code prefix:local} when the prefix is known, else the input unchanged. */
    String expand(String term) {
        int colon = term.indexOf(':');
        if (colon > 0 && !term.startsWith("//", colon + 1)) {
            String ns = prefixes.get(term.substring(0, colon));
            if (ns != null) {
                return ns + term.substring(colon + 1);
            }
        }
        return term;
    }
}
