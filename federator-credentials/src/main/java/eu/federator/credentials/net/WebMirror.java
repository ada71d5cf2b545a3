package eu.federator.credentials.net;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;

/**
 * Answers fetches from a directory instead of the network: {@code https://HOST/PATH} (and {@code http://}) is
 * served from {@code DIR/HOST/PATH}. Used by tests and air-gapped deployments; it never opens a connection.
 *
 * <ul>
 *   <li>The fragment is dropped; URIs with a query are not mirrored.</li>
 *   <li>The host is lower-cased. A non-default port maps to the directory {@code HOST%3APORT} (the way did:web
 *   writes ports), e.g. {@code https://localhost:8443/x} → {@code DIR/localhost%3A8443/x}; an explicit default
 *   port (443 for https, 80 for http) is the same as none.</li>
 *   <li>The path is percent-decoded; {@code .} and {@code ..} segments, backslashes and NUL are refused, and the
 *   resolved file must lie inside {@code DIR} (also after following symbolic links).</li>
 *   <li>A missing file (or a directory) gives {@code FetchException("not in web mirror DIR: HOST/PATH")}.</li>
 * </ul>
 */
public final class WebMirror implements ResourceFetcher {

    private final Path dir;

    public WebMirror(Path dir) {
        this.dir = Objects.requireNonNull(dir, "dir").toAbsolutePath().normalize();
    }

    public Path dir() {
        return dir;
    }

    @Override
    public Fetched fetch(URI uri, String accept) throws FetchException {
        Objects.requireNonNull(uri, "uri");
        URI target = GuardedHttpClient.withoutFragment(uri);
        String relative = relativePath(target);
        Path file = dir.resolve(relative).normalize();
        if (!file.startsWith(dir)) {
            throw new FetchException("refused " + target + ": it would leave the web mirror " + dir);
        }
        if (!Files.isRegularFile(file)) {
            throw new FetchException("not in web mirror " + dir + ": " + relative + " (for " + target + ")");
        }
        try {
            if (!file.toRealPath().startsWith(dir.toRealPath())) {
                throw new FetchException("refused " + target + ": " + relative + " links outside the web mirror " + dir);
            }
            return new Fetched(target, contentType(file), Files.readAllBytes(file));
        } catch (IOException e) {
            throw new FetchException("cannot read " + file + " from the web mirror for " + target + ": " + e.getMessage(), e);
        }
    }

    /** @return {@code HOST/PATH} (or {@code HOST%3APORT/PATH}) for the URI, after the safety checks */
    static String relativePath(URI uri) throws FetchException {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!uri.isAbsolute() || uri.isOpaque() || !(scheme.equals("https") || scheme.equals("http"))) {
            throw new FetchException("refused " + uri + ": the web mirror answers only absolute http(s) URIs");
        }
        if (uri.getHost() == null || uri.getRawUserInfo() != null) {
            throw new FetchException("refused " + uri + ": no plain host name");
        }
        if (uri.getRawQuery() != null) {
            throw new FetchException("not in web mirror: " + uri + " has a query, and queries are not mirrored");
        }
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        if (host.startsWith("[") || host.contains("/") || host.contains("\\") || host.equals("..") || host.equals(".")) {
            throw new FetchException("refused " + uri + ": host " + host + " cannot be mirrored");
        }
        int port = uri.getPort();
        boolean defaultPort = port == -1 || (scheme.equals("https") && port == 443) || (scheme.equals("http") && port == 80);
        String hostDir = defaultPort ? host : host + "%3A" + port;
        String path = uri.getPath() == null ? "" : uri.getPath();
        StringBuilder out = new StringBuilder(hostDir);
        for (String segment : path.split("/", -1)) {
            if (segment.isEmpty()) {
                continue;
            }
            if (segment.equals("..") || segment.equals(".") || segment.contains("\\") || segment.indexOf('\0') >= 0) {
                throw new FetchException("refused " + uri + ": path segment \"" + segment + "\" is not allowed in the web mirror");
            }
            out.append('/').append(segment);
        }
        return out.toString();
    }

    private static String contentType(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".jsonld")) {
            return "application/ld+json";
        }
        if (name.endsWith(".json")) {
            return "application/json";
        }
        if (name.endsWith(".pem")) {
            return "application/x-pem-file";
        }
        if (name.endsWith(".crl")) {
            return "application/pkix-crl";
        }
        if (name.endsWith(".jwt")) {
            return "application/jwt";
        }
        return null;
    }

    @Override
    public String toString() {
        return "WebMirror[" + dir + "]";
    }

}
