package eu.federator.credentials.net;

import javax.net.ssl.SSLContext;
import java.io.Closeable;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
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
import java.util.OptionalLong;
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
        HttpResponse<byte[]> response = await(client.sendAsync(request.build(), info -> new LimitedBody(policy.maxBytes())), uri, limit,
                "no complete answer");
        return new Response(response.statusCode(), lowerCaseHeaders(response), response.body() == null ? new byte[0] : response.body());
    }

    /** The answer of {@code future} within {@code limit}, or a {@link FetchException} that says what went wrong. */
    private <T> HttpResponse<T> await(CompletableFuture<HttpResponse<T>> future, URI uri, Duration limit, String whatWasLate)
            throws FetchException {
        try {
            return future.get(limit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new FetchException(uri + ": " + whatWasLate + " within " + millis(limit), e);
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
    }

    private static Map<String, List<String>> lowerCaseHeaders(HttpResponse<?> response) {
        Map<String, List<String>> headers = new java.util.HashMap<>();
        response.headers().map().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), v));
        return Map.copyOf(headers);
    }

    /**
     * One answer whose body is read as it arrives: the status, the response headers (names in lower case) and the body
     * as a stream. The stream fails with an {@link IOException} once it exceeds the policy's body limit or once the time
     * limit of the exchange has passed. Close it (or read it to the end) to free the connection.
     */
    public static final class Streamed implements Closeable {
        private final int status;
        private final Map<String, List<String>> headers;
        private final LimitedStream body;

        Streamed(int status, Map<String, List<String>> headers, LimitedStream body) {
            this.status = status;
            this.headers = headers;
            this.body = body;
        }

        public int status() {
            return status;
        }

        public Optional<String> header(String name) {
            List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
            return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.getFirst());
        }

        /** The declared length of the body, if the server declared one. */
        public OptionalLong contentLength() {
            try {
                return header("content-length").map(v -> OptionalLong.of(Long.parseLong(v.trim()))).orElse(OptionalLong.empty());
            } catch (NumberFormatException e) {
                return OptionalLong.empty();
            }
        }

        public InputStream body() {
            return body;
        }

        @Override
        public void close() throws IOException {
            body.close();
        }
    }

    /**
     * Sends one request and returns as soon as the answer's headers are in, with the body still to be read: for bodies
     * that should flow through (a data plane) rather than be held in memory. The same checks as {@link #send} apply;
     * the time limit covers the whole exchange, the body included (the stream is closed when it passes), and the body
     * limit is the policy's {@link OutboundPolicy#maxBytes()}. Every status is returned, as by {@link #send}.
     *
     * @param body    what to send (e.g. {@link HttpRequest.BodyPublishers#ofInputStream}); null for none
     * @param timeout the limit for the whole exchange; null for the policy's request timeout
     * @throws FetchException when the target is refused by the policy, cannot be reached or does not answer in time
     */
    public Streamed stream(String method, URI uri, Map<String, String> headers, HttpRequest.BodyPublisher body, Duration timeout)
            throws FetchException {
        Objects.requireNonNull(uri, "uri");
        Duration limit = timeout == null ? policy.requestTimeout() : timeout;
        long deadline = System.nanoTime() + limit.toNanos();
        guard.vet(uri, uri);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(limit)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : body);
        headers.forEach(request::header);
        HttpResponse<InputStream> response = await(client.sendAsync(request.build(), HttpResponse.BodyHandlers.ofInputStream()), uri, limit,
                "no answer");
        LimitedStream stream = new LimitedStream(response.body(), policy.maxBytes(), limit);
        long left = deadline - System.nanoTime();
        // the JDK's time limit ends with the headers: the body's is enforced by closing the stream when it passes
        CompletableFuture.runAsync(stream::expire, CompletableFuture.delayedExecutor(Math.max(0, left), TimeUnit.NANOSECONDS));
        return new Streamed(response.statusCode(), lowerCaseHeaders(response), stream);
    }

    /** A response body that counts what is read, and that a timer can close. */
    static final class LimitedStream extends FilterInputStream {
        private final long limit;
        private final Duration time;
        private long count;
        private volatile boolean expired;
        private volatile boolean closed;

        LimitedStream(InputStream in, long limit, Duration time) {
            super(in);
            this.limit = limit;
            this.time = time;
        }

        void expire() {
            if (closed) {
                return;
            }
            expired = true;
            try {
                in.close();
            } catch (IOException ignored) {
                // closing only unblocks a reader
            }
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            check();
            int n;
            try {
                n = in.read(b, off, len);
            } catch (IOException e) {
                check();
                throw e;
            }
            if (n > 0) {
                count += n;
                if (count > limit) {
                    close();
                    throw new IOException("the response is larger than the limit of " + limit + " bytes");
                }
            }
            check();
            return n;
        }

        private void check() throws IOException {
            if (expired) {
                throw new IOException("the response was not complete within " + millis(time));
            }
        }

        @Override
        public long skip(long n) throws IOException {
            byte[] buffer = new byte[(int) Math.min(8192, Math.max(0, n))];
            int read = read(buffer, 0, buffer.length);
            return Math.max(read, 0);
        }

        @Override
        public void close() throws IOException {
            closed = true;
            in.close();
        }
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
