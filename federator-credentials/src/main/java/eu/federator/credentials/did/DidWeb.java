package eu.federator.credentials.did;

import java.net.URI;
import java.util.regex.Pattern;

/**
 * The did:web method (W3C CCG did:web Method Specification): where the DID document of a did:web lives.
 */
public final class DidWeb {
    private DidWeb() {
    }

    private static final Pattern LABEL = Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?");
    private static final Pattern IPV4 = Pattern.compile("[0-9]+(?:\\.[0-9]+){3}");
    private static final Pattern PORT = Pattern.compile("[0-9]{1,5}");
    // DID syntax idchar = ALPHA / DIGIT / "." / "-" / "_" / pct-encoded
    private static final Pattern SEGMENT = Pattern.compile("(?:[A-Za-z0-9._-]|%[0-9A-Fa-f]{2})+");

    /**
     * {@code did:web:host} → {@code https://host/.well-known/did.json}; {@code did:web:host:a:b} →
     * {@code https://host/a/b/did.json}; a port is written percent-encoded ({@code did:web:host%3A8443}).
     *
     * @param did a did:web DID without fragment, query or path
     * @throws IllegalArgumentException naming what is wrong with a malformed did:web identifier (IP address hosts
     *                                  are refused, as the specification requires a domain name)
     */
    public static URI documentUri(String did) {
        if (did == null || !did.startsWith("did:web:")) {
            throw new IllegalArgumentException("not a did:web DID: " + did);
        }
        String specific = did.substring("did:web:".length());
        if (specific.isEmpty()) {
            throw new IllegalArgumentException("did:web without a domain name: " + did);
        }
        if (specific.indexOf('#') >= 0 || specific.indexOf('?') >= 0 || specific.indexOf('/') >= 0) {
            throw new IllegalArgumentException("a did:web DID (without fragment, query or path) is expected: " + did);
        }
        String[] parts = specific.split(":", -1);
        String authority = parts[0];
        String host = authority;
        String port = null;
        int pct = authority.toUpperCase(java.util.Locale.ROOT).indexOf("%3A");
        if (pct >= 0) {
            host = authority.substring(0, pct);
            port = authority.substring(pct + 3);
            if (!PORT.matcher(port).matches() || Integer.parseInt(port) < 1 || Integer.parseInt(port) > 65535) {
                throw new IllegalArgumentException("invalid port \"" + port + "\" in " + did);
            }
        }
        validateHost(host, did);
        StringBuilder url = new StringBuilder("https://").append(host.toLowerCase(java.util.Locale.ROOT));
        if (port != null) {
            url.append(':').append(Integer.parseInt(port));
        }
        if (parts.length == 1) {
            url.append("/.well-known");
        }
        for (int i = 1; i < parts.length; i++) {
            String segment = parts[i];
            if (segment.isEmpty()) {
                throw new IllegalArgumentException("empty path segment in " + did);
            }
            if (!SEGMENT.matcher(segment).matches()) {
                throw new IllegalArgumentException("invalid characters in path segment \"" + segment + "\" of " + did);
            }
            String decoded = java.net.URLDecoder.decode(segment.replace("+", "%2B"), java.nio.charset.StandardCharsets.UTF_8);
            if (decoded.equals(".") || decoded.equals("..") || decoded.contains("/") || decoded.contains("\\")) {
                throw new IllegalArgumentException("path segment \"" + segment + "\" of " + did + " is not allowed");
            }
            url.append('/').append(segment);
        }
        url.append("/did.json");
        return URI.create(url.toString());
    }

    private static void validateHost(String host, String did) {
        if (host.isEmpty()) {
            throw new IllegalArgumentException("did:web without a domain name: " + did);
        }
        if (host.length() > 253) {
            throw new IllegalArgumentException("domain name longer than 253 characters in " + did);
        }
        if (IPV4.matcher(host).matches()) {
            throw new IllegalArgumentException("did:web requires a domain name, not an IP address: " + did);
        }
        for (String label : host.split("\\.", -1)) {
            if (!LABEL.matcher(label).matches()) {
                throw new IllegalArgumentException("invalid domain name \"" + host + "\" in " + did
                        + (host.contains("%") ? " (only the port colon may be percent-encoded, as %3A)" : ""));
            }
        }
    }
}
