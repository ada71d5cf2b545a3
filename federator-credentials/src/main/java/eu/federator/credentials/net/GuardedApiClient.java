package eu.federator.credentials.net;

import javax.net.ssl.SSLContext;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Calls to third-party HTTP APIs (registers such as VIES, GLEIF, EU EOS) under the same {@link OutboundPolicy} as
 * {@link GuardedHttpClient}: scheme, user-info and private-address rules, connect and whole-exchange time limits, a body
 * limit enforced while reading. Unlike the fetcher it sends any method with a body, returns every status with its
 * body (an API's error answer is information, e.g. a SOAP fault), caches nothing and follows no redirects.
 */
public final class GuardedApiClient {

    /** One answer: the status, the response headers (names in lower case) and the body. */
    public record Response(int status, Map<String, List<String>> headers, byte[] body) {
        public Optional<String> header(String name) {
            List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
            return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.getFirst());
        }

        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private final OutboundPolicy policy;
    private final UriGuard guard;
    private final HttpClient client;

    public GuardedApiClient(OutboundPolicy policy) {
        this(policy, defaultSslContext());
    }

    public GuardedApiClient(OutboundPolicy policy, SSLContext sslContext) {
        this.policy = Objects.requireNonNull(policy, "policy");
        this.guard = new UriGuard(policy, InetAddress::getAllByName, address -> false);
        this.client = HttpClient.newBuilder()
                .sslContext(sslContext)
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(policy.connectTimeout())
                .version(HttpClient.Version.HTTP_1_1)
                .proxy(HttpClient.Builder.NO_PROXY)
                .build();
    }

    public OutboundPolicy policy() {
        return policy;
    }

    /**
     * Sends one request.
     *
     * @param method  GET, POST, ...
     * @param body    null for none
     * @param timeout the limit for the whole exchange; null for the policy's request timeout
     * @throws FetchException when the target is refused by the policy, cannot be reached, does not answer in time or
     *                        answers more than the body limit; the message says which
     */
    public Response send(String method, URI uri, Map<String, String> headers, byte[] body, Duration timeout) throws FetchException {
        Objects.requireNonNull(uri, "uri");
        Duration limit = timeout == null ? policy.requestTimeout() : timeout;
        guard.vet(uri, uri);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(limit)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(request::header);
        CompletableFuture<HttpResponse<byte[]>> future = client.sendAsync(request.build(), info -> new LimitedBody(policy.maxBytes()));
        HttpResponse<byte[]> response;
        try {
            response = future.get(limit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new FetchException(uri + ": no complete answer within " + millis(limit), e);
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new FetchException(uri + ": interrupted", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof GuardedHttpClient.BodyTooLarge) {
                throw new FetchException(uri + ": the response is larger than the limit of " + policy.maxBytes() + " bytes", cause);
            }
            if (cause instanceof HttpConnectTimeoutException) {
                throw new FetchException(uri + ": could not connect within " + millis(policy.connectTimeout()), cause);
            }
            if (cause instanceof HttpTimeoutException) {
                throw new FetchException(uri + ": no answer within " + millis(limit), cause);
            }
            throw new FetchException(uri + ": request failed: " + cause, cause);
        }
        Map<String, List<String>> responseHeaders = new java.util.HashMap<>();
        response.headers().map().forEach((k, v) -> responseHeaders.put(k.toLowerCase(Locale.ROOT), v));
        return new Response(response.statusCode(), Map.copyOf(responseHeaders), response.body() == null ? new byte[0] : response.body());
    }

    private static String millis(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }

    private static SSLContext defaultSslContext() {
        try {
            return SSLContext.getDefault();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("no default TLS context", e);
        }
    }

}
