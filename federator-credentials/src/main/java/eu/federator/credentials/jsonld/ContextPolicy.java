package eu.federator.credentials.jsonld;

import eu.federator.credentials.net.ResourceFetcher;

import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which JSON-LD contexts may be used besides the bundled ones. A context decides which claims end up in the
 * signed N-Quads, so an unknown context URL fails closed; an operator can allow-list a URL, which is then
 * fetched once through {@code fetcher} (with its outbound guards) and cached for the life of the
 * {@link LinkedData} instance.
 *
 * @param allowedRemoteContexts context URLs that may be fetched; a {@code #fragment} is ignored
 * @param fetcher               how allow-listed contexts are fetched; may be null only if nothing is allow-listed
 */
public record ContextPolicy(Set<String> allowedRemoteContexts, ResourceFetcher fetcher) {

    /** The configuration key that operators use to allow-list contexts; named in error messages. */
    public static final String ALLOWED_CONTEXTS_PROPERTY = "federator.trust.allowed-contexts";

    public ContextPolicy {
        Objects.requireNonNull(allowedRemoteContexts, "allowedRemoteContexts");
        allowedRemoteContexts = allowedRemoteContexts.stream()
                .map(ContextPolicy::withoutFragment)
                .collect(Collectors.toUnmodifiableSet());
        if (!allowedRemoteContexts.isEmpty() && fetcher == null) {
            throw new IllegalArgumentException("allow-listed JSON-LD contexts need a ResourceFetcher to be fetched");
        }
    }

    /** Bundled contexts only; nothing is ever fetched. */
    public static ContextPolicy offline() {
        return new ContextPolicy(Set.of(), null);
    }

    boolean allows(String urlWithoutFragment) {
        return allowedRemoteContexts.contains(urlWithoutFragment);
    }

    static String withoutFragment(String url) {
        int hash = url.indexOf('#');
        return hash < 0 ? url : url.substring(0, hash);
    }
}
