package eu.federator.credentials.did;

import eu.federator.credentials.internal.TtlCache;
import eu.federator.credentials.net.FetchException;
import eu.federator.credentials.net.Fetched;
import eu.federator.credentials.net.ResourceFetcher;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Resolves did:web (through a {@link ResourceFetcher}, so the outbound policy or a web mirror applies), did:key
 * and did:jwk, and caches resolved documents for a time to live (at most 1000 documents; failures are not
 * cached). A fragment or query on the input is ignored: {@code did:web:example.com#key-1} resolves
 * {@code did:web:example.com}.
 */
public final class DidResolvers implements DidResolver {

    private static final Pattern DID = Pattern.compile("did:([a-z0-9]+):(.+)");
    private static final int CACHE_ENTRIES = 1000;
    static final String ACCEPT = "application/did+json, application/did+ld+json, application/ld+json;q=0.9, application/json;q=0.8";

    private final ResourceFetcher fetcher;
    private final TtlCache<String, DidDocument> cache;

    private DidResolvers(ResourceFetcher fetcher, Duration ttl) {
        this.fetcher = Objects.requireNonNull(fetcher, "fetcher");
        this.cache = new TtlCache<>(ttl, CACHE_ENTRIES);
    }

    /**
     * @param fetcher fetches did:web documents (a {@code GuardedHttpClient} or a {@code WebMirror})
     * @param ttl     how long a resolved document is reused; {@link Duration#ZERO} disables caching
     */
    public static DidResolvers standard(ResourceFetcher fetcher, Duration ttl) {
        return new DidResolvers(fetcher, ttl);
    }

    @Override
    public DidDocument resolve(String did) throws DidResolutionException {
        if (did == null || did.isBlank()) {
            throw new DidResolutionException("no DID given");
        }
        String bare = did;
        int cut = firstIndex(bare, '#', '?');
        if (cut >= 0) {
            bare = bare.substring(0, cut);
        }
        var matcher = DID.matcher(bare);
        if (!matcher.matches()) {
            throw new DidResolutionException("not a DID: " + DidKeys.shorten(did) + " (expected did:<method>:<id>)");
        }
        DidDocument cached = cache.get(bare);
        if (cached != null) {
            return cached;
        }
        String method = matcher.group(1);
        DidDocument document = switch (method) {
            case "web" -> didWeb(bare);
            case "key" -> DidKeys.didKey(bare);
            case "jwk" -> DidKeys.didJwk(bare);
            default -> throw new DidResolutionException("unsupported DID method \"" + method + "\" (" + DidKeys.shorten(bare)
                    + "); supported: web, key, jwk");
        };
        cache.put(bare, document);
        return document;
    }

    private DidDocument didWeb(String did) throws DidResolutionException {
        URI uri;
        try {
            uri = DidWeb.documentUri(did);
        } catch (IllegalArgumentException e) {
            throw new DidResolutionException("malformed did:web: " + e.getMessage(), e);
        }
        Fetched fetched;
        try {
            fetched = fetcher.fetch(uri, ACCEPT);
        } catch (FetchException e) {
            throw new DidResolutionException("cannot resolve " + did + ": " + e.getMessage(), e);
        }
        return DidDocuments.parse(fetched.body(), did, uri.toString());
    }

    private static int firstIndex(String s, char a, char b) {
        int i = s.indexOf(a);
        int j = s.indexOf(b);
        return i < 0 ? j : j < 0 ? i : Math.min(i, j);
    }
}
