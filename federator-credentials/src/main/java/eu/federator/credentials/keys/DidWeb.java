package eu.federator.credentials.keys;

import com.nimbusds.jose.jwk.JWK;
import jakarta.json.Json;
import jakarta.json.JsonObject;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * did:web identifiers (W3C CCG did:web method specification): the mapping to the HTTPS URL of the DID
 * document, and a DID document for one signing key.
 * <ul>
 *   <li>{@code did:web:example.com} → {@code https://example.com/.well-known/did.json}</li>
 *   <li>{@code did:web:example.com:user:alice} → {@code https://example.com/user/alice/did.json}</li>
 *   <li>{@code did:web:example.com%3A3000} → {@code https://example.com:3000/.well-known/did.json}</li>
 * </ul>
 */
public final class DidWeb {
    public static final String PREFIX = "did:web:";
    public static final String DID_CONTEXT = "https://www.w3.org/ns/did/v1";
    public static final String JWS_2020_CONTEXT = "https://w3id.org/security/suites/jws-2020/v1";

    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*(:[0-9]{1,5})?");
    private static final Pattern SEGMENT = Pattern.compile("([A-Za-z0-9._~!$&'()*+,;=@-]|%[0-9A-Fa-f]{2})+");

    private final String did;
    private final String hostAndPort;
    private final List<String> path;

    private DidWeb(String did, String hostAndPort, List<String> path) {
        this.did = did;
        this.hostAndPort = hostAndPort;
        this.path = List.copyOf(path);
    }

    /**
     * Parses a did:web DID; a DID URL's fragment and query are dropped.
     *
     * @throws IllegalArgumentException saying what is wrong with it
     */
    public static DidWeb parse(String didOrUrl) {
        if (didOrUrl == null || !didOrUrl.startsWith(PREFIX)) {
            throw new IllegalArgumentException("'" + didOrUrl + "' is not a did:web DID (expected did:web:HOST[:PATH...])");
        }
        String did = didOrUrl;
        int cut = indexOfAny(did, '#', '?');
        if (cut >= 0) {
            did = did.substring(0, cut);
        }
        String[] parts = did.substring(PREFIX.length()).split(":", -1);
        String host = parts[0].replace("%3A", ":").replace("%3a", ":");
        if (!HOST.matcher(host).matches()) {
            throw new IllegalArgumentException("'" + did + "': '" + parts[0] + "' is not a valid host name (a port is written %3A, e.g. did:web:example.com%3A8443)");
        }
        int colon = host.indexOf(':');
        if (colon >= 0) {
            int port = Integer.parseInt(host.substring(colon + 1));
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("'" + did + "': port " + port + " is out of range");
            }
        }
        List<String> path = new ArrayList<>();
        for (int i = 1; i < parts.length; i++) {
            String segment = parts[i];
            if (!SEGMENT.matcher(segment).matches() || segment.equals(".") || segment.equals("..")) {
                throw new IllegalArgumentException("'" + did + "': path segment '" + segment + "' is empty or not allowed");
            }
            path.add(segment);
        }
        return new DidWeb(did, host.toLowerCase(Locale.ROOT), path);
    }

    /** The DID (no fragment). */
    public String did() {
        return did;
    }

    /** Host name, with {@code :port} when the DID names one. */
    public String hostAndPort() {
        return hostAndPort;
    }

    /** Host name without port. */
    public String host() {
        int colon = hostAndPort.indexOf(':');
        return colon < 0 ? hostAndPort : hostAndPort.substring(0, colon);
    }

    public List<String> path() {
        return path;
    }

    /** Where the DID document must be served. */
    public URI documentUrl() {
        return URI.create(directoryUrl() + "did.json");
    }

    /** The "directory" of the DID document ({@code https://host/.well-known/} or {@code https://host/a/b/}), ends with /. */
    public URI directoryUrl() {
        StringBuilder url = new StringBuilder("https://").append(hostAndPort).append('/');
        if (path.isEmpty()) {
            url.append(".well-known/");
        } else {
            for (String segment : path) {
                url.append(segment).append('/');
            }
        }
        return URI.create(url.toString());
    }

    /** Shortcut for {@code parse(did).documentUrl()}. */
    public static URI documentUrl(String did) {
        return parse(did).documentUrl();
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

    private static int indexOfAny(String s, char a, char b) {
        int i = s.indexOf(a);
        int j = s.indexOf(b);
        return i < 0 ? j : j < 0 ? i : Math.min(i, j);
    }
}
