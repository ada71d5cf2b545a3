package eu.federator.catalogue.federation;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * A catalogue is identified by its base URL ({@code https://catalogue.example.org}). Ids are compared in one normal form,
 * so that {@code https://Catalogue.example.org/} and {@code https://catalogue.example.org} are the same catalogue in
 * origins, in {@code servers} lists and in the loop checks.
 */
public final class CatalogueUrls {
    private CatalogueUrls() {
    }

    /**
     * Scheme and host in lower case, no trailing slash, no query or fragment.
     *
     * @throws IllegalArgumentException when it is not an absolute http(s) URL
     */
    public static String normalize(String url) {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("a catalogue URL is required, e.g. https://catalogue.example.org");
        }
        URI uri;
        try {
            uri = new URI(url.strip());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("'" + url + "' is not a URL: " + e.getMessage());
        }
        String scheme = uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!"https".equals(scheme) && !"http".equals(scheme) || uri.getHost() == null) {
            throw new IllegalArgumentException("'" + url + "' is not an absolute http(s) URL of a catalogue, e.g. https://catalogue.example.org");
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null || uri.getRawUserInfo() != null) {
            throw new IllegalArgumentException("'" + url + "': a catalogue URL has no user info, query or fragment");
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        while (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + (uri.getPort() >= 0 ? ":" + uri.getPort() : "") + path;
    }

    /** The normal form, or the text itself when it is not a URL (an origin recorded by another implementation). */
    static String normalizeLenient(String id) {
        try {
            return normalize(id);
        } catch (IllegalArgumentException e) {
            return id.strip();
        }
    }
}
