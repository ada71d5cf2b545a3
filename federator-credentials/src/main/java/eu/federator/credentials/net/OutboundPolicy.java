package eu.federator.credentials.net;

import java.time.Duration;
import java.util.Objects;

/**
 * What Federator's outbound fetches may do. {@link #defaults()} is the production policy; {@link #lab()}
 * derives the variant for tests and labs (plain http and private/loopback targets allowed, same limits).
 *
 * @param httpsOnly            refuse {@code http://} (property {@code federator.net.allow-http} inverts it)
 * @param allowPrivateNetworks allow loopback, private, link-local, CGNAT, unique-local, multicast and unspecified
 *                             targets (property {@code federator.net.allow-private-networks})
 * @param maxBytes             largest accepted response body, enforced while reading
 * @param connectTimeout       TCP/TLS connect limit
 * @param requestTimeout       limit for one request, from sending it to the last body byte
 * @param maxRedirects         redirects followed (each target is checked again); 0 follows none
 * @param cacheTtl             how long a successful answer is reused; {@link Duration#ZERO} disables the cache
 */
public record OutboundPolicy(boolean httpsOnly, boolean allowPrivateNetworks, long maxBytes, Duration connectTimeout,
                             Duration requestTimeout, int maxRedirects, Duration cacheTtl) {

    public OutboundPolicy {
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        Objects.requireNonNull(cacheTtl, "cacheTtl");
        if (maxBytes <= 0 || maxBytes > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("maxBytes must be between 1 and " + (Integer.MAX_VALUE - 8) + ": " + maxBytes);
        }
        if (connectTimeout.isNegative() || connectTimeout.isZero() || requestTimeout.isNegative() || requestTimeout.isZero()) {
            throw new IllegalArgumentException("timeouts must be positive");
        }
        if (maxRedirects < 0) {
            throw new IllegalArgumentException("maxRedirects must not be negative: " + maxRedirects);
        }
        if (cacheTtl.isNegative()) {
            throw new IllegalArgumentException("cacheTtl must not be negative: " + cacheTtl);
        }
    }

    /** https only, no private targets, 2 MiB, connect 5 s, request 10 s, 3 redirects, cache 10 min. */
    public static OutboundPolicy defaults() {
        return new OutboundPolicy(true, false, 2L * 1024 * 1024, Duration.ofSeconds(5), Duration.ofSeconds(10), 3,
                Duration.ofMinutes(10));
    }

    /** The defaults with plain http and private/loopback targets allowed: for tests and lab deployments. */
    public static OutboundPolicy lab() {
        return defaults().withHttpsOnly(false).withAllowPrivateNetworks(true);
    }

    public OutboundPolicy withHttpsOnly(boolean value) {
        return new OutboundPolicy(value, allowPrivateNetworks, maxBytes, connectTimeout, requestTimeout, maxRedirects, cacheTtl);
    }

    public OutboundPolicy withAllowPrivateNetworks(boolean value) {
        return new OutboundPolicy(httpsOnly, value, maxBytes, connectTimeout, requestTimeout, maxRedirects, cacheTtl);
    }

    public OutboundPolicy withMaxBytes(long value) {
        return new OutboundPolicy(httpsOnly, allowPrivateNetworks, value, connectTimeout, requestTimeout, maxRedirects, cacheTtl);
    }

    public OutboundPolicy withTimeouts(Duration connect, Duration request) {
        return new OutboundPolicy(httpsOnly, allowPrivateNetworks, maxBytes, connect, request, maxRedirects, cacheTtl);
    }

    public OutboundPolicy withMaxRedirects(int value) {
        return new OutboundPolicy(httpsOnly, allowPrivateNetworks, maxBytes, connectTimeout, requestTimeout, value, cacheTtl);
    }

    public OutboundPolicy withCacheTtl(Duration value) {
        return new OutboundPolicy(httpsOnly, allowPrivateNetworks, maxBytes, connectTimeout, requestTimeout, maxRedirects, value);
    }
}
