package eu.federator.server.dataspace;

import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import org.springframework.http.HttpStatus;

import java.util.List;
import java.util.Set;

/**
 * Which page of the catalog a request asks for: the {@code offset} of the {@code Link} headers, or the one filter this
 * connector understands, EDC's paging {@code QuerySpec}. EDC (0.15.1) puts one into every catalog request, e.g.
 * {@code {"@type": "QuerySpec", "offset": 0, "limit": 50, "sortOrder": "ASC", "filterExpression": []}} with its context
 * {@value #EDC_CONTEXT}: without expressions or a sort field it narrows nothing, it only names a window. Any other filter
 * is a 400, as the protocol says for filters a provider does not support.
 */
record CatalogWindow(int offset, int size) {
    static final String EDC_CONTEXT = "https://w3id.org/edc/dspace/v0.0.1";
    static final String EDC_QUERY_SPEC = "https://w3id.org/edc/v0.0.1/ns/QuerySpec";
    private static final Set<String> QUERY_SPEC_KEYS = Set.of("@type", "offset", "limit", "sortOrder", "filterExpression");

    /**
     * @param offsetParameter the {@code offset} query parameter (from a {@code Link}), or null
     * @param filter          the message's {@code filter}
     * @param contexts        the message's {@code @context} entries (a compact {@code QuerySpec} means EDC's only under EDC's context)
     * @param pageSize        this connector's page size
     */
    static CatalogWindow of(String offsetParameter, List<JsonValue> filter, List<String> contexts, int pageSize) {
        Integer linked = offsetParameter == null ? null : offset(offsetParameter);
        if (filter.isEmpty()) {
            return new CatalogWindow(linked == null ? 0 : linked, pageSize);
        }
        if (filter.size() != 1 || !(filter.getFirst() instanceof JsonObject spec) || !isQuerySpec(spec, contexts)) {
            throw unsupported("only EDC's paging QuerySpec (offset, limit, no filterExpression) is understood");
        }
        for (String key : spec.keySet()) {
            if (!QUERY_SPEC_KEYS.contains(key)) {
                throw unsupported("QuerySpec: " + key + " is not supported");
            }
        }
        if (spec.get("filterExpression") instanceof JsonValue e && !(e.getValueType() == JsonValue.ValueType.ARRAY && e.asJsonArray().isEmpty())) {
            throw unsupported("QuerySpec: filterExpression is not supported (only an empty one)");
        }
        int specOffset = integer(spec, "offset", 0, 0);
        int limit = integer(spec, "limit", pageSize, 1);
        if (linked != null && specOffset != 0) {
            throw new DspException(HttpStatus.BAD_REQUEST,
                    "both the offset of a Link and a QuerySpec offset: follow the Link headers with the QuerySpec's offset 0, or page by QuerySpec alone");
        }
        return new CatalogWindow(linked != null ? linked : specOffset, Math.min(limit, pageSize));
    }

    private static boolean isQuerySpec(JsonObject spec, List<String> contexts) {
        if (!(spec.get("@type") instanceof JsonString type)) {
            return false;
        }
        return type.getString().equals(EDC_QUERY_SPEC) || type.getString().equals("QuerySpec") && contexts.contains(EDC_CONTEXT);
    }

    private static int integer(JsonObject spec, String name, int absent, int minimum) {
        JsonValue value = spec.get(name);
        if (value == null) {
            return absent;
        }
        if (value instanceof JsonNumber n && n.isIntegral() && n.longValue() >= minimum && n.longValue() <= Integer.MAX_VALUE) {
            return n.intValue();
        }
        throw new DspException(HttpStatus.BAD_REQUEST, "QuerySpec: " + name + " must be an integer of at least " + minimum + ", not " + value);
    }

    private static int offset(String value) {
        try {
            int offset = Integer.parseInt(value);
            if (offset >= 0) {
                return offset;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new DspException(HttpStatus.BAD_REQUEST, "offset \"" + value + "\" is not a page of this catalog: follow the Link headers");
    }

    private static DspException unsupported(String what) {
        return new DspException(HttpStatus.BAD_REQUEST, "filter is not supported by this connector: " + what
                + "; send the request without a filter");
    }
}
