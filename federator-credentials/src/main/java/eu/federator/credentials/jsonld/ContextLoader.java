package eu.federator.credentials.jsonld;

import com.apicatalog.jsonld.JsonLdError;
import com.apicatalog.jsonld.JsonLdErrorCode;
import com.apicatalog.jsonld.document.Document;
import com.apicatalog.jsonld.document.JsonDocument;
import com.apicatalog.jsonld.http.media.MediaType;
import com.apicatalog.jsonld.loader.DocumentLoader;
import com.apicatalog.jsonld.loader.DocumentLoaderOptions;
import eu.federator.credentials.json.Json;
import eu.federator.credentials.json.JsonSyntaxException;
import eu.federator.credentials.net.FetchException;
import eu.federator.credentials.net.Fetched;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Titanium's document loader: bundled contexts from the classpath, allow-listed ones through the
 * {@link eu.federator.credentials.net.ResourceFetcher}, everything else refused. Each context is also checked
 * once for reference loops, because Titanium silently skips a repeated top-level context and only stops a
 * scoped-context loop after 256 nested loads; an explicit error is easier to act on.
 */
final class ContextLoader implements DocumentLoader {

    /** URL without fragment → classpath resource. See contexts/README.md for provenance. */
    static final Map<String, String> BUNDLED = Map.of(
            "https://www.w3.org/2018/credentials/v1", "w3c-credentials-v1.jsonld",
            "https://www.w3.org/ns/credentials/v2", "w3c-credentials-v2.jsonld",
            "https://w3id.org/security/suites/jws-2020/v1", "w3id-security-suites-jws-2020-v1.jsonld",
            "https://registry.lab.gaia-x.eu/development/api/trusted-shape-registry/v1/shapes/jsonld/trustframework",
            "gx-tagus-trustframework.jsonld",
            "https://w3id.org/gaia-x/development", "gx-development-linkml-2025-10-01.jsonld",
            "https://w3id.org/security/v3", "w3id-security-v3-danubetech.jsonld");

    private static final Map<String, JsonObject> BUNDLED_JSON = loadBundled();

    private final ContextPolicy policy;
    private final Map<String, JsonObject> fetched = new ConcurrentHashMap<>();
    private final Set<String> acyclic = ConcurrentHashMap.newKeySet();

    ContextLoader(ContextPolicy policy) {
        this.policy = policy;
    }

    /** A refusal by policy; carried as the cause of a JsonLdError so that its message survives Titanium's wrapping. */
    static final class ContextRefused extends Exception {
        ContextRefused(String message) {
            super(message);
        }

        JsonLdError asJsonLdError() {
            return new JsonLdError(JsonLdErrorCode.LOADING_REMOTE_CONTEXT_FAILED, getMessage(), this);
        }
    }

    @Override
    public Document loadDocument(URI url, DocumentLoaderOptions options) throws JsonLdError {
        String key = ContextPolicy.withoutFragment(url.toString());
        JsonObject json;
        try {
            json = json(key);
            if (!acyclic.contains(key)) {
                checkLoops(key, new ArrayDeque<>());
            }
        } catch (ContextRefused e) {
            throw e.asJsonLdError();
        }
        JsonDocument document = JsonDocument.of(MediaType.JSON_LD, json);
        document.setDocumentUrl(URI.create(key));
        return document;
    }

    private JsonObject json(String key) throws ContextRefused {
        JsonObject bundled = BUNDLED_JSON.get(key);
        if (bundled != null) {
            return bundled;
        }
        JsonObject cached = fetched.get(key);
        if (cached != null) {
            return cached;
        }
        if (!policy.allows(key)) {
            throw new ContextRefused("JSON-LD context " + key + " is neither bundled nor allow-listed; add it to "
                    + ContextPolicy.ALLOWED_CONTEXTS_PROPERTY + " to fetch it");
        }
        JsonObject json;
        try {
            Fetched answer = policy.fetcher().fetch(URI.create(key), "application/ld+json, application/json;q=0.9");
            json = Json.parseObject(answer.body());
        } catch (FetchException e) {
            throw new ContextRefused("JSON-LD context " + key + " is allow-listed but could not be fetched: " + e.getMessage());
        } catch (JsonSyntaxException e) {
            throw new ContextRefused("JSON-LD context " + key + " is not valid JSON: " + e.getMessage());
        }
        if (!json.containsKey("@context")) {
            throw new ContextRefused("JSON-LD context " + key + " has no \"@context\" entry");
        }
        JsonObject previous = fetched.putIfAbsent(key, json);
        return previous != null ? previous : json;
    }

    private void checkLoops(String key, Deque<String> path) throws ContextRefused {
        if (path.contains(key)) {
            List<String> chain = new ArrayList<>(path);
            java.util.Collections.reverse(chain);
            chain = new ArrayList<>(chain.subList(chain.indexOf(key), chain.size()));
            chain.add(key);
            throw new ContextRefused("JSON-LD context loop: " + String.join(" -> ", chain));
        }
        if (acyclic.contains(key)) {
            return;
        }
        if (path.size() > 32) {
            throw new ContextRefused("JSON-LD contexts nested more than 32 remote levels deep at " + key);
        }
        path.push(key);
        List<String> references = new ArrayList<>();
        collectReferences(json(key).get("@context"), URI.create(key), references, 0);
        for (String reference : references) {
            checkLoops(reference, path);
        }
        path.pop();
        acyclic.add(key);
    }

    /** Remote contexts a context refers to: string entries, {@code @import}, and scoped contexts of terms. */
    private static void collectReferences(JsonValue context, URI base, List<String> out, int depth) {
        if (context == null || depth > 64) {
            return;
        }
        switch (context.getValueType()) {
            case STRING -> resolve(base, ((jakarta.json.JsonString) context).getString(), out);
            case ARRAY -> context.asJsonArray().forEach(item -> collectReferences(item, base, out, depth + 1));
            case OBJECT -> {
                for (Map.Entry<String, JsonValue> entry : context.asJsonObject().entrySet()) {
                    JsonValue value = entry.getValue();
                    if ("@import".equals(entry.getKey()) && value.getValueType() == JsonValue.ValueType.STRING) {
                        resolve(base, ((jakarta.json.JsonString) value).getString(), out);
                    } else if (value.getValueType() == JsonValue.ValueType.OBJECT && value.asJsonObject().containsKey("@context")) {
                        collectReferences(value.asJsonObject().get("@context"), base, out, depth + 1);
                    }
                }
            }
            default -> {
            }
        }
    }

    private static void resolve(URI base, String reference, List<String> out) {
        try {
            out.add(ContextPolicy.withoutFragment(base.resolve(reference).toString()));
        } catch (IllegalArgumentException e) {
            // not a URI: Titanium reports it when it processes the context
        }
    }

    private static Map<String, JsonObject> loadBundled() {
        Map<String, JsonObject> out = new java.util.HashMap<>();
        for (Map.Entry<String, String> entry : BUNDLED.entrySet()) {
            try (InputStream in = ContextLoader.class.getResourceAsStream("contexts/" + entry.getValue())) {
                if (in == null) {
                    throw new IllegalStateException("bundled JSON-LD context missing from the classpath: " + entry.getValue());
                }
                out.put(entry.getKey(), Json.parseObject(in.readAllBytes()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (JsonSyntaxException e) {
                throw new IllegalStateException("bundled JSON-LD context " + entry.getValue() + " is invalid: " + e.getMessage(), e);
            }
        }
        return Map.copyOf(out);
    }
}
