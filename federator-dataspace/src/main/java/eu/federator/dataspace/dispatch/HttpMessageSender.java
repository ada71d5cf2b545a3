package eu.federator.dataspace.dispatch;

import eu.federator.dataspace.outbox.OutboxMessage;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;

/**
 * Sends outbox messages as DSP does: {@code POST} of the stored JSON-LD body to the message's target URL with the
 * caller's {@code Authorization} header. 2xx is delivered; 408, 409, 429, 5xx, timeouts and I/O errors are retried; any
 * other status is a permanent refusal (the counter-party said the message is invalid, unknown or not allowed). 409 is
 * retried because EDC answers it to a message that arrives while it is still sending its own previous one (e.g. a
 * verification before it recorded that its agreement was delivered); the conflict resolves once it has.
 */
public final class HttpMessageSender implements MessageSender {
    private static final int MAX_REASON_BODY = 500;

    private final HttpClient client;
    private final TokenSource tokens;
    private final Duration requestTimeout;

    /**
     * @param connectTimeout limit for establishing the connection
     * @param requestTimeout limit for the whole exchange, from sending to the response's headers
     */
    public HttpMessageSender(TokenSource tokens, Duration connectTimeout, Duration requestTimeout) {
        this.tokens = Objects.requireNonNull(tokens, "tokens");
        this.requestTimeout = Objects.requireNonNull(requestTimeout, "requestTimeout");
        // redirects are not followed: a DSP callback that redirects is misconfigured, and the token must not travel on
        this.client = HttpClient.newBuilder().connectTimeout(connectTimeout).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** 5 s to connect, 30 s for the exchange. */
    public HttpMessageSender(TokenSource tokens) {
        this(tokens, Duration.ofSeconds(5), Duration.ofSeconds(30));
    }

    @Override
    public SendResult send(OutboxMessage message) {
        String target = message.entry().targetUrl();
        String authorization = tokens.authorization(message);
        if (authorization == null) {
            // the token source could not issue one now (e.g. no key yet): try again later rather than send unauthenticated
            return new SendResult.RetryLater("no Authorization for " + message.entry().messageType() + " to " + target
                    + ": the token source gave none");
        }
        HttpRequest request;
        try {
            request = HttpRequest.newBuilder(URI.create(target))
                    .timeout(requestTimeout)
                    .header("Content-Type", "application/json")
                    .header("Authorization", authorization)
                    .POST(HttpRequest.BodyPublishers.ofString(message.entry().body(), StandardCharsets.UTF_8))
                    .build();
        } catch (IllegalArgumentException e) {
            return new SendResult.Rejected("cannot send " + message.entry().messageType() + " to '" + target + "': " + e.getMessage());
        }
        HttpResponse<String> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (HttpTimeoutException e) {
            return new SendResult.RetryLater("POST " + target + " timed out: " + e.getMessage());
        } catch (IOException e) {
            return new SendResult.RetryLater("POST " + target + " failed: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new SendResult.RetryLater("POST " + target + " interrupted (shutting down)");
        }
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            return new SendResult.Sent(response.body());
        }
        String reason = "POST " + target + " answered " + status + abbreviated(response.body());
        return status == 408 || status == 409 || status == 429 || status >= 500 ? new SendResult.RetryLater(reason)
                : new SendResult.Rejected(reason);
    }

    private static String abbreviated(String body) {
        if (body == null || body.isBlank()) {
            return "";
        }
        String b = body.strip();
        return ": " + (b.length() > MAX_REASON_BODY ? b.substring(0, MAX_REASON_BODY) + "…" : b);
    }
}
