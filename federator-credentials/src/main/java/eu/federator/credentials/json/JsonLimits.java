package eu.federator.credentials.json;

/**
 * Bounds for parsing untrusted JSON. The depth bound keeps every recursive consumer further down
 * (the JSON-P builder, JSON-LD expansion, canonicalization) far away from the thread's stack limit.
 *
 * @param maxBytes largest accepted input, in bytes
 * @param maxDepth deepest accepted nesting of arrays and objects (the top-level value is depth 1)
 */
public record JsonLimits(long maxBytes, int maxDepth) {

    /** The deepest nesting any caller may allow. */
    public static final int MAX_DEPTH = 1000;

    public JsonLimits {
        if (maxBytes <= 0 || maxDepth <= 0) {
            throw new IllegalArgumentException("JSON limits must be positive: maxBytes=" + maxBytes + ", maxDepth=" + maxDepth);
        }
        if (maxDepth > MAX_DEPTH) {
            // JSON-P's builder and JSON-LD expansion recurse per level; beyond this the thread stack is at risk
            throw new IllegalArgumentException("maxDepth " + maxDepth + " is above the supported " + MAX_DEPTH);
        }
    }

    /** 10 MiB and 200 levels: far above any credential seen in Gaia-X or XFSC data. */
    public static JsonLimits defaults() {
        return new JsonLimits(10L * 1024 * 1024, 200);
    }
}
