package eu.federator.credentials.net;

import eu.federator.credentials.internal.TtlCache;

import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

/**
 * The outbound HTTP client for DID documents, certificate chains, CRLs, status lists and allow-listed contexts,
 * guarded against server-side request forgery and resource exhaustion according to an {@link OutboundPolicy}.
 *
 * <ul>
 *   <li>Scheme: https only unless the policy allows http; URIs with user info are refused.</li>
 *   <li>Target: the host is resolved and <em>every</em> address it resolves to must be public unicast: loopback,
 *   private (10/8, 172.16/12, 192.168/16), link-local (169.254/16 including cloud metadata, fe80::/10), CGNAT
 *   100.64/10, unique-local fc00::/7, unspecified, multicast, reserved ranges and IPv4-mapped/-compatible, NAT64
 *   and 6to4 forms of those are refused unless {@link OutboundPolicy#allowPrivateNetworks()}.</li>
 *   <li>Redirects are followed by hand, at most {@link OutboundPolicy#maxRedirects()}, each target checked again;
 *   an https to http downgrade is refused when https is required.</li>
 *   <li>The body limit is enforced while the body streams in (the connection is dropped once it is exceeded);
 *   the request timeout covers the whole exchange including the body.</li>
 *   <li>Successful answers are cached for {@link OutboundPolicy#cacheTtl()} (at most 1024 entries).</li>
 * </ul>
 *
 * <p><b>Residual DNS-rebinding risk.</b> The JDK {@link HttpClient} cannot be told which address to connect to,
 * so it resolves the host again after the check. Both lookups go through the JVM's address cache
 * ({@code networkaddress.cache.ttl}, 30 s by default), so the connection normally uses exactly the vetted
 * addresses; an attacker-controlled name whose cache entry expires between the check and the connect (a window
 * of milliseconds) could still be rebound. Deployments that need a hard guarantee should additionally restrict
 * egress at the network level (egress proxy or firewall).
 */
public final class GuardedHttpClient implements ResourceFetcher {

    /** Resolves host names; replaceable in tests. */
    @FunctionalInterface
    interface HostResolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    private static final int CACHE_ENTRIES = 1024;

    private final OutboundPolicy policy;
    private final HttpClient client;
    private final UriGuard guard;
    private final TtlCache<String, Fetched> cache;

    public GuardedHttpClient(OutboundPolicy policy) {
        this(policy, defaultSslContext());
    }

    /** @param sslContext TLS trust for the fetched servers, e.g. a lab CA; the JDK default otherwise */
    public GuardedHttpClient(OutboundPolicy policy, SSLContext sslContext) {
        this(policy, sslContext, InetAddress::getAllByName, address -> false);
    }

    /** For tests: a fake resolver, and addresses exempt from the private-network rule (one loopback server). */
    GuardedHttpClient(OutboundPolicy policy, SSLContext sslContext, HostResolver resolver, Predicate<InetAddress> exempt) {
        this.policy = Objects.requireNonNull(policy, "policy");
        this.guard = new UriGuard(policy, resolver, exempt);
        this.client = HttpClient.newBuilder()
                .sslContext(sslContext)
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(policy.connectTimeout())
                // HTTP/1.1: no h2c upgrade attempts and no HTTP/2 connection coalescing across host names
                .version(HttpClient.Version.HTTP_1_1)
                .proxy(HttpClient.Builder.NO_PROXY)
                .build();
        this.cache = new TtlCache<>(policy.cacheTtl(), CACHE_ENTRIES);
    }

    public OutboundPolicy policy() {
        return policy;
    }

    @Override
    public Fetched fetch(URI uri, String accept) throws FetchException {
        Objects.requireNonNull(uri, "uri");
        URI target = withoutFragment(uri);
        String cacheKey = target + " " + accept;
        Fetched cached = cache.get(cacheKey);
        if (cached != null) {
            return copy(cached);
        }
        URI current = target;
        for (int hop = 0; ; hop++) {
            guard.vet(current, target);
            Exchange exchange = exchange(current, accept, target);
            int status = exchange.status();
            if (status >= 300 && status < 400 && exchange.location().isPresent()) {
                if (hop >= policy.maxRedirects()) {
                    throw new FetchException(describe(target) + ": too many redirects (more than "
                            + policy.maxRedirects() + "); last one from " + current + " to " + exchange.location().get());
                }
                current = redirectTarget(current, exchange.location().get(), target);
                continue;
            }
            if (status < 200 || status >= 300) {
                throw new FetchException(describe(target) + " answered HTTP " + status
                        + (current.equals(target) ? "" : " (at " + current + ")"));
            }
            Fetched fetched = new Fetched(current, exchange.contentType(), exchange.body());
            cache.put(cacheKey, fetched);
            return copy(fetched);
        }
    }

    private record Exchange(int status, Optional<String> location, String contentType, byte[] body) {
    }

    private Exchange exchange(URI uri, String accept, URI original) throws FetchException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).GET().timeout(policy.requestTimeout());
        if (accept != null && !accept.isBlank()) {
            request.header("Accept", accept);
        }
        CompletableFuture<HttpResponse<byte[]>> future = client.sendAsync(request.build(), info ->
                info.statusCode() >= 200 && info.statusCode() < 300
                        ? new LimitedBody(policy.maxBytes())
                        : new LimitedBody(0)); // error and redirect bodies are not needed: drop the connection
        HttpResponse<byte[]> response;
        try {
            response = future.get(policy.requestTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new FetchException(describe(original) + ": no complete answer within " + seconds(policy.requestTimeout()), e);
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new FetchException(describe(original) + ": interrupted", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof BodyTooLarge) {
                throw new FetchException(describe(original) + ": the response is larger than the limit of "
                        + policy.maxBytes() + " bytes", cause);
            }
            if (cause instanceof HttpConnectTimeoutException) {
                throw new FetchException(describe(original) + ": could not connect within " + seconds(policy.connectTimeout()), cause);
            }
            if (cause instanceof HttpTimeoutException) {
                throw new FetchException(describe(original) + ": no answer within " + seconds(policy.requestTimeout()), cause);
            }
            throw new FetchException(describe(original) + ": request to " + uri + " failed: " + cause, cause);
        }
        byte[] body = response.body() == null ? new byte[0] : response.body();
        String contentType = response.headers().firstValue("Content-Type").orElse(null);
        return new Exchange(response.statusCode(), response.headers().firstValue("Location"), contentType, body);
    }

    private URI redirectTarget(URI from, String location, URI original) throws FetchException {
        try {
            URI next = withoutFragment(from.resolve(new URI(location.trim())));
            if (policy.httpsOnly() && "https".equalsIgnoreCase(from.getScheme()) && "http".equalsIgnoreCase(next.getScheme())) {
                throw new FetchException("refused " + describe(original) + ": redirect from https to plain http (" + next + ")");
            }
            return next;
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw new FetchException(describe(original) + ": invalid redirect location \"" + location + "\" from " + from, e);
        }
    }

    static String describeHop(URI hop, URI original) {
        return hop.equals(original) ? hop.toString() : original + " (redirected to " + hop + ")";
    }

    static String describe(URI uri) {
        return uri.toString();
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }

    static URI withoutFragment(URI uri) {
        if (uri.getRawFragment() == null) {
            return uri;
        }
        String s = uri.toString();
        return URI.create(s.substring(0, s.indexOf('#')));
    }

    private static Fetched copy(Fetched f) {
        return new Fetched(f.uri(), f.contentType(), f.body().clone());
    }

    private static SSLContext defaultSslContext() {
        try {
            return SSLContext.getDefault();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("no default TLS context", e);
        }
    }

    static final class BodyTooLarge extends IOException {
        BodyTooLarge(long limit) {
            super("response body exceeds " + limit + " bytes");
        }
    }

}
