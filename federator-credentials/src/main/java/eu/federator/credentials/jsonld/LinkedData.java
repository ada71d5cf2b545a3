package eu.federator.credentials.jsonld;

import com.apicatalog.jsonld.JsonLd;
import com.apicatalog.jsonld.JsonLdError;
import com.apicatalog.jsonld.JsonLdOptions;
import com.apicatalog.jsonld.context.ActiveContext;
import com.apicatalog.jsonld.deseralization.JsonLdToRdf;
import com.apicatalog.jsonld.document.JsonDocument;
import com.apicatalog.jsonld.expansion.Expansion;
import com.apicatalog.jsonld.flattening.NodeMap;
import com.apicatalog.jsonld.flattening.NodeMapBuilder;
import com.apicatalog.jsonld.processor.ProcessingRuntime;
import com.apicatalog.jsonld.uri.UriValidationPolicy;
import com.apicatalog.rdf.api.RdfConsumerException;
import com.apicatalog.rdf.canon.RdfCanon;
import com.apicatalog.rdf.canon.RdfCanonTicker;
import com.apicatalog.rdf.nquads.NQuadsWriter;
import eu.federator.credentials.json.Json;
import eu.federator.credentials.json.JsonLimits;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonStructure;
import jakarta.json.JsonValue;

import java.io.StringWriter;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * JSON-LD to canonical RDF (RDFC-1.0, formerly URDNA2015) with an offline, fail-closed context loader.
 * Instances are thread-safe and meant to be shared: they cache processed contexts.
 *
 * <p>Titanium rebuilds every term definition of every context on every call, which is about 90% of the cost
 * of verifying a credential. This class processes each distinct top-level {@code @context} value once and
 * expands documents against the cached result. That uses Titanium classes that are public but not a stable
 * API (titanium-json-ld is pinned to 1.7.0; {@code LinkedDataTest} compares the result with Titanium's
 * documented path on every fixture).
 *
 * <p>IRIs are validated the way jsonld.js does it (a scheme is required), not with {@link java.net.URI}: a
 * full parse costs time and would drop quads that jsonld.js, the Gaia-X reference, keeps.
 */
public final class LinkedData {

    private static final int MAX_CACHED_CONTEXTS = 512;
    /** Canonicalization work units (ticks) before a graph is declared too expensive; normal credentials need &lt; 1,000. */
    private static final long MAX_CANON_STEPS = 2_000_000;
    private static final int MAX_DEPTH = JsonLimits.defaults().maxDepth();

    private final ContextLoader loader;
    private final JsonLdOptions options;
    private final ProcessingRuntime runtime;
    private final Map<JsonValue, ActiveContext> contexts = new ConcurrentHashMap<>();

    /** @param policy which contexts besides the bundled ones may be used, and how they are fetched */
    public LinkedData(ContextPolicy policy) {
        this.loader = new ContextLoader(policy);
        this.options = new JsonLdOptions(loader);
        this.options.setUriValidation(UriValidationPolicy.SchemeOnly);
        this.runtime = ProcessingRuntime.of(options);
    }

    /** Bundled contexts only. */
    public static LinkedData offline() {
        return new LinkedData(ContextPolicy.offline());
    }

    /**
     * The RDFC-1.0 canonical N-Quads of a JSON-LD document, each line ending in a newline; what
     * JsonWebSignature2020 and Data Integrity proofs hash. Terms that no context defines are dropped silently
     * (see {@link #droppedTerms}), as in jsonld.js with {@code safe: false}.
     *
     * @throws LinkedDataException if a context is refused or invalid, the document is not valid JSON-LD, or
     *                             the graph is too complex to canonicalize
     */
    public String canonicalize(JsonObject document) throws LinkedDataException {
        checkDepth(document);
        QuadCollector quads = new QuadCollector();
        try {
            toRdf(document, quads);
            return quads.canonical(new StepLimit(MAX_CANON_STEPS));
        } catch (JsonLdError e) {
            throw translate(e);
        } catch (RdfConsumerException e) {
            throw new LinkedDataException("RDF canonicalization failed: " + e.getMessage(), e);
        } catch (StepLimit.Exceeded e) {
            throw new LinkedDataException(e.getMessage(), e);
        } catch (RuntimeException e) {
            // Titanium and JSON-P report some invalid input with unchecked exceptions (numbers out of range, ...)
            throw new LinkedDataException("JSON-LD processing failed: " + e, e);
        }
    }

    /**
     * JSON paths (like {@code $.credentialSubject.legalAddress}) of the keys that no active context defines.
     * They produce no RDF, so a signature does not cover them, though they are still in the JSON a reader
     * sees. Reported per key: the subtree under a dropped key is not listed again.
     *
     * @throws LinkedDataException as {@link #canonicalize}
     */
    public List<String> droppedTerms(JsonObject document) throws LinkedDataException {
        checkDepth(document);
        try {
            JsonValue context = document.get("@context");
            ActiveContext initial = context == null ? new ActiveContext(runtime) : activeContext(context);
            return new TermAudit().audit(initial, document);
        } catch (JsonLdError e) {
            throw translate(e);
        } catch (RuntimeException e) {
            throw new LinkedDataException("JSON-LD processing failed: " + e, e);
        }
    }

    /** Titanium as documented (default options, full IRI validation, RdfCanon): the reference for tests. */
    String canonicalizePlain(JsonObject document) throws LinkedDataException {
        try {
            RdfCanon canon = RdfCanon.create("SHA-256");
            JsonLd.toRdf(JsonDocument.of(document)).options(new JsonLdOptions(loader)).provide(canon);
            StringWriter out = new StringWriter();
            canon.provide(new NQuadsWriter(out));
            return out.toString();
        } catch (JsonLdError e) {
            throw translate(e);
        } catch (RdfConsumerException e) {
            throw new LinkedDataException(e.getMessage(), e);
        }
    }

    /** The quads as produced by the cached-context path, before canonicalization; for tests. */
    QuadCollector quads(JsonObject document) throws JsonLdError {
        QuadCollector quads = new QuadCollector();
        toRdf(document, quads);
        return quads;
    }

    private void toRdf(JsonObject document, QuadCollector consumer) throws JsonLdError {
        JsonArray expanded = expand(document);
        JsonLdToRdf.with(NodeMapBuilder.with(expanded, new NodeMap()).build())
                .produceGeneralizedRdf(options.isProduceGeneralizedRdf())
                .rdfDirection(options.getRdfDirection())
                .uriValidation(options.getUriValidation())
                .provide(consumer);
    }

    /** Steps 5–8 of the JSON-LD 1.1 expand() algorithm with the document's own context taken from the cache. */
    private JsonArray expand(JsonObject document) throws JsonLdError {
        JsonValue context = document.get("@context");
        ActiveContext active;
        JsonStructure element;
        if (context == null) {
            active = new ActiveContext(runtime);
            element = document;
        } else {
            active = activeContext(context);
            if (active.getPreviousContext() != null) {
                // "@propagate": false at the top: the element itself must set up the context (rare, not cached)
                active = new ActiveContext(runtime);
                element = document;
            } else {
                JsonObjectBuilder body = Json.provider().createObjectBuilder(document);
                body.remove("@context");
                element = body.build();
            }
        }
        JsonValue expanded = Expansion.with(active, element, null, null)
                .frameExpansion(false)
                .ordered(options.isOrdered())
                .compute();
        if (expanded.getValueType() == JsonValue.ValueType.OBJECT) {
            JsonObject object = expanded.asJsonObject();
            if (object.size() == 1 && object.containsKey("@graph")) {
                expanded = object.get("@graph");
            }
        }
        if (expanded.getValueType() == JsonValue.ValueType.NULL) {
            return JsonValue.EMPTY_JSON_ARRAY;
        }
        return expanded.getValueType() == JsonValue.ValueType.ARRAY
                ? expanded.asJsonArray()
                : Json.provider().createArrayBuilder().add(expanded).build();
    }

    private ActiveContext activeContext(JsonValue context) throws JsonLdError {
        ActiveContext cached = contexts.get(context);
        if (cached != null) {
            return cached;
        }
        ActiveContext processed = new ActiveContext(runtime).newContext().create(context, null);
        if (contexts.size() >= MAX_CACHED_CONTEXTS) {
            // many distinct inline contexts: start over rather than grow without bound
            contexts.clear();
        }
        contexts.put(context, processed);
        return processed;
    }

    private static void checkDepth(JsonObject document) throws LinkedDataException {
        if (document == null) {
            throw new LinkedDataException("no document");
        }
        Deque<Map.Entry<JsonValue, Integer>> todo = new ArrayDeque<>();
        todo.push(Map.entry(document, 1));
        while (!todo.isEmpty()) {
            Map.Entry<JsonValue, Integer> next = todo.pop();
            int depth = next.getValue();
            if (depth > MAX_DEPTH) {
                throw new LinkedDataException("document nesting deeper than " + MAX_DEPTH + " levels");
            }
            JsonValue value = next.getKey();
            if (value.getValueType() == JsonValue.ValueType.OBJECT) {
                for (JsonValue child : value.asJsonObject().values()) {
                    if (child instanceof JsonStructure) {
                        todo.push(Map.entry(child, depth + 1));
                    }
                }
            } else if (value.getValueType() == JsonValue.ValueType.ARRAY) {
                for (JsonValue child : value.asJsonArray()) {
                    if (child instanceof JsonStructure) {
                        todo.push(Map.entry(child, depth + 1));
                    }
                }
            }
        }
    }

    private static LinkedDataException translate(JsonLdError error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof ContextLoader.ContextRefused refused) {
                return new LinkedDataException(refused.getMessage(), error);
            }
        }
        StringBuilder message = new StringBuilder("invalid JSON-LD: ");
        String separator = "";
        for (Throwable t = error; t != null; t = t.getCause()) {
            message.append(separator);
            if (t instanceof JsonLdError e) {
                message.append(e.getCode());
                Optional.ofNullable(e.getMessage()).filter(m -> !m.isBlank() && !m.equals(e.getCode().toMessage()))
                        .ifPresent(m -> message.append(" (").append(m).append(')'));
            } else {
                message.append(t);
            }
            separator = ", caused by ";
        }
        return new LinkedDataException(message.toString(), error);
    }

    /** Bounds RDFC-1.0's worst case (it is exponential in the number of indistinguishable blank nodes). */
    private static final class StepLimit implements RdfCanonTicker {
        static final class Exceeded extends IllegalStateException {
            Exceeded(String message) {
                super(message);
            }
        }

        private final long max;
        private long steps;

        StepLimit(long max) {
            this.max = max;
        }

        @Override
        public void tick() {
            if (++steps > max) {
                throw new Exceeded("RDF canonicalization gave up after " + max + " steps: too many indistinguishable blank nodes");
            }
        }
    }
}
