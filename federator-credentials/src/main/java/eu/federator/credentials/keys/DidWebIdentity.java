package eu.federator.credentials.keys;

import com.nimbusds.jose.jwk.JWK;
import eu.federator.credentials.did.DidWeb;
import jakarta.json.Json;
import jakarta.json.JsonObject;

import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A did:web identity to publish: where its DID document must be served (the mapping of {@link DidWeb#documentUri},
 * e.g. {@code did:web:example.com%3A3000:u} → {@code https://example.com:3000/u/did.json}) and a DID document for one
 * signing key.
 */
public final class DidWebIdentity {
    public static final String DID_CONTEXT = "https://www.w3.org/ns/did/v1";
    public static final String JWS_2020_CONTEXT = "https://w3id.org/security/suites/jws-2020/v1";

    private final String did;
    private final URI documentUrl;

    private DidWebIdentity(String did, URI documentUrl) {
        this.did = did;
        this.documentUrl = documentUrl;
    }

    /**
     * Parses a did:web DID; a DID URL's fragment and query are dropped.
     *
     * @throws IllegalArgumentException saying what is wrong with it
     */
    public static DidWebIdentity parse(String didOrUrl) {
        if (didOrUrl == null) {
            throw new IllegalArgumentException("no DID given");
        }
        String did = didOrUrl;
        for (char c : new char[]{'#', '?'}) {
            int cut = did.indexOf(c);
            if (cut >= 0) {
                did = did.substring(0, cut);
            }
        }
        return new DidWebIdentity(did, DidWeb.documentUri(did));
    }

    /** The DID (no fragment). */
    public String did() {
        return did;
    }

    /** Host name without port. */
    public String host() {
        return documentUrl.getHost();
    }

    /** Path segments after the host (empty for {@code did:web:HOST}). */
    public List<String> path() {
        String path = documentUrl.getRawPath();
        List<String> segments = new ArrayList<>(Arrays.asList(path.substring(1, path.length() - "/did.json".length()).split("/")));
        if (segments.equals(List.of(".well-known"))) {
            return List.of();
        }
        return List.copyOf(segments);
    }

    /** Where the DID document must be served. */
    public URI documentUrl() {
        return documentUrl;
    }

    /** The "directory" of the DID document ({@code https://host/.well-known/} or {@code https://host/a/b/}), ends with /. */
    public URI directoryUrl() {
        return documentUrl.resolve(".");
    }

    /**
     * A DID document with one JsonWebKey2020 verification method for the public part of {@code key}, listed
     * under {@code assertionMethod} and {@code authentication}; the public JWK carries {@code alg} and, when
     * given, {@code x5u}.
     *
     * @param fragment the verification method's fragment, e.g. {@code key-1}; its id is {@code DID#fragment}
     */
    public JsonObject document(JWK key, String fragment, URI x5u) {
        String vmId = did + "#" + fragment;
        JWK publicJwk = Jwks.withDefaultAlgorithm(key.toPublicJWK());
        if (x5u != null) {
            publicJwk = Jwks.withX5u(publicJwk, x5u);
        }
        JsonObject jwk = Json.createObjectBuilder(publicJwk.toJSONObject()).build();
        return Json.createObjectBuilder()
                .add("@context", Json.createArrayBuilder().add(DID_CONTEXT).add(JWS_2020_CONTEXT))
                .add("id", did)
                .add("verificationMethod", Json.createArrayBuilder().add(Json.createObjectBuilder()
                        .add("id", vmId)
                        .add("type", "JsonWebKey2020")
                        .add("controller", did)
                        .add("publicKeyJwk", jwk)))
                .add("assertionMethod", Json.createArrayBuilder().add(vmId))
                .add("authentication", Json.createArrayBuilder().add(vmId))
                .build();
    }

    @Override
    public String toString() {
        return did;
    }
}
